//! `campsite serve` end to end: a server on a free loopback port over a copy of the demo portal,
//! spoken to with raw HTTP so every byte of the requests is under the test's control.

use campsite::model::Audience;
use campsite::pipeline::BuildOptions;
use campsite::render::Output;
use campsite::serve::{Event, EventSink, ServeOptions, Server, build_in_memory};
use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A copy of the demo portal in a fresh temporary folder, removed on drop.
struct TempPortal {
    dir: PathBuf,
}

impl TempPortal {
    fn new() -> Self {
        let dir = std::env::temp_dir().join(format!(
            "campsite-serve-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        copy_demo(&dir.join("portal"));
        copy_tree(
            &warm_thumbnails(),
            &campsite::images::cache_dir(&dir.join("portal")),
        );
        TempPortal { dir }
    }

    fn root(&self) -> PathBuf {
        self.dir.join("portal")
    }
}

impl Drop for TempPortal {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The demo portal's files (settings, content, static) into `to`.
fn copy_demo(to: &Path) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(to).unwrap();
    for entry in ["portal.toml", "content", "static"] {
        copy_tree(&repo.join(entry), &to.join(entry));
    }
}

/// The demo's thumbnails, made once per run and copied into every test's portal, whose first
/// build then finds them in its cache (keyed by each image's content and the settings) instead
/// of encoding the same images again in every test. Kept under cargo's temporary folder for
/// tests, where the next run's build reuses them and prunes what the demo no longer has.
fn warm_thumbnails() -> PathBuf {
    static WARM: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    WARM.get_or_init(|| {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve-demo");
        for entry in ["portal.toml", "content", "static"] {
            let _ = std::fs::remove_dir_all(root.join(entry));
            let _ = std::fs::remove_file(root.join(entry));
        }
        copy_demo(&root);
        let mut opts = BuildOptions::new(&root);
        opts.audience = Audience::Team;
        opts.secret_override = Some("serve-tests-warm-cache-0123456789abcdef".into());
        build_in_memory(&opts).expect("the demo portal builds");
        campsite::images::cache_dir(&root)
    })
    .clone()
}

fn copy_tree(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            copy_tree(&e.path(), &to.join(e.file_name()));
        }
    } else {
        std::fs::copy(from, to).unwrap();
    }
}

struct Running {
    server: Option<Server>,
    addr: SocketAddr,
    events: Arc<Mutex<Vec<Event>>>,
    portal: TempPortal,
}

fn start() -> Running {
    start_with(TempPortal::new())
}

fn start_with(portal: TempPortal) -> Running {
    start_quiet(portal, campsite::serve::watch::QUIET)
}

/// A server whose bursts of changes end after `quiet`.
fn start_quiet(portal: TempPortal, quiet: Duration) -> Running {
    let mut build = BuildOptions::new(portal.root());
    build.audience = Audience::Team;
    let opts = ServeOptions {
        build,
        interface: IpAddr::V4(Ipv4Addr::LOCALHOST),
        port: 0,
        quiet,
    };
    let events = Arc::new(Mutex::new(Vec::new()));
    let sink_events = events.clone();
    let sink: EventSink = Arc::new(move |e| sink_events.lock().unwrap().push(e));
    let server = Server::start(opts, sink).expect("server starts");
    let addr = server.addr();
    Running {
        server: Some(server),
        addr,
        events,
        portal,
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(s) = self.server.take() {
            s.stop();
        }
    }
}

#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends raw bytes and reads the whole answer (the request asks to close the connection).
fn raw(addr: SocketAddr, request: &[u8]) -> Reply {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(40))).unwrap();
    s.write_all(request).unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    parse(&buf)
}

fn parse(buf: &[u8]) -> Reply {
    let split = buf
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(buf)));
    let head = String::from_utf8_lossy(&buf[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = buf[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        body = dechunk(&body);
    }
    Reply {
        status,
        headers,
        body,
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let eol = b.windows(2).position(|w| w == b"\r\n").unwrap();
        let size =
            usize::from_str_radix(std::str::from_utf8(&b[..eol]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + size]);
        b = &b[eol + 2 + size + 2..];
    }
}

fn request(addr: SocketAddr, method: &str, path: &str, extra: &str) -> Reply {
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n{extra}Connection: close\r\n\r\n",
        addr.port()
    );
    let r = raw(addr, req.as_bytes());
    assert_eq!(
        r.header("Access-Control-Allow-Origin"),
        None,
        "{path} must never allow other origins"
    );
    r
}

