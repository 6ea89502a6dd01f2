//! `tls self-signed`: a trial certificate for HTTPS on a LAN or VPN address. It makes a
//! small local CA ("联动试用 CA") and a server certificate signed by it, writes
//! `ca.pem`, `cert.pem` (server certificate, then the CA) and `key.pem` (mode 0600), and
//! never overwrites a file. The CA's own key is thrown away once the server certificate is
//! signed, so a laptop that trusts `ca.pem` trusts this one certificate and nothing else.

use std::fmt::Write as _;
use std::io::Write as _;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair, KeyUsagePurpose,
    PublicKeyData as _, SanType, SerialNumber,
};

use super::CommandError;

/// Days a trial certificate is valid by default (825: the longest that Apple devices accept
/// for a certificate of a locally installed CA).
pub const DEFAULT_DAYS: u32 = 825;

/// Common name of the trial CA, as laptops list it among trusted authorities.
pub const CA_NAME: &str = "联动试用 CA";

/// What `tls self-signed` wrote.
#[derive(Debug, Clone)]
pub struct TrialFiles {
    /// The trial CA's certificate, to install as trusted on each laptop.
    pub ca: PathBuf,
    /// The server certificate followed by the CA's: `serve --tls-cert`.
    pub cert: PathBuf,
    /// The server's private key (PKCS#8 PEM, mode 0600): `serve --tls-key`.
    pub key: PathBuf,
    /// Names and addresses in the certificate, in order (the operator's hosts, then
    /// `localhost` and `127.0.0.1` if not among them).
    pub hosts: Vec<String>,
    /// Last day of validity (UTC).
    pub until: jiff::civil::Date,
    /// Base64 of the SHA-256 of the server key's SubjectPublicKeyInfo (DER): what
    /// Chromium's `--ignore-certificate-errors-spki-list` takes.
    pub spki_sha256: String,
}

/// Makes the CA and a server certificate for `hosts` (names or IP addresses; IP addresses
/// become IP SANs, names DNS SANs; `localhost` and `127.0.0.1` are added) valid from
/// yesterday for `days` days, and writes `ca.pem`, `cert.pem` and `key.pem` into `out`
/// (created if missing).
///
/// Errors: [`CommandError::Invalid`] for a malformed host, no host, zero days or a file
/// that already exists (nothing is written then); [`CommandError::Io`] when a file cannot
/// be written.
pub fn self_signed(hosts: &[String], days: u32, out: &Path) -> Result<TrialFiles, CommandError> {
    let hosts = with_local_hosts(hosts)?;
    if days == 0 {
        return Err(CommandError::Invalid("--days must be at least 1".into()));
    }
    let files = [out.join("ca.pem"), out.join("cert.pem"), out.join("key.pem")];
    if let Some(existing) = files.iter().find(|f| f.exists()) {
        return Err(CommandError::Invalid(format!(
            "{} exists; not overwriting it (choose another --out, or move the old files away)",
            existing.display()
        )));
    }
    let today = jiff::tz::TimeZone::UTC.to_datetime(jiff::Timestamp::now()).date();
    let from = today.yesterday().map_err(|e| CommandError::Invalid(e.to_string()))?;
    let until = today.checked_add(jiff::Span::new().days(i64::from(days))).map_err(|e| {
        CommandError::Invalid(format!("--days {days} goes past the last date certificates can carry: {e}"))
    })?;

    let ca_key = KeyPair::generate().map_err(cert_error)?;
    let mut ca = params(&from, &until)?;
    ca.distinguished_name.push(DnType::CommonName, CA_NAME);
    ca.distinguished_name.push(DnType::OrganizationName, "Liandong 联动 (trial)");
    ca.distinguished_name.push(DnType::OrganizationalUnitName, format!("made {today}"));
    ca.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign, KeyUsagePurpose::DigitalSignature];
    let ca_cert = ca.self_signed(&ca_key).map_err(cert_error)?;
    let issuer = Issuer::new(ca, ca_key);

    let server_key = KeyPair::generate().map_err(cert_error)?;
    let mut server = params(&from, &until)?;
    server.distinguished_name.push(DnType::CommonName, hosts.first().map_or("localhost", String::as_str));
    server.subject_alt_names = hosts.iter().map(|h| san(h)).collect::<Result<_, _>>()?;
    server.is_ca = IsCa::ExplicitNoCa;
    server.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    server.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    server.use_authority_key_identifier_extension = true;
    let server_cert = server.signed_by(&server_key, &issuer).map_err(cert_error)?;

    let [ca_path, cert_path, key_path] = files;
    if let Err(e) = std::fs::create_dir_all(out) {
        return Err(CommandError::Io { path: out.display().to_string(), source: e });
    }
    write_new(&key_path, server_key.serialize_pem().as_bytes(), 0o600)?;
    write_new(&cert_path, format!("{}{}", server_cert.pem(), ca_cert.pem()).as_bytes(), 0o644)?;
    write_new(&ca_path, ca_cert.pem().as_bytes(), 0o644)?;
    Ok(TrialFiles {
        ca: ca_path,
        cert: cert_path,
        key: key_path,
        hosts,
        until,
        spki_sha256: spki_sha256(&server_key.subject_public_key_info()),
    })
}

