//! Regional command in words (locale keys `cmd_*`, `eq_*`, `need_*`, `stage_*`, `step_*`,
//! `finding_*`): kinds of incident and equipment, a line's need (`具备刑事侦查的民警 3 名`),
//! the steps of a commitment, the command rules' findings, and why core refused a command
//! write ([`refusal`]). Names of officers, stations and items are passed in by the caller,
//! which knows the organisation.

use liandong_core::command::Stage;
use liandong_core::command::pool::ItemState;
use liandong_core::command::rules::CommandFinding;
use liandong_core::docs::{Refusal, StepName};
use liandong_core::model::{EquipmentKind, EquipmentStatus, IncidentKind, Need, RequestItem};

use crate::components::fmt::fill;
use crate::i18n::*;

/// A kind of incident.
pub fn incident_kind(locale: Locale, kind: IncidentKind) -> &'static str {
    match kind {
        IncidentKind::MassIncident => td_string!(locale, cmd_kind_mass_incident),
        IncidentKind::MajorDisaster => td_string!(locale, cmd_kind_major_disaster),
        IncidentKind::HitAndRun => td_string!(locale, cmd_kind_hit_and_run),
        IncidentKind::CriminalCrackdown => td_string!(locale, cmd_kind_criminal_crackdown),
        IncidentKind::Other => td_string!(locale, cmd_kind_other),
        IncidentKind::Unknown => td_string!(locale, cmd_kind_unknown),
    }
}

/// A kind of equipment or vehicle.
pub fn equipment_kind(locale: Locale, kind: EquipmentKind) -> &'static str {
    match kind {
        EquipmentKind::PatrolCar => td_string!(locale, eq_patrol_car),
        EquipmentKind::OffRoadVehicle => td_string!(locale, eq_off_road),
        EquipmentKind::Motorcycle => td_string!(locale, eq_motorcycle),
        EquipmentKind::Boat => td_string!(locale, eq_boat),
        EquipmentKind::RiotGear => td_string!(locale, eq_riot_gear),
        EquipmentKind::Radio => td_string!(locale, eq_radio),
        EquipmentKind::BodyCamera => td_string!(locale, eq_body_camera),
        EquipmentKind::Drone => td_string!(locale, eq_drone),
        EquipmentKind::Roadblock => td_string!(locale, eq_roadblock),
        EquipmentKind::Floodlight => td_string!(locale, eq_floodlight),
        EquipmentKind::Generator => td_string!(locale, eq_generator),
        EquipmentKind::LifeJacket => td_string!(locale, eq_life_jacket),
        EquipmentKind::FirstAid => td_string!(locale, eq_first_aid),
        EquipmentKind::Unknown => td_string!(locale, eq_unknown),
    }
}

/// The keeping station's status of an item.
pub fn status(locale: Locale, status: EquipmentStatus) -> &'static str {
    match status {
        EquipmentStatus::Available => td_string!(locale, eq_status_available),
        EquipmentStatus::InRepair => td_string!(locale, eq_status_in_repair),
        EquipmentStatus::OutOfService | EquipmentStatus::Unknown => td_string!(locale, eq_status_out_of_service),
    }
}

/// An item's state now (committed follows from its commitments).
pub fn item_state(locale: Locale, state: ItemState) -> &'static str {
    match state {
        ItemState::Available => td_string!(locale, eq_status_available),
        ItemState::Committed(_) => td_string!(locale, eq_status_committed),
        ItemState::InRepair => td_string!(locale, eq_status_in_repair),
        ItemState::OutOfService => td_string!(locale, eq_status_out_of_service),
    }
}

/// What a line needs, without the count: `民警`, `具备刑事侦查的民警`, `车辆`, `对讲机`.
pub fn need(locale: Locale, need: &Need, skill_name: impl Fn(&str) -> String) -> String {
    match need {
        Need::Officers { skill: None } => td_string!(locale, need_officers).to_owned(),
        Need::Officers { skill: Some(s) } => {
            fill(td_string!(locale, need_officers_skilled), &[("skill", skill_name(s))])
        }
        Need::Vehicle => td_string!(locale, need_vehicle).to_owned(),
        Need::Equipment { kind } => equipment_kind(locale, *kind).to_owned(),
    }
}

/// A line with its count: `具备刑事侦查的民警 × 3`.
pub fn line(locale: Locale, item: &RequestItem, skill_name: impl Fn(&str) -> String) -> String {
    fill(
        td_string!(locale, need_count),
        &[("need", need(locale, &item.need, skill_name)), ("count", item.count.to_string())],
    )
}

/// Where a commitment stands.
pub fn stage(locale: Locale, stage: Stage) -> &'static str {
    match stage {
        Stage::Committed => td_string!(locale, stage_committed),
        Stage::Dispatched => td_string!(locale, stage_dispatched),
        Stage::OnScene => td_string!(locale, stage_on_scene),
        Stage::Released => td_string!(locale, stage_released),
        Stage::Returned => td_string!(locale, stage_returned),
        Stage::Cancelled => td_string!(locale, stage_cancelled),
    }
}

/// The button that marks a step.
pub fn step_button(locale: Locale, stage: Stage) -> &'static str {
    match stage {
        Stage::Committed | Stage::Dispatched => td_string!(locale, step_dispatched),
        Stage::OnScene => td_string!(locale, step_on_scene),
        Stage::Released => td_string!(locale, step_released),
        Stage::Returned => td_string!(locale, step_returned),
        Stage::Cancelled => td_string!(locale, step_cancelled),
    }
}

