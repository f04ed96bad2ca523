//! The `campsite` binary: parse the command line, run, print, exit.

use std::io::Write;

fn main() {
    let outcome = campsite::cli::run(std::env::args_os());
    let _ = std::io::stdout().write_all(outcome.stdout.as_bytes());
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    std::process::exit(outcome.code);
}
