//! Columns of byte offsets in JSON text, counted in characters. A minified document is one line of tens of
//! megabytes, and counting the characters from the line's start for each diagnostic made locating Microsoft Graph
//! beta's 900 warnings take seconds; the text is counted once, in blocks, and a lookup counts within one block.

/// How many bytes each checkpoint covers: a lookup counts at most this many twice.
const BLOCK: usize = 512;

/// The line starts of a text and the number of characters before each block of it.
#[derive(Debug)]
pub(super) struct Columns {
    line_starts: Vec<usize>,
    /// `chars_before_block[i]` is the number of characters in `text[..i * BLOCK]`.
    chars_before_block: Vec<usize>,
}

impl Columns {
    pub(super) fn of(text: &str) -> Self {
        let mut line_starts = vec![0];
        // `match_indices` finds a one-byte character with `memchr`, many bytes a step.
        line_starts.extend(text.match_indices('\n').map(|(at, _)| at + 1));
        let mut chars_before_block = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut chars = 0;
        for block in text.as_bytes().chunks(BLOCK) {
            chars_before_block.push(chars);
            chars += count_chars(block);
        }
        Columns {
            line_starts,
            chars_before_block,
        }
    }

    /// The line and column (both from 1) of `offset`; `None` when it is not at a character of `text`.
    pub(super) fn line_column(&self, text: &str, offset: usize) -> Option<(usize, usize)> {
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        // The same check as slicing the line up to `offset`: both ends must be character boundaries.
        text.get(start..offset)?;
        let column = self.chars_before(text, offset) - self.chars_before(text, start) + 1;
        Some((line, column))
    }

    /// The number of characters in `text[..offset]`, `offset` being a character boundary.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let block = offset / BLOCK;
        match self.chars_before_block.get(block) {
            Some(&before) => before + count_chars(&text.as_bytes()[block * BLOCK..offset]),
            // Only `offset == text.len()` on a block boundary (or an empty text) gets here.
            None => {
                self.chars_before_block.last().copied().unwrap_or(0)
                    + count_chars(&text.as_bytes()[(block.saturating_sub(1)) * BLOCK..offset])
            }
        }
    }
}

/// The characters in UTF-8 bytes that start and end on character boundaries: every byte but continuation bytes.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_across_blocks() {
        let mut text = String::new();
        for i in 0..3 * BLOCK {
            text.push(if i % 7 == 0 { 'é' } else { 'a' });
            if i % 1000 == 999 {
                text.push('\n');
            }
        }
        let columns = Columns::of(&text);
        let offsets = text.char_indices().map(|(i, _)| i).chain([text.len()]);
        for offset in offsets.step_by(37).chain([text.len(), 0]) {
            let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let line = text[..offset].matches('\n').count() + 1;
            let column = text[start..offset].chars().count() + 1;
            assert_eq!(columns.line_column(&text, offset), Some((line, column)));
        }
        assert_eq!(columns.line_column("é", 1), None);
    }
}
