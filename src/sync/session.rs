//! Signing this device in and out: the stored sign-in at start-up, a login link, sign-out.
//! A sign-in opens the officer's documents ([`super::scope`]); a sign-out stops every
//! loop of the old session (its generation) and removes its data from this device.

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use liandong_core::DocumentId;
use liandong_core::access::Claims;

use super::state::{Shared, shared};
use super::{link_events, scope, tabs, verdict};
use crate::session::{Session, TOKEN_KEY};
use crate::store::StoreError;

/// Reads the stored sign-in and opens the officer's documents. Call once at start-up.
pub fn start() {
    let shared = shared();
    link_events::listen(&shared);
    *shared.tabs.borrow_mut() = tabs::open(shared.clone()).map(Rc::new);
    spawn_local(async move {
        let token = match shared.store().await {
            Ok(store) => store.get_setting(TOKEN_KEY).await,
            Err(e) => Err(e),
        };
        match token {
            Ok(Some(token)) => {
                if let Ok(session) = Session::parse(&token) {
                    begin(&shared, session);
                }
            }
            Ok(None) => {}
            Err(e) => shared.report_storage(e),
        }
        shared.signals.ready.set(true);
    });
}

/// Why a login link did not sign this device in (the login page words it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInError {
    /// The link is past its expiry (by the device's clock or the relay's answer).
    Expired,
    /// The link is not a token the relay accepts (cut short, altered, another relay's).
    Invalid,
    /// Another officer is signed in on this device.
    OtherOfficer,
    /// This device's storage failed.
    Storage(StoreError),
}

/// Signs this device in with `token` (from a login link): checks it (on the device's
/// clock, then with the relay when it can be reached), stores it and opens the officer's
/// documents. Offline, an unexpired token is accepted and checked when the link is back.
pub async fn sign_in(token: &str) -> Result<Claims, SignInError> {
    let session = Session::parse(token).map_err(|_| SignInError::Invalid)?;
    if session.expired_at(crate::session::now_secs()) {
        return Err(SignInError::Expired);
    }
    match verdict::check(&session.token).await {
        verdict::Verdict::Expired => return Err(SignInError::Expired),
        verdict::Verdict::Invalid => return Err(SignInError::Invalid),
        verdict::Verdict::Valid | verdict::Verdict::Unreachable => {}
    }
    let shared = shared();
    let store = shared.store().await.map_err(SignInError::Storage)?;
    let previous = shared.session().map(|s| s.claims.sub);
    if previous.is_some() && previous.as_deref() != Some(session.claims.sub.as_str()) {
        return Err(SignInError::OtherOfficer);
    }
    store.put_setting(TOKEN_KEY, &session.token).await.map_err(SignInError::Storage)?;
    let claims = session.claims.clone();
    stop(&shared);
    begin(&shared, session);
    Ok(claims)
}

/// Signs out: stops syncing and removes the token and every document from this device.
/// The caller asks the officer first when [`super::waiting_changes`] is not zero.
///
/// # Errors
/// The storage failure that kept the data from being removed (the officer is signed out
/// in this page all the same).
pub async fn sign_out() -> Result<(), StoreError> {
    let shared = shared();
    stop(&shared);
    *shared.session.borrow_mut() = None;
    shared.signals.claims.set(None);
    let store = shared.store().await?;
    store.delete_setting(TOKEN_KEY).await?;
    store.clear_documents().await?;
    Ok(())
}

/// Stops every connection and forgets the open documents.
fn stop(shared: &Shared) {
    shared.next_generation();
    for d in shared.docs.borrow().values() {
        d.to_relay.borrow_mut().take();
    }
    shared.docs.borrow_mut().clear();
    shared.signals.docs.set(Vec::new());
}

/// Opens the documents of `session`'s scope: the directory first, then (once the directory
/// names the region's stations) the rest.
fn begin(shared: &Shared, session: Session) {
    *shared.session.borrow_mut() = Some(session.clone());
    shared.signals.claims.set(Some(session.claims.clone()));
    let directory = DocumentId::directory(&session.claims.county);
    super::views::prefetch(shared);
    super::documents::open(shared, directory.clone());
    scope::open_scope(shared);
    // Re-derive the scope whenever the directory changes (regions redrawn, first sync).
    if let Some(dir) = shared.doc(&directory) {
        let owner = shared.owner.clone();
        let shared = shared.clone();
        let generation = shared.generation();
        owner.with(|| {
            Effect::new(move |_| {
                dir.version.track();
                if shared.generation() == generation {
                    scope::open_scope(&shared);
                }
            })
        });
    }
}
