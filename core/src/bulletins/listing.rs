//! Which bulletins a list shows and in what order: active or not, filters, full-text search
//! over title and body, and "urgent and not yet acknowledged by me" first.
//!
//! Search matches substrings, case-insensitively for Latin letters: Chinese has no spaces
//! between words, so a word search would miss most queries; bulletins are short, so a
//! scan of 10,000 of them takes a few milliseconds.

use std::collections::HashSet;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::ids::RecordId;
use crate::model::{Acknowledgement, Bulletin, BulletinCategory, Urgency};

/// Whether `bulletin` is current at `now`: not cancelled and not past its expiry.
pub fn is_active(bulletin: &Bulletin, now: Timestamp) -> bool {
    bulletin.cancelled.is_none() && bulletin.expires_at.is_none_or(|e| e > now)
}

/// What the officer filters on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    /// Only this category.
    pub category: Option<BulletinCategory>,
    /// Only this urgency.
    pub urgency: Option<Urgency>,
    /// Only bulletins posted by this station.
    pub station: Option<RecordId>,
    /// Only those the officer has not acknowledged (current version).
    pub unacknowledged: bool,
    /// Show expired and cancelled bulletins instead of active ones.
    pub inactive: bool,
    /// Text to find in title or body.
    pub text: String,
}

/// One row of a list.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    /// The bulletin.
    pub bulletin: Bulletin,
    /// Whether the officer acknowledged its current version.
    pub acknowledged: bool,
    /// Whether it is active now.
    pub active: bool,
}

/// The bulletins `filter` selects for `officer` at `now`, in list order: urgent and not
/// acknowledged first, then newest first. Acknowledging is not asked of the author, so
/// their own bulletins count as acknowledged.
pub fn list(
    bulletins: &[Bulletin],
    acks: &[Acknowledgement],
    officer: RecordId,
    now: Timestamp,
    filter: &Filter,
) -> Vec<Listed> {
    let mine: HashSet<(RecordId, u32)> =
        acks.iter().filter(|a| a.officer == officer).map(|a| (a.bulletin, a.version)).collect();
    let needle = filter.text.trim().to_lowercase();
    let mut rows: Vec<Listed> = bulletins
        .iter()
        .filter_map(|b| {
            let active = is_active(b, now);
            // A bulletin that asks nobody to acknowledge it counts as done for everyone.
            let acknowledged =
                !super::audience::asks_acknowledgement(b) || b.author == officer || mine.contains(&(b.id, b.version));
            let keep = active != filter.inactive
                && filter.category.is_none_or(|c| c == b.category)
                && filter.urgency.is_none_or(|u| u == b.urgency)
                && filter.station.is_none_or(|s| s == b.station)
                && (!filter.unacknowledged || !acknowledged)
                && (needle.is_empty()
                    || b.title.to_lowercase().contains(&needle)
                    || b.body.to_lowercase().contains(&needle)
                    || b.place.as_deref().is_some_and(|p| p.to_lowercase().contains(&needle)));
            keep.then(|| Listed { bulletin: b.clone(), acknowledged, active })
        })
        .collect();
    crate::sort::by(&mut rows, |a, b| {
        let pressing = |r: &Listed| r.bulletin.urgency == Urgency::Urgent && !r.acknowledged && r.active;
        pressing(b).cmp(&pressing(a)).then(b.bulletin.posted_at.cmp(&a.bulletin.posted_at))
    });
    rows
}
