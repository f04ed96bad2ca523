//! TOML parsing into `Raw*` types, and `+++` front matter splitting, with positioned diagnostics.

use super::source::SourceFile;
use crate::diagnostics::{Diagnostic, closest};
use serde::de::DeserializeOwned;

/// Parses `text` (which starts at byte `offset` of `file`) into `T`; a failure becomes one
/// diagnostic at the right line and column of the whole file, with a "did you mean" hint for
/// unknown keys and values.
pub fn parse_toml<T: DeserializeOwned>(
    file: &SourceFile,
    text: &str,
    offset: usize,
) -> Result<T, Diagnostic> {
    toml::from_str::<T>(text).map_err(|e| {
        let at = offset + e.span().map(|s| s.start).unwrap_or(0);
        let message = first_line(e.message());
        if message.starts_with("string values must be quoted") {
            let (message, hint) = unquoted_value(text, at.saturating_sub(offset));
            return file.error_at(at, "parse", message).with_hint(hint);
        }
        let (message, hint) = explain(&message);
        file.error_at(at, rule_for(&message), message)
            .with_hint_opt(hint)
    })
}

/// A bare value TOML cannot read (`draft_due = 03/08/2026`, `name = Mia`): names the key and
/// says how to write it — a date as `2026-03-08` without quotes, text in quotes.
fn unquoted_value(text: &str, at: usize) -> (String, String) {
    let line_start = text
        .get(..at)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let line_end = text
        .get(at..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| at + i);
    let line = text.get(line_start..line_end).unwrap_or("");
    let (key, value) = match line.split_once('=') {
        Some((k, v)) => (k.trim(), v.trim()),
        None => ("", line.trim()),
    };
    let named = if key.is_empty() {
        String::new()
    } else {
        format!("`{key}`: ")
    };
    let date_like = !value.is_empty()
        && value.chars().any(|c| c.is_ascii_digit())
        && value
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '/' | '.' | '-' | ' '));
    if date_like {
        (
            format!("{named}`{value}` is not a date TOML can read"),
            "write dates as 2026-03-08 (year-month-day), without quotes".to_string(),
        )
    } else {
        (
            format!("{named}text values must be quoted"),
            format!(
                "write {} = \"{}\"",
                if key.is_empty() { "key" } else { key },
                value.replace('"', "\\\"")
            ),
        )
    }
}

fn first_line(m: &str) -> String {
    let m = m.trim();
    let mut s = m.lines().next().unwrap_or("").to_string();
    if let Some(c) = s.get(..1)
        && c.chars().all(|c| c.is_ascii_uppercase())
        && !s.starts_with("TOML")
    {
        s = c.to_lowercase() + &s[1..];
    }
    s
}

fn rule_for(message: &str) -> &'static str {
    if message.starts_with("unknown field") {
        "unknown-key"
    } else if message.starts_with("unknown variant") {
        "unknown-value"
    } else if message.starts_with("missing field") {
        "missing-key"
    } else if message.starts_with("invalid type") || message.contains("expected") {
        "schema"
    } else {
        "parse"
    }
}

/// Turns serde's "unknown field `x`, expected one of `a`, `b`" into our message and hint.
fn explain(message: &str) -> (String, Option<String>) {
    for prefix in ["unknown field `", "unknown variant `"] {
        if let Some(rest) = message.strip_prefix(prefix) {
            let Some(end) = rest.find('`') else { break };
            let word = &rest[..end];
            let expected: Vec<&str> = rest[end..]
                .split('`')
                .skip(2)
                .step_by(2)
                .filter(|s| !s.is_empty())
                .collect();
            let what = if prefix.contains("field") {
                "field"
            } else {
                "value"
            };
            let list = if expected.is_empty() {
                String::new()
            } else {
                format!(" (expected one of: {})", expected.join(", "))
            };
            let msg = format!("unknown {what} `{word}`{list}");
            let hint =
                closest(word, expected.iter().copied()).map(|c| format!("did you mean `{c}`?"));
            return (msg, hint);
        }
    }
    (message.to_string(), None)
}

/// A Markdown file split at its `+++` fences.
#[derive(Debug, Clone)]
pub struct FrontMatter<'a> {
    /// The TOML between the fences.
    pub toml: &'a str,
    /// Byte offset of `toml` in the file.
    pub toml_offset: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
}

