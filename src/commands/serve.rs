//! `campsite serve`: starts the dev server and prints its events as they come. This long-running
//! command is the one place besides `main.rs` that writes to the terminal, through the event
//! callback it hands the server.

use crate::cli::{Outcome, ServeArgs};
use crate::pipeline::BuildOptions;
use crate::serve::{Event, EventSink, ServeOptions, Server};
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

/// Serves until the process is interrupted (Ctrl-C); returns only when the server cannot start.
pub fn run(root: &Path, a: ServeArgs, secret: Option<String>) -> Outcome {
    let build = BuildOptions {
        root: root.to_path_buf(),
        output: None,
        audience: a.audience.into(),
        today: None,
        secret_override: secret,
        passphrase: None,
    };
    let opts = ServeOptions {
        build,
        interface: a.interface,
        port: a.port,
    };
    if !opts.interface.is_loopback() {
        eprintln!(
            "warning: serving on {} makes the {} site reachable from other machines",
            opts.interface, opts.build.audience
        );
    }
    let open = a.open;
    let sink: EventSink = Arc::new(move |e| print_event(&e, open));
    match Server::start(opts, sink) {
        Ok(server) => {
            server.wait();
            Outcome::default()
        }
        Err(e) => Outcome::usage_error(e.to_string()),
    }
}

fn print_event(e: &Event, open: bool) {
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    match e {
        Event::Listening {
            url,
            requested_port,
        } => {
            if !url.ends_with(&format!(":{requested_port}/")) && *requested_port != 0 {
                let _ = writeln!(
                    out,
                    "port {requested_port} is taken; using the next free one"
                );
            }
            let _ = writeln!(out, "serving {url} (Ctrl-C to stop)");
            if open {
                open_browser(url);
            }
        }
        Event::Built {
            files,
            elapsed,
            warnings,
            changed,
            reused,
        } => {
            if !warnings.is_empty() {
                let _ = write!(err, "{}", warnings.to_human());
            }
            let kept = if *reused > 0 {
                format!(" ({reused} kept from the previous build)")
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "{}built {files} files in {} ms{kept}",
                trigger(changed),
                elapsed.as_millis()
            );
        }
        Event::Failed {
            diagnostics,
            elapsed,
            changed,
        } => {
            let _ = write!(err, "{}", diagnostics.to_human());
            let _ = writeln!(
                err,
                "{}build failed in {} ms; still serving the last good build",
                trigger(changed),
                elapsed.as_millis()
            );
        }
    }
}

fn trigger(changed: &[String]) -> String {
    match changed {
        [] => String::new(),
        [one] => format!("{one} changed: "),
        [first, rest @ ..] => format!("{first} and {} more changed: ", rest.len()),
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