fn step_name(locale: Locale, step: StepName) -> &'static str {
    match step {
        StepName::Committed => td_string!(locale, stage_committed),
        StepName::Dispatched => td_string!(locale, step_dispatched),
        StepName::OnScene => td_string!(locale, step_on_scene),
        StepName::Released => td_string!(locale, step_released),
        StepName::Returned => td_string!(locale, step_returned),
        StepName::Cancelled => td_string!(locale, step_cancelled),
    }
}

/// Why core refused a command write; `None` for refusals of other screens.
pub fn refusal(locale: Locale, refusal: &Refusal) -> Option<String> {
    let line = |key: &str, line: usize| fill(key, &[("line", (line + 1).to_string())]);
    Some(match refusal {
        Refusal::OtherRegion => td_string!(locale, refusal_other_region).to_owned(),
        Refusal::CountBelowOne { line: l } => line(td_string!(locale, refusal_count_below_one), *l),
        Refusal::NoLines => td_string!(locale, refusal_no_lines).to_owned(),
        Refusal::UnknownKind { line: l } => line(td_string!(locale, refusal_unknown_kind), *l),
        Refusal::EndBeforeStart => td_string!(locale, refusal_end_before_start).to_owned(),
        Refusal::StepOrder { step, after } => fill(
            td_string!(locale, refusal_step_order),
            &[("step", step_name(locale, *step).to_owned()), ("after", step_name(locale, *after).to_owned())],
        ),
        Refusal::Ended => td_string!(locale, refusal_ended).to_owned(),
        Refusal::ItemUnusable => td_string!(locale, refusal_item_unusable).to_owned(),
        Refusal::AlreadyCommitted { .. } => td_string!(locale, refusal_already_committed).to_owned(),
        Refusal::WrongResource { line: l } => line(td_string!(locale, refusal_wrong_resource), *l),
        Refusal::RequestClosed => td_string!(locale, refusal_request_closed).to_owned(),
        Refusal::IncidentClosed => td_string!(locale, refusal_incident_closed).to_owned(),
        Refusal::Missing => td_string!(locale, refusal_missing).to_owned(),
        _ => return None,
    })
}

/// Names the records a finding involves, for [`finding`].
pub trait Names {
    /// An officer's or item's label.
    fn resource(&self, resource: liandong_core::model::Resource) -> String;
    /// An officer's label.
    fn officer(&self, id: liandong_core::RecordId) -> String;
    /// A request's label (station and place).
    fn request(&self, id: liandong_core::RecordId) -> String;
    /// A plan's title.
    fn plan(&self, id: liandong_core::RecordId) -> String;
    /// A line of a request or plan, by index.
    fn line(&self, owner: liandong_core::RecordId, line: u32) -> String;
}

/// One command finding as a line.
pub fn finding(locale: Locale, f: &CommandFinding, names: &dyn Names) -> String {
    use super::roster::{range, time};
    match f {
        CommandFinding::DoubleBooked { resource, first, second, from, to } => fill(
            td_string!(locale, finding_double_booked),
            &[
                ("what", names.resource(*resource)),
                ("range", range(locale, *from, *to)),
                ("first_by", names.officer(first.1.by)),
                ("first_at", time(locale, first.1.at)),
                ("second_by", names.officer(second.1.by)),
                ("second_at", time(locale, second.1.at)),
            ],
        ),
        CommandFinding::OnLeave { officer, .. } => {
            fill(td_string!(locale, finding_on_leave), &[("officer", names.officer(*officer))])
        }
        CommandFinding::OffDuty { officer, .. } => {
            fill(td_string!(locale, finding_off_duty), &[("officer", names.officer(*officer))])
        }
        CommandFinding::ItemUnusable { item, status: s, .. } => fill(
            td_string!(locale, finding_item_unusable),
            &[
                ("item", names.resource(liandong_core::model::Resource::Equipment(*item))),
                ("status", status(locale, *s).to_owned()),
            ],
        ),
        CommandFinding::Overdue { request, needed_by, short } => {
            let lines = short
                .iter()
                .map(|l| {
                    fill(
                        td_string!(locale, finding_short_line),
                        &[("need", names.line(*request, l.item)), ("missing", l.short().to_string())],
                    )
                })
                .collect::<Vec<_>>()
                .join(td_string!(locale, list_separator));
            fill(
                td_string!(locale, finding_overdue),
                &[("request", names.request(*request)), ("time", time(locale, *needed_by)), ("short", lines)],
            )
        }
        CommandFinding::PlanShort { plan, lines } => {
            let lines = lines
                .iter()
                .map(|(line, wanted, have)| {
                    fill(
                        td_string!(locale, finding_plan_line),
                        &[
                            ("need", names.line(*plan, *line)),
                            ("missing", wanted.saturating_sub(*have).to_string()),
                            ("have", have.to_string()),
                        ],
                    )
                })
                .collect::<Vec<_>>()
                .join(td_string!(locale, list_separator));
            fill(td_string!(locale, finding_plan_short), &[("plan", names.plan(*plan)), ("short", lines)])
        }
    }
}
