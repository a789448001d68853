// This file is copied from `generator/runtime/pagination.rs` by `cargo xtask codegen`. Do not edit it here.

//! Streams over every item of a paginated operation, fetched page by page as the stream is read.

use std::future::Future;

use futures_util::stream::{self, Stream};

/// Turns a page-fetching function into a stream of items.
///
/// `fetch` takes the request for one page and returns that page's items and the request for the next page, or
/// `None` after the last. The stream ends after the last page, after an empty page (so a server that keeps
/// returning a cursor with no items cannot loop it forever), or after yielding an error.
pub fn paginate<'a, R, T, E, F, Fut>(first: R, fetch: F) -> impl Stream<Item = Result<T, E>> + 'a
where
    R: 'a,
    T: 'a,
    E: 'a,
    F: FnMut(R) -> Fut + 'a,
    Fut: Future<Output = Result<(Vec<T>, Option<R>), E>> + 'a,
{
    struct State<R, T, F> {
        buffered: std::vec::IntoIter<T>,
        next: Option<R>,
        fetch: F,
    }
    let state = State {
        buffered: Vec::new().into_iter(),
        next: Some(first),
        fetch,
    };
    stream::unfold(state, |mut state| async move {
        loop {
            if let Some(item) = state.buffered.next() {
                return Some((Ok(item), state));
            }
            let request = state.next.take()?;
            match (state.fetch)(request).await {
                Ok((items, next)) => {
                    state.next = if items.is_empty() { None } else { next };
                    state.buffered = items.into_iter();
                }
                Err(error) => return Some((Err(error), state)),
            }
        }
    })
}
