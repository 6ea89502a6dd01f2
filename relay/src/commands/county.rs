//! Putting a county into storage: `import FILE` for a real county file, and the demo county
//! (with demo bulletins) that `serve --demo` seeds on first start.
//!
//! Each document is stored as one update holding its whole state, exactly as if a device
//! had synced it, so devices receive it through the normal sync.

use std::path::Path;

use liandong_core::county_file::{self, CountyFile};
use liandong_core::docs::{RegionBulletins, RegionCommand, StationCommunity, StationRoster};
use liandong_core::org::Organisation;
use liandong_core::roster::RosterConfig;
use liandong_core::{DocumentId, demo};
use yrs::{Doc, ReadTxn, StateVector, Transact};

use super::CommandError;
use crate::store::{Store, keys};

fn full_state(doc: &Doc) -> Vec<u8> {
    doc.transact().encode_state_as_update_v1(&StateVector::default())
}

/// Whether `county` already has a directory in `store`.
pub async fn exists(store: &dyn Store, county: &str) -> Result<bool, CommandError> {
    Ok(!store.load(&DocumentId::directory(county).to_string()).await?.updates.is_empty())
}

/// Imports `file` into `store`: the directory and every station roster. Refuses a county
/// that is already stored (edit it through the app instead). Returns the imported
/// organisation.
pub async fn import(store: &dyn Store, file: &CountyFile) -> Result<Organisation, CommandError> {
    if exists(store, &file.county.code).await? {
        return Err(CommandError::Invalid(format!(
            "county {} is already in this relay's storage; it is changed through the app, not re-imported",
            file.county.code
        )));
    }
    let docs = county_file::import(file)?;
    for (station, doc) in &docs.rosters {
        store.append(&keys::key(&docs.county, &DocumentId::roster(station)), full_state(doc)).await?;
    }
    // The directory last: a county counts as imported once its directory exists.
    store.append(&DocumentId::directory(&docs.county).to_string(), full_state(&docs.directory)).await?;
    Ok(Organisation::read(&docs.directory_view(), &docs.roster_views()).0)
}

/// Imports the county file at `path` into `store`.
pub async fn import_file(store: &dyn Store, path: &Path) -> Result<Organisation, CommandError> {
    let text = std::fs::read_to_string(path)
        .map_err(|source| CommandError::Io { path: path.display().to_string(), source })?;
    import(store, &county_file::parse(&text)?).await
}

/// Generated bulletins per region in the demo, besides the source's events.
pub const DEMO_BULLETINS_PER_REGION: usize = 40;

/// Seeds the demo county, its bulletins, rosters, regional command and district workbooks unless it is already stored. Returns whether it
/// seeded.
pub async fn seed_demo(store: &dyn Store) -> Result<bool, CommandError> {
    let file = demo::county();
    if exists(store, &file.county.code).await? {
        return Ok(false);
    }
    let org = import(store, &file).await?;
    let now = liandong_core::time::now();
    for region in &file.regions {
        let doc = RegionBulletins::new(Doc::new());
        demo::bulletins::write(&doc, &org, &region.code, DEMO_BULLETINS_PER_REGION, demo::SEED, now)
            .map_err(|e| CommandError::Invalid(e.to_string()))?;
        let id = DocumentId::bulletins(&region.code);
        store.append(&keys::key(&file.county.code, &id), full_state(doc.doc())).await?;
        let command = RegionCommand::new(Doc::new());
        demo::command::write(&command, &org, &region.code).map_err(|e| CommandError::Invalid(e.to_string()))?;
        demo::cooperation::write(&command, &org, &region.code, now)
            .map_err(|e| CommandError::Invalid(e.to_string()))?;
        let id = DocumentId::command(&region.code);
        store.append(&keys::key(&file.county.code, &id), full_state(command.doc())).await?;
    }
    let county = RegionBulletins::new(Doc::new());
    demo::bulletins::write_county(&county, &org).map_err(|e| CommandError::Invalid(e.to_string()))?;
    store.append(&DocumentId::county_bulletins(&file.county.code).to_string(), full_state(county.doc())).await?;
    // A demo roster per station, around the day of seeding; merged into each station's
    // roster document as a second stored update.
    let config = RosterConfig::default();
    let today = liandong_core::time::in_china(now).date();
    for station in &org.stations {
        let view = StationRoster::new(Doc::new());
        let written = demo::roster::write(&view, &org, &config, station.id, today)
            .map_err(|e| CommandError::Invalid(e.to_string()))?;
        if written > 0 {
            let id = DocumentId::roster(&station.code);
            store.append(&keys::key(&file.county.code, &id), full_state(view.doc())).await?;
        }
        // The station's district workbook: key persons and sites, visits, mediation cases.
        let workbook = StationCommunity::new(Doc::new());
        let written = demo::community::write(&workbook, &org, station.id, now)
            .map_err(|e| CommandError::Invalid(e.to_string()))?;
        if written > 0 {
            let id = DocumentId::community(&station.code);
            store.append(&keys::key(&file.county.code, &id), full_state(workbook.doc())).await?;
        }
    }
    Ok(true)
}
