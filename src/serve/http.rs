//! Answering requests: the Host and Origin checks (DNS rebinding, cross-origin polls), methods,
//! path lookup in the in-memory site, content types, the 404 page and the reload long-poll.

use super::overlay::{self, POLL_PATH};
use super::paths::{self, Target};
use super::{Shared, Snapshot, TICK};
use crate::render::Output;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, PoisonError};
use std::time::Duration;
use tiny_http::{Header, Method, Request, ResponseBox, StatusCode};

/// A long poll answers after this long even when nothing changed. Kept short: a browser has six
/// connections per host, and a poll holds one while it waits, so long holds from a few open tabs
/// would stall every other request to the server.
const POLL_TIMEOUT: Duration = Duration::from_secs(2);
/// At most this many long polls wait at once; more get 503.
const MAX_POLLERS: usize = 64;

/// What to do with a request.
enum Reply {
    /// Send this now.
    Now(ResponseBox),
    /// Wait for a build after `since`, then answer.
    Poll(Poll),
}

/// A page's question: has anything it shows changed since the build it was served from?
struct Poll {
    since: u64,
    /// The site key of the tab's page (`b/x/index.html`), when the poll names it; a poll that
    /// does not is told to reload on any build.
    page: Option<String>,
}

/// Answers requests until the server stops.
pub(super) fn worker(http: &tiny_http::Server, shared: &Arc<Shared>) {
    while !shared.stopping() {
        let req = match http.recv_timeout(TICK) {
            Ok(Some(r)) => {
                shared.activity.touch();
                r
            }
            Ok(None) => continue,
            Err(_) => {
                std::thread::sleep(TICK);
                continue;
            }
        };
        match route(&req, shared) {
            Reply::Now(resp) => {
                let _ = req.respond(resp);
            }
            Reply::Poll(poll) => spawn_poll(req, poll, shared),
        }
    }
}

fn spawn_poll(req: Request, poll: Poll, shared: &Arc<Shared>) {
    let mut pollers = shared
        .pollers
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    pollers.retain(|h| !h.is_finished());
    if pollers.len() >= MAX_POLLERS || shared.stopping() {
        let _ = req.respond(text(503, "too many open pages; try again\n"));
        return;
    }
    let shared2 = shared.clone();
    pollers.push(std::thread::spawn(move || {
        let snap = shared2.wait_for_change(poll.since, POLL_TIMEOUT);
        let _ = req.respond(poll_answer(&snap, &poll, &shared2));
    }));
}

/// `{"version":7,"failed":false,"reload":true,"css":["/campsite.css"]}`: the tab reloads when
/// `reload` (saving its scroll position first), else swaps the stylesheets listed and polls on
/// with the new version.
fn poll_answer(snap: &Snapshot, poll: &Poll, shared: &Shared) -> ResponseBox {
    let changes = shared.history().since(poll.since);
    let reload = snap.version != poll.since
        && match (&poll.page, &snap.site) {
            (Some(page), Some(site)) => changes.reloads(page, site),
            _ => true,
        };
    let css: Vec<String> = changes.css.iter().map(|k| format!("/{k}")).collect();
    let body = serde_json::json!({
        "version": snap.version,
        "failed": snap.error.is_some(),
        "reload": reload,
        "css": css,
    });
    respond_bytes(200, "application/json", body.to_string().into_bytes())
}

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn header_value<'a>(req: &'a Request, name: &str) -> Option<&'a str> {
    req.headers()
        .iter()
        .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str())
}

/// A response with the headers every answer carries. Never `Access-Control-Allow-Origin`.
fn respond_bytes(status: u16, content_type: &str, body: Vec<u8>) -> ResponseBox {
    with_common(
        tiny_http::Response::from_data(body).with_status_code(StatusCode(status)),
        content_type,
    )
    .boxed()
}

fn with_common<R: std::io::Read>(
    mut resp: tiny_http::Response<R>,
    content_type: &str,
) -> tiny_http::Response<R> {
    for (k, v) in [
        ("Content-Type", content_type),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
        ("Cross-Origin-Resource-Policy", "same-origin"),
        ("Referrer-Policy", "no-referrer"),
    ] {
        if let Some(h) = header(k, v) {
            resp.add_header(h);
        }
    }
    resp
}

