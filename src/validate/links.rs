//! Links from content keys (not Markdown): only http, https, relative links and bare e-mail
//! addresses survive; anything else is dropped with a warning naming the file and key.

use crate::diagnostics::Diagnostics;
use crate::load::source::SourceFile;

/// Whether `v` is a link campsite publishes as an `href`: `http://host…`, `https://host…`, or a
/// relative path (no scheme, not protocol-relative `//host`).
pub fn is_safe_link(v: &str) -> bool {
    let v = v.trim_matches(|c: char| c == ' ' || c.is_control());
    let odd = |c: char| c.is_control() || (c.is_whitespace() && c != ' ') || c == '\\';
    if v.is_empty() || v.chars().any(odd) {
        return false;
    }
    let lower = v.to_ascii_lowercase();
    if let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    {
        return rest
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '[');
    }
    if v.starts_with("//") {
        return false;
    }
    // A relative link has no scheme: nothing before the first `:` that comes before `/?#`.
    let head = v.split(['/', '?', '#']).next().unwrap_or("");
    !head.contains(':')
}

/// Whether `v` is an e-mail address alone (for `mailto:`): one `@`, no query, no spaces, no
/// characters that would end an attribute or add headers.
pub fn is_plain_email(v: &str) -> bool {
    let Some((local, domain)) = v.split_once('@') else {
        return false;
    };
    let ok_char = |c: char| c.is_alphanumeric() || "._%+-".contains(c);
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && local.chars().all(ok_char)
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || ".-".contains(c))
}

/// What a value of a key is meant to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// An `href` (http, https or relative).
    Web,
    /// An e-mail address.
    Email,
}

/// Keeps `value` when it is a safe link of `kind`, else warns at the value (naming `key`) and
/// drops it.
pub fn keep_link(
    file: &SourceFile,
    key: &str,
    value: Option<&toml::Spanned<String>>,
    kind: LinkKind,
    diags: &mut Diagnostics,
) -> Option<String> {
    let value = value?;
    let v = value.get_ref().trim();
    let ok = match kind {
        LinkKind::Web => is_safe_link(v),
        LinkKind::Email => is_plain_email(v),
    };
    if ok {
        return Some(v.to_string());
    }
    let what = match kind {
        LinkKind::Web => "is not an http, https or relative link",
        LinkKind::Email => "is not a plain e-mail address (no `?`, spaces or other parts)",
    };
    let message = format!("`{key}` = `{v}` {what}; it is left out of the pages");
    let d = file.origin_of(value).warning("unsafe-link", message);
    diags.push(d.with_hint(match kind {
        LinkKind::Web => "write a link starting with https://",
        LinkKind::Email => "write the address alone, like name@example.com",
    }));
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes() {
        for ok in [
            "https://a.example/x",
            "http://a.example",
            "HTTPS://A.example",
            "media/x.png",
            "../x",
            "#top",
            "x?a=b:c",
        ] {
            assert!(is_safe_link(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:x",
            "java\tscript:x",
            "data:text/html,x",
            "vbscript:x",
            "//evil.example/x",
            "https://",
            "mailto:a@b.c",
            "\\\\evil",
        ] {
            assert!(!is_safe_link(bad), "{bad}");
        }
    }

    #[test]
    fn emails() {
        assert!(is_plain_email("ana.b+x@example.com"));
        for bad in [
            "a@b.c?cc=evil@x.y",
            "a@b.c&bcc=x",
            "a b@c.d",
            "a@b",
            "\"a\"@b.c",
            "a@b.c\n",
            "<a@b.c>",
            "javascript:a@b.c",
        ] {
            assert!(!is_plain_email(bad), "{bad}");
        }
    }
}