fn get(addr: SocketAddr, path: &str) -> Reply {
    request(addr, "GET", path, "")
}

/// The served version after `since`: polls (each answers when a build lands, or after a short
/// hold) until the version moves on, for at most 40 s.
fn version_after(addr: SocketAddr, since: u64) -> u64 {
    let deadline = Instant::now() + Duration::from_secs(40);
    loop {
        let v = poll_once(addr, since);
        if v != since || since == 0 || Instant::now() > deadline {
            return v;
        }
    }
}

/// One poll: the version the server answers with.
fn poll_once(addr: SocketAddr, since: u64) -> u64 {
    let r = get(addr, &format!("/__campsite/poll?since={since}"));
    assert_eq!(r.status, 200, "{}", r.text());
    let answer: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    answer["version"]
        .as_u64()
        .unwrap_or_else(|| panic!("no version in {answer}"))
}

/// Waits (bounded) until the server has served a build newer than `since`.
fn wait_for_build(addr: SocketAddr, since: u64) -> u64 {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let v = version_after(addr, since);
        if v != since {
            return v;
        }
        assert!(Instant::now() < deadline, "no rebuild within 30 s");
    }
}

/// The URL path of the page built from `source`.
fn page_of(root: &Path, source: &str) -> String {
    let mut opts = BuildOptions::new(root);
    opts.audience = Audience::Team;
    let (site, _) = build_in_memory(&opts).expect("the demo portal builds");
    let path = site
        .files
        .keys()
        .find(|p| site.source_of(p) == Some(source) && p.ends_with("index.html"))
        .cloned()
        .unwrap_or_else(|| panic!("no page from {source}"));
    format!("/{}", path.trim_end_matches("index.html"))
}

const BRIEF: &str = "content/campaigns/glow-launch/briefs/mia-chen.md";

