//! Responses that are a sequence of values delivered as they are produced: server-sent events
//! (`text/event-stream`, parsed by the rules of the HTML standard), JSON Lines (`application/jsonl`,
//! `application/x-ndjson`) and JSON text sequences (`application/json-seq`, RFC 7464). Each value is decoded
//! as it completes, however the bytes were split into chunks.

use std::collections::VecDeque;
use std::pin::Pin;
use std::time::Duration;

use serde::de::DeserializeOwned;

use super::decode::mismatch;
use super::error::{content_type, DecodeError};
use super::transport::TransportError;
use super::{Error, StatusCode};

/// One server-sent event, its `data` decoded as `T`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Event<T> {
    /// The `event` field: the event's type, when the server names one (the standard's default is `message`).
    pub event: Option<String>,
    /// The last event id the server set (it persists across events, as a reconnecting client sends it back in
    /// `Last-Event-ID`).
    pub id: Option<String>,
    /// The reconnection time the server asked for, when it did.
    pub retry: Option<Duration>,
    /// The event's data, decoded.
    pub data: T,
}

/// Server-sent events as they arrive.
pub type EventStream<T, E> =
    Pin<Box<dyn futures_util::Stream<Item = Result<Event<T>, Error<E>>> + Send>>;

/// JSON values of a JSON Lines or JSON text sequence body as they arrive.
pub type ItemStream<T, E> = Pin<Box<dyn futures_util::Stream<Item = Result<T, Error<E>>> + Send>>;

/// How the values of a sequential body are separated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    /// One JSON value per line (`application/jsonl`, `application/x-ndjson`).
    JsonLines,
    /// Values each introduced by the record separator 0x1E (`application/json-seq`).
    JsonSeq,
}

/// An event as the stream delivers it, before its data is decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawEvent {
    /// The `event` field, when the event has one.
    pub event: Option<String>,
    /// The last event id set so far.
    pub id: Option<String>,
    /// The `retry` field, when the event has one.
    pub retry: Option<Duration>,
    /// The `data` lines, joined by line feeds.
    pub data: String,
}

/// The event-stream parser: bytes in, complete events out. Lines end with CRLF, LF or CR, even when a chunk ends
/// between the CR and the LF; a leading byte-order mark is skipped; an event is dispatched at a blank line, and one
/// the stream ends before is discarded, as the standard says.
#[derive(Debug, Default)]
pub struct EventParser {
    line: Vec<u8>,
    after_cr: bool,
    started: bool,
    data: String,
    has_data: bool,
    event: Option<String>,
    last_id: Option<String>,
    retry: Option<Duration>,
}

impl EventParser {
    /// Reads a chunk and returns the events it completes.
    pub fn feed(&mut self, mut chunk: &[u8]) -> Vec<RawEvent> {
        if !self.started && !chunk.is_empty() {
            self.started = true;
            chunk = chunk.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(chunk);
        }
        let mut events = Vec::new();
        for &byte in chunk {
            let after_cr = std::mem::take(&mut self.after_cr);
            match byte {
                b'\n' if after_cr => {}
                b'\n' | b'\r' => {
                    self.after_cr = byte == b'\r';
                    let line = std::mem::take(&mut self.line);
                    if let Some(event) = self.line_ends(&line) {
                        events.push(event);
                    }
                }
                _ => self.line.push(byte),
            }
        }
        events
    }

    /// How many bytes the parser holds of an event not yet complete.
    pub fn buffered(&self) -> usize {
        self.line.len() + self.data.len()
    }

    fn line_ends(&mut self, line: &[u8]) -> Option<RawEvent> {
        if line.is_empty() {
            return self.dispatch();
        }
        if line[0] == b':' {
            return None;
        }
        let line = String::from_utf8_lossy(line);
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line.as_ref(), ""),
        };
        match field {
            "data" => {
                self.data.push_str(value);
                self.data.push('\n');
                self.has_data = true;
            }
            "event" => self.event = Some(value.to_owned()),
            "id" if !value.contains('\0') => self.last_id = Some(value.to_owned()),
            "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                self.retry = value.parse().ok().map(Duration::from_millis);
            }
            _ => {}
        }
        None
    }

    fn dispatch(&mut self) -> Option<RawEvent> {
        let event = self.event.take();
        let retry = self.retry.take();
        if !std::mem::take(&mut self.has_data) {
            return None;
        }
        let mut data = std::mem::take(&mut self.data);
        data.pop();
        Some(RawEvent {
            event,
            id: self.last_id.clone(),
            retry,
            data,
        })
    }
}

