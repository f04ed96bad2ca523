//! `campsite build`.

use super::{Outcome, Report, Reporter};
use crate::pipeline::{self, BuildOptions, PipelineError};

/// What `build` is asked to do.
#[derive(Debug, Clone)]
pub struct BuildRequest {
    /// The pipeline's options.
    pub opts: BuildOptions,
    /// Print the time each stage took.
    pub timings: bool,
}

/// Builds; reports how far each stage has got while it runs, then returns warnings and a one-line
/// summary, or every error and the count.
pub fn run(req: BuildRequest, reporter: &Reporter) -> Outcome {
    let BuildRequest { opts, timings } = req;
    let started = std::time::Instant::now();
    let progress = super::progress::hook("build", reporter);
    let hooks = pipeline::BuildHooks {
        progress: Some(&progress),
        ..Default::default()
    };
    let result = pipeline::build_with(&opts, &hooks);
    reporter(Report::ProgressDone);
    match result {
        Ok(report) => {
            let mut stderr = String::new();
            if !report.diags.is_empty() {
                stderr = report.diags.to_human();
            }
            Outcome {
                stdout: format!(
                    "built {} files ({} written, {} unchanged; {} audience) into {} in {} ms{}\n",
                    report.stats.files + report.stats.unchanged,
                    report.stats.files,
                    report.stats.unchanged,
                    opts.audience,
                    report.output.display(),
                    started.elapsed().as_millis(),
                    image_summary(&report.images)
                ) + if report.up_to_date {
                    "the output was already up to date: no input changed since the build that made it\n"
                } else {
                    ""
                } + &if timings {
                    format!(
                        "timings: {}; {} files kept from the previous build without rendering\n",
                        report.timings.summary(),
                        report.stats.reused
                    )
                } else {
                    String::new()
                },
                stderr,
                code: 0,
            }
        }
        Err(PipelineError::Content(d)) => Outcome {
            stderr: format!("{}build failed; {}\n", d.to_human(), left_behind(&opts)),
            code: 1,
            ..Outcome::default()
        },
        Err(PipelineError::Output(e)) => Outcome::usage_error(e.to_string()),
    }
}

/// What a failed build left: the previous output untouched, or nothing at all.
fn left_behind(opts: &BuildOptions) -> &'static str {
    if opts.output_dir().join(crate::output::MARKER).is_file() {
        "the previous output was left as it was"
    } else {
        "nothing was written"
    }
}

/// `; images: 3 made, 5 cached, 0 unreadable`, or nothing for a portal without images.
fn image_summary(s: &crate::images::ImageStats) -> String {
    if s.images == 0 && s.failed == 0 {
        return String::new();
    }
    format!(
        "; images: {} made, {} cached, {} unreadable",
        s.decoded, s.cached, s.failed
    )
}
