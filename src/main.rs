//! The `campsite` binary: parse the command line, run, print what the library reports, exit.
//! The only place that writes to the terminal.

use campsite::commands::{Report, Reporter};
use std::io::{IsTerminal, Write};
use std::sync::Arc;

fn main() {
    let outcome = campsite::cli::run_with(std::env::args_os(), &terminal());
    let _ = std::io::stdout().write_all(outcome.stdout.as_bytes());
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    std::process::exit(outcome.code);
}

/// Prints reports as they come; status lines only on a terminal and never in CI.
fn terminal() -> Reporter {
    let status_lines = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    Arc::new(move |r| match r {
        Report::Out(text) => {
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
        }
        Report::Err(text) => {
            let _ = std::io::stderr().lock().write_all(text.as_bytes());
        }
        Report::Progress(line) if status_lines => {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r{line}");
            let _ = err.flush();
        }
        Report::ProgressDone if status_lines => {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r{}\r", " ".repeat(60));
            let _ = err.flush();
        }
        Report::Progress(_) | Report::ProgressDone => {}
        Report::OpenBrowser(url) => open_browser(&url),
    })
}

/// Opens `url` in the default browser; a failure only costs a message.
fn open_browser(url: &str) {
    let cmd = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    if let Err(e) = std::process::Command::new(cmd.0)
        .args(&cmd.1)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        eprintln!(
            "warning: cannot open a browser ({}: {e}); open {url} yourself",
            cmd.0
        );
    }
}