/// Splits a JSON Lines or JSON text sequence body into its values' texts, however the chunks fall.
#[derive(Debug)]
pub struct ValueSplitter {
    framing: Framing,
    pending: Vec<u8>,
}

impl ValueSplitter {
    /// A splitter for values separated as `framing` says.
    pub fn new(framing: Framing) -> Self {
        Self {
            framing,
            pending: Vec::new(),
        }
    }

    /// Reads a chunk and returns the values it completes (blank ones skipped).
    pub fn feed(&mut self, chunk: &[u8]) -> Vec<Vec<u8>> {
        let separator = match self.framing {
            Framing::JsonLines => b'\n',
            Framing::JsonSeq => 0x1E,
        };
        let mut values = Vec::new();
        for &byte in chunk {
            if byte == separator {
                values.extend(take_value(&mut self.pending));
            } else {
                self.pending.push(byte);
            }
        }
        values
    }

    /// How many bytes the splitter holds of a value not yet complete.
    pub fn buffered(&self) -> usize {
        self.pending.len()
    }

    /// The value the body ended with, when it has no separator after it.
    pub fn finish(&mut self) -> Option<Vec<u8>> {
        take_value(&mut self.pending)
    }
}

fn take_value(pending: &mut Vec<u8>) -> Option<Vec<u8>> {
    let value = std::mem::take(pending);
    (!value.trim_ascii().is_empty()).then_some(value)
}

/// The events of an event-stream response, each one's data decoded as `T` (a `data: [DONE]` event, OpenAI's end
/// marker, is skipped). An event that grows past `limit` bytes ends the stream with [`Error::TooLarge`].
pub(crate) fn events<T, E>(response: reqwest::Response, limit: usize) -> EventStream<T, E>
where
    T: DeserializeOwned + Send + 'static,
    E: Send + 'static,
{
    let mut parser = EventParser::default();
    let content_type = content_type(response.headers()).map(str::to_owned);
    read_values(response, move |status, chunk| {
        let events = chunk.map(|chunk| parser.feed(chunk)).unwrap_or_default();
        let too_large =
            (parser.buffered() > limit).then_some(Err(Error::TooLarge { status, limit }));
        events
            .into_iter()
            .filter(|event| event.data != "[DONE]")
            .map(|event| {
                let data = decode(status, content_type.as_deref(), &event.data)?;
                Ok(Event {
                    event: event.event,
                    id: event.id,
                    retry: event.retry,
                    data,
                })
            })
            .chain(too_large)
            .collect()
    })
}

/// The values of a JSON Lines or JSON text sequence response, each decoded as `T`. A value that grows past `limit`
/// bytes ends the stream with [`Error::TooLarge`].
pub(crate) fn values<T, E>(
    response: reqwest::Response,
    framing: Framing,
    limit: usize,
) -> ItemStream<T, E>
where
    T: DeserializeOwned + Send + 'static,
    E: Send + 'static,
{
    let mut splitter = ValueSplitter::new(framing);
    let content_type = content_type(response.headers()).map(str::to_owned);
    read_values(response, move |status, chunk| {
        let texts = match chunk {
            Some(chunk) => splitter.feed(chunk),
            None => splitter.finish().into_iter().collect(),
        };
        let too_large =
            (splitter.buffered() > limit).then_some(Err(Error::TooLarge { status, limit }));
        texts
            .into_iter()
            .map(|text| {
                decode(
                    status,
                    content_type.as_deref(),
                    &String::from_utf8_lossy(&text),
                )
            })
            .chain(too_large)
            .collect()
    })
}

/// One value's text as `T`: as JSON, or, for a string type, as the text itself (event data is often plain text).
fn decode<T: DeserializeOwned, E>(
    status: StatusCode,
    content_type: Option<&str>,
    text: &str,
) -> Result<T, Error<E>> {
    let json = text.trim_end_matches('\r');
    serde_json::from_str(json)
        .or_else(|error| {
            serde_json::from_value(serde_json::Value::String(text.to_owned())).map_err(|_| error)
        })
        .map_err(|error| {
            let message = format!(
                "a streamed value does not match the documented type: {}",
                mismatch::<T>(json.as_bytes(), &error)
            );
            Error::Decode(Box::new(DecodeError::new(
                status,
                content_type.map(str::to_owned),
                message,
                text.as_bytes(),
            )))
        })
}

