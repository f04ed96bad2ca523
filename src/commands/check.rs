//! `campsite check`.

use super::{Outcome, Report, Reporter};
use crate::compute::disclosure;
use crate::pipeline::{self, BuildOptions};

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckFormat {
    /// `path:line:column: severity: message`.
    Human,
    /// A JSON array of findings.
    Json,
}

/// What `check` is asked to do.
#[derive(Debug, Clone)]
pub struct CheckRequest {
    /// The pipeline's options (the audience is ignored: both are checked).
    pub opts: BuildOptions,
    /// Output format.
    pub format: CheckFormat,
    /// Exit 1 on warnings too.
    pub deny_warnings: bool,
    /// `--explain RULE`: explain a rule or jurisdiction instead of checking.
    pub explain: Option<String>,
}

/// Checks, reporting how far each stage has got while it runs; exit 1 on errors (or warnings
/// with `--deny-warnings`).
pub fn run(a: CheckRequest, reporter: &Reporter) -> Outcome {
    if let Some(topic) = &a.explain {
        return explain(topic);
    }
    let progress = super::progress::hook("check", reporter);
    let hooks = pipeline::BuildHooks {
        progress: Some(&progress),
        ..Default::default()
    };
    let diags = pipeline::check_with(&a.opts, &hooks);
    reporter(Report::ProgressDone);
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

/// `check --explain RULE`: the rule file's own words, no portal needed.
fn explain(topic: &str) -> Outcome {
    match disclosure::explain::explain(topic) {
        Some(text) => Outcome {
            stdout: text,
            stderr: String::new(),
            code: 0,
        },
        None => Outcome::usage_error(format!(
            "no rule or jurisdiction `{topic}` to explain (one of: {})",
            disclosure::explain::topics().join(", ")
        )),
    }
}
