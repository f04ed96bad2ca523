//! `campsite serve`: starts the dev server and turns its events into [`Report`]s as they come
//! (`main` prints them).

use super::{Outcome, Report, Reporter};
use crate::serve::{Event, EventSink, ServeOptions, Server};
use std::sync::Arc;

/// What `serve` is asked to do.
#[derive(Debug, Clone)]
pub struct ServeRequest {
    /// The server's options.
    pub opts: ServeOptions,
    /// Open the front page in the default browser once listening.
    pub open: bool,
}

/// Serves until the process is interrupted (Ctrl-C); returns only when the server cannot start.
pub fn run(req: ServeRequest, reporter: &Reporter) -> Outcome {
    let ServeRequest { opts, open } = req;
    if !opts.interface.is_loopback() {
        reporter(Report::Err(format!(
            "warning: serving on {} makes the {} site reachable from other machines\n",
            opts.interface, opts.build.audience
        )));
    }
    let reporter = Arc::clone(reporter);
    let sink: EventSink = Arc::new(move |e| {
        for r in reports_for(&e, open) {
            reporter(r);
        }
    });
    match Server::start(opts, sink) {
        Ok(server) => {
            server.wait();
            Outcome::default()
        }
        Err(e) => Outcome::usage_error(e.to_string()),
    }
}

/// What to show for one server event.
pub fn reports_for(e: &Event, open: bool) -> Vec<Report> {
    let mut out = Vec::new();
    match e {
        Event::Listening {
            url,
            requested_port,
        } => {
            if !url.ends_with(&format!(":{requested_port}/")) && *requested_port != 0 {
                out.push(Report::Out(format!(
                    "port {requested_port} is taken; using the next free one\n"
                )));
            }
            out.push(Report::Out(format!("serving {url} (Ctrl-C to stop)\n")));
            if open {
                out.push(Report::OpenBrowser(url.clone()));
            }
        }
        Event::Built {
            files,
            elapsed,
            warnings,
            changed,
            reused,
            timings,
        } => {
            if !warnings.is_empty() {
                out.push(Report::Err(warnings.to_human()));
            }
            let kept = if *reused > 0 {
                format!(" ({reused} kept from the previous build)")
            } else {
                String::new()
            };
            out.push(Report::Out(format!(
                "{}built {files} files in {} ms{kept}: {}\n",
                trigger(changed),
                elapsed.as_millis(),
                timings.summary()
            )));
        }
        Event::Failed {
            diagnostics,
            elapsed,
            changed,
        } => {
            out.push(Report::Err(diagnostics.to_human()));
            out.push(Report::Err(format!(
                "{}build failed in {} ms; still serving the last good build\n",
                trigger(changed),
                elapsed.as_millis()
            )));
        }
    }
    out
}

fn trigger(changed: &[String]) -> String {
    match changed {
        [] => String::new(),
        [one] => format!("{one} changed: "),
        [first, rest @ ..] => format!("{first} and {} more changed: ", rest.len()),
    }
}
