//! Encrypted private pages (SPEC §6): turns a campaign's rendered private files into what the
//! host stores — each page becomes a shell (`sealed.html`) carrying its sealed bytes, each
//! download (`brief.ics`, `results.csv`, `report.json`, …) becomes sealed bytes — keyed on the
//! route kind (`b/`, `r/`, `p/`), before anything is written or remembered by the memo.

use super::views::PageMeta;
use super::{Ctx, Output, PageJob};
use crate::compute::passphrase::{self, TeamSealer};
use crate::compute::seal::{FolderKey, Sealer};
use crate::diagnostics::{Diagnostic, Diagnostics};
use serde::Serialize;
use std::collections::BTreeMap;

/// What the shell template sees: the sealed page and the names of its sealed downloads.
#[derive(Serialize)]
struct SealedView {
    /// `nonce ‖ ciphertext ‖ tag` of the plain page, base64.
    payload: String,
    /// Sealed files beside the page, space-separated (`brief.ics`).
    files: String,
}

/// Seals every private file among `jobs` with `sealer`; other files pass through unchanged.
pub(super) fn seal_jobs(cx: &Ctx<'_>, sealer: &Sealer, jobs: Vec<PageJob>) -> Vec<PageJob> {
    let mut siblings: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (path, _, _) in &jobs {
        if let Some(folder) = Sealer::folder_of(path) {
            let name = &path[folder.len()..];
            if name != "index.html" {
                siblings
                    .entry(folder.to_string())
                    .or_default()
                    .push(name.to_string());
            }
        }
    }
    let mut keys: BTreeMap<String, FolderKey> = BTreeMap::new();
    jobs.into_iter()
        .map(|(path, out, source)| {
            let Some(folder) = Sealer::folder_of(&path).map(str::to_string) else {
                return (path, out, source);
            };
            let key = keys
                .entry(folder.clone())
                .or_insert_with(|| sealer.folder_key(&folder));
            let out = out.and_then(|o| match o {
                Output::Bytes(plain) => {
                    let sealed = key.seal(&path, &plain);
                    if path.ends_with("index.html") {
                        let files = siblings.get(&folder).map(|v| v.join(" "));
                        shell(cx, &path, &sealed, files.unwrap_or_default())
                    } else {
                        Ok(Output::Bytes(sealed.into()))
                    }
                }
                // Pages are rendered to bytes; anything else is left to the caller.
                other => Ok(other),
            });
            (path, out, source)
        })
        .collect()
}

/// What the shell template is given as the payload while it is rendered: every character of the
/// base64 alphabet between two words no page contains. A template that shows the payload as it
/// is shows this text intact, once; any filter that changes a base64 character changes it too.
const PAYLOAD_MARK: &str =
    "campsite-payload:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=:end";

/// The page the host stores at `path`: the explanation, the sealed bytes, the decryptor.
///
/// The shell is rendered with [`PAYLOAD_MARK`] in place of the payload, and the base64 of the
/// sealed bytes is written where the mark landed: base64 holds no character the HTML escape
/// changes, so this is the page the template gives for the real payload, without sending a
/// page's worth of base64 through the template engine and its escape. A template that does not
/// show the mark exactly once (a filter on the payload, or no payload) is rendered with it.
fn shell(cx: &Ctx<'_>, path: &str, sealed: &[u8], files: String) -> Result<Output, Diagnostic> {
    let meta = PageMeta::new(
        format!("Private page — {}", cx.portal.config.brand.name),
        path,
        "sealed",
        true,
    );
    let render = |payload: String, files: String| {
        cx.page(
            "sealed.html",
            &meta,
            "sealed",
            &SealedView { payload, files },
        )
    };
    let marked = render(PAYLOAD_MARK.to_string(), files.clone())?;
    match splice(&marked, sealed) {
        Some(page) => Ok(Output::Bytes(page.into())),
        None => render(data_encoding::BASE64.encode(sealed), files),
    }
}

/// `marked` with its one [`PAYLOAD_MARK`] replaced by the base64 of `sealed`, or `None` when the
/// mark is not there exactly once.
fn splice(marked: &Output, sealed: &[u8]) -> Option<Vec<u8>> {
    let Output::Bytes(page) = marked else {
        return None;
    };
    let text = std::str::from_utf8(page).ok()?;
    let at = text.find(PAYLOAD_MARK)?;
    if text.rfind(PAYLOAD_MARK) != Some(at) {
        return None;
    }
    let encoding = &data_encoding::BASE64;
    let len = encoding.encode_len(sealed.len());
    let mut out = Vec::with_capacity(page.len() - PAYLOAD_MARK.len() + len);
    out.extend_from_slice(&page[..at]);
    let start = out.len();
    out.resize(start + len, 0);
    encoding.encode_mut(sealed, &mut out[start..]);
    out.extend_from_slice(&page[at + PAYLOAD_MARK.len()..]);
    Some(out)
}

