//! The `Host` check, against DNS rebinding: a request in, passed on to the routes when its host
//! is one the preview answers to, or a 400 with a short plain-text explanation.
//!
//! Why: a page on another site can make its own name resolve to 127.0.0.1 and then read the
//! preview as same-origin. Its requests still carry that name in `Host`, so refusing unknown
//! names closes the hole. Allowed are `localhost` and `*.localhost`, any loopback address,
//! the `--bind` address (any IP address when it is unspecified: a browser that asks for an
//! address by number is on no other site's origin), and the names of `--allow-host`; all with
//! or without a port, names compared case-insensitively.
//!
//! What holds: every request has exactly one `Host`, and it is allowed; a request with an
//! absolute URI (`GET http://name/`) has its URI's host checked too. Nothing else is refused.

use super::App;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::{IpAddr, Ipv6Addr};
use std::sync::Arc;

/// The longest name DNS allows; a longer `Host` is no name.
const MAX_NAME: usize = 253;

/// The hosts the preview answers to.
#[derive(Debug, Clone)]
pub struct Allowed {
    bind: IpAddr,
    /// From `--allow-host`, lowercased.
    names: Vec<String>,
    /// From `--allow-host`, the ones that are IP addresses.
    ips: Vec<IpAddr>,
}

impl Allowed {
    /// The hosts allowed for a server listening on `bind`, plus `extra` (the values of
    /// `--allow-host`, as [`parse_allow_host`] left them).
    pub fn new(bind: IpAddr, extra: &[String]) -> Allowed {
        let (mut names, mut ips) = (Vec::new(), Vec::new());
        for host in extra {
            match host.parse::<IpAddr>() {
                Ok(ip) => ips.push(ip.to_canonical()),
                Err(_) => names.push(host.to_ascii_lowercase()),
            }
        }
        Allowed {
            bind: bind.to_canonical(),
            names,
            ips,
        }
    }

    /// Whether `host` (a name or an IP address, without port or brackets) is allowed.
    pub fn allows(&self, host: &str) -> bool {
        if let Ok(ip) = host.parse::<IpAddr>() {
            let ip = ip.to_canonical();
            return ip.is_loopback()
                || self.bind.is_unspecified()
                || ip == self.bind
                || self.ips.contains(&ip);
        }
        let name = host.to_ascii_lowercase();
        name == "localhost" || name.ends_with(".localhost") || self.names.contains(&name)
    }
}

/// The middleware: the request goes on when its host is allowed; a 400 otherwise.
pub async fn check(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let mut hosts = request.headers().get_all(header::HOST).iter();
    let refusal = match (hosts.next(), hosts.next()) {
        (None, _) => Some(Refusal::Missing),
        (Some(_), Some(_)) => Some(Refusal::Several),
        (Some(value), None) => refuse(&app.hosts, value.to_str().ok()).or_else(|| {
            // An absolute URI names the host the client means; it must pass too.
            let authority = request.uri().authority()?;
            refuse(&app.hosts, Some(authority.as_str()))
        }),
    };
    match refusal {
        None => next.run(request).await,
        Some(r) => refused(&r),
    }
}

/// Why a request was refused.
#[derive(Debug, PartialEq, Eq)]
enum Refusal {
    Missing,
    Several,
    Malformed,
    /// A well-formed host that is not allowed (without its port).
    Foreign(String),
}

/// Why the host `value` is refused (`None`: a `Host` that is not text), if it is.
fn refuse(allowed: &Allowed, value: Option<&str>) -> Option<Refusal> {
    let Some(host) = value.and_then(host_of) else {
        return Some(Refusal::Malformed);
    };
    (!allowed.allows(host)).then(|| Refusal::Foreign(host.to_string()))
}

