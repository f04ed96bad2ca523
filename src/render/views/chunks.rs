//! Long tables a few hundred rows at a time: the rows of a portal-wide team page (the calendar,
//! the private links) are rendered in chunks, each chunk's rows on their own through a small
//! template, and the page's view holds only their markup. A row in a template's context is a
//! `tera::Value` map of about 1.2 KB, so the context of 200,000 rows at once was 0.24 GB at
//! 100,000 briefs; a chunk's is about 0.6 MB.

use crate::render::escape::SafeHtml;

/// How many rows are worded and rendered at once.
pub const ROWS_AT_ONCE: usize = 500;

/// The markup of `rows`, in order: [`ROWS_AT_ONCE`] at a time are taken (worded, when `rows`
/// words them as it goes) and handed to `render` with how many rows came before them, and
/// dropped once rendered.
pub fn markup_in_chunks<T, E>(
    rows: impl IntoIterator<Item = T>,
    render: impl FnMut(&[T], usize) -> Result<SafeHtml, E>,
) -> Result<SafeHtml, E> {
    markup_in_chunks_of(ROWS_AT_ONCE, rows, render)
}

/// [`markup_in_chunks`], `at_once` items at a time (items larger than a row: the payments
/// page's campaign sections, each with its rows).
pub fn markup_in_chunks_of<T, E>(
    at_once: usize,
    rows: impl IntoIterator<Item = T>,
    mut render: impl FnMut(&[T], usize) -> Result<SafeHtml, E>,
) -> Result<SafeHtml, E> {
    let mut out = SafeHtml::default();
    let mut rows = rows.into_iter();
    let mut before = 0;
    loop {
        let chunk: Vec<T> = rows.by_ref().take(at_once.max(1)).collect();
        if chunk.is_empty() {
            return Ok(out);
        }
        out.append(&render(&chunk, before)?);
        before += chunk.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORDS: [&str; 3] = ["<i>a</i>", "<b>b</b>", "c"];

    /// Row `i`'s markup.
    fn word(i: usize) -> &'static str {
        WORDS[i % WORDS.len()]
    }

    #[test]
    fn chunks_keep_every_row_once_in_order_and_count_those_before() {
        let n = 2 * ROWS_AT_ONCE + 7;
        let mut calls = Vec::new();
        let markup = markup_in_chunks((0..n).map(word), |chunk, before| {
            calls.push((chunk.len(), before));
            let mut out = SafeHtml::default();
            for w in chunk {
                out.append(&SafeHtml::from_static(w));
            }
            Ok::<_, ()>(out)
        })
        .expect("renders");
        let sizes = [
            (ROWS_AT_ONCE, 0),
            (ROWS_AT_ONCE, ROWS_AT_ONCE),
            (7, 2 * ROWS_AT_ONCE),
        ];
        assert_eq!(calls, sizes);
        let all: String = (0..n).map(word).collect();
        assert_eq!(markup.as_str(), all);
        let none = markup_in_chunks(std::iter::empty::<u8>(), |_, _| Err("called"));
        assert_eq!(none, Ok(SafeHtml::default()), "no rows, no chunk");
        let failed = markup_in_chunks(0..n, |_, before| match before {
            0 => Ok(SafeHtml::default()),
            _ => Err(before),
        });
        assert_eq!(failed, Err(ROWS_AT_ONCE), "the first error stops it");
        let mut sizes = Vec::new();
        let _ = markup_in_chunks_of(3, 0..7, |chunk, before| {
            sizes.push((chunk.len(), before));
            Ok::<_, ()>(SafeHtml::default())
        });
        assert_eq!(sizes, [(3, 0), (3, 3), (1, 6)], "{sizes:?}");
    }
}
