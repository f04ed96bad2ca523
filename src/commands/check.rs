//! `campsite check`.

use crate::cli::{CheckArgs, CheckFormat, Outcome};
use crate::model::Audience;
use crate::pipeline::{self, BuildOptions};
use std::path::Path;

/// Checks; exit 1 on errors (or warnings with `--deny-warnings`).
pub fn run(root: &Path, a: CheckArgs, secret: Option<String>) -> Outcome {
    let opts = BuildOptions {
        root: root.to_path_buf(),
        output: None,
        audience: Audience::Public,
        today: a.today,
        secret_override: secret,
        passphrase: None,
    };
    let diags = pipeline::check(&opts);
    let failed = diags.has_errors() || (a.deny_warnings && diags.warning_count() > 0);
    let code = i32::from(failed);
    match a.format {
        CheckFormat::Human => Outcome {
            stdout: diags.to_human(),
            stderr: String::new(),
            code,
        },
        CheckFormat::Json => Outcome {
            stdout: format!("{}\n", diags.to_json()),
            stderr: String::new(),
            code,
        },
    }
}