/// Base64 (standard, padded) of the SHA-256 of a DER SubjectPublicKeyInfo.
pub fn spki_sha256(spki_der: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(ring::digest::digest(&ring::digest::SHA256, spki_der))
}

/// What the command prints: the files, the SPKI hash, and the `serve` command to run
/// (listening on all addresses at port 8443, with the first host as the public address).
pub fn render(files: &TrialFiles) -> String {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (ca, cert, key) = (absolute(&files.ca), absolute(&files.cert), absolute(&files.key));
    let host = files.hosts.first().map(String::as_str).unwrap_or("localhost");
    let host = if host.parse::<std::net::Ipv6Addr>().is_ok() { format!("[{host}]") } else { host.to_owned() };
    let mut text = String::new();
    let _ = writeln!(text, "wrote:");
    let _ = writeln!(text, "  {}  the trial CA \"{CA_NAME}\": install as trusted on each laptop, once", ca.display());
    let _ = writeln!(
        text,
        "  {}  the relay's certificate for {}, valid until {} (UTC), followed by the CA",
        cert.display(),
        files.hosts.join(", "),
        files.until
    );
    let _ = writeln!(text, "  {}  the relay's private key (mode 0600; keep it on the relay)", key.display());
    let _ = writeln!(text, "the CA's own key was not kept: it can sign nothing else.");
    let _ = writeln!(text, "SPKI SHA-256 of key.pem (base64): {}", files.spki_sha256);
    let _ = writeln!(text, "  (Chromium trials: --ignore-certificate-errors-spki-list={})", files.spki_sha256);
    let _ = writeln!(text, "serve with (your data folder and built app in place of DATA and DIST):");
    let _ = writeln!(
        text,
        "  liandong-relay serve --addr 0.0.0.0:8443 --data DATA --static DIST --tls-cert {} --tls-key {} --public-url https://{host}:8443",
        shell_word(&cert),
        shell_word(&key)
    );
    text
}

/// The operator's hosts, checked, without duplicates, then `localhost` and `127.0.0.1`.
fn with_local_hosts(hosts: &[String]) -> Result<Vec<String>, CommandError> {
    if hosts.is_empty() {
        return Err(CommandError::Invalid(
            "give at least one --host: the name or address laptops use to reach the relay".into(),
        ));
    }
    let mut all: Vec<String> = Vec::new();
    for host in hosts.iter().map(String::as_str).chain(["localhost", "127.0.0.1"]) {
        let host = host.trim().trim_start_matches('[').trim_end_matches(']').to_ascii_lowercase();
        check_host(&host)?;
        let host = match host.parse::<IpAddr>() {
            Ok(ip) => ip.to_string(),
            Err(_) => host,
        };
        if !all.contains(&host) {
            all.push(host);
        }
    }
    Ok(all)
}

