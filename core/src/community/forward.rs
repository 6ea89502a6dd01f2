//! Forwarding a community intelligence report to the center station (docs/domain.md
//! "Community work", "Information sharing"): the station's liaison chooses a report of the
//! district workbook, and a copy of it, and nothing else of the workbook, goes to
//! `region/{region}/bulletins` as a bulletin of category
//! [`BulletinCategory::CommunityIntelligence`], marked forwarded. There the center station
//! reads it among the forwarded bulletins, adds its joint analysis (研判) and links it into
//! case series with other bulletins, as with any bulletin.
//!
//! The copy carries the report's own id, so forwarding twice (a second try after a failed
//! write, or two devices of the liaison offline) writes one copy: the second try finds it
//! and only marks the report.

use crate::bulletins::Draft;
use crate::bulletins::draft::{MAX_PLACE, MAX_TITLE};
use crate::docs::{RegionBulletins, StationCommunity, WriteError};
use crate::ids::RecordId;
use crate::model::{Bulletin, BulletinCategory, CommunityReport, Mark, ReportCategory, Role, Scope, Urgency};

use super::edit::{WorkbookRefusal, refuse};

/// Whether an officer of `role` forwards the station's reports: its information liaison
/// (信息联络员), as for bulletins.
pub fn may_forward(role: Role) -> bool {
    role == Role::Liaison
}

/// The bulletin a report becomes: its first line as title (cut at [`MAX_TITLE`]
/// characters), the lines after it as text, the village as place; urgency
/// 重要 for a lead to an offence, 一般 otherwise; scope the station (it is addressed to
/// the center station, not to every officer of the region).
pub fn draft(report: &CommunityReport, village: Option<&str>) -> Draft {
    let content = report.content.trim();
    let (first, rest) = content.split_once('\n').unwrap_or((content, ""));
    Draft {
        category: BulletinCategory::CommunityIntelligence,
        urgency: if report.category == ReportCategory::CrimeLead { Urgency::Important } else { Urgency::Routine },
        scope: Scope::Station,
        title: first.trim().chars().take(MAX_TITLE).collect(),
        body: rest.trim().to_owned(),
        place: village.map(|v| v.chars().take(MAX_PLACE).collect()),
        expires_at: None,
        photos: Vec::new(),
    }
}

/// Forwards report `id` of `community` into `bulletins` for `station`, as `mark` says (the
/// liaison, now); `village` is the name of the report's village. Returns the report as
/// marked. A report forwarded already is returned unchanged.
///
/// # Errors
/// [`WorkbookRefusal::Missing`] for a report not in the workbook; the views' errors.
pub fn forward(
    bulletins: &RegionBulletins,
    community: &StationCommunity,
    id: RecordId,
    station: RecordId,
    village: Option<&str>,
    mark: Mark,
) -> Result<CommunityReport, WriteError> {
    let Ok(Some(stored)) = community.get::<CommunityReport>(id) else { return refuse(WorkbookRefusal::Missing) };
    if stored.deleted_at.is_some() {
        return refuse(WorkbookRefusal::Missing);
    }
    let mut report = stored.record;
    if report.forwarded.is_some() {
        return Ok(report);
    }
    if !matches!(bulletins.get::<Bulletin>(id), Ok(Some(_))) {
        let draft = draft(&report, village);
        bulletins.write(|w| {
            w.put(&draft.version(id, 1, mark.by, mark.at))?;
            let mut copy = draft.bulletin(id, station, mark.by, mark.at);
            copy.forwarded_at = Some(mark.at);
            w.put(&copy)
        })?;
    }
    report.forwarded = Some(mark);
    community.put(&report)?;
    Ok(report)
}
