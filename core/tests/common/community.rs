//! Workbook records for tests: a key person or site, a visit, a mediation case.

use jiff::Timestamp;
use jiff::civil::Date;
use liandong_core::RecordId;
use liandong_core::model::{DisputeKind, KeyKind, KeySubject, Mark, MediationCase, RiskLevel, Visit};

/// A timestamp from RFC 3339 text.
pub fn at(s: &str) -> Timestamp {
    s.parse().expect("timestamp")
}

/// A key record of `kind` and `risk` under control since `since`, with no officer and
/// the default cadence.
pub fn subject(kind: KeyKind, risk: RiskLevel, since: Date) -> KeySubject {
    KeySubject {
        id: RecordId::new(),
        kind,
        name: "张某".into(),
        village: None,
        risk,
        officer: None,
        cadence_days: None,
        note: String::new(),
        since,
        added: Mark { at: Timestamp::UNIX_EPOCH, by: RecordId::new() },
        until: None,
    }
}

/// A visit to `subject` on `on`, logged by `by`.
pub fn visit(subject: RecordId, on: Date, by: RecordId) -> Visit {
    Visit {
        id: RecordId::new(), subject, on, found: "情况正常".into(), logged: Mark { at: Timestamp::UNIX_EPOCH, by }
    }
}

/// A neighbours' dispute of `parties`, taken on at `opened` by `by`, with no step yet.
pub fn case(parties: &[&str], opened: &str, by: RecordId) -> MediationCase {
    MediationCase {
        id: RecordId::new(),
        kind: DisputeKind::Neighbours,
        parties: parties.iter().map(|p| (*p).to_owned()).collect(),
        village: None,
        summary: "宅基地边界".into(),
        mediators: vec![],
        opened: Mark { at: at(opened), by },
        feedback: None,
        resolved: None,
        agreement: String::new(),
        return_visit: None,
    }
}
