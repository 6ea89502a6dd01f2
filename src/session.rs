//! Who this device is signed in as: the access token the relay issued (a JWT) and its
//! claims, read without verifying the signature (the relay verifies; the app only shows
//! them and derives which documents to open).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use liandong_core::access::Claims;

/// Settings key of the token in IndexedDB.
pub const TOKEN_KEY: &str = "token";

/// A signed-in device.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// The token as issued, sent to the relay.
    pub token: String,
    /// What it says.
    pub claims: Claims,
}

/// Why a token cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SessionError {
    /// Not three base64url parts with JSON claims in the middle.
    #[error("the sign-in token is malformed")]
    Malformed,
}

impl Session {
    /// Reads the claims of `token`.
    pub fn parse(token: &str) -> Result<Self, SessionError> {
        let token = token.trim();
        let mut parts = token.split('.');
        let (Some(_), Some(payload), Some(_), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return Err(SessionError::Malformed);
        };
        let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).map_err(|_| SessionError::Malformed)?;
        let text = String::from_utf8(bytes).map_err(|_| SessionError::Malformed)?;
        let claims: Claims = liandong_core::record::de::from_json(&text).map_err(|_| SessionError::Malformed)?;
        Ok(Self { token: token.to_owned(), claims })
    }

    /// Whether the token has expired at `now_secs` (Unix seconds).
    pub fn expired_at(&self, now_secs: u64) -> bool {
        self.claims.exp <= now_secs
    }
}

/// The token in a login link's fragment (`#token=...`), if there is one.
pub fn token_from_fragment(hash: &str) -> Option<String> {
    hash.trim_start_matches('#')
        .split('&')
        .find_map(|pair| pair.strip_prefix("token="))
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// Seconds since the Unix epoch, from the browser clock.
pub fn now_secs() -> u64 {
    (js_sys::Date::now() / 1000.0) as u64
}
