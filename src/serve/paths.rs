//! Request paths → site keys, and file extensions → content types. A path is decoded exactly
//! once and refused if what it decodes to could name anything outside the site.

/// What a request path asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A key of the in-memory site, without the leading `/` (`""` is the front page folder).
    Key(String),
    /// The path cannot be a file of the site: traversal, encoded separators, control bytes.
    Refused,
}

/// Turns the path part of a request target (`/a/b%20c?x=1`) into a site key, or refuses it.
///
/// Refused: anything not starting with a single `/`; invalid or non-UTF-8 percent-encoding;
/// a `%` left after decoding (double encoding); backslashes, control characters, NUL; `.` or
/// `..` segments, encoded or not.
pub fn resolve(url: &str) -> Target {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let Some(rest) = path.strip_prefix('/') else {
        return Target::Refused;
    };
    if rest.starts_with('/') {
        return Target::Refused;
    }
    let Some(decoded) = percent_decode(rest) else {
        return Target::Refused;
    };
    let bad_char = |c: char| c == '%' || c == '\\' || c.is_control();
    if decoded.chars().any(bad_char) {
        return Target::Refused;
    }
    if decoded.split('/').any(|seg| seg == "." || seg == "..") {
        return Target::Refused;
    }
    Target::Key(decoded)
}

/// Decodes `%XX` escapes once; `None` for a malformed escape or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hi = bytes.get(i + 1).and_then(|c| (*c as char).to_digit(16))?;
            let lo = bytes.get(i + 2).and_then(|c| (*c as char).to_digit(16))?;
            out.push(u8::try_from(hi * 16 + lo).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The `Content-Type` for a site path, from its extension.
pub fn content_type(key: &str) -> &'static str {
    let name = key.rsplit('/').next().unwrap_or(key);
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        "mp4" | "m4v" => "video/mp4",
        "webm" => "video/webm",
        "mov" => "video/quicktime",
        "mp3" => "audio/mpeg",
        "wav" => "audio/wav",
        "zip" => "application/zip",
        // `_headers` and other extensionless files are shown as text, never sniffed.
        "" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> Target {
        Target::Key(s.to_string())
    }

    #[test]
    fn plain_paths_map_to_keys() {
        assert_eq!(resolve("/"), key(""));
        assert_eq!(resolve("/team/"), key("team/"));
        assert_eq!(resolve("/a%20b.css?v=1#x"), key("a b.css"));
        assert_eq!(resolve("/caf%C3%A9.txt"), key("café.txt"));
    }

    #[test]
    fn traversal_in_every_spelling_is_refused() {
        for url in [
            "/../etc/passwd",
            "/a/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/%252e%252e/etc/passwd",
            "/..%5cetc%5cpasswd",
            "/..\\etc\\passwd",
            "/./index.html",
            "//etc/passwd",
            "etc/passwd",
            "http://evil.example/",
            "/a%00b",
            "/%zz",
            "/%c3",
            "/%",
        ] {
            assert_eq!(resolve(url), Target::Refused, "{url}");
        }
    }

    #[test]
    fn content_types_follow_extensions() {
        assert_eq!(content_type("b/x/index.html"), "text/html; charset=utf-8");
        assert_eq!(
            content_type("b/x/brief.ics"),
            "text/calendar; charset=utf-8"
        );
        assert_eq!(content_type("media/a.JPG"), "image/jpeg");
        assert_eq!(content_type("_headers"), "text/plain; charset=utf-8");
        assert_eq!(content_type("x.bin"), "application/octet-stream");
    }
}
