//! The bench's result tables, in Markdown so they can be pasted into `docs/benchmarks.md` as they are.

use std::fmt::Write as _;
use std::time::Duration;

use super::{seconds, Build, DocumentResult, Generation, Series, Tool};

/// The result tables, in Markdown so they can be pasted into docs/benchmarks.md as they are.
pub(super) fn report(results: &[DocumentResult], runs: usize) -> String {
    let mut out = String::new();
    let cell = |result: &DocumentResult, tool: Tool| match find(result, tool) {
        Some((Generation::Done { series, .. }, _)) => {
            format!("{} / {}", seconds(series.best), seconds(series.median))
        }
        Some((Generation::Failed(message), _)) => format!("failed: {message}"),
        Some((Generation::Skipped, _)) | None => "not run".to_owned(),
    };

    let _ = writeln!(
        out,
        "Generation, wall time best / median of {runs} runs (each generator a child process)\n"
    );
    let _ = writeln!(
        out,
        "| document | size | parse only (ours) | ours | ours per MB (target ≤ 75 ms) | progenitor | ploidy | ours ÷ parse | progenitor ÷ ours | ploidy ÷ ours |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for result in results {
        let ours = series(result, Tool::Ours);
        let versus = |tool: Tool| match (series(result, tool), ours) {
            (Some(peer), Some(ours)) => ratio(peer.best, ours.best),
            _ => "-".to_owned(),
        };
        let over_parse = match (ours, &result.parse) {
            (Some(ours), Some(parse)) => ratio(ours.best, parse.best),
            _ => "-".to_owned(),
        };
        // Best run over the file's size in megabytes (10^6 bytes), as the rule counts it.
        let per_megabyte = match ours {
            Some(ours) if result.size_bytes > 0 => format!(
                "{:.0} ms",
                ours.best.as_secs_f64() * 1e3 / (result.size_bytes as f64 / 1e6)
            ),
            _ => "-".to_owned(),
        };
        let _ = writeln!(
            out,
            "| {} | {:.2} MB | {} | {} | {} | {} | {} | {} | {} | {} |",
            result.name,
            result.size_bytes as f64 / 1e6,
            result
                .parse
                .as_ref()
                .map(|s| format!("{} / {}", seconds(s.best), seconds(s.median)))
                .unwrap_or_else(|| "failed".to_owned()),
            cell(result, Tool::Ours),
            per_megabyte,
            cell(result, Tool::Progenitor),
            cell(result, Tool::Ploidy),
            over_parse,
            versus(Tool::Progenitor),
            versus(Tool::Ploidy),
        );
    }

    let _ = writeln!(
        out,
        "\nPeak memory (max RSS of the child, highest of the runs)\n"
    );
    let _ = writeln!(
        out,
        "| document | size | parse only | ours | ours ÷ parse only (target ≤ 1.5x) | ours ÷ size | progenitor | ploidy |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---:|");
    for result in results {
        let memory = |tool: Tool| {
            series(result, tool)
                .map(|s| mib(s.max_rss_kib))
                .unwrap_or_else(|| "-".to_owned())
        };
        let per_size = series(result, Tool::Ours)
            .map(|s| {
                format!(
                    "{:.1}x",
                    (s.max_rss_kib * 1024) as f64 / result.size_bytes as f64
                )
            })
            .unwrap_or_else(|| "-".to_owned());
        let per_loader = match (series(result, Tool::Ours), &result.parse) {
            (Some(ours), Some(parse)) if parse.max_rss_kib > 0 => {
                format!("{:.2}x", ours.max_rss_kib as f64 / parse.max_rss_kib as f64)
            }
            _ => "-".to_owned(),
        };
        let _ = writeln!(
            out,
            "| {} | {:.2} MB | {} | {} | {} | {} | {} | {} |",
            result.name,
            result.size_bytes as f64 / 1e6,
            result
                .parse
                .as_ref()
                .map(|s| mib(s.max_rss_kib))
                .unwrap_or_else(|| "-".to_owned()),
            memory(Tool::Ours),
            per_loader,
            per_size,
            memory(Tool::Progenitor),
            memory(Tool::Ploidy),
        );
    }

    let _ = writeln!(
        out,
        "\nGenerated code: lines of Rust, and the debug `cargo build` of the crate alone (dependencies built, sources touched)\n"
    );
    let _ = writeln!(
        out,
        "| document | lines ours | lines progenitor | lines ploidy | build ours | build progenitor | build ploidy | ours ÷ progenitor | ours ÷ ploidy |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for result in results {
        let lines = |tool: Tool| match find(result, tool) {
            Some((Generation::Done { lines, .. }, _)) => lines.to_string(),
            _ => "-".to_owned(),
        };
        let build_time = |tool: Tool| match find(result, tool) {
            Some((_, Build::Done(time))) => Some(*time),
            _ => None,
        };
        let build_cell = |tool: Tool| match find(result, tool) {
            Some((_, Build::Done(time))) => seconds(*time),
            Some((_, Build::Failed(message))) => format!("failed: {message}"),
            _ => "-".to_owned(),
        };
        let versus = |tool: Tool| match (build_time(Tool::Ours), build_time(tool)) {
            (Some(ours), Some(peer)) => ratio(ours, peer),
            _ => "-".to_owned(),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            result.name,
            lines(Tool::Ours),
            lines(Tool::Progenitor),
            lines(Tool::Ploidy),
            build_cell(Tool::Ours),
            build_cell(Tool::Progenitor),
            build_cell(Tool::Ploidy),
            versus(Tool::Progenitor),
            versus(Tool::Ploidy),
        );
    }
    if results
        .iter()
        .any(|result| series(result, Tool::Before).is_some())
    {
        let _ = writeln!(
            out,
            "\nAgainst the `--before` build of our generator (the same runs, best / median; peak memory)\n"
        );
        let _ = writeln!(
            out,
            "| document | ours | before | ours ÷ before | memory ours | memory before |"
        );
        let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|");
        for result in results {
            let (ours, before) = (series(result, Tool::Ours), series(result, Tool::Before));
            let memory = |series: Option<&Series>| {
                series
                    .map(|s| mib(s.max_rss_kib))
                    .unwrap_or_else(|| "-".to_owned())
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                result.name,
                cell(result, Tool::Ours),
                cell(result, Tool::Before),
                match (ours, before) {
                    (Some(ours), Some(before)) => ratio(ours.best, before.best),
                    _ => "-".to_owned(),
                },
                memory(ours),
                memory(before),
            );
        }
    }
    out
}

fn find(result: &DocumentResult, tool: Tool) -> Option<(&Generation, &Build)> {
    result
        .generations
        .iter()
        .find(|(t, _, _)| *t == tool)
        .map(|(_, generation, build)| (generation, build))
}

fn series(result: &DocumentResult, tool: Tool) -> Option<&Series> {
    match find(result, tool) {
        Some((Generation::Done { series, .. }, _)) => Some(series),
        _ => None,
    }
}

fn ratio(numerator: Duration, denominator: Duration) -> String {
    let denominator = denominator.as_secs_f64();
    if denominator == 0.0 {
        return "-".to_owned();
    }
    format!("{:.2}x", numerator.as_secs_f64() / denominator)
}

fn mib(kib: u64) -> String {
    format!("{:.0} MiB", kib as f64 / 1024.0)
}
