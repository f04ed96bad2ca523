//! Which link secret a build uses: `CAMPSITE_LINK_SECRET`, else `[privacy] link_secret`, else
//! the portal's own `.campsite/link_secret` (`local_secret`), with the refusals and warnings
//! about weak or missing secrets.

use crate::compute;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::local_secret::{self, Access, Found};
use crate::model::{Audience, Portal};
use crate::pipeline::BuildOptions;

/// Secret used for team previews when none is configured (warned about; refused in public).
const PREVIEW_SECRET: &str = "campsite-team-preview-without-a-secret";

/// The secret in force: `CAMPSITE_LINK_SECRET`, else `[privacy] link_secret`, else the portal's
/// own `.campsite/link_secret` (made on the first build that needs it, and said so once). A weak
/// one is refused in public; when none can be had, a public build is refused and a team preview
/// uses a placeholder. `check` (read-only) never makes the file: without one it checks with the
/// placeholder, since the build would make a strong secret.
pub(crate) fn resolve(
    portal: &Portal,
    opts: &BuildOptions,
    access: Access,
    diags: &mut Diagnostics,
) -> String {
    let configured = opts
        .secret_override
        .clone()
        .filter(|s| !s.is_empty())
        .or_else(|| portal.config.link_secret.clone());
    if let Some(s) = configured {
        if let Some(weak) = compute::secret::weakness(&s) {
            diags.push(weak_secret_diagnostic("portal.toml", &weak, opts.audience));
        }
        return s;
    }
    match local_secret::local_secret(&opts.root, access) {
        Ok(Found::Read(s)) => {
            if let Some(weak) = compute::secret::weakness(&s) {
                diags.push(weak_secret_diagnostic(
                    local_secret::FILE,
                    &weak,
                    opts.audience,
                ));
            }
            s
        }
        Ok(Found::Created(s)) => {
            diags.push(
                Diagnostic::warning(
                    local_secret::FILE,
                    "link-secret",
                    "no link secret was set: made a random one and kept it here (git ignores it)",
                )
                .with_hint("every private link derives from it: keep this file, or set CAMPSITE_LINK_SECRET (or [privacy] link_secret) where the site is built for good; a build without it makes new links"),
            );
            s
        }
        Ok(Found::Absent) => PREVIEW_SECRET.to_string(),
        Err(e) => {
            let message = format!(
                "no link secret, and none can be kept in {}: {e}",
                local_secret::FILE
            );
            let hint = "set [privacy] link_secret in portal.toml, or the CAMPSITE_LINK_SECRET environment variable";
            if opts.audience == Audience::Public {
                diags
                    .push(Diagnostic::error("portal.toml", "link-secret", message).with_hint(hint));
                String::new()
            } else {
                diags.push(
                    Diagnostic::warning(
                        "portal.toml",
                        "link-secret",
                        format!("{message}; team preview links use a placeholder"),
                    )
                    .with_hint(hint),
                );
                PREVIEW_SECRET.to_string()
            }
        }
    }
}

/// A public build refuses a weak secret (anyone could compute its links offline from one token);
/// a team preview only warns.
fn weak_secret_diagnostic(
    source: &str,
    weak: &compute::secret::Weakness,
    audience: Audience,
) -> Diagnostic {
    let message = match weak {
        compute::secret::Weakness::Placeholder => {
            "the link secret is a placeholder from the documentation".to_string()
        }
        compute::secret::Weakness::TooFewBits(bits) => format!(
            "the link secret has about {bits:.0} bits of entropy; private links need at least {:.0}",
            compute::secret::MIN_SECRET_BITS
        ),
    };
    let hint = "make one with `openssl rand -base64 32` (or `head -c 32 /dev/urandom | base64`) and set it as [privacy] link_secret or CAMPSITE_LINK_SECRET";
    let d = if audience == Audience::Public {
        Diagnostic::error(source, "link-secret", message)
    } else {
        Diagnostic::warning(source, "link-secret", message)
    };
    d.with_hint(hint)
}
