//! The `campsite` binary: parse the command line, run, print what the library reports, exit.
//! The only place that writes to the terminal.

use campsite::commands::{Report, Reporter};
use std::io::{IsTerminal, Write};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// mimalloc rather than glibc's allocator: a `serve` rebuild frees and makes many small strings
/// across rayon's threads, and glibc's arenas spent a fifth of a save consolidating free lists.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's options by their place in `mi_option_e` (`mimalloc.h`, the same in its v2 and v3;
/// the crate names only some of them). A test checks them against mimalloc's own reading of its
/// environment variables.
const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// A `build` or `check` gives freed memory back after 50 ms (mimalloc's v3 default is a second)
/// and commits arenas as they are used: their peak memory is a target (1 GB at 100,000 briefs),
/// and the defaults held about a third more than glibc. At 10,000 briefs, 50 ms peaks where glibc
/// does (0 ms: 8% lower, but its system calls made the build 10–15% slower than glibc's). `serve`
/// keeps the defaults, which make a save's rebuild quicker.
fn tune_allocator(args: &[std::ffi::OsString]) {
    if args.iter().skip(1).any(|a| a == "serve") {
        return;
    }
    // SAFETY: setting an option is a plain store into mimalloc's option table; these two are
    // read when memory is purged or an arena is made, and may change at any time.
    unsafe {
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 50);
        libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0);
    }
}

fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    tune_allocator(&args);
    let outcome = campsite::cli::run_with(args, &terminal());
    let _ = std::io::stdout().write_all(outcome.stdout.as_bytes());
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    std::process::exit(outcome.code);
}

/// A status line appears only once a command has run this long: a quick build or check stays
/// as quiet as before.
const STATUS_AFTER: Duration = Duration::from_secs(2);

/// Prints reports as they come; status lines only on a terminal, never in CI, and only for a
/// command that has run for [`STATUS_AFTER`].
fn terminal() -> Reporter {
    let status_lines = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    let status = StatusLine::new(status_lines, STATUS_AFTER, std::io::stderr());
    Arc::new(move |r| match r {
        Report::Out(text) => {
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
        }
        Report::Err(text) => {
            status.clear();
            let _ = std::io::stderr().lock().write_all(text.as_bytes());
        }
        Report::Progress(line) => status.show(&line),
        Report::ProgressDone => status.clear(),
        Report::OpenBrowser(url) => open_browser(&url),
    })
}

/// The status line redrawn in place on standard error (or any writer, for the tests).
struct StatusLine<W> {
    enabled: bool,
    after: Duration,
    started: Instant,
    /// The writer, and the width of the line shown (0: none).
    out: Mutex<(W, usize)>,
}

impl<W: Write> StatusLine<W> {
    fn new(enabled: bool, after: Duration, out: W) -> Self {
        StatusLine {
            enabled,
            after,
            started: Instant::now(),
            out: Mutex::new((out, 0)),
        }
    }

    fn show(&self, line: &str) {
        if !self.enabled || self.started.elapsed() < self.after {
            return;
        }
        let mut guard = self.out.lock().unwrap_or_else(PoisonError::into_inner);
        let (out, shown) = &mut *guard;
        let width = line.chars().count();
        let pad = " ".repeat(shown.saturating_sub(width));
        let _ = write!(out, "\r{line}{pad}");
        let _ = out.flush();
        *shown = width;
    }

    fn clear(&self) {
        let mut guard = self.out.lock().unwrap_or_else(PoisonError::into_inner);
        let (out, shown) = &mut *guard;
        if *shown > 0 {
            let _ = write!(out, "\r{}\r", " ".repeat(*shown));
            let _ = out.flush();
            *shown = 0;
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The option numbers are mimalloc's: in a child process given mimalloc's environment
    /// variables, the options read at those numbers hold the values given.
    #[test]
    fn the_allocator_options_are_the_ones_mimalloc_names() {
        let (delay, eager) = ("4321", "0");
        if std::env::var_os("CAMPSITE_ALLOCATOR_PROBE").is_some() {
            // SAFETY: reading an option is a plain load from mimalloc's option table.
            let read = unsafe {
                (
                    libmimalloc_sys::mi_option_get(PURGE_DELAY),
                    libmimalloc_sys::mi_option_get(ARENA_EAGER_COMMIT),
                )
            };
            assert_eq!(read, (4321, 0));
            return;
        }
        let me = std::env::current_exe().unwrap();
        let child = std::process::Command::new(me)
            .args([
                "--exact",
                "tests::the_allocator_options_are_the_ones_mimalloc_names",
            ])
            .env("CAMPSITE_ALLOCATOR_PROBE", "1")
            .env("MIMALLOC_PURGE_DELAY", delay)
            .env("MIMALLOC_ARENA_EAGER_COMMIT", eager)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&child.stdout);
        assert!(child.status.success(), "{text}");
        assert!(text.contains("1 passed"), "the probe did not run: {text}");
    }

    fn shown(enabled: bool, after: Duration) -> String {
        let status = StatusLine::new(enabled, after, Vec::new());
        status.show("build: render public [###] 1/2 campaigns");
        status.show("build: write");
        status.clear();
        let (out, _) = status
            .out
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn status_lines_only_on_a_terminal_and_after_a_while() {
        assert_eq!(shown(false, Duration::ZERO), "", "not a terminal: nothing");
        assert_eq!(
            shown(true, Duration::from_secs(3600)),
            "",
            "a quick command: nothing"
        );
        let out = shown(true, Duration::ZERO);
        assert!(
            out.starts_with("\rbuild: render public [###] 1/2 campaigns"),
            "{out:?}"
        );
        // The shorter line covers the longer one, and the line is cleared at the end.
        assert!(
            out.contains(&format!("\rbuild: write{}", " ".repeat(28))),
            "{out:?}"
        );
        assert!(out.ends_with(&format!("\r{}\r", " ".repeat(12))), "{out:?}");
    }
}