fn refused(refusal: &Refusal) -> Response {
    let why = "the preview answers only to localhost, loopback addresses and the address it \
               listens on, so that other sites cannot reach it through DNS rebinding";
    let body = match refusal {
        Refusal::Missing => format!("400 Bad Request: no Host header; {why}.\n"),
        Refusal::Several => format!("400 Bad Request: more than one Host header; {why}.\n"),
        Refusal::Malformed => {
            format!("400 Bad Request: the Host header is not a host name; {why}.\n")
        }
        Refusal::Foreign(host) => {
            // An IPv6 address goes back in brackets, as it is written in a URL.
            let shown = if host.contains(':') {
                format!("[{host}]")
            } else {
                host.clone()
            };
            format!(
                "400 Bad Request: hindsight serve refused the host `{shown}`: {why}. To allow \
                 it, start the server with `--allow-host {shown}`.\n"
            )
        }
    };
    (
        StatusCode::BAD_REQUEST,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

/// The host of a `Host` value (`name`, `name:port`, `[v6]`, `[v6]:port`), without its port
/// and brackets; `None` when the value is not one of those.
fn host_of(value: &str) -> Option<&str> {
    let (host, port) = match value.strip_prefix('[') {
        Some(rest) => {
            let (v6, after) = rest.split_once(']')?;
            v6.parse::<Ipv6Addr>().ok()?;
            match after {
                "" => (v6, ""),
                _ => (v6, after.strip_prefix(':')?),
            }
        }
        None => value.split_once(':').unwrap_or((value, "")),
    };
    let plain = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b':');
    let ok = !host.is_empty()
        && host.len() <= MAX_NAME
        && host.bytes().all(plain)
        && port.bytes().all(|b| b.is_ascii_digit());
    ok.then_some(host)
}

/// Reads a value of `--allow-host`: one exact host name or IP address (an IPv6 address with
/// or without brackets), without scheme, port or path. Names are lowercased.
pub fn parse_allow_host(value: &str) -> Result<String, String> {
    let bare = value
        .strip_prefix('[')
        .and_then(|v| v.strip_suffix(']'))
        .unwrap_or(value);
    if let Ok(ip) = bare.parse::<IpAddr>() {
        return Ok(ip.to_string());
    }
    let name_byte = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_');
    if !bare.is_empty() && bare.len() <= MAX_NAME && bare.bytes().all(name_byte) {
        return Ok(bare.to_ascii_lowercase());
    }
    Err(format!(
        "`{value}` is not a host name or IP address; give the name alone, without scheme, port \
         or path, such as `kb.internal`"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_host_is_read_without_its_port_or_brackets() {
        assert_eq!(host_of("localhost"), Some("localhost"));
        assert_eq!(host_of("localhost:1111"), Some("localhost"));
        assert_eq!(host_of("Kb.Internal:"), Some("Kb.Internal"));
        assert_eq!(host_of("127.0.0.1:80"), Some("127.0.0.1"));
        assert_eq!(host_of("[::1]"), Some("::1"));
        assert_eq!(host_of("[::1]:1111"), Some("::1"));
        for bad in [
            "",
            ":80",
            "[::1",
            "[::1]x",
            "[127.0.0.1]",
            "[evil.example]",
            "::1",
            "a b",
            "user@localhost",
            "localhost:80:80",
            "localhost:http",
            "localhost/x",
        ] {
            assert_eq!(host_of(bad), None, "{bad:?}");
        }
        assert_eq!(host_of(&"a".repeat(254)), None);
    }

    #[test]
    fn loopback_names_and_addresses_and_the_bound_one_are_allowed() {
        let local = Allowed::new("127.0.0.1".parse().unwrap(), &[]);
        for ok in [
            "localhost",
            "LocalHost",
            "kb.localhost",
            "127.0.0.1",
            "127.1.2.3",
            "::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(local.allows(ok), "{ok}");
        }
        for refused in [
            "evil.example",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "localhostx",
            "192.168.1.4",
            "0.0.0.0",
            "::",
        ] {
            assert!(!local.allows(refused), "{refused}");
        }
        let lan = Allowed::new("192.168.1.4".parse().unwrap(), &[]);
        assert!(lan.allows("192.168.1.4") && lan.allows("127.0.0.1"));
        assert!(!lan.allows("192.168.1.5"));
        let any = Allowed::new("0.0.0.0".parse().unwrap(), &[]);
        assert!(any.allows("192.168.1.5") && any.allows("2001:db8::1"));
        assert!(!any.allows("evil.example"), "names are still checked");
        let any6 = Allowed::new("::".parse().unwrap(), &[]);
        assert!(any6.allows("10.0.0.1"));
    }

    #[test]
    fn allow_host_adds_exact_names_and_addresses() {
        let extra: Vec<String> = ["KB.internal", "[fd00::1]", "10.1.2.3"]
            .iter()
            .map(|v| parse_allow_host(v).unwrap())
            .collect();
        let allowed = Allowed::new("127.0.0.1".parse().unwrap(), &extra);
        assert!(allowed.allows("kb.internal") && allowed.allows("KB.INTERNAL"));
        assert!(allowed.allows("fd00:0::1") && allowed.allows("10.1.2.3"));
        assert!(!allowed.allows("x.kb.internal"), "exact, no subdomains");
        assert!(!allowed.allows("kb.internal.evil.example"));
        for bad in [
            "",
            "kb.internal:8080",
            "http://kb.internal",
            "*.internal",
            "a b",
        ] {
            assert!(parse_allow_host(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_host_value_is_refused_for_what_it_is() {
        let allowed = Allowed::new("127.0.0.1".parse().unwrap(), &[]);
        let refusal = |v: &'static str| refuse(&allowed, Some(v));
        assert_eq!(
            refusal("[fd00::1]:1111"),
            Some(Refusal::Foreign("fd00::1".into()))
        );
        assert_eq!(
            refusal("Evil.Example:80"),
            Some(Refusal::Foreign("Evil.Example".into()))
        );
        assert_eq!(refusal("a b"), Some(Refusal::Malformed));
        assert_eq!(refusal("localhost:1"), None);
        assert_eq!(refuse(&allowed, None), Some(Refusal::Malformed));
    }
}
