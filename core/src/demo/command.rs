//! Demo regional command: for every region the pool (one vehicle per station, "一所一车",
//! and a small regional set kept at the center station), a contingency plan of each of the
//! four kinds, and the source's events as closed incidents with their requests and
//! commitments (docs/domain.md "Regional command"):
//! - "平安之夏": 宝丰, 麻家渡 and 溢水 of the 麻家渡 region and 擂鼓 of the 得胜 region patrolled
//!   and acted together and broke a motorcycle-theft ring (15 arrested, 85 motorcycles
//!   recovered). An operation across two regions: each region runs its part as its own
//!   incident under the operation's name, and the bureau, which reads every region's
//!   command document, sees them together.
//! - The May Day travelling frauds in 柳林, 大庙 and 麻家渡: one incident in each region hit.
//!
//! Plates, asset numbers, plan contents and the officers committed are generated (the
//! source gives none); dates of the source's events are placed in May and July 2026.

use jiff::Timestamp;

use crate::docs::{RegionCommand, WriteError};
use crate::ids::RecordId;
use crate::model::{
    Closure, Commitment, ContingencyPlan, Equipment, EquipmentKind, EquipmentStatus, Incident, IncidentKind,
    IncidentNote, Mark, Need, PlanItem, RequestItem, Resource, SupportRequest, Urgency,
};
use crate::org::Organisation;

/// The regional set kept at each center station: (kind, how many).
const REGIONAL_SET: [(EquipmentKind, usize); 10] = [
    (EquipmentKind::OffRoadVehicle, 1),
    (EquipmentKind::Boat, 1),
    (EquipmentKind::RiotGear, 6),
    (EquipmentKind::Radio, 8),
    (EquipmentKind::BodyCamera, 4),
    (EquipmentKind::Drone, 1),
    (EquipmentKind::Roadblock, 2),
    (EquipmentKind::Floodlight, 2),
    (EquipmentKind::LifeJacket, 10),
    (EquipmentKind::FirstAid, 4),
];

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap_or(Timestamp::UNIX_EPOCH)
}

fn officers(n: u32) -> RequestItem {
    RequestItem { need: Need::Officers { skill: None }, count: n }
}
fn skilled(skill: &str, n: u32) -> RequestItem {
    RequestItem { need: Need::Officers { skill: Some(skill.into()) }, count: n }
}
fn vehicles(n: u32) -> RequestItem {
    RequestItem { need: Need::Vehicle, count: n }
}
fn equipment(kind: EquipmentKind, n: u32) -> RequestItem {
    RequestItem { need: Need::Equipment { kind }, count: n }
}

