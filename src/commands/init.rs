//! `campsite init DIR`.

use super::Outcome;
use std::path::Path;

/// Writes the sample portal; exit 2 when DIR is not empty.
pub fn run(dir: &Path) -> Outcome {
    match crate::scaffold::init(dir) {
        Ok(files) => Outcome {
            stdout: format!(
                "created a portal in {} ({} files)\nnext: campsite build -r {}   (or: cd {} && campsite serve)\n",
                dir.display(),
                files.len(),
                dir.display(),
                dir.display()
            ),
            ..Outcome::default()
        },
        Err(e) => Outcome::usage_error(e.to_string()),
    }
}
