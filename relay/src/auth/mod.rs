//! Access tokens: JWTs (HS256) signed with a key kept in the data folder, and the check of
//! what a token may open ([`access`]).
//!
//! Claims: officer id (`sub`), badge number and name, role, county, station and region
//! (codes and names, for the app to show who it is signed in as), issue and expiry times
//! (Unix seconds). A token reaches the relay as the query parameter `token` or as a
//! WebSocket subprotocol `liandong.token.{jwt}` offered next to `liandong`. Tokens never
//! appear in logs.

pub mod access;

use std::io::Write;
use std::path::Path;

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, errors::ErrorKind};

/// File name of the signing key in the data folder (64 hex characters, mode 0600).
pub const KEY_FILE: &str = "token.key";
/// Subprotocol the relay answers with when a token came as a subprotocol.
pub const SUBPROTOCOL: &str = "liandong";
/// Prefix of the subprotocol carrying the token.
pub const TOKEN_SUBPROTOCOL_PREFIX: &str = "liandong.token.";

pub use liandong_core::access::Claims;

/// Why a token was refused (answered with HTTP 401).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// No token in the query or the subprotocols.
    #[error("no access token")]
    Missing,
    /// Not a JWT, or claims of the wrong shape.
    #[error("malformed access token")]
    Malformed,
    /// Signed by another key (forged, or from another relay).
    #[error("access token not signed by this relay")]
    BadSignature,
    /// Past its expiry.
    #[error("access token expired")]
    Expired,
}

/// The relay's signing key.
#[derive(Clone)]
pub struct Keys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl Keys {
    /// Reads the key from `data/token.key`, creating a random one on first start.
    ///
    /// Errors: the folder or file cannot be read or written, or the file is not 64 hex digits.
    pub fn load_or_create(data: &Path) -> std::io::Result<Self> {
        let path = data.join(KEY_FILE);
        let secret = match std::fs::read_to_string(&path) {
            Ok(text) => decode_hex(text.trim()).ok_or_else(|| {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("{}: not a 64-digit hex key", path.display()),
                )
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                std::fs::create_dir_all(data)?;
                let secret: [u8; 32] = rand::random();
                let mut options = std::fs::OpenOptions::new();
                options.write(true).create_new(true);
                #[cfg(unix)]
                std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
                let mut file = options.open(&path)?;
                writeln!(file, "{}", encode_hex(&secret))?;
                secret.to_vec()
            }
            Err(e) => return Err(e),
        };
        Self::from_secret(&secret)
    }

    /// Keys from a raw secret (tests).
    pub fn from_secret(secret: &[u8]) -> std::io::Result<Self> {
        let invalid =
            |e: jsonwebtoken::errors::Error| std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string());
        Ok(Self {
            encoding: EncodingKey::from_secret(secret).map_err(invalid)?,
            decoding: DecodingKey::from_secret(secret).map_err(invalid)?,
        })
    }

    /// Signs `claims`.
    pub fn issue(&self, claims: &Claims) -> String {
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &self.encoding).unwrap_or_default()
    }

    /// Checks signature and expiry (no leeway) and returns the claims.
    pub fn verify(&self, token: &str) -> Result<Claims, TokenError> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 0;
        jsonwebtoken::decode::<Claims>(token, &self.decoding, &validation).map(|data| data.claims).map_err(|e| match e
            .kind()
        {
            ErrorKind::ExpiredSignature => TokenError::Expired,
            ErrorKind::InvalidSignature => TokenError::BadSignature,
            _ => TokenError::Malformed,
        })
    }
}

fn encode_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if text.len() != 64 {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

/// The token of a request: the `token` query parameter, else a `liandong.token.{jwt}`
/// subprotocol. Returns the token and whether it came as a subprotocol.
pub fn token_from(query: Option<&str>, protocols: Option<&str>) -> Option<(String, bool)> {
    if let Some(query) = query {
        for pair in query.split('&') {
            if let Some(value) = pair.strip_prefix("token=")
                && !value.is_empty()
            {
                return Some((value.to_owned(), false));
            }
        }
    }
    protocols?
        .split(',')
        .map(str::trim)
        .find_map(|p| p.strip_prefix(TOKEN_SUBPROTOCOL_PREFIX))
        .filter(|t| !t.is_empty())
        .map(|t| (t.to_owned(), true))
}

/// Seconds since the Unix epoch.
pub fn now_secs() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;
    use liandong_core::model::Role;

    fn claims(exp: u64) -> Claims {
        Claims {
            sub: "o1".into(),
            badge: "410101".into(),
            name: "张伟".into(),
            role: Role::Officer,
            county: "demo".into(),
            station: Some("desheng".into()),
            station_name: None,
            region: Some("desheng".into()),
            region_name: None,
            iat: now_secs(),
            exp,
        }
    }

    #[test]
    fn a_token_verifies_with_its_key_only_and_until_it_expires() {
        let keys = Keys::from_secret(&[7; 32]).expect("keys");
        let other = Keys::from_secret(&[8; 32]).expect("keys");
        let token = keys.issue(&claims(now_secs() + 60));
        assert_eq!(keys.verify(&token).map(|c| c.badge), Ok("410101".into()));
        assert_eq!(other.verify(&token), Err(TokenError::BadSignature));
        assert_eq!(keys.verify(&keys.issue(&claims(now_secs() - 1))), Err(TokenError::Expired));
        assert_eq!(keys.verify("not.a.token"), Err(TokenError::Malformed));
    }

    #[test]
    fn the_key_is_created_once_and_read_back() {
        let dir = tempfile::tempdir().expect("dir");
        let a = Keys::load_or_create(dir.path()).expect("create");
        let b = Keys::load_or_create(dir.path()).expect("read");
        let token = a.issue(&claims(now_secs() + 60));
        assert!(b.verify(&token).is_ok());
    }

    #[test]
    fn tokens_come_from_the_query_or_a_subprotocol() {
        assert_eq!(token_from(Some("a=1&token=abc"), None), Some(("abc".into(), false)));
        assert_eq!(token_from(None, Some("liandong, liandong.token.x.y.z")), Some(("x.y.z".into(), true)));
        assert_eq!(token_from(Some("token="), Some("liandong")), None);
    }
}
