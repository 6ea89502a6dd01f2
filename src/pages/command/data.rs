//! Where the command screens read and write: the region's command document
//! (`region/{code}/command`), the dispatch acknowledgements in its bulletins document, the
//! region's station rosters (shifts, for who is on duty and on leave), all reactive. Which
//! region: the officer's own; the bureau, which reads every region, picks one (`?region=`).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use liandong_core::command::CommandState;
use liandong_core::docs::{CommandDoc, RegionBulletins, RegionCommand, StationRoster};
use liandong_core::model::{Mark, Region, Shift};
use liandong_core::{DocumentId, RecordId};

use crate::data::{WriteFailure, writer};
use crate::sync;

/// The region the screens show: the officer's own, else the one named by `?region=`, else
/// the county's first (the bureau's view); reactive. `None` before the directory arrives.
pub fn region() -> Option<Region> {
    let claims = sync::signals().claims.get()?;
    let asked = use_query_map().with(|q| q.get("region"));
    sync::with_directory_org(|org| {
        let code = claims.region.clone().or(asked);
        match code {
            Some(code) => org.regions.iter().find(|r| r.code == code).cloned(),
            None => org.regions.first().cloned(),
        }
    })
}

/// The command document's id for `region`.
pub fn doc_id(region: &Region) -> DocumentId {
    DocumentId::command(&region.code)
}

/// Everything of the region's command, reactive (empty while the document is not open).
pub fn state(region: &Region) -> CommandState {
    let Some(doc) = sync::read_doc(&doc_id(region)) else { return CommandState::default() };
    let bulletins = sync::read_doc(&DocumentId::bulletins(&region.code)).map(RegionBulletins::new);
    CommandState::read(&RegionCommand::new(doc), bulletins.as_ref())
}

/// Whether the signed-in officer may write the region's command (commander, the region's
/// station heads).
pub fn can_write(region: &Region) -> bool {
    sync::rights(&doc_id(region)).can_write()
}

/// The shifts of every station of the region whose roster is open here; reactive.
///
/// Each roster's shifts are kept as last read, with the document (its Yjs client id) and
/// its version then: a sync that changes one roster rereads that one only, not the
/// thousands of shifts of the others (bench/app/board-bench.mjs).
pub fn shifts(region: &Region) -> Vec<Shift> {
    type Read = (yrs::ClientID, u64, Rc<Vec<Shift>>);
    thread_local! {
        static READ: RefCell<HashMap<String, Read>> = RefCell::new(HashMap::new());
    }
    let codes = sync::with_directory_org(|org| org.station_codes_of_region(&region.code));
    let mut out = Vec::new();
    for code in codes {
        let id = DocumentId::roster(&code);
        let Some((doc, version)) = sync::open_doc(&id) else {
            sync::read_doc(&id); // tracks the open documents, to read it once it opens
            continue;
        };
        let (version, client) = (version.get(), doc.client_id());
        let list = READ.with(|read| {
            let mut read = read.borrow_mut();
            match read.get(&code) {
                Some((c, v, list)) if *c == client && *v == version => list.clone(),
                _ => {
                    let list = Rc::new(StationRoster::new(doc).list::<Shift>().into_records());
                    read.insert(code.clone(), (client, version, list.clone()));
                    list
                }
            }
        });
        out.extend(list.iter().cloned());
    }
    out
}

/// A mark of the signed-in officer now.
pub fn mark() -> Option<Mark> {
    Some(Mark { at: liandong_core::time::now(), by: sync::officer_id()? })
}

/// Runs `f` with a writer of the region's command document and the officer's mark now.
///
/// # Errors
/// Those of [`crate::data::writer`], and core's refusal.
pub fn write<T>(
    region: &Region,
    f: impl FnOnce(&RegionCommand, Mark) -> Result<T, liandong_core::docs::WriteError>,
) -> Result<T, WriteFailure> {
    let view = writer::<CommandDoc>(&doc_id(region))?;
    let mark = mark().ok_or(WriteFailure::SignedOut)?;
    Ok(f(&view, mark)?)
}

/// The record id in the route's `:id`, if it parses.
pub fn id_param() -> Option<RecordId> {
    leptos_router::hooks::use_params_map().with(|p| p.get("id")).and_then(|s| s.parse().ok())
}
