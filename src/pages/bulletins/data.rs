//! Where the bulletins screens read and write: the region's bulletins document and the
//! county's, as open on this device. Reads are reactive (they track the documents'
//! versions); writes go through `liandong_core::bulletins::draft` in one transaction.

use leptos::prelude::*;
use liandong_core::access::Claims;
use liandong_core::docs::BulletinsDoc;
use liandong_core::docs::{RegionBulletins, WriteError, Writer};
use liandong_core::model::{Acknowledgement, Assessment, Bulletin, BulletinPhoto, BulletinVersion, Role, Series};
use liandong_core::org::Organisation;
use liandong_core::{DocumentId, RecordId};

use crate::sync;

/// The signed-in officer.
pub fn claims() -> Option<Claims> {
    sync::signals().claims.get()
}

/// The signed-in officer's record id (reactive).
pub fn me() -> Option<RecordId> {
    claims().and_then(|c| c.sub.parse().ok())
}

/// The bulletins documents of the officer's scope: region first, then county. The bureau
/// administrator, of no region, follows every region's (`access::bulletins_of_regions`).
pub fn documents() -> Vec<DocumentId> {
    let Some(c) = claims() else { return Vec::new() };
    let mut docs = Vec::new();
    if let Some(region) = &c.region {
        docs.push(DocumentId::bulletins(region));
    }
    let regions = sync::with_organisation(|org| org.regions.iter().map(|r| r.code.clone()).collect::<Vec<_>>());
    docs.extend(liandong_core::access::bulletins_of_regions(&c.scope(), &regions));
    docs.push(DocumentId::county_bulletins(&c.county));
    docs
}

/// The view of one bulletins document, tracking its version; `None` if it is not open
/// (then the caller re-runs once the open documents change).
pub fn view(id: &DocumentId) -> Option<RegionBulletins> {
    sync::read_doc(id).map(RegionBulletins::new)
}

/// Every live record of type `R` over the officer's bulletins documents, with the
/// document each came from, and how many records could not be read (newer app version).
pub fn all<R>() -> (Vec<(DocumentId, R)>, usize)
where
    R: liandong_core::record::Record<Document = BulletinsDoc>,
{
    let mut out = Vec::new();
    let mut unreadable = 0;
    for id in documents() {
        if let Some(view) = view(&id) {
            let listing = view.list::<R>();
            unreadable += listing.unreadable.len();
            out.extend(listing.into_records().into_iter().map(|r| (id.clone(), r)));
        }
    }
    (out, unreadable)
}

/// All bulletins with their document.
pub fn bulletins() -> (Vec<(DocumentId, Bulletin)>, usize) {
    all::<Bulletin>()
}

/// All acknowledgements (those of county bulletins live in the region documents).
pub fn acknowledgements() -> Vec<Acknowledgement> {
    all::<Acknowledgement>().0.into_iter().map(|(_, a)| a).collect()
}

/// One bulletin and its document.
pub fn find(id: RecordId) -> Option<(DocumentId, Bulletin)> {
    for doc in documents() {
        if let Some(Ok(Some(stored))) = view(&doc).map(|v| v.get::<Bulletin>(id)) {
            return Some((doc, stored.record));
        }
    }
    None
}

/// The versions of a bulletin, oldest first.
pub fn versions(doc: &DocumentId, bulletin: RecordId) -> Vec<BulletinVersion> {
    let Some(view) = view(doc) else { return Vec::new() };
    let mut v: Vec<BulletinVersion> =
        view.list::<BulletinVersion>().into_records().into_iter().filter(|v| v.bulletin == bulletin).collect();
    liandong_core::sort::by_key(&mut v, |v| (v.number, v.at));
    v
}

/// The photos of a bulletin, in order.
pub fn photos(doc: &DocumentId, bulletin: RecordId) -> Vec<BulletinPhoto> {
    let Some(view) = view(doc) else { return Vec::new() };
    let mut p: Vec<BulletinPhoto> =
        view.list::<BulletinPhoto>().into_records().into_iter().filter(|p| p.bulletin == bulletin).collect();
    liandong_core::sort::by_key(&mut p, |p| p.index);
    p
}

/// Joint-analysis notes of a bulletin, oldest first (from the region document).
pub fn assessments(bulletin: RecordId) -> Vec<Assessment> {
    all::<Assessment>().0.into_iter().map(|(_, a)| a).filter(|a| a.bulletin == bulletin).collect()
}

/// Every case series of the region.
pub fn series() -> Vec<Series> {
    all::<Series>().0.into_iter().map(|(_, s)| s).collect()
}

/// The organisation as this device knows it.
pub fn organisation() -> Organisation {
    sync::organisation()
}

/// Whether the officer belongs to the region's center station (or commands the region).
pub fn at_center(org: &Organisation, claims: &Claims) -> bool {
    if claims.role == Role::Commander {
        return true;
    }
    let Some(region) = claims.region.as_deref().and_then(|r| org.regions.iter().find(|x| x.code == r)) else {
        return false;
    };
    org.stations
        .iter()
        .find(|s| s.id == region.center)
        .is_some_and(|s| claims.station.as_deref() == Some(s.code.as_str()))
}

/// The record id of the officer's station.
pub fn my_station(org: &Organisation, claims: &Claims) -> Option<RecordId> {
    claims.station.as_deref().and_then(|code| org.stations.iter().find(|s| s.code == code)).map(|s| s.id)
}

/// Whom a bulletin the officer posts is from: their station, or for the bureau (of no
/// station) the county's record, so county-wide bulletins name the bureau; for a
/// commander without a station, their region's center station.
pub fn posting_unit(org: &Organisation, claims: &Claims) -> Option<RecordId> {
    my_station(org, claims)
        .or_else(|| org.regions.iter().find(|r| Some(&r.code) == claims.region.as_ref()).map(|r| r.center))
        .or_else(|| org.county.as_ref().filter(|_| claims.role == Role::BureauAdmin).map(|c| c.id))
}

/// The document where the officer writes acknowledgements, notes and series: the region's.
pub fn region_doc() -> Option<DocumentId> {
    claims().and_then(|c| c.region).map(|r| DocumentId::bulletins(&r))
}

/// Runs `f` in one transaction on document `id`, attributed to the officer; on failure the
/// reason in the officer's language (core's refusals stay in core's words).
pub fn write<T>(
    i18n: leptos_i18n::I18nContext<crate::i18n::Locale>,
    id: &DocumentId,
    f: impl FnOnce(&mut Writer<'_, BulletinsDoc>) -> Result<T, WriteError>,
) -> Result<T, String> {
    use crate::i18n::t_string;
    let (doc, _) = sync::open_doc(id).ok_or_else(|| t_string!(i18n, write_not_open).to_owned())?;
    let author = sync::officer_id().ok_or_else(|| t_string!(i18n, write_signed_out).to_owned())?;
    RegionBulletins::with_author(doc, author).write(f).map_err(|e| e.to_string())
}
