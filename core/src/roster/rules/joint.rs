//! A joint patrol or training over an officer's own shift or leave
//! ([`RosterRule::JointOnDuty`], default WARN; [`RosterRule::JointOnLeave`], default BLOCK;
//! `crate::roster::config::JointRule`). The joint shifts come from the region's command
//! document ([`crate::cooperation::shifts`], [`super::Context::joint`]); each overlap of one
//! with a shift of the same officer at the station is one violation, over the overlap.

use super::{Context, Finding, RosterViolation};
use crate::model::{RosterRule, Shift, ShiftKind};

/// Whether `a` and `b` share a minute.
pub(crate) fn overlap(a: &Shift, b: &Shift) -> bool {
    a.start < b.end && b.start < a.end
}

/// Every overlap of a joint shift with the officer's own shifts among `own`.
pub(crate) fn check(ctx: &Context, own: &[&Shift]) -> Vec<RosterViolation> {
    let mut out = Vec::new();
    for joint in ctx.joint.iter().filter(|j| j.station == ctx.station) {
        for shift in own.iter().filter(|s| s.officer == joint.officer && overlap(s, joint)) {
            let leave = shift.kind == ShiftKind::Leave;
            out.push(RosterViolation::new(
                ctx.config,
                if leave { RosterRule::JointOnLeave } else { RosterRule::JointOnDuty },
                vec![ctx.officer(joint.officer)],
                (joint.start.max(shift.start), joint.end.min(shift.end)),
                vec![shift.id, joint.id],
                Finding::Joint { kind: joint.kind, own: shift.kind },
            ));
        }
    }
    out
}
