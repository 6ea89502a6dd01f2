//! Who may do what with a bulletin, beyond the document rights of [`crate::access`]
//! (which decide who may write a bulletins document at all).

use crate::access::Claims;
use crate::ids::RecordId;
use crate::model::{Bulletin, Role};
use crate::org::Organisation;

/// Whether an officer of `role` may post to the whole county (全县): the region's
/// commanders and the county bureau; everyone else posts to their region or station.
pub fn may_post_county_wide(role: Role) -> bool {
    matches!(role, Role::Commander | Role::BureauAdmin)
}

/// Whether `officer` (of `role`) may change or cancel `bulletin`: its author, a commander,
/// or the county bureau. Whether the document may be written at all is
/// [`crate::access::rights`]'s question.
pub fn may_edit(bulletin: &Bulletin, officer: RecordId, role: Role) -> bool {
    bulletin.author == officer || may_post_county_wide(role)
}

/// Whom a bulletin the officer posts is from: their station; for a commander without a
/// station, their region's center station; for the county bureau (of no station), the
/// county's record, so county-wide bulletins name the bureau. `None` while the directory
/// does not name any of these.
pub fn posting_unit(org: &Organisation, claims: &Claims) -> Option<RecordId> {
    claims
        .station_id(org)
        .or_else(|| org.regions.iter().find(|r| Some(&r.code) == claims.region.as_ref()).map(|r| r.center))
        .or_else(|| org.county.as_ref().filter(|_| claims.role == Role::BureauAdmin).map(|c| c.id))
}
