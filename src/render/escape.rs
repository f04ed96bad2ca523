//! Escaping, once for the whole crate: text for HTML and XML (element content and quoted
//! attribute values alike), JSON inside `<script>`, the characters no page may carry (bidi
//! controls, and the control characters XML forbids), and [`SafeHtml`], the type of markup that
//! may go into a page as it is.
//!
//! Every escaper here drops the same characters ([`is_dropped`]), so a name reads the same in a
//! template, a chart, a Markdown note, a JSON index and `serve`'s overlay.

use serde::Serialize;

/// Markup that may be written into a page without escaping: made by this module's escapers, by
/// the Markdown renderer (`render::markdown`, which escapes or sanitises everything it writes),
/// by the chart renderer (`render::charts`, which escapes every label) or by an autoescaped
/// template (`Templates::render_markup`: a piece of a page rendered on its own). It serialises as a plain
/// string, so templates see it as one; they write it with `| safe`, and only SafeHtml fields may
/// be written that way (`tests/safe_html.rs`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct SafeHtml(String);

impl SafeHtml {
    /// Markup that campsite's own code escaped or wrote. Called only from this module,
    /// `render/markdown.rs`, `render/charts.rs` and `render/templates.rs` (a test over the
    /// source enforces it).
    pub fn from_escaped(markup: String) -> SafeHtml {
        SafeHtml(markup)
    }

    /// Markup written in campsite's source as a constant (never user data).
    pub fn from_static(markup: &'static str) -> SafeHtml {
        SafeHtml(markup.to_string())
    }

    /// Appends `more` (markup followed by markup is markup).
    pub fn append(&mut self, more: &SafeHtml) {
        self.0.push_str(&more.0);
    }

    /// The markup.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for SafeHtml {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for SafeHtml {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// True for the Unicode bidirectional controls that can make text display in an order other than
/// the one it is stored in (a spoofing vector in names and captions).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// True for the characters every escaper drops: bidi controls, and the control characters and
/// noncharacters XML 1.0 does not allow (which HTML reports as parse errors); tab, line feed and
/// carriage return stay.
pub fn is_dropped(c: char) -> bool {
    is_bidi_control(c)
        || (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// False for every byte that cannot begin a character [`is_dropped`] names: those are ASCII
/// controls or begin with one of four lead bytes in UTF-8 (C1 controls `C2`, U+061C `D8`, the
/// other bidi controls `E2`, U+FFFE/U+FFFF `EF`). The escapers skip such bytes in runs, without
/// decoding them (they were a few percent of every build).
fn may_start_dropped(b: u8) -> bool {
    matches!(b, 0x00..=0x1f | 0x7f | 0xC2 | 0xD8 | 0xE2 | 0xEF)
}

/// `s` without the characters [`is_dropped`] names (for markup made elsewhere, such as Markdown's
/// HTML, whose text may carry them decoded from entities); `s` itself when it has none.
pub fn drop_unsafe_chars(s: String) -> String {
    if s.bytes().any(may_start_dropped) && s.chars().any(is_dropped) {
        s.chars().filter(|&c| !is_dropped(c)).collect()
    } else {
        s
    }
}

/// The entity of each character that markup escapes. One table for HTML and XML: `&#x27;` is
/// the apostrophe in both (`&apos;` is not HTML 4).
fn entity(c: char) -> Option<&'static str> {
    Some(match c {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '"' => "&quot;",
        '\'' => "&#x27;",
        _ => return None,
    })
}

/// Appends `s` to `out`, escaped for HTML or XML text and quoted attribute values.
pub fn push_markup(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let (mut plain_from, mut i) = (0, 0);
    while i < bytes.len() {
        let b = bytes[i];
        if !(matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'') || may_start_dropped(b)) {
            i += 1;
            continue;
        }
        // `b` is ASCII or a lead byte, so `i` is a character boundary.
        out.push_str(&s[plain_from..i]);
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        match entity(c) {
            Some(e) => out.push_str(e),
            None if is_dropped(c) => {}
            None => out.push(c),
        }
        i += c.len_utf8();
        plain_from = i;
    }
    out.push_str(&s[plain_from..]);
}

/// `s` escaped for HTML text and quoted attribute values.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_markup(&mut out, s);
    out
}

/// `s` escaped for XML text and quoted attribute values (SVG, the sitemap): the same rule as
/// [`html`].
pub fn xml(s: &str) -> String {
    html(s)
}

/// The template engine's escape function (`Tera::set_escape_fn`): [`html`], written to `out`.
pub fn write_html(s: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(html(s).as_bytes())
}

/// Serialises `v` as JSON that may stand inside a `<script>` element: `<`, `>` and `&` as
/// `\u003c`, `\u003e` and `\u0026` (no `</script>`, no `<!--`), the line separators JavaScript
/// once refused in strings as `\u2028`/`\u2029`, and the characters [`is_dropped`] names left
/// out of every string, as the markup escapers leave them out of text.
pub fn json_for_script(v: &serde_json::Value) -> SafeHtml {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, ScriptJson);
    if v.serialize(&mut ser).is_err() {
        return SafeHtml("null".into());
    }
    SafeHtml(String::from_utf8(out).unwrap_or_else(|_| "null".into()))
}

/// The compact JSON formatter, with the string rules of [`json_for_script`].
struct ScriptJson;