/// Splits `+++` front matter off a Markdown file. A fence line may carry trailing white space;
/// anything else on it is an error. `required` makes a missing opening fence an error; otherwise a
/// file without one is all body.
pub fn split_front_matter(
    file: &SourceFile,
    required: bool,
) -> Result<FrontMatter<'_>, Diagnostic> {
    let text = file.text.as_str();
    let mut lines = LineIter { text, pos: 0 };
    let first = lines.next();
    let opens = first.is_some_and(|(_, l)| is_fence(l));
    if !opens {
        if let Some((at, l)) = first
            && l.trim_start().starts_with("+++")
        {
            return Err(file
                .error_at(
                    at,
                    "front-matter",
                    "the opening `+++` must stand alone on its line",
                )
                .with_hint("put the TOML front matter on the lines between two `+++` lines"));
        }
        if required {
            return Err(file
                .error_at(
                    0,
                    "front-matter",
                    "missing `+++` front matter at the top of the file",
                )
                .with_hint(
                    "start the file with a line `+++`, the TOML keys, then another `+++` line",
                ));
        }
        return Ok(FrontMatter {
            toml: "",
            toml_offset: 0,
            body: text,
            body_offset: 0,
        });
    }
    let toml_offset = lines.pos;
    for (at, line) in lines.by_ref() {
        if is_fence(line) {
            let body_offset = at + line.len();
            let body_offset = skip_newline(text, body_offset);
            return Ok(FrontMatter {
                toml: &text[toml_offset..at],
                toml_offset,
                body: &text[body_offset..],
                body_offset,
            });
        }
    }
    Err(file
        .error_at(
            0,
            "front-matter",
            "the front matter opened with `+++` is never closed",
        )
        .with_hint("add a line `+++` after the last TOML key"))
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "+++"
}

fn skip_newline(text: &str, at: usize) -> usize {
    if text[at..].starts_with("\r\n") {
        at + 2
    } else if text[at..].starts_with('\n') {
        at + 1
    } else {
        at
    }
}

/// Lines without their terminators, with their byte offsets.
struct LineIter<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for LineIter<'a> {
    type Item = (usize, &'a str);
    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let rest = &self.text[start..];
        let (line, advance) = match rest.find('\n') {
            Some(i) => (&rest[..i], i + 1),
            None => (rest, rest.len()),
        };
        self.pos += advance;
        Some((start, line.strip_suffix('\r').unwrap_or(line)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use std::path::PathBuf;

    fn src(text: &str) -> SourceFile {
        SourceFile::from_text("b.md", PathBuf::from("b.md"), text.to_string())
    }

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        fee: u32,
        version: Option<u32>,
    }

    #[test]
    fn splits_with_crlf_and_trailing_space() {
        let f = src("+++ \r\nfee = 1\r\n+++\r\nBody\r\n");
        let fm = split_front_matter(&f, true).expect("front matter");
        assert_eq!(fm.toml, "fee = 1\r\n");
        assert_eq!(fm.body, "Body\r\n");
        assert_eq!(fm.toml_offset, 6);
    }

    #[test]
    fn missing_and_unclosed_fences_are_errors() {
        assert!(split_front_matter(&src("fee = 1\n"), true).is_err());
        assert!(split_front_matter(&src("+++\nfee = 1\n"), true).is_err());
        let d = split_front_matter(&src("+++ +++\n"), true).expect_err("one-line fence");
        assert!(d.message.contains("alone"));
        assert_eq!(
            split_front_matter(&src("# Hi\n"), false)
                .map(|f| f.body.len())
                .ok(),
            Some(5)
        );
    }

    #[test]
    fn unknown_key_has_position_and_hint() {
        let f = src("+++\nversion = 2\nfee_usd = 3\n+++\n");
        let fm = split_front_matter(&f, true).expect("front matter");
        let d = parse_toml::<T>(&f, fm.toml, fm.toml_offset).expect_err("unknown key");
        assert_eq!((d.line, d.column), (Some(3), Some(1)));
        assert_eq!(d.rule, "unknown-key");
        assert!(
            d.message.starts_with("unknown field `fee_usd`"),
            "{}",
            d.message
        );
        assert_eq!(d.hint.as_deref(), Some("did you mean `fee`?"));
    }
}

#[cfg(test)]
mod unquoted_tests {
    use super::*;
    use std::path::PathBuf;

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct D {
        name: Option<String>,
        draft_due: Option<toml::value::Datetime>,
    }

    fn error_for(text: &str) -> Diagnostic {
        let f = SourceFile::from_text("b.toml", PathBuf::from("b.toml"), text.to_string());
        parse_toml::<D>(&f, text, 0).expect_err("must not parse")
    }

    #[test]
    fn a_slashed_date_names_its_key_and_the_iso_form() {
        let d = error_for("name = \"x\"\ndraft_due = 03/08/2026\n");
        assert_eq!(
            d.message,
            "`draft_due`: `03/08/2026` is not a date TOML can read"
        );
        assert_eq!(
            d.hint.as_deref(),
            Some("write dates as 2026-03-08 (year-month-day), without quotes")
        );
        assert_eq!(d.line, Some(2));
    }

    #[test]
    fn bare_text_is_told_to_be_quoted() {
        let d = error_for("name = Mia Chen\n");
        assert_eq!(d.message, "`name`: text values must be quoted");
        assert_eq!(d.hint.as_deref(), Some("write name = \"Mia Chen\""));
    }
}