fn text(status: u16, body: &str) -> ResponseBox {
    respond_bytes(
        status,
        "text/plain; charset=utf-8",
        body.as_bytes().to_vec(),
    )
}

fn route(req: &Request, shared: &Shared) -> Reply {
    let Some(host) = header_value(req, "Host") else {
        return Reply::Now(text(400, "a Host header is required\n"));
    };
    if !host_allowed(host, shared.local) {
        return Reply::Now(text(
            403,
            "this server answers only to localhost or its own address\n",
        ));
    }
    if let Some(origin) = header_value(req, "Origin")
        && !origin.eq_ignore_ascii_case(&format!("http://{host}"))
    {
        return Reply::Now(text(403, "cross-origin requests are refused\n"));
    }
    if !matches!(req.method(), Method::Get | Method::Head) {
        let mut resp = text(405, "only GET and HEAD are allowed\n");
        if let Some(h) = header("Allow", "GET, HEAD") {
            resp.add_header(h);
        }
        return Reply::Now(resp);
    }
    let key = match paths::resolve(req.url()) {
        Target::Key(k) => k,
        Target::Refused => return Reply::Now(text(400, "bad path\n")),
    };
    if key == overlay::RELOAD_JS_PATH.trim_start_matches('/') {
        return Reply::Now(respond_bytes(
            200,
            "text/javascript; charset=utf-8",
            overlay::RELOAD_JS.as_bytes().to_vec(),
        ));
    }
    if key == POLL_PATH.trim_start_matches('/') {
        let fetch_site = header_value(req, "Sec-Fetch-Site").unwrap_or("same-origin");
        if !fetch_site.eq_ignore_ascii_case("same-origin") {
            return Reply::Now(text(403, "cross-origin requests are refused\n"));
        }
        let page = query_str(req.url(), "page").and_then(|p| match paths::resolve(p) {
            Target::Key(k) => Some(file_key(&k)),
            Target::Refused => None,
        });
        return match query_u64(req.url(), "since") {
            Some(since) => Reply::Poll(Poll { since, page }),
            None => {
                let snap = shared.snapshot();
                let poll = Poll {
                    since: snap.version,
                    page,
                };
                Reply::Now(poll_answer(&snap, &poll, shared))
            }
        };
    }
    Reply::Now(serve_key(req.url(), &key, shared))
}

fn query_str<'a>(url: &'a str, name: &str) -> Option<&'a str> {
    let (_, q) = url.split_once('?')?;
    q.split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn query_u64(url: &str, name: &str) -> Option<u64> {
    query_str(url, name).and_then(|v| v.parse().ok())
}

/// The site key a request key names: a folder's `index.html`.
fn file_key(key: &str) -> String {
    if key.is_empty() || key.ends_with('/') {
        format!("{key}index.html")
    } else {
        key.to_string()
    }
}

/// Whether `host` (the Host header) names this server: `localhost`, a loopback address, or the
/// bound address (any IP literal when bound to all interfaces), with our port. A domain name
/// other than `localhost` is refused: that is how DNS rebinding reaches a local server.
pub(super) fn host_allowed(host: &str, local: SocketAddr) -> bool {
    let (name, port) = match host.rsplit_once(':') {
        Some((n, p)) if !p.contains(']') => (n, Some(p)),
        _ => (host, None),
    };
    let port_ok = match port {
        Some(p) => p.parse::<u16>().ok() == Some(local.port()),
        None => local.port() == 80,
    };
    if !port_ok {
        return false;
    }
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let literal = name
        .strip_prefix('[')
        .and_then(|n| n.strip_suffix(']'))
        .unwrap_or(name);
    match literal.parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback() || ip == local.ip() || local.ip().is_unspecified(),
        Err(_) => false,
    }
}

fn serve_key(url: &str, key: &str, shared: &Shared) -> ResponseBox {
    let snap = shared.snapshot();
    let Some(site) = &snap.site else {
        let page = overlay::failure_page(snap.error.as_deref().unwrap_or(""), snap.version);
        return respond_bytes(500, "text/html; charset=utf-8", page.into_bytes());
    };
    let file = file_key(key);
    if let Some(out) = site.files.get(&file) {
        if let Some(resp) = serve_output(&file, out, &snap, shared) {
            return resp;
        }
    } else if site.files.contains_key(&format!("{key}/index.html")) {
        let path = url.split(['?', '#']).next().unwrap_or("/");
        let mut resp = text(302, "moved\n");
        if let Some(h) = header("Location", &format!("{path}/")) {
            resp.add_header(h);
        }
        return resp;
    }
    not_found(&snap)
}

