//! `campsite build`.

use crate::cli::{BuildArgs, Outcome};
use crate::pipeline::{self, BuildOptions, PipelineError};
use std::path::Path;

/// Builds; prints warnings and a one-line summary, or every error and the count.
pub fn run(root: &Path, a: BuildArgs, secret: Option<String>) -> Outcome {
    let timings = a.timings;
    let passphrase = match passphrase_from_env(&a) {
        Ok(p) => p,
        Err(msg) => return Outcome::usage_error(msg),
    };
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
        passphrase,
    };
    let started = std::time::Instant::now();
    let bar = progress_bar_wanted().then_some(&draw_progress as &crate::images::ProgressFn);
    let hooks = pipeline::BuildHooks {
        progress: bar,
        ..Default::default()
    };
    let result = pipeline::build_with(&opts, &hooks);
    if bar.is_some() {
        clear_progress();
    }
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
                ) + &if timings {
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

/// A progress bar only on a terminal, and never in CI.
fn progress_bar_wanted() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal() && std::env::var_os("CI").is_none()
}

/// Draws `thumbnails [#####     ] 12/40` on stderr's current line.
fn draw_progress(p: crate::images::Progress) {
    use std::io::Write;
    const WIDTH: usize = 30;
    let filled = (p.done * WIDTH)
        .checked_div(p.total)
        .unwrap_or(WIDTH)
        .min(WIDTH);
    let mut err = std::io::stderr().lock();
    let _ = write!(
        err,
        "\rthumbnails [{}{}] {}/{}",
        "#".repeat(filled),
        " ".repeat(WIDTH - filled),
        p.done,
        p.total
    );
    let _ = err.flush();
}

fn clear_progress() {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "\r{}\r", " ".repeat(60));
    let _ = err.flush();
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

/// The passphrase named by `--passphrase-env`: only for team builds, never empty.
fn passphrase_from_env(a: &BuildArgs) -> Result<Option<String>, String> {
    let Some(name) = &a.passphrase_env else {
        return Ok(None);
    };
    if crate::model::Audience::from(a.audience) != crate::model::Audience::Team {
        return Err("--passphrase-env encrypts a team build: add --audience team (public builds use [privacy] encrypt)".into());
    }
    match std::env::var(name) {
        Ok(p) if !p.is_empty() => Ok(Some(p)),
        _ => Err(format!(
            "--passphrase-env {name}: the environment variable {name} is not set or empty"
        )),
    }
}
