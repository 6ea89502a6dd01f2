//! Asks the relay whether an access token is good (`GET /session`): browsers hide the
//! status of a refused WebSocket upgrade, so this is how the app tells an expired or
//! invalid sign-in from a link that is down.

use crate::session::Session;

/// The relay's answer about a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Accepted.
    Valid,
    /// Refused because it is past its expiry.
    Expired,
    /// Refused for another reason: bad signature (altered or from another relay), malformed.
    Invalid,
    /// No answer: the relay cannot be reached (the app then trusts the token until it can).
    Unreachable,
}

/// The relay's verdict on `token`, from what `/session` answers: 200, or 401 with
/// `{"expired": true}` for an expired token.
pub async fn check(token: &str) -> Verdict {
    let response =
        gloo::net::http::Request::get("/session").header("Authorization", &format!("Bearer {token}")).send().await;
    let Ok(response) = response else { return Verdict::Unreachable };
    match response.status() {
        200 => Verdict::Valid,
        401 => {
            let expired = response
                .text()
                .await
                .ok()
                .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
                .and_then(|v| v.get("expired").and_then(serde_json::Value::as_bool))
                .unwrap_or(false);
            if expired { Verdict::Expired } else { Verdict::Invalid }
        }
        _ => Verdict::Unreachable,
    }
}

/// Whether the relay refuses `session`'s token (expired or invalid).
pub async fn refused(session: &Session) -> bool {
    matches!(check(&session.token).await, Verdict::Expired | Verdict::Invalid)
}