fn not_found(snap: &Snapshot) -> ResponseBox {
    let page = snap
        .site
        .as_ref()
        .and_then(|s| s.files.get("404.html"))
        .and_then(|o| match o {
            Output::Bytes(b) => Some(b.to_vec()),
            Output::Static(b) => Some(b.to_vec()),
            // Serve renders every page: nothing is kept from an output folder.
            Output::Copy(_) | Output::Kept(_) => None,
        })
        .unwrap_or_else(|| b"<!doctype html><title>Not found</title><h1>Not found</h1>".to_vec());
    respond_bytes(404, "text/html; charset=utf-8", decorate(&page, snap))
}

/// Adds the reload script, and the overlay after a failed rebuild.
fn decorate(html: &[u8], snap: &Snapshot) -> Vec<u8> {
    let mut extra = String::new();
    if let Some(e) = &snap.error {
        extra.push_str(&overlay::overlay(e));
    }
    extra.push_str(&overlay::reload_script(snap.version));
    overlay::inject(html, &extra)
}

/// Adds the policy headers of a site path (`render::headers`), as `_headers` asks of hosts.
fn with_policy<R: std::io::Read>(
    mut resp: tiny_http::Response<R>,
    key: &str,
) -> tiny_http::Response<R> {
    for (k, v) in crate::render::headers::for_path(key) {
        if let Some(h) = header(k, v) {
            resp.add_header(h);
        }
    }
    resp
}

fn serve_output(key: &str, out: &Output, snap: &Snapshot, shared: &Shared) -> Option<ResponseBox> {
    let ctype = paths::content_type(key);
    let body = match out {
        // campsite's own pages get the reload script; nothing else is ever decorated.
        Output::Bytes(b) if ctype.starts_with("text/html") => decorate(b, snap),
        Output::Bytes(b) => b.to_vec(),
        Output::Static(b) => b.to_vec(),
        Output::Kept(_) => return None,
        Output::Copy(p) => {
            // The file is read now, so check again that it is a plain file inside the portal.
            let meta = std::fs::symlink_metadata(p).ok()?;
            let real = p.canonicalize().ok()?;
            if !meta.is_file() || !real.starts_with(&shared.root) {
                return None;
            }
            let file = std::fs::File::open(&real).ok()?;
            let resp = with_common(tiny_http::Response::from_file(file), ctype);
            return Some(with_policy(resp, key).boxed());
        }
    };
    let resp = tiny_http::Response::from_data(body).with_status_code(StatusCode(200));
    Some(with_policy(with_common(resp, ctype), key).boxed())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        let local: SocketAddr = "127.0.0.1:1111".parse().unwrap();
        for ok in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST:1111",
            "[::1]:1111",
        ] {
            assert!(host_allowed(ok, local), "{ok}");
        }
        for bad in [
            "evil.example:1111",
            "localhost.evil.example:1111",
            "127.0.0.1:2222",
            "127.0.0.1",
            "10.0.0.2:1111",
            "",
            "[::1]",
        ] {
            assert!(!host_allowed(bad, local), "{bad}");
        }
        let any: SocketAddr = "0.0.0.0:1111".parse().unwrap();
        assert!(host_allowed("192.168.1.9:1111", any));
        assert!(!host_allowed("rebind.example:1111", any));
    }

    #[test]
    fn query() {
        assert_eq!(query_u64("/p?since=12", "since"), Some(12));
        assert_eq!(query_u64("/p?x=1&since=3", "since"), Some(3));
        assert_eq!(query_u64("/p?since=x", "since"), None);
        assert_eq!(query_u64("/p", "since"), None);
        assert_eq!(query_str("/p?since=1&page=/b/x/", "page"), Some("/b/x/"));
        assert_eq!(file_key("b/x/"), "b/x/index.html");
        assert_eq!(file_key(""), "index.html");
        assert_eq!(file_key("a.css"), "a.css");
    }
}