#[test]
fn serves_pages_and_static_files_with_their_types() {
    let s = start();
    let home = get(s.addr, "/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert!(home.text().contains("Lumière Creator Portal"));
    assert!(
        home.text().contains("/__campsite/poll"),
        "reload script injected"
    );
    assert!(home.text().contains("</body>"));
    assert_eq!(home.header("X-Content-Type-Options"), Some("nosniff"));

    let css = get(s.addr, "/campsite.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("Content-Type"), Some("text/css; charset=utf-8"));
    assert!(!css.text().contains("__campsite"), "only HTML is decorated");
    let svg = get(s.addr, "/logo.svg");
    assert_eq!(svg.status, 200);
    assert_eq!(svg.header("Content-Type"), Some("image/svg+xml"));
    assert_eq!(
        svg.body,
        std::fs::read(s.portal.root().join("static/logo.svg")).unwrap()
    );

    let brief = page_of(&s.portal.root(), BRIEF);
    let page = get(s.addr, &brief);
    assert_eq!(page.status, 200);
    let ics = get(s.addr, &format!("{brief}brief.ics"));
    assert_eq!(
        ics.header("Content-Type"),
        Some("text/calendar; charset=utf-8")
    );
    assert!(ics.text().starts_with("BEGIN:VCALENDAR"));

    let head = request(s.addr, "HEAD", "/", "");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty(), "HEAD has no body");
    assert_eq!(
        head.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );

    let missing = get(s.addr, "/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("<html") || missing.text().contains("<!DOCTYPE"));

    for m in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"] {
        let r = request(s.addr, m, "/", "Content-Length: 0\r\n");
        assert_eq!(r.status, 405, "{m}");
        assert_eq!(r.header("Allow"), Some("GET, HEAD"));
    }

    let redirect = get(s.addr, "/team");
    assert_eq!(redirect.status, 302);
    assert_eq!(redirect.header("Location"), Some("/team/"));
    assert!(
        !s.portal.root().join("public").exists(),
        "serve writes no output folder"
    );
}

#[test]
fn an_edit_is_served_and_open_pages_are_told_to_reload() {
    let s = start();
    let brief = page_of(&s.portal.root(), BRIEF);
    let v0 = version_after(s.addr, 0);
    let addr = s.addr;
    let waiter = std::thread::spawn(move || version_after(addr, v0));
    std::thread::sleep(Duration::from_millis(100));

    let file = s.portal.root().join(BRIEF);
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("\nFresh line 7c1e: see you on set.\n");
    std::fs::write(&file, text).unwrap();

    let v1 = waiter.join().unwrap();
    assert!(v1 > v0, "the long poll answered with a newer version");
    let page = get(s.addr, &brief);
    assert!(
        page.text().contains("Fresh line 7c1e"),
        "the new text is served"
    );
    assert!(page.text().contains(&format!("data-version=\"{v1}\"")));
    let events = s.events.lock().unwrap();
    let reused: Vec<usize> = events
        .iter()
        .filter_map(|e| match e {
            Event::Built {
                changed, reused, ..
            } if changed.iter().any(|c| c == BRIEF) => Some(*reused),
            _ => None,
        })
        .collect();
    assert!(!reused.is_empty(), "a build was reported for the edit");
    // The other campaign's pages come from the previous build; the edited one was rendered.
    assert!(
        reused.iter().all(|n| *n > 0),
        "nothing was kept after editing one campaign's brief: {reused:?}"
    );
}

#[test]
fn a_broken_file_shows_an_overlay_over_the_last_good_page_until_fixed() {
    let s = start();
    let brief = page_of(&s.portal.root(), BRIEF);
    let before = get(s.addr, &brief).text();
    assert!(!before.contains("campsite-overlay"));
    let v0 = version_after(s.addr, 0);

    let file = s.portal.root().join(BRIEF);
    let good = std::fs::read_to_string(&file).unwrap();
    let broken = good.replacen("+++\n", "+++\n\"<b>oops</b>\" = 1\n", 1);
    assert_ne!(good, broken);
    std::fs::write(&file, &broken).unwrap();
    let v1 = wait_for_build(s.addr, v0);

    let during = get(s.addr, &brief);
    assert_eq!(during.status, 200, "the last good page is still served");
    let t = during.text();
    assert!(t.contains("campsite-overlay"), "overlay shown");
    assert!(t.contains("mia-chen.md"), "diagnostic names the file: {t}");
    assert!(t.contains("&lt;b&gt;oops&lt;/b&gt;"), "diagnostic escaped");
    assert!(!t.contains("<b>oops</b>"));
    assert!(t.contains("Mia"), "old content still there");
    assert!(
        get(s.addr, "/").text().contains("campsite-overlay"),
        "every page shows it"
    );
    assert!(
        s.events
            .lock()
            .unwrap()
            .iter()
            .any(|e| matches!(e, Event::Failed { .. }))
    );

    std::fs::write(&file, &good).unwrap();
    wait_for_build(s.addr, v1);
    let after = get(s.addr, &brief).text();
    assert!(
        !after.contains("campsite-overlay"),
        "overlay gone after the fix"
    );
}

#[test]
fn paths_outside_the_site_are_refused_in_every_spelling() {
    let s = start();
    let secret_file = s.portal.dir.join("secret.txt");
    std::fs::write(&secret_file, "TOP-SECRET-4242").unwrap();
    for path in [
        "/../secret.txt",
        "/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/%252e%252e/secret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "/static/../../secret.txt",
        "//secret.txt",
        "/../portal.toml",
        "/%2e%2e/portal/portal.toml",
    ] {
        let r = get(s.addr, path);
        assert!(matches!(r.status, 400 | 404), "{path}: {}", r.status);
        assert!(!r.text().contains("TOP-SECRET"), "{path}");
        assert!(!r.text().contains("link_secret"), "{path}");
    }

    // A copied file swapped for a symlink after the build is not followed.
    let (site, _) = build_in_memory(&{
        let mut o = BuildOptions::new(s.portal.root());
        o.audience = Audience::Team;
        o
    })
    .unwrap();
    let (media, src) = site
        .files
        .iter()
        .find_map(|(k, o)| match o {
            Output::Copy(p) if k.starts_with("media/") => Some((k.clone(), p.clone())),
            _ => None,
        })
        .expect("the demo has media");
    assert_eq!(get(s.addr, &format!("/{media}")).status, 200);
    let v0 = version_after(s.addr, 0);
    std::fs::remove_file(&src).unwrap();
    std::os::unix::fs::symlink(&secret_file, &src).unwrap();
    // A symlink in static/ pointing out of the portal is not served either.
    std::os::unix::fs::symlink(&secret_file, s.portal.root().join("static/leak.txt")).unwrap();
    wait_for_build(s.addr, v0);
    for path in [format!("/{media}"), "/leak.txt".to_string()] {
        let r = get(s.addr, &path);
        assert_eq!(r.status, 404, "{path}");
        assert!(!r.text().contains("TOP-SECRET"), "{path}");
    }
}

#[test]
fn foreign_hosts_and_other_origins_are_refused() {
    let s = start();
    let port = s.addr.port();
    for host in [
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        "127.0.0.1:1".to_string(),
    ] {
        let req = format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        let r = raw(s.addr, req.as_bytes());
        assert_eq!(r.status, 403, "{host}");
        assert!(!r.text().contains("Lumière"), "{host}");
    }
    let r = raw(s.addr, b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert_eq!(r.status, 400, "no Host");
    let ok = raw(
        s.addr,
        format!("GET / HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n").as_bytes(),
    );
    assert_eq!(ok.status, 200, "localhost is fine");

    let poll = "/__campsite/poll?since=0";
    let r = request(s.addr, "GET", poll, "Origin: http://evil.example\r\n");
    assert_eq!(r.status, 403);
    let r = request(s.addr, "GET", poll, "Origin: null\r\n");
    assert_eq!(r.status, 403);
    let r = request(s.addr, "GET", poll, "Sec-Fetch-Site: cross-site\r\n");
    assert_eq!(r.status, 403);
    let same = format!("Origin: http://127.0.0.1:{port}\r\nSec-Fetch-Site: same-origin\r\n");
    let r = request(s.addr, "GET", poll, &same);
    assert_eq!(r.status, 200);
    let r = request(s.addr, "GET", "/", "Origin: http://evil.example\r\n");
    assert_eq!(r.status, 403);
}

#[test]
fn malformed_requests_and_many_clients_do_not_stop_the_server() {
    let s = start();
    let junk: [&[u8]; 6] = [
        b"\x00\x01\x02garbage\r\n\r\n",
        b"GET\r\n\r\n",
        b"GET / HTTP/9.9\r\nHost: x\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad header line\r\n\r\n",
        b"GET /\xff\xfe HTTP/1.1\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: ",
    ];
    for j in junk {
        let mut c = TcpStream::connect(s.addr).unwrap();
        c.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let _ = c.write_all(j);
        let _ = c.shutdown(std::net::Shutdown::Write);
        let mut sink = Vec::new();
        let _ = c.read_to_end(&mut sink);
    }
    let long = format!("GET /{} HTTP/1.1\r\n", "a".repeat(100_000));
    let mut c = TcpStream::connect(s.addr).unwrap();
    let _ = c.write_all(long.as_bytes());
    drop(c);
    assert_eq!(get(s.addr, "/").status, 200);

    let addr = s.addr;
    let clients: Vec<_> = (0..40)
        .map(|i| {
            std::thread::spawn(move || {
                let path = if i % 2 == 0 { "/" } else { "/campsite.css" };
                get(addr, path).status
            })
        })
        .collect();
    for c in clients {
        assert_eq!(c.join().unwrap(), 200);
    }
}

/// Sends a keep-alive GET on `c` and reads exactly one answer (by its Content-Length).
fn get_kept(c: &mut TcpStream, addr: SocketAddr, path: &str) -> Reply {
    let req = format!(
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: keep-alive\r\n\r\n",
        addr.port()
    );
    c.write_all(req.as_bytes()).unwrap();
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = parse(&buf[..end + 4]);
            let len: usize = head
                .header("Content-Length")
                .and_then(|v| v.parse().ok())
                .expect("a Content-Length");
            if buf.len() >= end + 4 + len {
                return parse(&buf[..end + 4 + len]);
            }
        }
        let n = c.read(&mut chunk).expect("an answer in time");
        assert!(n > 0, "the server closed the connection before answering");
        buf.extend_from_slice(&chunk[..n]);
    }
}

