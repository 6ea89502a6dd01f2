//! The coverage report as text for the command line, in Chinese or English: core builds
//! the report ([`CoverageReport`]) with numbers and records only; the app words it from its
//! locale files, this command in the words below (the same sentences as the app's `rule_*`
//! keys).

use std::fmt::Write as _;

use liandong_core::rules::report::{StationCoverage, percent};
use liandong_core::rules::{CoverageReport, RecordRef, Violation};

/// Language of the printed report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Chinese (the users' language).
    #[default]
    Zh,
    /// English.
    En,
}

/// One line describing the violation in `lang`.
pub fn violation(v: &Violation, lang: Lang) -> String {
    let names = |refs: &[RecordRef]| refs.iter().map(|r| r.label.as_str()).collect::<Vec<_>>().join("、");
    match (v, lang) {
        (Violation::RegionSize { region, stations, min, max }, Lang::Zh) => {
            format!("{}：{stations} 个派出所，应为 {min}–{max} 个（含中心所）", region.label)
        }
        (Violation::RegionSize { region, stations, min, max }, Lang::En) => {
            format!("{}: {stations} stations, should be {min} to {max} (center included)", region.label)
        }
        (Violation::RegionManpower { region, manpower, mean, low, high }, Lang::Zh) => {
            format!("{}：警力 {manpower} 人，超出全县区域均值 {mean:.1} 人的允许范围 {low:.1}–{high:.1}", region.label)
        }
        (Violation::RegionManpower { region, manpower, mean, low, high }, Lang::En) => format!(
            "{}: manpower {manpower}, outside {low:.1}–{high:.1} around the county's regional mean {mean:.1}",
            region.label
        ),
        (Violation::StationWithoutRegion { station }, Lang::Zh) => format!("{}：未划入任何联动区域", station.label),
        (Violation::StationWithoutRegion { station }, Lang::En) => {
            format!("{}: in no linkage region", station.label)
        }
        (Violation::StationInSeveralRegions { station, regions }, Lang::Zh) => {
            format!("{}：同时划入多个联动区域（{}）", station.label, names(regions))
        }
        (Violation::StationInSeveralRegions { station, regions }, Lang::En) => {
            format!("{}: in several regions ({})", station.label, names(regions))
        }
        (Violation::DistrictSize { district, villages, population }, Lang::Zh) => {
            format!("{}：{villages} 个村、{population} 人，应为 2–3 个村或不超过 3000 人", district.label)
        }
        (Violation::DistrictSize { district, villages, population }, Lang::En) => format!(
            "{}: {villages} villages, {population} people; should be 2 to 3 villages or at most 3,000 people",
            district.label
        ),
        (Violation::DistrictWithoutOffice { district }, Lang::Zh) => format!("{}：没有警务室", district.label),
        (Violation::DistrictWithoutOffice { district }, Lang::En) => {
            format!("{}: no community police office", district.label)
        }
        (Violation::OfficeServesSeveralDistricts { office, districts }, Lang::Zh) => {
            format!("{}：同时服务多个警务区（{}）", office.label, names(districts))
        }
        (Violation::OfficeServesSeveralDistricts { office, districts }, Lang::En) => {
            format!("{}: serves several districts ({})", office.label, names(districts))
        }
        (Violation::OfficeWithoutResident { office }, Lang::Zh) => format!("{}：没有驻室民警", office.label),
        (Violation::OfficeWithoutResident { office }, Lang::En) => {
            format!("{}: no resident officer", office.label)
        }
        (Violation::OfficerInSeveralOffices { officer, offices }, Lang::Zh) => {
            format!("{}：同时驻多个警务室（{}）", officer.label, names(offices))
        }
        (Violation::OfficerInSeveralOffices { officer, offices }, Lang::En) => {
            format!("{}: resident in several offices ({})", officer.label, names(offices))
        }
        (Violation::OfficerFewSkills { officer, categories, min }, Lang::Zh) => {
            format!("{}：掌握 {categories} 类技能，少于 {min} 类", officer.label)
        }
        (Violation::OfficerFewSkills { officer, categories, min }, Lang::En) => {
            format!("{}: {categories} skill categories, fewer than {min}", officer.label)
        }
        (Violation::StationMissingSkill { station, skill }, Lang::Zh) => {
            format!("{}：无人具备必备技能「{skill}」", station.label)
        }
        (Violation::StationMissingSkill { station, skill }, Lang::En) => {
            format!("{}: nobody has the required skill \"{skill}\"", station.label)
        }
    }
}

