//! `campsite new campaign SLUG` / `new brief CAMPAIGN HANDLE` / `new creator HANDLE`.

use crate::cli::{NewArgs, NewWhat, Outcome};
use crate::scaffold::new::{NewFile, NewOptions, new_file};
use std::path::Path;

/// Scaffolds one file; exit 2 when the id is invalid, the file exists or a reference is missing.
pub fn run(root: &Path, args: NewArgs) -> Outcome {
    let (file, next) = match args.what {
        NewWhat::Campaign { slug } => {
            let next = format!("next: campsite new brief {slug} HANDLE");
            (NewFile::Campaign { slug }, next)
        }
        NewWhat::Brief { campaign, handle } => (
            NewFile::Brief { campaign, handle },
            "next: fill in the blanks, then campsite check and campsite links".to_string(),
        ),
        NewWhat::Creator { handle } => {
            let next = format!("next: campsite new brief CAMPAIGN {handle}");
            (NewFile::Creator { handle }, next)
        }
    };
    let opts = NewOptions {
        root: root.to_path_buf(),
        file,
        today: args.today,
    };
    match new_file(&opts) {
        Ok(rel) => Outcome {
            stdout: format!("created {}\n{next}\n", root.join(rel).display()),
            ..Outcome::default()
        },
        Err(e) => Outcome::usage_error(e.to_string()),
    }
}