// A browser opens several keep-alive connections at once and keeps them open. tiny_http gives
// each connection a thread for its life, and its pool can leave a connection that arrives while
// a thread is waking up queued until another connection ends: a page load once waited 90 s for
// one script. Every connection of every burst must be answered promptly.
#[test]
fn bursts_of_keep_alive_connections_are_all_answered() {
    let s = start();
    let addr = s.addr;
    for round in 0..40 {
        let barrier = Arc::new(std::sync::Barrier::new(6));
        let clients: Vec<_> = (0..6)
            .map(|i| {
                let barrier = barrier.clone();
                std::thread::spawn(move || {
                    barrier.wait();
                    let mut c = TcpStream::connect(addr).unwrap();
                    c.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
                    let path = if i % 2 == 0 { "/" } else { "/campsite.css" };
                    let status = get_kept(&mut c, addr, path).status;
                    (c, status)
                })
            })
            .collect();
        // Every answer arrives while the other connections of the burst stay open and idle.
        let kept: Vec<_> = clients
            .into_iter()
            .map(|c| {
                c.join().unwrap_or_else(|_| {
                    panic!("round {round}: a connection was not answered within 5 s")
                })
            })
            .collect();
        assert!(kept.iter().all(|(_, st)| *st == 200), "round {round}");
    }
}

