//! Asks the relay whether an access token is good (`GET /session`): browsers hide the
//! status of a refused WebSocket upgrade, so this is how the app tells an expired or
//! invalid sign-in from a link that is down.
//!
//! A login link's token is asked about by index.html while the Wasm still comes down
//! (`window.liandongSession`): on a first visit over a slow link that takes the question's
//! round trip (300–600 ms) off the time until the officer is signed in. [`check`] takes
//! that answer once, for the same token, and asks itself otherwise.

use wasm_bindgen::{JsCast, JsValue};

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
    let answer = match asked_early(token).await {
        Some(answer) => Some(answer),
        None => ask(token).await,
    };
    answer.map_or(Verdict::Unreachable, |(status, body)| judge(status, &body))
}

/// Whether the relay refuses `session`'s token (expired or invalid).
pub async fn refused(session: &Session) -> bool {
    matches!(check(&session.token).await, Verdict::Expired | Verdict::Invalid)
}

/// The body of a 401 of `/session`: `{"error": "…", "expired": true}`.
#[derive(serde::Deserialize)]
struct Refused {
    #[serde(default)]
    expired: bool,
}

/// The verdict in an answer of `/session`: its status, and its body for a 401.
fn judge(status: u16, body: &str) -> Verdict {
    match status {
        200 => Verdict::Valid,
        401 => {
            let expired = liandong_core::record::de::from_json::<Refused>(body).is_ok_and(|r| r.expired);
            if expired { Verdict::Expired } else { Verdict::Invalid }
        }
        _ => Verdict::Unreachable,
    }
}

/// Asks the relay: the status and, for a 401, the body; `None` when it cannot be reached.
async fn ask(token: &str) -> Option<(u16, String)> {
    let response = gloo::net::http::Request::get("/session")
        .header("Authorization", &format!("Bearer {token}"))
        .send()
        .await
        .ok()?;
    let status = response.status();
    let body = if status == 401 { response.text().await.unwrap_or_default() } else { String::new() };
    Some((status, body))
}

/// The answer index.html got for `token` (`{token, answer: Promise<{status, body} | null>}`),
/// taken once; `None` when there is none for this token or its request failed.
async fn asked_early(token: &str) -> Option<(u16, String)> {
    let window: JsValue = web_sys::window()?.into();
    let key = JsValue::from_str("liandongSession");
    let early = js_sys::Reflect::get(&window, &key).ok().filter(JsValue::is_object)?;
    let _ = js_sys::Reflect::delete_property(window.unchecked_ref::<js_sys::Object>(), &key);
    if js_sys::Reflect::get(&early, &"token".into()).ok()?.as_string()?.trim() != token {
        return None;
    }
    let answer = js_sys::Reflect::get(&early, &"answer".into()).ok()?.dyn_into::<js_sys::Promise>().ok()?;
    let answer = wasm_bindgen_futures::JsFuture::from(answer).await.ok().filter(JsValue::is_object)?;
    let status = js_sys::Reflect::get(&answer, &"status".into()).ok()?.as_f64()?;
    let body = js_sys::Reflect::get(&answer, &"body".into()).ok()?.as_string().unwrap_or_default();
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Some((status as u16, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn a_401_is_expired_only_when_the_relay_says_so() {
        assert_eq!(judge(200, ""), Verdict::Valid);
        assert_eq!(judge(401, r#"{"error":"the token has expired","expired":true}"#), Verdict::Expired);
        assert_eq!(judge(401, r#"{"expired":false}"#), Verdict::Invalid);
        assert_eq!(judge(401, "bad signature"), Verdict::Invalid);
        assert_eq!(judge(502, ""), Verdict::Unreachable);
    }
}
