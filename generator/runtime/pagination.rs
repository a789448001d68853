//! Streams over every item of a paginated operation, fetched page by page as the stream is read, and stopped with
//! an error when the server does not move on to the next page or there are more pages than the client allows.

use std::collections::HashSet;
use std::fmt;
use std::future::Future;
use std::hash::Hash;

use futures_util::stream::{self, Stream};

/// The most pages one `.stream()` fetches unless the configuration sets another
/// ([`Config::max_pages`](super::Config::max_pages)).
pub const DEFAULT_MAX_PAGES: u64 = 10_000;

/// Why a walk over pages stopped before the last page.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PaginationError {
    /// Page `page` held the same items as the page before it: the server ignores the parameter that asks for
    /// the next page (an `offset` it does not read, for example), so the walk would never end.
    RepeatedPage {
        /// The page, counted from 1.
        page: u64,
    },
    /// Page `page` asked for a next page by a cursor, offset or page number already asked for.
    RepeatedPosition {
        /// The page, counted from 1.
        page: u64,
    },
    /// The walk fetched `limit` pages and the server still had more.
    TooManyPages {
        /// The limit, [`Config::max_pages`](super::Config::max_pages).
        limit: u64,
    },
}

impl fmt::Display for PaginationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PaginationError::RepeatedPage { page } => write!(
                f,
                "pagination made no progress: page {page} holds the same items as the page before it"
            ),
            PaginationError::RepeatedPosition { page } => write!(
                f,
                "pagination made no progress: page {page} points back to a page already fetched"
            ),
            PaginationError::TooManyPages { limit } => write!(
                f,
                "pagination stopped after {limit} pages with more to come (Config::max_pages)"
            ),
        }
    }
}

impl std::error::Error for PaginationError {}

/// Turns a page-fetching function into a stream of items.
///
/// `fetch` takes the request for one page and returns that page's items and, unless it was the last, where the
/// next page starts (its cursor, offset or number) with the request for it. The stream ends after the last page or
/// an empty page, or after yielding an error: the first page that fails, a page with the same items as the one
/// before it, a next page that starts where one already fetched did, or more than `max_pages` pages.
pub fn paginate<'a, R, P, T, E, F, Fut>(
    first: R,
    max_pages: u64,
    fetch: F,
) -> impl Stream<Item = Result<T, E>> + Unpin + 'a
where
    R: 'a,
    P: Eq + Hash + 'a,
    T: Clone + PartialEq + 'a,
    E: From<PaginationError> + 'a,
    F: FnMut(R) -> Fut + 'a,
    Fut: Future<Output = Result<(Vec<T>, Option<(P, R)>), E>> + 'a,
{
    struct State<R, P, T, F> {
        buffered: std::vec::IntoIter<T>,
        next: Option<R>,
        fetch: F,
        pages: u64,
        previous: Vec<T>,
        positions: HashSet<P>,
        stopped: Option<PaginationError>,
    }
    let state = State {
        buffered: Vec::new().into_iter(),
        next: Some(first),
        fetch,
        pages: 0,
        previous: Vec::new(),
        positions: HashSet::new(),
        stopped: None,
    };
    // Boxed, so that the stream is `Unpin`: `while let Some(item) = stream.next().await` needs no pinning.
    Box::pin(stream::unfold(state, move |mut state| async move {
        loop {
            if let Some(item) = state.buffered.next() {
                return Some((Ok(item), state));
            }
            if let Some(error) = state.stopped.take() {
                return Some((Err(error.into()), state));
            }
            let request = state.next.take()?;
            let (items, next) = match (state.fetch)(request).await {
                Ok(page) => page,
                Err(error) => return Some((Err(error), state)),
            };
            state.pages += 1;
            if items.is_empty() {
                continue;
            }
            if state.pages > 1 && items == state.previous {
                let error = PaginationError::RepeatedPage { page: state.pages };
                return Some((Err(error.into()), state));
            }
            if let Some((position, request)) = next {
                if !state.positions.insert(position) {
                    state.stopped = Some(PaginationError::RepeatedPosition { page: state.pages });
                } else if state.pages >= max_pages {
                    state.stopped = Some(PaginationError::TooManyPages { limit: max_pages });
                } else {
                    state.next = Some(request);
                }
            }
            state.previous = items.clone();
            state.buffered = items.into_iter();
        }
    }))
}
