//! The district workbook in words (locale keys `wb_*`, `cat_*`, `risk_*`, `dispute_*`,
//! `rcat_*`, `src_*`, `ref_wb_*`): categories of key persons and sites, risk levels, kinds
//! of dispute, categories and sources of intelligence reports, where a visit or a
//! mediation case stands, and why core refused a workbook write ([`refusal`]).

use liandong_core::community::edit::{WorkbookField, WorkbookRefusal};
use liandong_core::community::{CaseStage, Deadline, DueState};
use liandong_core::model::{
    DisputeKind, KeyKind, PersonCategory, ReportCategory, ReportSource, RiskLevel, SiteCategory,
};

use crate::components::fmt::fill;
use crate::i18n::*;

/// A key person's or site's category.
pub fn kind(locale: Locale, kind: KeyKind) -> &'static str {
    match kind {
        KeyKind::Person(c) => match c {
            PersonCategory::MentalIllness => td_string!(locale, cat_person_mental_illness),
            PersonCategory::ReleasedPrisoner => td_string!(locale, cat_person_released),
            PersonCategory::DrugUser => td_string!(locale, cat_person_drug),
            PersonCategory::Petitioner => td_string!(locale, cat_person_petitioner),
            PersonCategory::Other => td_string!(locale, cat_person_other),
            PersonCategory::Unknown => td_string!(locale, cat_unknown),
        },
        KeyKind::Site(c) => match c {
            SiteCategory::TroubleVillage => td_string!(locale, cat_site_trouble_village),
            SiteCategory::KeyFacility => td_string!(locale, cat_site_facility),
            SiteCategory::AccidentRoad => td_string!(locale, cat_site_road),
            SiteCategory::School => td_string!(locale, cat_site_school),
            SiteCategory::Other => td_string!(locale, cat_site_other),
            SiteCategory::Unknown => td_string!(locale, cat_unknown),
        },
    }
}

/// Every category an officer may choose: persons first, then sites.
pub fn kinds() -> Vec<KeyKind> {
    PersonCategory::ALL
        .iter()
        .map(|c| KeyKind::Person(*c))
        .chain(SiteCategory::ALL.iter().map(|c| KeyKind::Site(*c)))
        .collect()
}

/// A risk level.
pub fn risk(locale: Locale, risk: RiskLevel) -> &'static str {
    match risk {
        RiskLevel::High => td_string!(locale, risk_high),
        RiskLevel::Medium => td_string!(locale, risk_medium),
        RiskLevel::Low => td_string!(locale, risk_low),
    }
}

/// A kind of dispute.
pub fn dispute(locale: Locale, kind: DisputeKind) -> &'static str {
    match kind {
        DisputeKind::Neighbours => td_string!(locale, dispute_neighbours),
        DisputeKind::Family => td_string!(locale, dispute_family),
        DisputeKind::Land => td_string!(locale, dispute_land),
        DisputeKind::Debt => td_string!(locale, dispute_debt),
        DisputeKind::Other => td_string!(locale, dispute_other),
        DisputeKind::Unknown => td_string!(locale, dispute_unknown),
    }
}

/// A category of community intelligence report.
pub fn report_category(locale: Locale, category: ReportCategory) -> &'static str {
    match category {
        ReportCategory::Hazard => td_string!(locale, rcat_hazard),
        ReportCategory::Dispute => td_string!(locale, rcat_dispute),
        ReportCategory::CrimeLead => td_string!(locale, rcat_crime_lead),
        ReportCategory::Request => td_string!(locale, rcat_request),
        ReportCategory::Other => td_string!(locale, rcat_other),
        ReportCategory::Unknown => td_string!(locale, cat_unknown),
    }
}

/// Where a report's information came from.
pub fn report_source(locale: Locale, source: ReportSource) -> &'static str {
    match source {
        ReportSource::Visit => td_string!(locale, src_visit),
        ReportSource::Patrol => td_string!(locale, src_patrol),
        ReportSource::Resident => td_string!(locale, src_resident),
        ReportSource::Informant => td_string!(locale, src_informant),
        ReportSource::Unknown => td_string!(locale, cat_unknown),
    }
}

/// Where a key record's next visit stands: `逾期 5 天`, `今天到期`, `3 天后到期`, or
/// `12-20 到期` (`due` as `MM-DD`).
pub fn due(locale: Locale, state: DueState, due: &str) -> String {
    match state {
        DueState::Overdue { days } => fill(td_string!(locale, wb_overdue_days), &[("days", days.to_string())]),
        DueState::Soon { in_days: 0 } => td_string!(locale, wb_due_today).to_owned(),
        DueState::Soon { in_days } => fill(td_string!(locale, wb_due_in), &[("days", in_days.to_string())]),
        DueState::Later => fill(td_string!(locale, wb_due_on), &[("date", due.to_owned())]),
    }
}