impl serde_json::ser::Formatter for ScriptJson {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut buf = String::with_capacity(fragment.len());
        for c in fragment.chars() {
            match c {
                '<' => buf.push_str("\\u003c"),
                '>' => buf.push_str("\\u003e"),
                '&' => buf.push_str("\\u0026"),
                '\u{2028}' => buf.push_str("\\u2028"),
                '\u{2029}' => buf.push_str("\\u2029"),
                c if is_dropped(c) => {}
                c => buf.push(c),
            }
        }
        writer.write_all(buf.as_bytes())
    }

    fn write_char_escape<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        escape: serde_json::ser::CharEscape,
    ) -> std::io::Result<()> {
        use serde_json::ser::{CharEscape, CompactFormatter};
        match escape {
            // Controls other than tab, line feed and carriage return are dropped, as in text.
            CharEscape::Backspace | CharEscape::FormFeed | CharEscape::AsciiControl(_) => Ok(()),
            other => CompactFormatter.write_char_escape(writer, other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The entities the escapers write; any other `&` in their output is a raw one.
    const ENTITIES: [&str; 5] = ["&amp;", "&lt;", "&gt;", "&quot;", "&#x27;"];

    /// Strings rich in what escapers must handle: markup, quotes, entities, bidi and other
    /// controls, line separators, and anything else.
    fn hostile() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("<".to_string()),
            Just(">".to_string()),
            Just("&".to_string()),
            Just("&amp;".to_string()),
            Just("\"".to_string()),
            Just("'".to_string()),
            Just("</script>".to_string()),
            Just("<!--".to_string()),
            Just("\u{202E}".to_string()),
            Just("\u{2066}".to_string()),
            Just("\u{200F}".to_string()),
            Just("\u{061C}".to_string()),
            Just("\u{2028}".to_string()),
            Just("\u{0}\u{1}\u{b}\u{7f}\u{85}\u{FFFF}".to_string()),
            Just("\t\n\r".to_string()),
            any::<char>().prop_map(String::from),
            "[a-zé ]{0,4}",
        ];
        proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
    }

    fn assert_safe_markup(out: &str) {
        assert!(
            !out.contains(['<', '>', '"', '\'']),
            "raw markup in {out:?}"
        );
        for (i, _) in out.match_indices('&') {
            assert!(
                ENTITIES.iter().any(|e| out[i..].starts_with(e)),
                "raw & in {out:?}"
            );
        }
        assert!(!out.chars().any(is_dropped), "dropped char kept in {out:?}");
    }

    fn unescape(s: &str) -> String {
        s.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#x27;", "'")
            .replace("&amp;", "&")
    }

    proptest! {
        #[test]
        fn markup_escapes_leave_no_raw_markup_and_lose_nothing_else(s in hostile()) {
            let out = html(&s);
            assert_safe_markup(&out);
            prop_assert_eq!(&xml(&s), &out);
            prop_assert_eq!(unescape(&out), drop_unsafe_chars(s.clone()));
            let mut written = Vec::new();
            write_html(&s, &mut written).expect("write to a Vec");
            prop_assert_eq!(String::from_utf8(written).expect("utf-8"), out);
        }

        #[test]
        fn the_escapers_fast_paths_agree_with_the_rule_character_by_character(s in hostile()) {
            let mut by_char = String::new();
            for c in s.chars() {
                match entity(c) {
                    Some(e) => by_char.push_str(e),
                    None if is_dropped(c) => {}
                    None => by_char.push(c),
                }
            }
            prop_assert_eq!(html(&s), by_char);
            let kept: String = s.chars().filter(|&c| !is_dropped(c)).collect();
            prop_assert_eq!(drop_unsafe_chars(s.clone()), kept);
            for c in s.chars().filter(|&c| is_dropped(c)) {
                let mut buf = [0; 4];
                prop_assert!(may_start_dropped(c.encode_utf8(&mut buf).as_bytes()[0]), "{:?}", c);
            }
        }

        #[test]
        fn script_json_cannot_close_the_script_and_keeps_its_value(s in hostile()) {
            let v = serde_json::json!({ s.clone(): [s.clone(), 1] });
            let out = json_for_script(&v);
            assert!(!out.contains(['<', '>', '&', '\u{2028}', '\u{2029}']), "{out:?}");
            assert!(!out.chars().any(is_dropped), "{out:?}");
            let clean = drop_unsafe_chars(s.clone());
            let back: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
            prop_assert_eq!(back, serde_json::json!({ clean.clone(): [clean, 1] }));
        }
    }

    #[test]
    fn every_dropped_character_begins_with_a_byte_the_fast_path_looks_at() {
        let mut buf = [0; 4];
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_dropped(c))
        {
            let first = c.encode_utf8(&mut buf).as_bytes()[0];
            assert!(may_start_dropped(first), "{c:?} begins with {first:#x}");
        }
    }

    #[test]
    fn escapes_html_and_drops_bidi_controls() {
        assert_eq!(
            html("<b a=\"x\">'&\u{202E}evil\u{0}"),
            "&lt;b a=&quot;x&quot;&gt;&#x27;&amp;evil"
        );
        assert_eq!(html("tab\there\r\n"), "tab\there\r\n");
        assert_eq!(
            json_for_script(&serde_json::json!(["</script><!--&\u{2066}"])).as_str(),
            r#"["\u003c/script\u003e\u003c!--\u0026"]"#
        );
    }

    #[test]
    fn safe_html_serialises_as_a_plain_string() {
        let s = SafeHtml::from_static("<p>x</p>");
        assert_eq!(
            serde_json::to_string(&s).expect("serialise"),
            "\"<p>x</p>\""
        );
    }
}