/// The summary lines (county totals) in `lang`.
pub fn summary(report: &CoverageReport, lang: Lang) -> Vec<String> {
    let c = &report.counts;
    let stations = report.regions.iter().map(|r| r.stations.len()).sum::<usize>() + report.unassigned.len();
    let pct = |a, b| percent(a, b);
    match lang {
        Lang::Zh => vec![
            format!(
                "{}：{} 个联动区域，{} 个派出所，民警 {} 人（核查日 {}）",
                report.county,
                report.regions.len(),
                stations,
                c.officers,
                report.today
            ),
            format!(
                "一区一室：有警务室的警务区 {}/{}（{:.1}%）",
                c.districts_with_office,
                c.districts,
                pct(c.districts_with_office, c.districts)
            ),
            format!(
                "一室一警：有驻室民警的警务室 {}/{}（{:.1}%）",
                c.offices_with_resident,
                c.offices,
                pct(c.offices_with_resident, c.offices)
            ),
            format!(
                "一警多能：掌握多类技能的民警 {}/{}（{:.1}%）",
                c.multi_skilled,
                c.officers,
                pct(c.multi_skilled, c.officers)
            ),
            format!(
                "必备技能：{}/{}（{:.1}%）",
                c.required_skills_present,
                c.required_skills,
                pct(c.required_skills_present, c.required_skills)
            ),
            format!("问题：{} 项", report.violation_count),
        ],
        Lang::En => vec![
            format!(
                "{}: {} linkage regions, {} stations, {} officers (checked on {})",
                report.county,
                report.regions.len(),
                stations,
                c.officers,
                report.today
            ),
            format!(
                "One district, one office: districts with an office {}/{} ({:.1}%)",
                c.districts_with_office,
                c.districts,
                pct(c.districts_with_office, c.districts)
            ),
            format!(
                "One office, one officer: offices with a resident officer {}/{} ({:.1}%)",
                c.offices_with_resident,
                c.offices,
                pct(c.offices_with_resident, c.offices)
            ),
            format!(
                "One officer, many skills: multi-skilled officers {}/{} ({:.1}%)",
                c.multi_skilled,
                c.officers,
                pct(c.multi_skilled, c.officers)
            ),
            format!(
                "Required skills present: {}/{} ({:.1}%)",
                c.required_skills_present,
                c.required_skills,
                pct(c.required_skills_present, c.required_skills)
            ),
            format!("Violations: {}", report.violation_count),
        ],
    }
}

/// The whole report as text in `lang`: summary, then per region a table of stations
/// and the list of violations.
pub fn render(report: &CoverageReport, lang: Lang) -> String {
    let mut out = String::new();
    for line in summary(report, lang) {
        let _ = writeln!(out, "{line}");
    }
    let columns: [&str; 6] = match lang {
        Lang::Zh => ["派出所", "民警", "警务区(有室)", "警务室(有警)", "多能民警", "必备技能"],
        Lang::En => ["station", "off.", "districts", "offices", "multi", "required"],
    };
    let header = format!(
        "  {}{}  {}  {}  {}  {}",
        pad(columns[0], 16),
        pad_left(columns[1], 5),
        pad(columns[2], 13),
        pad(columns[3], 13),
        pad(columns[4], 7),
        columns[5]
    );
    let row = |out: &mut String, s: &StationCoverage| {
        let c = &s.counts;
        let _ = writeln!(
            out,
            "  {}{:>5}  {:>3}/{:<3}{:>5.0}%  {:>3}/{:<3}{:>5.0}%  {:>3}/{:<3}  {}/{}",
            pad(&s.station.label, 16),
            c.officers,
            c.districts_with_office,
            c.districts,
            percent(c.districts_with_office, c.districts),
            c.offices_with_resident,
            c.offices,
            percent(c.offices_with_resident, c.offices),
            c.multi_skilled,
            c.officers,
            c.required_skills_present,
            c.required_skills,
        );
    };
    let violations = |out: &mut String, list: &mut dyn Iterator<Item = &Violation>| {
        for v in list {
            let _ = writeln!(out, "    ! {}", violation(v, lang));
        }
    };
    for r in &report.regions {
        let _ = match lang {
            Lang::Zh => writeln!(out, "\n{}（警力 {} 人）", r.region.label, r.manpower),
            Lang::En => writeln!(out, "\n{} (manpower {})", r.region.label, r.manpower),
        };
        let _ = writeln!(out, "{header}");
        r.stations.iter().for_each(|s| row(&mut out, s));
        violations(&mut out, &mut r.violations.iter().chain(r.stations.iter().flat_map(|s| s.violations.iter())));
    }
    if !report.unassigned.is_empty() {
        let _ =
            writeln!(out, "\n{}", if lang == Lang::Zh { "未划入联动区域的派出所" } else { "Stations in no region" });
        let _ = writeln!(out, "{header}");
        report.unassigned.iter().for_each(|s| row(&mut out, s));
        violations(&mut out, &mut report.unassigned.iter().flat_map(|s| s.violations.iter()));
    }
    out
}

/// `text` padded with spaces to `width` terminal columns (CJK characters take two).
fn pad(text: &str, width: usize) -> String {
    let used = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(used)))
}

/// `text` right-aligned in `width` terminal columns.
fn pad_left(text: &str, width: usize) -> String {
    let used = unicode_width::UnicodeWidthStr::width(text);
    format!("{}{text}", " ".repeat(width.saturating_sub(used)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use liandong_core::RecordId;
    use liandong_core::rules::RecordKind;

    #[test]
    fn a_violation_reads_record_first_in_either_language() {
        let district =
            RecordRef { kind: RecordKind::District, id: RecordId::new(), label: "凤凰岭警务区".into() };
        let v = Violation::DistrictSize { district, villages: 4, population: 4001 };
        assert_eq!(violation(&v, Lang::Zh), "凤凰岭警务区：4 个村、4001 人，应为 2–3 个村或不超过 3000 人");
        assert_eq!(
            violation(&v, Lang::En),
            "凤凰岭警务区: 4 villages, 4001 people; should be 2 to 3 villages or at most 3,000 people"
        );
    }
}
