//! Saving a checked draft: a new version of the bulletin being edited, or a new bulletin
//! in the document its scope names (the region's, or the county's), from the officer's
//! posting unit (`liandong_core::bulletins::posting_unit`).

use jiff::Timestamp;
use liandong_core::bulletins::{Draft, draft, posting_unit};
use liandong_core::model::{Bulletin, Scope};
use liandong_core::{DocumentId, RecordId};

use crate::data::{self, WriteFailure};
use crate::i18n::*;

/// Why a draft that passed its checks was not saved.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveFailure {
    /// The directory is not on this device yet: the bulletin could not name its station.
    NoDirectory,
    /// A region bulletin from an officer of no region.
    NoRegion,
    /// The write door refused.
    Write(WriteFailure),
}

impl SaveFailure {
    /// What the officer reads.
    pub fn words(&self, i18n: leptos_i18n::I18nContext<Locale>) -> String {
        match self {
            SaveFailure::NoDirectory => t_string!(i18n, write_no_directory).to_owned(),
            SaveFailure::NoRegion => t_string!(i18n, bulletins_no_region).to_owned(),
            SaveFailure::Write(e) => crate::components::fmt::write_failure(i18n, e),
        }
    }
}

/// Saves `d` (already checked) as the next version of `existing`, or as a new bulletin;
/// returns the document written and the bulletin's id.
///
/// # Errors
/// [`SaveFailure`]; nothing is written then.
pub fn save(
    existing: Option<(DocumentId, Bulletin)>,
    d: &Draft,
    now: Timestamp,
) -> Result<(DocumentId, RecordId), SaveFailure> {
    let author = data::me().ok_or(SaveFailure::Write(WriteFailure::SignedOut))?;
    if let Some((doc, b)) = existing {
        return data::write(&doc, |w| draft::update(w, &b, d, author, now))
            .map(|_| (doc, b.id))
            .map_err(SaveFailure::Write);
    }
    let claims = data::claims().ok_or(SaveFailure::Write(WriteFailure::SignedOut))?;
    let station = posting_unit(&data::directory_org(), &claims).ok_or(SaveFailure::NoDirectory)?;
    let doc = match d.scope {
        Scope::County => DocumentId::county_bulletins(&claims.county),
        _ => super::super::data::region_doc().ok_or(SaveFailure::NoRegion)?,
    };
    data::write(&doc, |w| draft::post(w, d, station, author, now)).map(|id| (doc, id)).map_err(SaveFailure::Write)
}