/// A host is an IP address or a DNS name (letters, digits, `-`, `.`; `*.` first allowed).
fn check_host(host: &str) -> Result<(), CommandError> {
    if host.parse::<IpAddr>().is_ok() {
        return Ok(());
    }
    let name = host.strip_prefix("*.").unwrap_or(host);
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if !name.is_empty() && name.len() <= 253 && name.split('.').all(label_ok) {
        return Ok(());
    }
    let hint = if host.contains(':') || host.contains('/') {
        " (give the name or address only, no port or scheme)"
    } else {
        ""
    };
    Err(CommandError::Invalid(format!("--host {host:?} is neither an IP address nor a DNS name{hint}")))
}

fn san(host: &str) -> Result<SanType, CommandError> {
    Ok(match host.parse::<IpAddr>() {
        Ok(ip) => SanType::IpAddress(ip),
        Err(_) => SanType::DnsName(host.try_into().map_err(cert_error)?),
    })
}

/// Parameters shared by both certificates: validity and a random serial number.
fn params(from: &jiff::civil::Date, until: &jiff::civil::Date) -> Result<CertificateParams, CommandError> {
    let day = |d: &jiff::civil::Date| {
        let month = u8::try_from(d.month()).map_err(|e| CommandError::Invalid(e.to_string()))?;
        let day = u8::try_from(d.day()).map_err(|e| CommandError::Invalid(e.to_string()))?;
        Ok::<_, CommandError>(rcgen::date_time_ymd(i32::from(d.year()), month, day))
    };
    let mut params = CertificateParams::default();
    params.distinguished_name = rcgen::DistinguishedName::new();
    params.not_before = day(from)?;
    params.not_after = day(until)?;
    let mut serial: [u8; 16] = rand::random();
    serial[0] &= 0x7f; // positive
    params.serial_number = Some(SerialNumber::from_slice(&serial));
    Ok(params)
}

fn cert_error(e: rcgen::Error) -> CommandError {
    CommandError::Invalid(format!("cannot make the certificate: {e}"))
}

/// Writes `bytes` to a new file `path` (never an existing one) with Unix `mode`.
fn write_new(path: &Path, bytes: &[u8], mode: u32) -> Result<(), CommandError> {
    let io = |source| CommandError::Io { path: path.display().to_string(), source };
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
    #[cfg(not(unix))]
    let _ = mode;
    let mut file = options.open(path).map_err(io)?;
    file.write_all(bytes).map_err(io)?;
    file.sync_all().map_err(io)
}

/// `path` as one shell word: as is when it has only safe characters, else single-quoted.
fn shell_word(path: &Path) -> String {
    let text = path.display().to_string();
    let safe = |c: char| c.is_ascii_alphanumeric() || "/._-+:=@%,".contains(c);
    if !text.is_empty() && text.chars().all(safe) { text } else { format!("'{}'", text.replace('\'', r"'\''")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_checked_deduplicated_and_local_ones_added() {
        let hosts = with_local_hosts(&["10.8.0.1".into(), "Relay.County.Local".into(), "10.8.0.1".into()])
            .expect("valid hosts");
        assert_eq!(hosts, ["10.8.0.1", "relay.county.local", "localhost", "127.0.0.1"]);
        let hosts = with_local_hosts(&["[::1]".into(), "localhost".into()]).expect("valid hosts");
        assert_eq!(hosts, ["::1", "localhost", "127.0.0.1"]);
        for bad in ["10.8.0.1:8443", "https://relay", "", "relay..local", "-relay", "派出所"] {
            assert!(with_local_hosts(&[bad.into()]).is_err(), "{bad}");
        }
        assert!(with_local_hosts(&[]).is_err());
    }

    #[test]
    fn the_spki_hash_is_base64_of_sha256() {
        // SHA-256 of the empty input, base64.
        assert_eq!(spki_sha256(b""), "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    }

    #[test]
    fn paths_with_spaces_are_quoted_for_the_shell() {
        assert_eq!(shell_word(Path::new("/srv/liandong/tls/cert.pem")), "/srv/liandong/tls/cert.pem");
        assert_eq!(shell_word(Path::new("/home/op/my certs/it's.pem")), r"'/home/op/my certs/it'\''s.pem'");
    }
}
