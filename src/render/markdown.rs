//! Markdown → safe HTML: pulldown-cmark, heading anchors, link schemes allow-listed (http, https,
//! mailto, relative) and images from other hosts dropped in the event stream; a document that
//! carries raw HTML then goes through ammonia with the same allow-lists. Pure Markdown skips
//! ammonia — pulldown-cmark escapes every text and attribute it writes — which is most of the
//! cost of a large build.

use super::escape::{self, SafeHtml};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

/// Largest nesting the renderer accepts before flattening (pathological `>` runs).
const MAX_DEPTH: usize = 64;

/// Renders Markdown to sanitized HTML. `heading_offset` demotes headings (a brief note's `#`
/// becomes `<h3>` under the page's own `<h2>`s).
pub fn render(markdown: &str, heading_offset: u8) -> SafeHtml {
    render_with_id_prefix(markdown, heading_offset, "")
}

/// [`render`], with `id_prefix` put before every heading `id`, so that headings written in a
/// document cannot take the ids of the page around it (`md-note-hashtags`, not `hashtags`).
pub fn render_with_id_prefix(markdown: &str, heading_offset: u8, id_prefix: &str) -> SafeHtml {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_TASKLISTS);
    opts.insert(Options::ENABLE_FOOTNOTES);
    let (events, has_raw_html) =
        transform(Parser::new_ext(markdown, opts), heading_offset, id_prefix);
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, events.into_iter());
    let out = if has_raw_html {
        // Headings written as raw HTML keep their ids through the sanitizer: prefix them after.
        prefix_heading_ids(&sanitizer().clean(&raw).to_string(), id_prefix)
    } else {
        raw
    };
    // Text and attributes are escaped by pulldown-cmark or re-serialised by ammonia; the
    // characters every escaper drops may still be there, decoded from entities (`&#x202E;`).
    SafeHtml::from_escaped(escape::drop_unsafe_chars(out))
}