/// The four plans of a region: (kind, title, lines, steps).
fn plans() -> [(IncidentKind, &'static str, Vec<RequestItem>, &'static [&'static str]); 4] {
    [
        (
            IncidentKind::MassIncident,
            "群体性事件处置预案",
            vec![officers(10), skilled("first_response", 4), vehicles(3), equipment(EquipmentKind::RiotGear, 6)],
            &["事发所所长到场先期处置，报告指挥长", "各所按预案抽调警力30分钟内集结", "设置警戒区，疏导群众，固定证据"],
        ),
        (
            IncidentKind::MajorDisaster,
            "重大灾害事故处置预案",
            vec![officers(8), vehicles(3), equipment(EquipmentKind::Boat, 1), equipment(EquipmentKind::LifeJacket, 10)],
            &["先期到场所所长报告灾情，指挥长启动预案", "封控现场，组织群众转移", "配合乡镇政府、消防救援开展救援"],
        ),
        (
            IncidentKind::HitAndRun,
            "重大交通肇事逃逸案件处置预案",
            vec![skilled("traffic", 2), officers(4), vehicles(3), equipment(EquipmentKind::Roadblock, 2)],
            &["事发所保护现场、救助伤员", "各所在辖区出口道路设卡堵截", "调取沿线视频，追查肇事车辆"],
        ),
        (
            IncidentKind::CriminalCrackdown,
            "打击刑事犯罪联动预案",
            vec![skilled("investigation", 3), officers(6), vehicles(2), equipment(EquipmentKind::BodyCamera, 4)],
            &["中心所组织研判，确定打击对象", "各所联巡联控，统一收网", "刑警大队跨区域协调"],
        ),
    ]
}

/// A closed incident of the source with one request and commitments: (region, requesting
/// station, lending stations, kind, operation, when, summary, place, result).
type SourceIncident = (
    &'static str,
    &'static str,
    &'static [&'static str],
    IncidentKind,
    Option<&'static str>,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const SOURCE: &[SourceIncident] = &[
    (
        "majiadu",
        "baofeng",
        &["majiadu", "yishui"],
        IncidentKind::CriminalCrackdown,
        Some("平安之夏"),
        "2026-07-10T20:00:00+08:00",
        "“平安之夏”专项行动：宝丰、麻家渡、溢水三所联巡联控联防联动，一次巡逻中发现摩托车盗窃团伙线索，在刑警大队统一协调下与得胜区域擂鼓所共同跟进。",
        "宝丰乡集镇",
        "摧毁跨两省四县的摩托车盗窃团伙，抓获犯罪嫌疑人15名，追回被盗摩托车85辆。",
    ),
    (
        "desheng",
        "leigu",
        &["desheng", "damiao"],
        IncidentKind::CriminalCrackdown,
        Some("平安之夏"),
        "2026-07-10T20:00:00+08:00",
        "“平安之夏”专项行动（得胜区域部分）：擂鼓所与麻家渡区域宝丰、麻家渡、溢水所共同跟进摩托车盗窃团伙线索，由刑警大队跨区域协调。",
        "擂鼓乡",
        "配合麻家渡区域摧毁摩托车盗窃团伙（共抓获15名，追回摩托车85辆）。",
    ),
    (
        "guandu",
        "liulin",
        &["guandu"],
        IncidentKind::CriminalCrackdown,
        Some("五一流窜诈骗"),
        "2026-05-01T10:20:00+08:00",
        "五一期间租车流窜作案的诈骗人员在柳林乡作案，随后大庙乡、麻家渡镇相继发案。",
        "柳林乡集镇",
        "区域内设卡查控，线索移交刑警大队并案侦查。",
    ),
    (
        "desheng",
        "damiao",
        &["desheng"],
        IncidentKind::CriminalCrackdown,
        Some("五一流窜诈骗"),
        "2026-05-02T15:05:00+08:00",
        "大庙乡发生与柳林乡手法相同的流窜诈骗案件，嫌疑车辆为外地牌照白色面包车。",
        "大庙乡",
        "区域内设卡查控，线索移交刑警大队并案侦查。",
    ),
    (
        "majiadu",
        "majiadu",
        &["baofeng"],
        IncidentKind::CriminalCrackdown,
        Some("五一流窜诈骗"),
        "2026-05-03T09:40:00+08:00",
        "麻家渡镇发生同类流窜诈骗案件，嫌疑人驾驶租用车辆。",
        "麻家渡镇",
        "区域内设卡查控，线索移交刑警大队并案侦查。",
    ),
];

/// Everything the demo writes into one region's command document.
#[derive(Debug, Clone, Default)]
pub struct DemoCommand {
    /// Incidents.
    pub incidents: Vec<Incident>,
    /// Timeline notes.
    pub notes: Vec<IncidentNote>,
    /// Requests.
    pub requests: Vec<SupportRequest>,
    /// Commitments.
    pub commitments: Vec<Commitment>,
    /// The pool.
    pub equipment: Vec<Equipment>,
    /// Plans.
    pub plans: Vec<ContingencyPlan>,
}

fn plus_hours(t: Timestamp, h: i64) -> Timestamp {
    t.checked_add(jiff::SignedDuration::from_hours(h)).unwrap_or(t)
}

/// The demo records of region `region_code` (empty for an unknown region).
pub fn records(org: &Organisation, region_code: &str) -> DemoCommand {
    let mut out = DemoCommand::default();
    let Some(region) = org.regions.iter().find(|r| r.code == region_code) else { return out };
    let station = |code: &str| org.stations.iter().find(|s| s.code == code);
    let head_of = |id: RecordId| {
        org.officers.iter().find(|o| o.station == Some(id) && o.role == crate::model::Role::StationHead).map(|o| o.id)
    };
    let commander = org
        .officers
        .iter()
        .find(|o| o.role == crate::model::Role::Commander && o.region == Some(region.id))
        .map(|o| o.id)
        .or_else(|| head_of(region.center))
        .unwrap_or_default();
    let seeded = ts("2026-05-01T00:00:00+08:00");
    for (n, sid) in region.stations().enumerate() {
        let Some(s) = org.stations.iter().find(|s| s.id == sid) else { continue };
        let first = s.name.chars().next().unwrap_or('警');
        out.equipment.push(Equipment {
            id: RecordId::new(),
            kind: EquipmentKind::PatrolCar,
            identifier: format!("{first}·{:03}1警", n + 1),
            station: sid,
            status: EquipmentStatus::Available,
            changed: Some(Mark { at: seeded, by: commander }),
            note: None,
        });
    }
    let center_name = station_name(org, region.center);
    let mut serial = 0;
    for (kind, count) in REGIONAL_SET {
        for _ in 0..count {
            serial += 1;
            out.equipment.push(Equipment {
                id: RecordId::new(),
                kind,
                identifier: format!("{center_name}-{serial:03}"),
                station: region.center,
                status: EquipmentStatus::Available,
                changed: Some(Mark { at: seeded, by: commander }),
                note: None,
            });
        }
    }
    // One radio in repair, so the pool shows the status.
    if let Some(radio) = out.equipment.iter_mut().find(|e| e.kind == EquipmentKind::Radio) {
        radio.status = EquipmentStatus::InRepair;
        radio.note = Some("电池鼓包，送修".into());
    }
    for (kind, title, items, steps) in plans() {
        let known = |i: &RequestItem| match &i.need {
            Need::Officers { skill: Some(k) } => org.skills.iter().any(|s| &s.code == k),
            _ => true,
        };
        out.plans.push(ContingencyPlan {
            id: RecordId::new(),
            region: region.id,
            kind,
            title: title.into(),
            items: items.into_iter().filter(known).map(|item| PlanItem { item, stations: vec![] }).collect(),
            steps: steps.iter().map(|s| (*s).into()).collect(),
            contacts: vec![format!("{} 指挥长", region.name)],
        });
    }
    for (code, requesting, lenders, kind, operation, at, summary, place, result) in SOURCE {
        if *code != region_code {
            continue;
        }
        let Some(home) = station(requesting) else { continue };
        let at = ts(at);
        let by = head_of(home.id).unwrap_or(commander);
        let incident = Incident {
            id: RecordId::new(),
            region: region.id,
            kind: *kind,
            station: Some(home.id),
            village: None,
            place: (*place).into(),
            at,
            urgency: Urgency::Urgent,
            summary: (*summary).into(),
            opened: Mark { at, by },
            operation: operation.map(Into::into),
            plan: None,
            closed: Some(Closure { mark: Mark { at: plus_hours(at, 72), by: commander }, result: (*result).into() }),
            edited: None,
        };
        let request = SupportRequest {
            id: RecordId::new(),
            station: home.id,
            incident: Some(incident.id),
            raised: Mark { at: plus_hours(at, 1), by },
            place: (*place).into(),
            needed_by: plus_hours(at, 3),
            until: plus_hours(at, 48),
            items: vec![officers(u32::try_from(lenders.len() * 2).unwrap_or(2)), vehicles(1)],
            detail: String::new(),
            plan: None,
            cancelled: None,
        };
        let mut commit = |resource, from_station, item| {
            let c = Commitment {
                id: RecordId::new(),
                request: request.id,
                item,
                resource,
                station: from_station,
                from: plus_hours(at, 2),
                until: request.until,
                leads: false,
                committed: Mark { at: plus_hours(at, 2), by: commander },
                dispatched: Some(Mark { at: plus_hours(at, 2), by: commander }),
                on_scene: Some(Mark { at: plus_hours(at, 3), by: commander }),
                released: Some(Mark { at: plus_hours(at, 40), by: commander }),
                returned: Some(Mark { at: plus_hours(at, 42), by: commander }),
                cancelled: None,
            };
            out.commitments.push(c);
        };
        for lender in *lenders {
            let Some(s) = station(lender) else { continue };
            for o in org.strength_of(s.id).filter(|o| o.role == crate::model::Role::Officer).take(2) {
                commit(Resource::Officer(o.id), s.id, 0);
            }
        }
        if let Some(car) = out.equipment.iter().find(|e| {
            e.kind.is_vehicle() && lenders.first().and_then(|l| station(l)).is_some_and(|s| s.id == e.station)
        }) {
            let (id, st) = (car.id, car.station);
            commit(Resource::Equipment(id), st, 1);
        }
        out.notes.push(IncidentNote {
            id: RecordId::new(),
            incident: incident.id,
            mark: Mark { at: plus_hours(at, 24), by: commander },
            text: "各所统一收网，嫌疑人已移交刑警大队。".into(),
        });
        out.requests.push(request);
        out.incidents.push(incident);
    }
    out
}

fn station_name(org: &Organisation, id: RecordId) -> String {
    org.stations.iter().find(|s| s.id == id).map_or_else(String::new, |s| s.name.trim_end_matches("派出所").to_owned())
}

/// Writes the demo records of `region_code` into `view` in one transaction; returns how many.
pub fn write(view: &RegionCommand, org: &Organisation, region_code: &str) -> Result<usize, WriteError> {
    let r = records(org, region_code);
    view.write(|w| {
        for x in &r.equipment {
            w.put(x)?;
        }
        for x in &r.plans {
            w.put(x)?;
        }
        for x in &r.incidents {
            w.put(x)?;
        }
        for x in &r.requests {
            w.put(x)?;
        }
        for x in &r.commitments {
            w.put(x)?;
        }
        for x in &r.notes {
            w.put(x)?;
        }
        Ok(r.equipment.len()
            + r.plans.len()
            + r.incidents.len()
            + r.requests.len()
            + r.commitments.len()
            + r.notes.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{CommandState, rules};
    use crate::demo;

    #[test]
    fn every_region_has_a_vehicle_per_station_four_plans_and_no_finding_now() {
        let file = demo::county();
        let docs = crate::county_file::import(&file).expect("demo imports");
        let org = Organisation::read(&docs.directory_view(), &docs.roster_views()).0;
        for region in &org.regions {
            let view = RegionCommand::new(yrs::Doc::new());
            assert!(write(&view, &org, &region.code).expect("write") > 0);
            let state = CommandState::read(&view, None);
            assert!(state.unreadable.is_empty());
            for s in region.stations() {
                assert!(state.equipment.iter().any(|e| e.station == s && e.kind.is_vehicle()), "一所一车");
            }
            let mut kinds: Vec<_> = state.plans.iter().map(|p| p.kind).collect();
            crate::sort::natural(&mut kinds);
            assert_eq!(kinds, IncidentKind::PLANNED.to_vec());
            let findings = rules::double_bookings(&state);
            assert!(findings.is_empty(), "{}: {findings:?}", region.name);
            assert!(state.incidents.iter().all(|i| i.closed.is_some()));
        }
    }

    #[test]
    fn the_summer_crackdown_spans_two_regions_under_one_operation() {
        let file = demo::county();
        let docs = crate::county_file::import(&file).expect("demo imports");
        let org = Organisation::read(&docs.directory_view(), &docs.roster_views()).0;
        let parts: Vec<_> = ["majiadu", "desheng"]
            .iter()
            .flat_map(|r| records(&org, r).incidents)
            .filter(|i| i.operation.as_deref() == Some("平安之夏"))
            .collect();
        assert_eq!(parts.len(), 2);
        assert!(parts[0].closed.as_ref().is_some_and(|c| c.result.contains("15") && c.result.contains("85")));
    }
}
