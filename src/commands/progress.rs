//! The progress line of `build` and `check`: each [`StageProgress`] the pipeline sends becomes a
//! [`Report::Progress`] line (`check: render team [#####     ] 12/40 campaigns`). Whether and when
//! it is shown (a terminal, after about 2 s) is `main`'s decision.

use super::{Report, Reporter};
use crate::pipeline::{Stage, StageProgress};
use std::sync::Arc;

/// A callback for `BuildHooks::progress` that sends each event to `reporter` as a line.
pub fn hook(
    command: &'static str,
    reporter: &Reporter,
) -> impl Fn(StageProgress) + Sync + Send + use<> {
    let shown = Arc::clone(reporter);
    move |p| shown(Report::Progress(line(command, p)))
}

/// `build: render public [#####     ] 34/100 campaigns`, or `check: lint` for a stage that is
/// not counted.
pub fn line(command: &str, p: StageProgress) -> String {
    let (name, unit) = match p.stage {
        Stage::Load => ("load".to_string(), ""),
        Stage::Validate => ("validate".to_string(), ""),
        Stage::Images => ("thumbnails".to_string(), "images"),
        Stage::Render(a) => (format!("render {a}"), "campaigns"),
        Stage::Links(a) => (format!("links {a}"), ""),
        Stage::Lint => ("lint".to_string(), ""),
        Stage::Write => ("write".to_string(), ""),
    };
    if p.total == 0 {
        return format!("{command}: {name}");
    }
    const WIDTH: usize = 30;
    let filled = (p.done * WIDTH)
        .checked_div(p.total)
        .unwrap_or(WIDTH)
        .min(WIDTH);
    format!(
        "{command}: {name} [{}{}] {}/{} {unit}",
        "#".repeat(filled),
        " ".repeat(WIDTH - filled),
        p.done,
        p.total
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Audience;

    #[test]
    fn counted_and_plain_lines() {
        let p = StageProgress {
            stage: Stage::Render(Audience::Team),
            done: 5,
            total: 10,
        };
        assert_eq!(
            line("check", p),
            format!(
                "check: render team [{}{}] 5/10 campaigns",
                "#".repeat(15),
                " ".repeat(15)
            )
        );
        let lint = StageProgress {
            stage: Stage::Lint,
            done: 0,
            total: 0,
        };
        assert_eq!(line("check", lint), "check: lint");
    }
}
