//! The region's daily cooperation in words (locale keys `ref_co_*`): why core refused a
//! meeting, joint patrol or training write, with the field or the officer it is about.

use liandong_core::RecordId;
use liandong_core::cooperation::edit::{CooperationField, CooperationRefusal};

use crate::components::fmt::fill;
use crate::i18n::*;

/// The field a text refusal names.
fn field(locale: Locale, field: CooperationField) -> String {
    let line = |key: &str, n: usize| fill(key, &[("line", (n + 1).to_string())]);
    match field {
        CooperationField::MeetingPlace | CooperationField::TrainingPlace => {
            td_string!(locale, co_field_place).to_owned()
        }
        CooperationField::Agenda => td_string!(locale, co_field_agenda).to_owned(),
        CooperationField::Minutes => td_string!(locale, co_field_minutes).to_owned(),
        CooperationField::Decision(n) => line(td_string!(locale, ref_co_decision_line), n),
        CooperationField::PatrolArea => td_string!(locale, co_field_area).to_owned(),
        CooperationField::Findings => td_string!(locale, co_field_findings).to_owned(),
        CooperationField::TrainingTopic => td_string!(locale, co_field_topic).to_owned(),
        CooperationField::Trainer => td_string!(locale, co_field_trainer).to_owned(),
    }
}

/// Why core refused the write; `name` names an officer.
pub fn refusal(locale: Locale, refusal: &CooperationRefusal, name: impl Fn(RecordId) -> String) -> String {
    let line = |key: &str, n: usize| fill(key, &[("line", (n + 1).to_string())]);
    match refusal {
        CooperationRefusal::Text { field: f, max } => {
            fill(td_string!(locale, ref_co_text), &[("field", field(locale, *f)), ("max", max.to_string())])
        }
        CooperationRefusal::Span { max_hours } => {
            fill(td_string!(locale, ref_co_span), &[("max", max_hours.to_string())])
        }
        CooperationRefusal::Past => td_string!(locale, ref_co_past).to_owned(),
        CooperationRefusal::NoStations => td_string!(locale, ref_co_no_stations).to_owned(),
        CooperationRefusal::NoOfficers => td_string!(locale, ref_co_no_officers).to_owned(),
        CooperationRefusal::OneStation => td_string!(locale, ref_co_one_station).to_owned(),
        CooperationRefusal::LeaderNotOnPatrol => td_string!(locale, ref_co_leader).to_owned(),
        CooperationRefusal::UnknownSkill => td_string!(locale, ref_co_skill).to_owned(),
        CooperationRefusal::Conflict { officer, leave } => fill(
            if *leave { td_string!(locale, ref_co_on_leave) } else { td_string!(locale, ref_co_on_duty) },
            &[("name", name(*officer))],
        ),
        CooperationRefusal::NotYetHeld => td_string!(locale, ref_co_not_yet).to_owned(),
        CooperationRefusal::OwnerNotExpected { line: n } => line(td_string!(locale, ref_co_owner), *n),
        CooperationRefusal::DueBeforeMeeting { line: n } => line(td_string!(locale, ref_co_due), *n),
        CooperationRefusal::NotAttendee => td_string!(locale, ref_co_not_attendee).to_owned(),
        CooperationRefusal::ExpiryBeforeTraining => td_string!(locale, ref_co_expiry).to_owned(),
        CooperationRefusal::LeadWithoutFindings => td_string!(locale, ref_co_lead).to_owned(),
        CooperationRefusal::Missing => td_string!(locale, refusal_missing).to_owned(),
    }
}
