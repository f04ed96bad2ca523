//! One module per subcommand. Each takes plain options (no command-line types), runs the
//! pipeline and returns an [`Outcome`]; what must be shown while it runs (progress, the dev
//! server's events) goes out as [`Report`]s through a [`Reporter`] that `main` prints. The library
//! itself never writes to the terminal.

pub mod build;
pub mod check;
pub mod init;
pub mod links;
pub mod new;
pub mod progress;
pub mod serve;

use std::sync::Arc;

/// What a command wants printed when it ends, and its exit code.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Text for standard output.
    pub stdout: String,
    /// Text for standard error.
    pub stderr: String,
    /// 0 success; 1 content errors; 2 usage or I/O failure.
    pub code: i32,
}

impl Outcome {
    /// Exit 2 with a message.
    pub fn usage_error(msg: impl Into<String>) -> Self {
        Outcome {
            stderr: format!("error: {}\n", msg.into()),
            code: 2,
            ..Outcome::default()
        }
    }
}

/// Something to show while a command runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    /// Text for standard output (ends with a newline).
    Out(String),
    /// Text for standard error (ends with a newline).
    Err(String),
    /// A status line redrawn in place, e.g. `thumbnails [####  ] 12/40`; shown only on a terminal.
    Progress(String),
    /// The status line is finished: clear it.
    ProgressDone,
    /// Open this URL in the default browser (`serve --open`).
    OpenBrowser(String),
}

/// Receives [`Report`]s, possibly from several threads.
pub type Reporter = Arc<dyn Fn(Report) + Send + Sync>;

/// A reporter that drops everything (tests, embedding).
pub fn silent() -> Reporter {
    Arc::new(|_| {})
}