#[test]
fn swap_files_and_the_output_folder_do_not_trigger_rebuilds() {
    let s = start();
    let v0 = version_after(s.addr, 0);
    let briefs = s.portal.root().join("content/campaigns/glow-launch/briefs");
    std::fs::write(briefs.join(".mia-chen.md.swp"), "x").unwrap();
    std::fs::write(briefs.join("mia-chen.md~"), "x").unwrap();
    std::fs::write(briefs.join("4913"), "x").unwrap();
    std::fs::create_dir_all(s.portal.root().join("public")).unwrap();
    std::fs::write(s.portal.root().join("public/index.html"), "x").unwrap();
    std::fs::create_dir_all(s.portal.root().join(".campsite/cache")).unwrap();
    std::fs::write(s.portal.root().join(".campsite/cache/entry.tmp"), "x").unwrap();
    // Then a real edit: the next build must be the one and only rebuild.
    std::thread::sleep(Duration::from_millis(600));
    std::fs::write(s.portal.root().join("static/new.txt"), "hello").unwrap();
    let v1 = wait_for_build(s.addr, v0);
    assert_eq!(v1, v0 + 1, "only the real edit rebuilt");
    assert_eq!(get(s.addr, "/new.txt").text(), "hello");
    let events = s.events.lock().unwrap();
    let rebuilds: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            Event::Built { changed, .. } if !changed.is_empty() => Some(changed.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(rebuilds, vec![vec!["static/new.txt".to_string()]]);
}

#[test]
fn the_binary_moves_to_a_free_port_and_stops_on_ctrl_c() {
    let portal = TempPortal::new();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_campsite"))
        .args(["-r"])
        .arg(portal.root())
        .args(["serve", "-p", &port.to_string()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut seen = String::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut buf = [0u8; 256];
    while !seen.contains("serving ") || !seen.ends_with('\n') {
        assert!(Instant::now() < deadline, "no `serving` line: {seen}");
        let n = out.read(&mut buf).unwrap();
        assert!(n > 0, "the server ended early: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    assert!(seen.contains(&format!("port {port} is taken")), "{seen}");
    let url = seen
        .split("serving ")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .unwrap()
        .to_string();
    let used: u16 = url
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(used > port, "{url}");
    let addr: SocketAddr = format!("127.0.0.1:{used}").parse().unwrap();
    assert_eq!(get(addr, "/").status, 200);

    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("the `kill` command (procps) is needed for this test");
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let exit = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("serve did not stop on SIGINT");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    use std::os::unix::process::ExitStatusExt;
    assert!(
        exit.signal() == Some(2) || exit.code() == Some(0),
        "ended by SIGINT, not by a crash: {exit:?}"
    );
    assert!(
        TcpStream::connect_timeout(&addr, Duration::from_millis(500)).is_err(),
        "the port is closed"
    );
    drop(taken);
}

#[test]
fn a_portal_broken_from_the_start_shows_its_errors_until_fixed() {
    let portal = TempPortal::new();
    let toml = portal.root().join("portal.toml");
    let good = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, format!("{good}\nnot_a_key = 1\n")).unwrap();
    let s = start_with(portal);
    let r = get(s.addr, "/");
    assert_eq!(r.status, 500);
    assert!(r.text().contains("campsite-overlay"));
    assert!(r.text().contains("not_a_key"), "{}", r.text());
    assert!(
        r.text().contains("/__campsite/poll"),
        "the page reloads once fixed"
    );
    let v0 = version_after(s.addr, 0);
    std::fs::write(&toml, good).unwrap();
    wait_for_build(s.addr, v0);
    let r = get(s.addr, "/");
    assert_eq!(r.status, 200);
    assert!(!r.text().contains("campsite-overlay"));
}

/// One poll from a tab on `page` served at `since`, repeated until a build after `since` has
/// landed: the JSON answer (`version`, `reload`, `css`).
fn poll_page(addr: SocketAddr, since: u64, page: &str) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(40);
    loop {
        let r = get(addr, &format!("/__campsite/poll?since={since}&page={page}"));
        assert_eq!(r.status, 200, "{}", r.text());
        let answer: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        if answer["version"].as_u64() != Some(since) || Instant::now() > deadline {
            return answer;
        }
    }
}

fn built_for(events: &[Event], file: &str) -> usize {
    events
        .iter()
        .filter(|e| matches!(e, Event::Built { changed, .. } if changed.iter().any(|c| c == file)))
        .count()
}

#[test]
fn a_burst_of_saves_makes_one_build() {
    // A long quiet, so that a busy machine cannot split the burst: what is tested is that every
    // save of a burst goes into one build, whatever the quiet.
    let s = start_quiet(TempPortal::new(), Duration::from_millis(250));
    let brief = page_of(&s.portal.root(), BRIEF);
    let v0 = version_after(s.addr, 0);
    let file = s.portal.root().join(BRIEF);
    let good = std::fs::read_to_string(&file).unwrap();
    for i in 0..8 {
        std::fs::write(&file, format!("{good}\nSave number {i} of the burst.\n")).unwrap();
    }
    let v1 = wait_for_build(s.addr, v0);
    assert_eq!(v1, v0 + 1);
    // Nothing else comes after it.
    std::thread::sleep(Duration::from_millis(1200));
    assert_eq!(
        version_after(s.addr, v1),
        v1,
        "one build for the whole burst"
    );
    let page = get(s.addr, &brief).text();
    assert!(
        page.contains("Save number 7 of the burst."),
        "the last save is served"
    );
    assert!(!page.contains("Save number 6"));
    assert_eq!(built_for(&s.events.lock().unwrap(), BRIEF), 1);
}

#[test]
fn only_tabs_on_a_changed_page_are_told_to_reload() {
    let s = start();
    let mia = page_of(&s.portal.root(), BRIEF);
    let other = page_of(
        &s.portal.root(),
        "content/campaigns/holiday-gift-sets/briefs/priya-nair.md",
    );
    let v0 = version_after(s.addr, 0);
    let file = s.portal.root().join(BRIEF);
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("\nA line only Mia's page shows.\n");
    std::fs::write(&file, text).unwrap();

    let on_mia = poll_page(s.addr, v0, &mia);
    assert_eq!(on_mia["reload"], true, "{on_mia}");
    let v1 = on_mia["version"].as_u64().unwrap();
    assert!(v1 > v0);
    let on_other = poll_page(s.addr, v0, &other);
    assert_eq!(
        on_other["reload"], false,
        "another campaign's brief is unchanged: {on_other}"
    );
    assert_eq!(
        on_other["version"].as_u64(),
        Some(v1),
        "it polls on from the new build"
    );
    assert_eq!(on_other["css"], serde_json::json!([]));
    // A tab that missed builds is told about all of them; one that names no page reloads.
    assert_eq!(
        poll_page(s.addr, 0, &other)["reload"],
        true,
        "build 1 is too old to know"
    );
    let unnamed = get(s.addr, &format!("/__campsite/poll?since={v0}")).text();
    assert!(unnamed.contains("\"reload\":true"), "{unnamed}");
    // The page itself carries the version its script polls with, and the script keeps the
    // scroll position across the reload.
    let page = get(s.addr, &mia).text();
    assert!(page.contains(&format!("data-version=\"{v1}\"")));
    let js = get(s.addr, "/__campsite/reload.js").text();
    assert!(
        js.contains("sessionStorage") && js.contains("scrollTo"),
        "{js}"
    );
    assert!(js.contains("&page=\" + location.pathname"), "{js}");
}

#[test]
fn a_stylesheet_change_is_swapped_in_place_not_reloaded() {
    let s = start();
    let brief = page_of(&s.portal.root(), BRIEF);
    let v0 = version_after(s.addr, 0);
    let css = get(s.addr, "/campsite.css").text();
    let edited = format!("{css}\n.campsite-test-rule {{ color: rebeccapurple; }}\n");
    std::fs::write(s.portal.root().join("static/campsite.css"), &edited).unwrap();

    let answer = poll_page(s.addr, v0, &brief);
    assert_eq!(answer["reload"], false, "no page changed: {answer}");
    assert_eq!(
        answer["css"],
        serde_json::json!(["/campsite.css"]),
        "{answer}"
    );
    assert_eq!(get(s.addr, "/campsite.css").text(), edited);
    assert_eq!(get(s.addr, "/campsite.css?campsite-build=2").text(), edited);
    let v1 = answer["version"].as_u64().unwrap();

    // Saved again without a change of its own bytes' size: still a swap, seen by the watcher.
    let again = edited.replace("rebeccapurple", "darkseagreen!");
    std::fs::write(s.portal.root().join("static/campsite.css"), &again).unwrap();
    let answer = poll_page(s.addr, v1, "/");
    assert_eq!(answer["reload"], false, "{answer}");
    assert_eq!(
        answer["css"],
        serde_json::json!(["/campsite.css"]),
        "{answer}"
    );
    assert_eq!(get(s.addr, "/campsite.css").text(), again);
}

#[test]
fn served_bytes_after_an_edit_equal_a_fresh_build() {
    let s = start();
    let v0 = version_after(s.addr, 0);
    for (file, extra) in [
        (BRIEF, "\nOne more thing for Mia.\n"),
        (
            "content/creators/mia-chen.toml",
            "\nnotes = \"Edited in the test.\"\n",
        ),
    ] {
        let path = s.portal.root().join(file);
        let mut text = std::fs::read_to_string(&path).unwrap();
        if file.ends_with(".toml") {
            text = text
                .lines()
                .filter(|l| !l.starts_with("notes ="))
                .collect::<Vec<_>>()
                .join("\n");
            // `notes` is a top-level key: put it before the first table.
            let at = text.find("\n[").unwrap_or(text.len());
            text.insert_str(at, extra.trim_end());
        } else {
            text.push_str(extra);
        }
        std::fs::write(&path, text).unwrap();
    }
    let mut v = wait_for_build(s.addr, v0);
    // Both edits may come as one build or two; wait until the served build has both.
    let mut opts = BuildOptions::new(s.portal.root());
    opts.audience = Audience::Team;
    let (fresh, _) = build_in_memory(&opts).expect("builds");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let mismatched: Vec<&String> = fresh
            .files
            .iter()
            .filter(|(k, _)| !k.starts_with("media/") && !k.starts_with("thumbs/"))
            .filter(|(k, out)| {
                let served = get(s.addr, &format!("/{k}"));
                let expected = match out {
                    Output::Bytes(b) if k.ends_with(".html") => campsite::serve::overlay::inject(
                        b,
                        &campsite::serve::overlay::reload_script(v),
                    ),
                    Output::Bytes(b) => b.to_vec(),
                    Output::Static(b) => b.to_vec(),
                    Output::Copy(p) => std::fs::read(p).unwrap(),
                    Output::Kept(_) => unreachable!("a fresh build keeps nothing"),
                };
                served.status != 200 || served.body != expected
            })
            .map(|(k, _)| k)
            .collect();
        if mismatched.is_empty() {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "served files differ from a fresh build: {mismatched:?}"
        );
        v = wait_for_build(s.addr, v);
    }
    assert!(fresh.files.len() > 20);
}