/// The step a case waits for.
pub fn stage(locale: Locale, stage: CaseStage) -> &'static str {
    match stage {
        CaseStage::Feedback => td_string!(locale, wb_stage_feedback),
        CaseStage::Resolution => td_string!(locale, wb_stage_resolution),
        CaseStage::ReturnVisit => td_string!(locale, wb_stage_return),
        CaseStage::Closed => td_string!(locale, wb_stage_closed),
    }
}

/// How a case's deadline stands: `已超期 6 小时`, `剩余 4 天 23 小时`; empty once closed.
/// Whole hours, rounded down (6 h 59 min overdue is "6 小时"; 47 h 58 min left is "47
/// 小时"), as days and hours from 48 hours on, so the figure only ever counts down.
pub fn deadline(locale: Locale, d: &Deadline) -> String {
    if d.due.is_none() {
        return String::new();
    }
    let hours = d.left_seconds.unsigned_abs() / 3600;
    let time = match (hours / 24, hours % 24) {
        _ if hours < 48 => fill(td_string!(locale, wb_hours), &[("n", hours.to_string())]),
        (days, 0) => fill(td_string!(locale, wb_days), &[("n", days.to_string())]),
        (days, h) => fill(td_string!(locale, wb_days_hours), &[("d", days.to_string()), ("h", h.to_string())]),
    };
    let key = if d.overdue() { td_string!(locale, wb_overdue_by) } else { td_string!(locale, wb_left) };
    fill(key, &[("time", time)])
}

/// Why core refused a workbook write.
pub fn refusal(locale: Locale, r: &WorkbookRefusal) -> String {
    let max = |key: &str, max: usize, line: Option<usize>| {
        fill(key, &[("max", max.to_string()), ("line", line.map_or(0, |l| l + 1).to_string())])
    };
    match r {
        WorkbookRefusal::Text { field, max: m } => match field {
            WorkbookField::SubjectName => max(td_string!(locale, ref_wb_subject_name), *m, None),
            WorkbookField::VisitFinding => max(td_string!(locale, ref_wb_visit_found), *m, None),
            WorkbookField::CaseSummary => max(td_string!(locale, ref_wb_case_summary), *m, None),
            WorkbookField::Party(l) => max(td_string!(locale, ref_wb_party), *m, Some(*l)),
            WorkbookField::Mediator(l) => max(td_string!(locale, ref_wb_mediator), *m, Some(*l)),
            WorkbookField::Agreement => max(td_string!(locale, ref_wb_agreement), *m, None),
            WorkbookField::ReportContent => max(td_string!(locale, ref_wb_report_content), *m, None),
            WorkbookField::PatrolArea => max(td_string!(locale, ref_wb_patrol_area), *m, None),
            WorkbookField::PatrolFinding => max(td_string!(locale, ref_wb_patrol_found), *m, None),
            WorkbookField::OutreachTopic => max(td_string!(locale, ref_wb_outreach_topic), *m, None),
            WorkbookField::ResponseWhat => max(td_string!(locale, ref_wb_response_what), *m, None),
            WorkbookField::ResponsePlace => max(td_string!(locale, ref_wb_response_place), *m, None),
        },
        WorkbookRefusal::CadenceZero => td_string!(locale, ref_wb_cadence_zero).to_owned(),
        WorkbookRefusal::FutureDay => td_string!(locale, ref_wb_future_day).to_owned(),
        WorkbookRefusal::FutureTime => td_string!(locale, ref_wb_future_time).to_owned(),
        WorkbookRefusal::NoParties => td_string!(locale, ref_wb_no_parties).to_owned(),
        WorkbookRefusal::BeforeOpened => td_string!(locale, ref_wb_before_opened).to_owned(),
        WorkbookRefusal::WrongStep => td_string!(locale, ref_wb_wrong_step).to_owned(),
        WorkbookRefusal::Missing => td_string!(locale, ref_wb_missing).to_owned(),
        WorkbookRefusal::PatrolMinutes { max: m } => max(td_string!(locale, ref_wb_minutes), *m as usize, None),
        WorkbookRefusal::NoOfficers => td_string!(locale, ref_wb_no_officers).to_owned(),
        WorkbookRefusal::Audience { max: m } => max(td_string!(locale, ref_wb_audience), *m as usize, None),
        WorkbookRefusal::LeadWithoutFindings => td_string!(locale, ref_wb_lead_no_findings).to_owned(),
        WorkbookRefusal::BeforeControl => td_string!(locale, ref_wb_before_control).to_owned(),
        WorkbookRefusal::NotRemovable => td_string!(locale, ref_wb_not_removable).to_owned(),
        WorkbookRefusal::PhotoTooLarge { kib, max_kib } => {
            fill(td_string!(locale, ref_wb_photo_large), &[("kib", kib.to_string()), ("max", max_kib.to_string())])
        }
    }
}
