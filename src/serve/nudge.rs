//! Keeps tiny_http's connection pool from stranding connections: while the server is in use, it
//! opens and at once closes an empty connection to itself a few times a second.
//!
//! tiny_http runs each connection on a pool thread for the connection's whole life. When a burst
//! of connections arrives (a browser opens up to six per host at once), the pool hands them to
//! threads it still counts as idle although they were just woken for the previous ones, so the
//! surplus is queued — and a queued connection runs only when some pool thread finishes, that is
//! when another connection closes. A browser keeps its connections open, so a page could wait
//! minutes for one script. Each new connection makes the pool take the oldest queued one; an
//! empty connection ends at once and frees its thread for the next. Sockets cannot get an idle
//! timeout instead: tiny_http accepts them itself, and a timeout on the listener would also
//! time out (and end) its accept loop.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpStream};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// How often the server nudges itself while in use.
pub const EVERY: Duration = Duration::from_millis(100);
/// The server counts as in use this long after it starts and after its last request.
const IN_USE_FOR: Duration = Duration::from_secs(30);

/// When the server last received a request, for [`Nudger::due`].
pub struct Activity {
    started: Instant,
    /// Milliseconds since `started` of the last request (0 before the first).
    last: AtomicU64,
}

impl Activity {
    /// Starts as if a request came in now: the first page load needs nudges too.
    pub fn new() -> Self {
        Activity {
            started: Instant::now(),
            last: AtomicU64::new(0),
        }
    }

    /// Records a request now.
    pub fn touch(&self) {
        let ms = u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last.store(ms, Ordering::Relaxed);
    }

    /// Whether the server started or received a request during the last [`IN_USE_FOR`].
    pub fn in_use(&self) -> bool {
        self.idle_for() <= IN_USE_FOR
    }

    fn idle_for(&self) -> Duration {
        let last = Duration::from_millis(self.last.load(Ordering::Relaxed));
        self.started.elapsed().saturating_sub(last)
    }
}

/// Where to connect to reach a server bound to `local`: a wildcard address is reached on the
/// loopback address of its family.
pub fn target(local: SocketAddr) -> SocketAddr {
    let ip = match local.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    SocketAddr::new(ip, local.port())
}

/// Opens an empty connection to `to` and closes it.
pub fn nudge(to: SocketAddr) {
    // A failure only means this nudge is lost; the next one comes soon.
    let _ = TcpStream::connect_timeout(&to, Duration::from_secs(1));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_restarts_the_idle_clock() {
        let a = Activity::new();
        assert!(a.in_use(), "a server just started is in use");
        std::thread::sleep(Duration::from_millis(30));
        let before = a.idle_for();
        assert!(before >= Duration::from_millis(30), "{before:?}");
        a.touch();
        assert!(a.idle_for() < before);
        assert!(a.in_use());
    }

    #[test]
    fn wildcard_addresses_are_reached_on_loopback() {
        let any4: SocketAddr = "0.0.0.0:1111".parse().unwrap();
        assert_eq!(target(any4), "127.0.0.1:1111".parse().unwrap());
        let any6: SocketAddr = "[::]:1111".parse().unwrap();
        assert_eq!(target(any6), "[::1]:1111".parse().unwrap());
        let lan: SocketAddr = "192.168.1.20:1111".parse().unwrap();
        assert_eq!(target(lan), lan);
    }
}
