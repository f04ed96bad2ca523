//! `campsite new campaign SLUG` / `new brief CAMPAIGN HANDLE` / `new creator HANDLE`.

use super::Outcome;
use crate::scaffold::new::{NewFile, NewOptions, new_file};

/// Scaffolds one file; exit 2 when the id is invalid, the file exists or a reference is missing.
pub fn run(opts: NewOptions) -> Outcome {
    let next = match &opts.file {
        NewFile::Campaign { slug } => format!("next: campsite new brief {slug} HANDLE"),
        NewFile::Brief { .. } => {
            "next: fill in the blanks, then campsite check and campsite links".to_string()
        }
        NewFile::Creator { handle } => format!("next: campsite new brief CAMPAIGN {handle}"),
    };
    match new_file(&opts) {
        Ok(rel) => Outcome {
            stdout: format!("created {}\n{next}\n", opts.root.join(rel).display()),
            ..Outcome::default()
        },
        Err(e) => Outcome::usage_error(e.to_string()),
    }
}