/// Puts `prefix` before the value of every `<hN id="…">` of `html` (output of [`render`]).
fn prefix_heading_ids(html: &str, prefix: &str) -> String {
    if prefix.is_empty() {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(at) = rest.find("<h") {
        let (before, tag) = rest.split_at(at);
        out.push_str(before);
        let b = tag.as_bytes();
        if b.len() > 8 && (b'1'..=b'6').contains(&b[2]) && tag[3..].starts_with(" id=\"") {
            out.push_str(&tag[..8]);
            out.push_str(prefix);
            rest = &tag[8..];
        } else {
            out.push_str("<h");
            rest = &tag[2..];
        }
    }
    out.push_str(rest);
    out
}

/// True for link targets we publish: relative, `http`, `https` (the rule of every link,
/// [`crate::validate::links::is_safe_link`]) or `mailto:` with an address alone.
pub fn allowed_link(url: &str) -> bool {
    let url = url.trim();
    match url.get(..7) {
        Some(head) if head.eq_ignore_ascii_case("mailto:") => {
            crate::validate::links::is_plain_email(url.get(7..).unwrap_or(""))
        }
        _ => crate::validate::links::is_safe_link(url),
    }
}

/// True for image sources we publish: relative paths on this site only.
fn allowed_image(url: &str) -> bool {
    scheme(url).is_none() && !url.starts_with("//") && !url.starts_with("\\\\")
}

/// The lowercased scheme of a URL, if it has one (`javascript:`, `https:`…).
fn scheme(url: &str) -> Option<String> {
    let trimmed: String = url
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect();
    let end = trimmed.find([':', '/', '?', '#'])?;
    (trimmed.as_bytes().get(end) == Some(&b':')).then(|| trimmed[..end].to_ascii_lowercase())
}

fn demote(level: HeadingLevel, by: u8) -> HeadingLevel {
    let n = (level as u8).saturating_add(by).min(6);
    match n {
        1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Gives each heading a stable `id` from its text (`talking-points`, `talking-points-2`), demotes
/// levels, drops blockquote nesting past [`MAX_DEPTH`], links with other schemes (keeping their
/// text) and images from other hosts (keeping their alt text). Also tells whether the document
/// carries raw HTML.
/// What every Markdown table is wrapped in (the theme's scrolling table region).
const TABLE_OPEN: &str =
    "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Table\">";

fn transform<'a>(parser: Parser<'a>, offset: u8, id_prefix: &str) -> (Vec<Event<'a>>, bool) {
    let mut out: Vec<Event<'a>> = Vec::new();
    let mut used: BTreeMap<String, usize> = BTreeMap::new();
    let mut heading_start: Option<usize> = None;
    let mut quote_depth = 0usize;
    let mut has_raw_html = false;
    let mut links: Vec<bool> = Vec::new();
    let mut images: Vec<bool> = Vec::new();
    for ev in parser {
        match ev {
            Event::Html(_) | Event::InlineHtml(_) => {
                has_raw_html = true;
                out.push(ev);
            }
            // A wide table scrolls sideways in its own region, which the keyboard can reach.
            Event::Start(Tag::Table(_)) => {
                out.push(Event::Html(CowStr::from(TABLE_OPEN)));
                out.push(ev);
            }
            Event::End(TagEnd::Table) => {
                out.push(ev);
                out.push(Event::Html(CowStr::from("</div>")));
            }
            Event::Start(Tag::Link {
                dest_url, title, ..
            }) => {
                let keep = allowed_link(&dest_url);
                links.push(keep);
                if keep {
                    let title = if title.is_empty() {
                        String::new()
                    } else {
                        format!(" title=\"{}\"", escape::html(&title))
                    };
                    out.push(Event::InlineHtml(CowStr::from(format!(
                        "<a href=\"{}\" rel=\"noopener noreferrer\"{title}>",
                        escape::html(&dest_url)
                    ))));
                }
            }
            Event::End(TagEnd::Link) => {
                if links.pop() == Some(true) {
                    out.push(Event::InlineHtml(CowStr::from("</a>")));
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let keep = allowed_image(&dest_url);
                images.push(keep);
                if keep {
                    out.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Image) => {
                if images.pop() == Some(true) {
                    out.push(Event::End(TagEnd::Image));
                }
            }
            Event::Start(Tag::BlockQuote(k)) => {
                quote_depth += 1;
                if quote_depth <= MAX_DEPTH {
                    out.push(Event::Start(Tag::BlockQuote(k)));
                }
            }
            Event::End(TagEnd::BlockQuote(k)) => {
                if quote_depth <= MAX_DEPTH {
                    out.push(Event::End(TagEnd::BlockQuote(k)));
                }
                quote_depth = quote_depth.saturating_sub(1);
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                heading_start = Some(out.len());
                out.push(Event::Start(Tag::Heading {
                    level: demote(level, offset),
                    id,
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(start) = heading_start.take() {
                    let text: String = out[start + 1..]
                        .iter()
                        .filter_map(|e| match e {
                            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                            _ => None,
                        })
                        .collect();
                    let base = slugify(&text);
                    let base = if base.is_empty() {
                        "section".to_string()
                    } else {
                        base
                    };
                    let n = used.entry(base.clone()).or_insert(0);
                    *n += 1;
                    let id = if *n == 1 { base } else { format!("{base}-{n}") };
                    if let Event::Start(Tag::Heading { id: slot, .. }) = &mut out[start]
                        && slot.is_none()
                    {
                        *slot = Some(CowStr::from(id));
                    }
                }
                out.push(Event::End(TagEnd::Heading(demote(level, offset))));
            }
            other => out.push(other),
        }
    }
    // Raw HTML documents get their prefixes after the sanitizer, with the raw headings.
    if !has_raw_html && !id_prefix.is_empty() {
        for ev in &mut out {
            if let Event::Start(Tag::Heading { id: Some(id), .. }) = ev {
                *id = CowStr::from(format!("{id_prefix}{id}"));
            }
        }
    }
    (out, has_raw_html)
}

/// Lowercase ASCII words joined by `-`.
pub fn slugify(text: &str) -> String {
    let mut s = String::new();
    let mut dash = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !s.is_empty() {
                s.push('-');
            }
            dash = false;
            s.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    s
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static B: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    B.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.url_schemes(HashSet::from(["http", "https", "mailto"]));
        b.url_relative(ammonia::UrlRelative::PassThrough);
        b.link_rel(Some("noopener noreferrer"));
        for h in ["h1", "h2", "h3", "h4", "h5", "h6"] {
            b.add_tag_attributes(h, &["id"]);
        }
        b.add_tag_attributes("input", &["type", "checked", "disabled"]);
        // The table region markdown tables are wrapped in.
        b.add_tag_attributes("div", &["tabindex", "role", "aria-label"]);
        b.add_allowed_classes("div", &["table-wrap"]);
        b.add_tags(&["input"]);
        b.attribute_filter(|element, attribute, value| {
            let external =
                value.starts_with("//") || value.contains("://") || value.starts_with("data:");
            if (element == "img" && attribute == "src") && external {
                None
            } else if matches!(attribute, "href" | "src" | "cite") && !allowed_link(value) {
                // ammonia passes relative URLs through, and `//host` is relative to it.
                None
            } else {
                Some(value.into())
            }
        });
        b
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_ids_and_are_demoted() {
        let h = render("# Talking points\n\n## Talking points\n", 1);
        assert!(
            h.contains("<h2 id=\"talking-points\">Talking points</h2>"),
            "{h}"
        );
        assert!(h.contains("<h3 id=\"talking-points-2\">"), "{h}");
    }

    #[test]
    fn raw_html_and_bad_schemes_are_removed() {
        let h = render(
            "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b onmouseover=\"x\">b</b>",
            0,
        );
        assert!(!h.contains("<script"), "{h}");
        assert!(!h.contains("javascript:"), "{h}");
        assert!(!h.contains("onmouseover"), "{h}");
        let ok = render(
            "[site](https://a.example) [mail](mailto:a@b.example) [rel](../x/)",
            0,
        );
        assert!(ok.contains("href=\"https://a.example\""));
        assert!(ok.contains("href=\"mailto:a@b.example\""));
        assert!(ok.contains("href=\"../x/\""));
    }

    #[test]
    fn external_images_are_dropped() {
        let h = render("![a](https://tracker.example/p.gif) ![b](local.png)", 0);
        assert!(!h.contains("tracker.example"), "{h}");
        assert!(h.contains("src=\"local.png\""), "{h}");
    }

    #[test]
    fn pure_markdown_is_safe_without_the_sanitiser() {
        let h = render(
            "[x](javascript:alert(1)) [y](JaVaScRiPt:alert(2)) [z]( java\tscript:alert(3)) <javascript:alert(4)> [ok](https://ok.example/?a=1&b=\"2\") ![t](//tracker.example/p.gif)",
            0,
        );
        assert_eq!(
            h.matches("href=").count(),
            1,
            "only the https link stays a link: {h}"
        );
        assert!(!h.contains("<img"), "{h}");
        assert!(!h.contains("tracker.example"), "{h}");
        assert!(
            h.contains("href=\"https://ok.example/?a=1&amp;b=&quot;2&quot;\""),
            "{h}"
        );
        assert!(h.starts_with("<p>x y "), "link text stays as text: {h}");
    }

    #[test]
    fn bidi_controls_are_dropped_however_they_are_written() {
        for md in [
            "Pay \u{202E}0005 me",
            "Pay &#x202E;0005 me",
            "<b>Pay &#8238;0005 me</b>",
            "[Pay \u{2066}x](https://a.example/\u{202E} \"t\u{202E}'\")",
            "`\u{202E}` and \u{1}",
        ] {
            let h = render(md, 0);
            assert!(!h.chars().any(escape::is_dropped), "{md:?} → {h:?}");
        }
        let h = render("[x](https://a.example/ \"it's\")", 0);
        assert!(h.contains("title=\"it&#x27;s\""), "{h}");
    }

    #[test]
    fn tables_render() {
        assert!(render("|a|b|\n|-|-|\n|1|2|\n", 0).contains("<table>"));
    }

    #[test]
    fn tables_sit_in_a_focusable_scrolling_region_with_or_without_raw_html() {
        for md in ["|a|b|\n|-|-|\n|1|2|\n", "<b>x</b>\n\n|a|b|\n|-|-|\n|1|2|\n"] {
            let h = render(md, 0);
            let open = h
                .find(TABLE_OPEN)
                .unwrap_or_else(|| panic!("no region in {h}"));
            let table = h.find("<table>").expect("a table");
            let close = h.rfind("</table>").expect("a closed table");
            assert!(open < table && h[close..].starts_with("</table>"), "{h}");
            assert!(h[close..].contains("</div>"), "{h}");
        }
        // Raw HTML may not borrow the region's other attributes.
        let h = render(
            "<div class=\"x table-wrap\" onclick=\"a()\" style=\"color:red\">t</div>",
            0,
        );
        assert!(
            !h.contains("onclick") && !h.contains("style") && !h.contains("\"x"),
            "{h}"
        );
    }

    #[test]
    fn deep_quotes_do_not_blow_up() {
        let deep = ">".repeat(5000) + " hi";
        let h = render(&deep, 0);
        assert!(h.matches("<blockquote>").count() <= MAX_DEPTH);
    }
}