/// What the passphrase shell sees.
#[derive(Serialize)]
struct TeamShellView {
    /// The PBKDF2 salt, unpadded base64url.
    salt: String,
    /// PBKDF2 iterations.
    iterations: u32,
    /// Site paths that stay plain, space-separated (theme files the pages load).
    plain: String,
}

/// A passphrase team build: every file but the theme's static files and the host's files is
/// sealed under the site key and stored under a name that says nothing (`s/<hex>`); the front
/// page becomes the passphrase prompt. Reads the portal files the site copies (media,
/// thumbnails), since their bytes are sealed too.
pub(super) fn seal_team(
    cx: &Ctx<'_>,
    sealer: &TeamSealer,
    mut site: super::Site,
    static_paths: &std::collections::BTreeSet<&str>,
) -> Result<super::Site, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut out = super::Site::default();
    let plain: Vec<String> = site
        .files
        .keys()
        .filter(|p| static_paths.contains(p.as_str()))
        .cloned()
        .collect();
    let files = std::mem::take(&mut site.files);
    for (path, file) in files {
        let source = site.source_of(&path).unwrap_or_default().to_string();
        if passphrase::stays_plain(&path, static_paths.contains(path.as_str())) {
            out.add(path, file, &source, &mut diags);
            continue;
        }
        let bytes = match file {
            Output::Bytes(b) => b.to_vec(),
            Output::Static(b) => b.to_vec(),
            Output::Copy(from) => match std::fs::read(&from) {
                Ok(b) => b,
                Err(e) => {
                    diags.push(Diagnostic::error(
                        &source,
                        "io",
                        format!("cannot read: {e}"),
                    ));
                    continue;
                }
            },
            Output::Kept(_) => {
                diags.push(Diagnostic::error(
                    &source,
                    "passphrase",
                    "internal: a kept file reached the passphrase step",
                ));
                continue;
            }
        };
        let sealed = sealer.key().seal(&path, &bytes);
        out.add(
            sealer.stored_path(&path),
            Output::Bytes(sealed.into()),
            &source,
            &mut diags,
        );
    }
    let meta = PageMeta::new(
        format!("Team site — {}", cx.portal.config.brand.name),
        "index.html",
        "sealed",
        true,
    );
    let view = TeamShellView {
        salt: data_encoding::BASE64URL_NOPAD.encode(&sealer.salt()),
        iterations: passphrase::ITERATIONS,
        plain: plain.join(" "),
    };
    // The prompt is what anyone sees: no team navigation (its links would lead nowhere).
    let mut site_view = cx.site.clone();
    site_view.team = false;
    let mut ctx = tera::Context::new();
    ctx.insert("site", &site_view);
    ctx.insert("lang", &super::page_tag(&cx.portal.config, cx.lang));
    ctx.insert("page", &meta);
    ctx.insert("sealed", &view);
    match cx.templates.render("sealed-team.html", &ctx) {
        Ok(shell) => out.add(
            "index.html".into(),
            Output::Bytes(shell.into_bytes().into()),
            "theme",
            &mut diags,
        ),
        Err(d) => diags.push(d),
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str) -> Output {
        Output::Bytes(text.replace("MARK", PAYLOAD_MARK).into_bytes().into())
    }

    #[test]
    fn the_payload_goes_where_the_one_mark_is() {
        let sealed = b"\x00\xffsealed bytes";
        let page = splice(&marked("<p>a</p><script>MARK</script>"), sealed);
        let want = format!(
            "<p>a</p><script>{}</script>",
            data_encoding::BASE64.encode(sealed)
        );
        assert_eq!(page.as_deref(), Some(want.as_bytes()));
    }

    #[test]
    fn no_mark_or_two_marks_are_left_to_the_template() {
        assert_eq!(splice(&marked("<p>no payload</p>"), b"x"), None);
        assert_eq!(splice(&marked("MARK and MARK"), b"x"), None);
        assert_eq!(splice(&Output::Static(b"MARK"), b"x"), None);
    }
}
