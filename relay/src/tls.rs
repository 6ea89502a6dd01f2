//! HTTPS for the relay: reads the operator's PEM certificate chain and private key into a
//! rustls server configuration. It makes no certificates (`commands::tls` does) and serves
//! nothing (`server` does).
//!
//! The configuration uses the `ring` crypto provider and offers ALPN `http/1.1` only: the
//! app's WebSockets are HTTP/1.1 upgrades, and browsers do not upgrade over HTTP/2.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::ServerConfig;
use rustls::pki_types::pem::{self, PemObject};
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

/// Where the relay's certificate and key are (both PEM files).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsPaths {
    /// The server certificate, optionally followed by its intermediate (or CA) certificates.
    pub cert: PathBuf,
    /// The private key of the first certificate (PKCS#8, PKCS#1 or SEC1; unencrypted).
    pub key: PathBuf,
}

/// Why the certificate or key cannot be used. Each message names the file and the problem.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    /// The file is missing or unreadable.
    #[error("{}: cannot read the TLS {what}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// "certificate" or "private key".
        what: &'static str,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file holds no PEM block of the expected kind (e.g. it is DER, or the other file).
    #[error("{}: not a PEM {what} file (no {expected} block found)", path.display())]
    NotPem {
        /// The file.
        path: PathBuf,
        /// "certificate" or "private key".
        what: &'static str,
        /// The PEM header expected, e.g. `-----BEGIN CERTIFICATE-----`.
        expected: &'static str,
    },
    /// A PEM block is damaged (bad base64, missing end line).
    #[error("{}: damaged PEM {what}: {problem}", path.display())]
    BadPem {
        /// The file.
        path: PathBuf,
        /// "certificate" or "private key".
        what: &'static str,
        /// What the PEM reader found wrong.
        problem: String,
    },
    /// The key file holds more than one private key.
    #[error("{}: several private keys; keep only the one of the certificate", path.display())]
    SeveralKeys {
        /// The key file.
        path: PathBuf,
    },
    /// The private key is not the one of the certificate's public key.
    #[error("{}: this private key does not belong to the certificate in {}", key.display(), cert.display())]
    KeyMismatch {
        /// The certificate file.
        cert: PathBuf,
        /// The key file.
        key: PathBuf,
    },
    /// rustls refused the pair for another reason (unsupported key type, bad certificate).
    #[error("{} and {}: unusable certificate or key: {source}", cert.display(), key.display())]
    Unusable {
        /// The certificate file.
        cert: PathBuf,
        /// The key file.
        key: PathBuf,
        /// rustls's reason.
        source: rustls::Error,
    },
}

const CERTIFICATE: &str = "certificate";
const PRIVATE_KEY: &str = "private key";

/// Reads both files and builds the server configuration (ALPN `http/1.1`).
///
/// Errors: [`TlsError`], naming the file: missing or unreadable, not PEM, damaged PEM,
/// several keys, or a key that is not the certificate's.
pub fn load(paths: &TlsPaths) -> Result<Arc<ServerConfig>, TlsError> {
    let chain = read_chain(&paths.cert)?;
    let key = read_key(&paths.key)?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let unusable = |source| TlsError::Unusable { cert: paths.cert.clone(), key: paths.key.clone(), source };
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(unusable)?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|e| match e {
            rustls::Error::InconsistentKeys(rustls::InconsistentKeys::KeyMismatch) => {
                TlsError::KeyMismatch { cert: paths.cert.clone(), key: paths.key.clone() }
            }
            other => unusable(other),
        })?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

fn read(path: &Path, what: &'static str) -> Result<Vec<u8>, TlsError> {
    std::fs::read(path).map_err(|source| TlsError::Read { path: path.to_path_buf(), what, source })
}

fn bad_pem(path: &Path, what: &'static str, e: pem::Error) -> TlsError {
    let problem = match e {
        pem::Error::MissingSectionEnd { end_marker } => {
            format!("no \"-----END {}-----\" line after its BEGIN line", String::from_utf8_lossy(&end_marker))
        }
        pem::Error::IllegalSectionStart { line } => format!("malformed line \"{}\"", String::from_utf8_lossy(&line)),
        other => other.to_string(),
    };
    TlsError::BadPem { path: path.to_path_buf(), what, problem }
}

/// The certificates of `path`, server certificate first.
fn read_chain(path: &Path) -> Result<Vec<CertificateDer<'static>>, TlsError> {
    let bytes = read(path, CERTIFICATE)?;
    let chain = CertificateDer::pem_slice_iter(&bytes)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| bad_pem(path, CERTIFICATE, e))?;
    if chain.is_empty() {
        return Err(TlsError::NotPem {
            path: path.to_path_buf(),
            what: CERTIFICATE,
            expected: "-----BEGIN CERTIFICATE-----",
        });
    }
    Ok(chain)
}

/// The one private key of `path`.
fn read_key(path: &Path) -> Result<PrivateKeyDer<'static>, TlsError> {
    let bytes = read(path, PRIVATE_KEY)?;
    let mut keys = PrivateKeyDer::pem_slice_iter(&bytes);
    let key = match keys.next() {
        Some(Ok(key)) => key,
        Some(Err(e)) => return Err(bad_pem(path, PRIVATE_KEY, e)),
        None => {
            return Err(TlsError::NotPem {
                path: path.to_path_buf(),
                what: PRIVATE_KEY,
                expected: "-----BEGIN PRIVATE KEY-----",
            });
        }
    };
    if keys.next().is_some() {
        return Err(TlsError::SeveralKeys { path: path.to_path_buf() });
    }
    Ok(key)
}
