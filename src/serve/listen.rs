//! The listening socket: an address and a first port in, a bound listener out (the next free
//! port when the first is taken, with a note saying so), plus the URL to show and a way to
//! open it in the user's browser.

use anyhow::{Result, bail};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener};

/// How many ports after the first are tried before giving up.
const TRIES: u16 = 100;

/// Binds `ip:port`, or the first free port after it. Returns the listener and, when another
/// port than the one asked for is used, a line that says so.
pub fn bind(ip: IpAddr, port: u16) -> Result<(TcpListener, Option<String>)> {
    if port == 0 {
        return match TcpListener::bind((ip, 0)) {
            Ok(l) => Ok((l, None)),
            Err(e) => bail!("cannot listen on {ip}: {e}"),
        };
    }
    let last = port.saturating_add(TRIES - 1);
    for p in port..=last {
        match TcpListener::bind((ip, p)) {
            Ok(l) if p == port => return Ok((l, None)),
            Ok(l) => {
                let note =
                    format!("note: port {port} is in use, so the preview uses port {p} instead");
                return Ok((l, Some(note)));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => continue,
            Err(e) => bail!("cannot listen on {}: {e}", SocketAddr::new(ip, p)),
        }
    }
    bail!("ports {port} to {last} on {ip} are all in use; choose another with --port")
}

/// The URL to open for a server listening on `addr`: an unspecified address (`0.0.0.0`,
/// `::`) is reached through loopback.
pub fn url(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}/", SocketAddr::new(ip, addr.port()))
}

/// Opens `url` in the default browser, without waiting for it; a failure is a warning.
// The platform's own opener is one process spawn; a crate for it would bring more code than
// these lines.
pub fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    let spawned = command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = spawned {
        eprintln!("warning: cannot open a browser ({e}); open {url} yourself");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_port_moves_to_the_next_free_one_and_says_so() {
        let taken = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        let port = taken.local_addr().unwrap().port();
        match bind(IpAddr::V4(Ipv4Addr::LOCALHOST), port) {
            Ok((l, note)) => {
                assert_ne!(l.local_addr().unwrap().port(), port);
                let note = note.unwrap();
                assert!(note.contains(&format!("port {port} is in use")), "{note}");
            }
            // Every port after it taken too is possible on a busy machine, and said clearly.
            Err(e) => assert!(e.to_string().contains("in use"), "{e}"),
        }
    }

    #[test]
    fn unspecified_addresses_are_opened_through_loopback() {
        assert_eq!(
            url("0.0.0.0:1111".parse().unwrap()),
            "http://127.0.0.1:1111/"
        );
        assert_eq!(url("[::]:8080".parse().unwrap()), "http://[::1]:8080/");
        assert_eq!(
            url("192.168.1.4:1111".parse().unwrap()),
            "http://192.168.1.4:1111/"
        );
    }
}