/// What a stream reads from: the response (until it ends) and the values its chunks completed but not yet given.
struct Reader<T, E> {
    response: Option<reqwest::Response>,
    status: StatusCode,
    ready: VecDeque<Result<T, Error<E>>>,
}

/// Turns a response into a stream of values: `complete` gets each chunk (and `None` at the end of the body) and
/// returns the values it completes; a chunk that completes none is followed by the next. After
/// [`Error::TooLarge`] nothing more is read.
fn read_values<T, E, F>(
    response: reqwest::Response,
    complete: F,
) -> Pin<Box<dyn futures_util::Stream<Item = Result<T, Error<E>>> + Send>>
where
    T: Send + 'static,
    E: Send + 'static,
    F: FnMut(StatusCode, Option<&[u8]>) -> Vec<Result<T, Error<E>>> + Send + 'static,
{
    let reader = Reader {
        status: response.status(),
        response: Some(response),
        ready: VecDeque::new(),
    };
    let state = (reader, complete);
    Box::pin(futures_util::stream::unfold(
        state,
        |(mut reader, mut complete)| async move {
            loop {
                if let Some(value) = reader.ready.pop_front() {
                    return Some((value, (reader, complete)));
                }
                let response = reader.response.as_mut()?;
                match response.chunk().await {
                    Ok(Some(chunk)) => {
                        let values = complete(reader.status, Some(&chunk));
                        if values
                            .iter()
                            .any(|value| matches!(value, Err(Error::TooLarge { .. })))
                        {
                            reader.response = None;
                        }
                        reader.ready.extend(values);
                    }
                    Ok(None) => {
                        reader.response = None;
                        let values = complete(reader.status, None);
                        reader.ready.extend(values);
                    }
                    Err(error) => {
                        reader.response = None;
                        let error = Error::Transport(TransportError::from_reqwest(error));
                        return Some((Err(error), (reader, complete)));
                    }
                }
            }
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_in_chunks(text: &[u8], size: usize) -> Vec<RawEvent> {
        let mut parser = EventParser::default();
        text.chunks(size)
            .flat_map(|chunk| parser.feed(chunk))
            .collect()
    }

    #[test]
    fn events_are_the_same_however_the_bytes_are_split() {
        let text = b"\xEF\xBB\xBF: a comment\r\nevent: reading\r\nid: 7\r\ndata: {\"a\":\r\ndata: 1}\r\n\r\nretry: 1500\rdata:plain\r\rdata: unfinished";
        let whole = parse_in_chunks(text, text.len());
        assert_eq!(
            whole,
            vec![
                RawEvent {
                    event: Some("reading".into()),
                    id: Some("7".into()),
                    retry: None,
                    data: "{\"a\":\n1}".into()
                },
                RawEvent {
                    event: None,
                    id: Some("7".into()),
                    retry: Some(Duration::from_millis(1500)),
                    data: "plain".into()
                },
            ]
        );
        for size in 1..8 {
            assert_eq!(parse_in_chunks(text, size), whole, "chunks of {size}");
        }
    }

    #[test]
    fn a_blank_line_without_data_dispatches_nothing() {
        assert!(parse_in_chunks(b"event: ping\n\nid: 3\n\n", 4).is_empty());
    }

    #[test]
    fn json_lines_and_sequences_split_on_their_separators() {
        let mut lines = ValueSplitter::new(Framing::JsonLines);
        let mut values = lines.feed(b"{\"a\":1}\r\n\n{\"a\"");
        values.extend(lines.feed(b":2}"));
        values.extend(lines.finish());
        assert_eq!(values, vec![b"{\"a\":1}\r".to_vec(), b"{\"a\":2}".to_vec()]);
        let mut sequence = ValueSplitter::new(Framing::JsonSeq);
        let mut values = sequence.feed(b"\x1E1\n\x1E\"x\"\n");
        values.extend(sequence.finish());
        assert_eq!(values, vec![b"1\n".to_vec(), b"\"x\"\n".to_vec()]);
    }

    #[test]
    fn string_data_may_be_plain_text_or_json() {
        let plain: Result<String, Error> = decode(StatusCode::OK, None, "hello");
        assert_eq!(plain.unwrap(), "hello");
        let quoted: Result<String, Error> = decode(StatusCode::OK, None, "\"hi\"");
        assert_eq!(quoted.unwrap(), "hi");
        let wrong: Result<u32, Error> = decode(StatusCode::OK, None, "x");
        assert!(matches!(wrong, Err(Error::Decode(_))));
    }
}
