//! `campsite build`.

use crate::cli::{BuildArgs, Outcome};
use crate::pipeline::{self, BuildOptions, PipelineError};
use std::path::Path;

/// Builds; prints warnings and a one-line summary, or every error and the count.
pub fn run(root: &Path, a: BuildArgs, secret: Option<String>) -> Outcome {
    let opts = BuildOptions {
        root: root.to_path_buf(),
        output: a.output.map(|o| {
            if o.is_absolute() {
                o
            } else {
                std::env::current_dir().unwrap_or_default().join(o)
            }
        }),
        audience: a.audience.into(),
        today: a.today,
        secret_override: secret,
    };
    let started = std::time::Instant::now();
    match pipeline::build(&opts) {
        Ok(report) => {
            let mut stderr = String::new();
            if !report.diags.is_empty() {
                stderr = report.diags.to_human();
            }
            Outcome {
                stdout: format!(
                    "built {} files ({} written, {} unchanged; {} audience) into {} in {} ms\n",
                    report.stats.files + report.stats.unchanged,
                    report.stats.files,
                    report.stats.unchanged,
                    opts.audience,
                    report.output.display(),
                    started.elapsed().as_millis()
                ),
                stderr,
                code: 0,
            }
        }
        Err(PipelineError::Content(d)) => Outcome {
            stderr: format!(
                "{}build failed; the previous output was left as it was\n",
                d.to_human()
            ),
            code: 1,
            ..Outcome::default()
        },
        Err(PipelineError::Output(e)) => Outcome::usage_error(e.to_string()),
    }
}
