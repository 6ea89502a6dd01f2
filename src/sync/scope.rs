//! The officer's scope: which documents this device opens (`access::documents_of` over
//! the stations the directory names), and the organisation as the directory says it, read
//! once per version of the directory document.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use liandong_core::DocumentId;
use liandong_core::access;
use liandong_core::docs::Directory;
use liandong_core::model::Role;
use liandong_core::org::Organisation;

use super::state::Shared;

/// Opens every document of the signed-in officer's scope that is not open yet (after
/// sign-in, and again whenever the directory changes: regions redrawn, first sync).
pub(super) fn open_scope(shared: &Shared) {
    let Some(session) = shared.session() else { return };
    let org = with_directory_org(shared, Organisation::clone);
    // The region's stations; the bureau's device takes every station's roster (the
    // county's coverage board needs their districts and offices).
    let stations = match (session.claims.region.as_deref(), session.claims.role) {
        (Some(r), _) => org.station_codes_of_region(r),
        (None, Role::BureauAdmin) => org.stations.iter().map(|s| s.code.clone()).collect(),
        (None, _) => Vec::new(),
    };
    let regions: Vec<String> = org.regions.iter().map(|r| r.code.clone()).collect();
    let post = session.claims.post();
    for id in access::documents_of(&post, &stations).into_iter().chain(access::bulletins_of_regions(&post, &regions)) {
        if access::rights(&post, &id, &org).can_read() {
            super::documents::open(shared, id);
        }
    }
}

/// Runs `f` on the organisation as the directory document says it, without copying it;
/// reactive (tracks the directory's version, or the sign-in and the open documents while
/// there is no directory yet). Read once per version of the document and cached: a list
/// of 100 rows that each name their station must not read it 100 times.
pub(super) fn with_directory_org<T>(shared: &Shared, f: impl FnOnce(&Organisation) -> T) -> T {
    thread_local! {
        static CACHE: RefCell<Option<(DocumentId, u64, Rc<Organisation>)>> = const { RefCell::new(None) };
    }
    // At a direct load the stored sign-in is read after the first render: re-run then.
    shared.signals.claims.track();
    let Some(session) = shared.session() else { return f(&Organisation::default()) };
    let id = DocumentId::directory(&session.claims.county);
    let Some(dir) = shared.doc(&id) else {
        shared.signals.docs.track();
        return f(&Organisation::default());
    };
    let version = dir.version.get();
    let org = CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        match &*cache {
            Some((cached, v, org)) if *cached == id && *v == version => org.clone(),
            _ => {
                let org = Rc::new(Organisation::read(&Directory::new(dir.doc.clone()), &[]).0);
                *cache = Some((id, version, org.clone()));
                org
            }
        }
    });
    f(&org)
}
