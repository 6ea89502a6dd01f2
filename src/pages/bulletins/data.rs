//! Where the bulletins screens read and write: the region's bulletins document and the
//! county's, as open on this device. Reads are reactive (they track the documents'
//! versions); writes go through `liandong_core::bulletins::draft` in one transaction.

use liandong_core::docs::BulletinsDoc;
use liandong_core::docs::RegionBulletins;
use liandong_core::model::{Acknowledgement, Assessment, Bulletin, BulletinPhoto, BulletinVersion, Series};
use liandong_core::{DocumentId, RecordId};

use crate::sync;

pub use crate::data::{claims, me};

/// The bulletins documents of the officer's scope: region first, then county. The bureau
/// administrator, of no region, follows every region's (`access::bulletins_of_regions`).
pub fn documents() -> Vec<DocumentId> {
    let Some(c) = claims() else { return Vec::new() };
    let mut docs = Vec::new();
    if let Some(region) = &c.region {
        docs.push(DocumentId::bulletins(region));
    }
    let regions = sync::with_directory_org(|org| org.regions.iter().map(|r| r.code.clone()).collect::<Vec<_>>());
    docs.extend(liandong_core::access::bulletins_of_regions(&c.post(), &regions));
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

/// The document where the officer writes acknowledgements, notes and series: the region's.
pub fn region_doc() -> Option<DocumentId> {
    claims().and_then(|c| c.region).map(|r| DocumentId::bulletins(&r))
}
