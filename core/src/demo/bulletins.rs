//! Demo bulletins: the source's real events, plus generated ones to fill the lists.
//!
//! From the source (docs/domain.md "The problem it answers", "Information sharing"):
//! - the May Day travelling-fraud series that hit three townships in a few days: 柳林
//!   Liulin, 大庙 Damiao and 麻家渡 Majiadu, each posted in its own region, and the
//!   bureau's county-wide alert linking them;
//! - the motorcycle-theft ring spanning two provinces and four counties, broken by 宝丰
//!   Baofeng, 麻家渡 Majiadu, 溢水 Yishui and 擂鼓 Leigu: 15 arrested, 85 motorcycles
//!   recovered; the Majiadu region links its stations' reports into one series (串并) and
//!   the bureau announces the result county-wide.
//!
//! The dates of the source's events are not given; they are placed in May 2026.

use fastrand::Rng;
use jiff::{SignedDuration, Timestamp};

use crate::docs::{RegionBulletins, WriteError};
use crate::ids::RecordId;
use crate::model::{Acknowledgement, Bulletin, BulletinCategory, BulletinVersion, Scope, Series, Urgency};
use crate::org::Organisation;

/// A bulletin from the source: (region, station, category, urgency, scope, when, title, body, place).
type SourceBulletin = (
    &'static str,
    &'static str,
    BulletinCategory,
    Urgency,
    Scope,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const SOURCE: &[SourceBulletin] = &[
    (
        "guandu",
        "liulin",
        BulletinCategory::TravellingFraud,
        Urgency::Urgent,
        Scope::Region,
        "2026-05-01T10:20:00+08:00",
        "五一期间流窜诈骗预警：冒充医疗器械推销",
        "5月1日柳林乡集镇发生一起冒充医疗器械推销诈骗老年人案件，嫌疑人2名，驾驶外地牌照面包车，作案后迅速离开。请各所提醒辖区群众，发现可疑人员立即报警。",
        "柳林乡集镇",
    ),
    (
        "desheng",
        "damiao",
        BulletinCategory::TravellingFraud,
        Urgency::Urgent,
        Scope::Region,
        "2026-05-02T15:05:00+08:00",
        "大庙乡发生同类流窜诈骗案件",
        "5月2日大庙乡发生冒充推销诈骗案件，作案手法与柳林乡案件相同，嫌疑车辆为外地牌照白色面包车。",
        "大庙乡",
    ),
    (
        "majiadu",
        "majiadu",
        BulletinCategory::TravellingFraud,
        Urgency::Urgent,
        Scope::Region,
        "2026-05-03T09:40:00+08:00",
        "麻家渡镇发生第三起流窜诈骗，请沿线各所设卡",
        "5月3日麻家渡镇发生第三起同类案件，三个乡镇数日内相继被骗。请各所在主要路口设卡查缉外地牌照白色面包车。",
        "麻家渡镇",
    ),
    (
        "majiadu",
        "baofeng",
        BulletinCategory::StolenProperty,
        Urgency::Important,
        Scope::Region,
        "2026-05-08T08:30:00+08:00",
        "宝丰乡连续发生摩托车被盗",
        "宝丰乡一周内被盗摩托车4辆，均为夜间停放在院外的车辆。",
        "宝丰乡",
    ),
    (
        "majiadu",
        "yishui",
        BulletinCategory::StolenProperty,
        Urgency::Important,
        Scope::Region,
        "2026-05-09T11:00:00+08:00",
        "溢水乡摩托车被盗案件",
        "溢水乡本周被盗摩托车3辆，作案时间集中在凌晨。",
        "溢水乡",
    ),
    (
        "majiadu",
        "majiadu",
        BulletinCategory::CaseClue,
        Urgency::Important,
        Scope::Region,
        "2026-05-10T16:45:00+08:00",
        "摩托车盗窃线索：外省收赃窝点",
        "经研判，宝丰、溢水、麻家渡被盗摩托车疑流向邻省同一收赃窝点，请各所提供近期被盗车辆信息。",
        "麻家渡镇",
    ),
    (
        "desheng",
        "leigu",
        BulletinCategory::CaseClue,
        Urgency::Important,
        Scope::Region,
        "2026-05-12T10:10:00+08:00",
        "擂鼓镇发现摩托车盗窃团伙踩点人员",
        "擂鼓镇群众反映有陌生人夜间查看停放摩托车，特征与麻家渡区域通报的盗窃团伙相符。",
        "擂鼓镇",
    ),
];

/// County-wide bulletins of the bureau: (lead station, category, urgency, when, title, body, place).
const COUNTY: &[(&str, BulletinCategory, Urgency, &str, &str, &str, &str)] = &[
    (
        "majiadu",
        BulletinCategory::TravellingFraud,
        Urgency::Urgent,
        "2026-05-03T12:00:00+08:00",
        "五一流窜诈骗系列：柳林、大庙、麻家渡三乡镇数日内相继发案",
        "同一伙嫌疑人驾驶外地牌照白色面包车，冒充医疗器械推销诈骗老年人，已在柳林、大庙、麻家渡作案。全县各所提醒群众，发现线索立即报告。",
        "柳林乡、大庙乡、麻家渡镇",
    ),
    (
        "majiadu",
        BulletinCategory::CaseClue,
        Urgency::Routine,
        "2026-05-20T18:00:00+08:00",
        "跨省摩托车盗窃团伙告破：抓获15人，追回摩托车85辆",
        "宝丰、麻家渡、溢水、擂鼓四所联动，打掉一个横跨两省四县的摩托车盗窃团伙，抓获犯罪嫌疑人15名，追回被盗摩托车85辆。",
        "麻家渡镇",
    ),
];

const SERIES_NAME: &str = "跨省摩托车盗窃团伙";

const GENERATED_TITLES: &[(BulletinCategory, &str, &str)] = &[
    (BulletinCategory::SafetyNotice, "冬季用火用电安全提示", "近期气温下降，请提醒辖区群众注意取暖用火用电安全。"),
    (BulletinCategory::StolenProperty, "耕牛被盗", "辖区村民一头黄牛夜间被盗，请各所留意牲畜交易市场。"),
    (BulletinCategory::WantedPerson, "协查在逃人员", "请协查一名在逃人员，男，约35岁，身高约1.70米，口音为外地。"),
    (BulletinCategory::CaseClue, "电信诈骗新手法提示", "近期出现冒充快递理赔的电信诈骗，请加强宣传。"),
    (BulletinCategory::MeetingNotice, "区域联动例会通知", "本周五上午9时在中心所召开区域联动例会，请各所所长参加。"),
    (BulletinCategory::TravellingFraud, "警惕上门回收黄金诈骗", "有人以高价回收黄金为名上门诈骗，请提醒群众。"),
    (BulletinCategory::SafetyNotice, "省道S106事故多发路段提示", "S106线部分路段弯急坡陡，请加强巡逻和警示。"),
];

/// Writes the source's bulletins of `region` (and `generated` more, spread over the 30 days
/// before `now`) into `doc`, with a few acknowledgements. Officers and stations come from
/// `org`; the generated part is deterministic for a given `seed` and `now`.
pub fn write(
    doc: &RegionBulletins,
    org: &Organisation,
    region: &str,
    generated: usize,
    seed: u64,
    now: Timestamp,
) -> Result<usize, WriteError> {
    let station = |code: &str| org.stations.iter().find(|s| s.code == code);
    let author_of = |station: RecordId| {
        org.officers
            .iter()
            .find(|o| o.station == Some(station) && o.role == crate::model::Role::Liaison)
            .or_else(|| org.officers.iter().find(|o| o.station == Some(station)))
            .map(|o| o.id)
    };
    let Some(region_rec) = org.regions.iter().find(|r| r.code == region) else { return Ok(0) };
    let region_stations: Vec<RecordId> = region_rec.stations().collect();
    let readers: Vec<RecordId> =
        org.officers.iter().filter(|o| o.station.is_some_and(|s| region_stations.contains(&s))).map(|o| o.id).collect();
    let mut rng =
        Rng::with_seed(seed ^ region.bytes().fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b))));
    let mut count = 0;
    doc.write(|w| {
        let mut series = Vec::new();
        let mut post = |w: &mut crate::docs::Writer<'_, _>, b: Bulletin, rng: &mut Rng| -> Result<(), WriteError> {
            w.put(&BulletinVersion {
                id: RecordId::new(),
                bulletin: b.id,
                number: 1,
                author: b.author,
                at: b.posted_at,
                title: b.title.clone(),
                body: b.body.clone(),
                urgency: b.urgency,
                expires_at: b.expires_at,
                category: b.category,
                place: b.place.clone(),
            })?;
            for reader in readers.iter().filter(|r| **r != b.author) {
                if rng.u8(..3) != 0 {
                    continue;
                }
                w.put(&Acknowledgement {
                    id: RecordId::new(),
                    bulletin: b.id,
                    version: 1,
                    officer: *reader,
                    at: b.posted_at + SignedDuration::from_mins(rng.i64(5..600)),
                })?;
            }
            w.put(&b)?;
            count += 1;
            Ok(())
        };
        for &(r, code, category, urgency, scope, when, title, body, place) in SOURCE {
            let (Some(s), Ok(posted_at)) = (station(code), when.parse::<Timestamp>()) else { continue };
            if r != region {
                continue;
            }
            let Some(author) = author_of(s.id) else { continue };
            let b = Bulletin {
                id: RecordId::new(),
                station: s.id,
                author,
                category,
                urgency,
                scope,
                title: title.into(),
                body: body.into(),
                place: Some(place.into()),
                photos: 0,
                posted_at,
                expires_at: Some(posted_at + SignedDuration::from_hours(24 * 14)),
                version: 1,
                cancelled: None,
                cancelled_at: None,
                forwarded_at: (s.id != region_rec.center).then_some(posted_at + SignedDuration::from_mins(30)),
                generated: false,
            };
            if matches!(category, BulletinCategory::StolenProperty | BulletinCategory::CaseClue)
                && title.contains("摩托车")
            {
                series.push(b.id);
            }
            post(w, b, &mut rng)?;
        }
        if series.len() > 1
            && let Some(author) = author_of(region_rec.center)
        {
            w.put(&Series { id: RecordId::new(), name: SERIES_NAME.into(), bulletins: series, author, at: now })?;
        }
        for i in 0..generated {
            let s = region_stations[rng.usize(..region_stations.len())];
            let Some(author) = author_of(s) else { continue };
            let (category, title, body) = GENERATED_TITLES[rng.usize(..GENERATED_TITLES.len())];
            let posted_at = now - SignedDuration::from_mins(rng.i64(10..60 * 24 * 30));
            let urgency = [Urgency::Urgent, Urgency::Important, Urgency::Routine, Urgency::Routine][rng.usize(..4)];
            let name = org.stations.iter().find(|x| x.id == s).map_or("", |x| x.name.as_str());
            post(
                w,
                Bulletin {
                    id: RecordId::new(),
                    station: s,
                    author,
                    category,
                    urgency,
                    scope: if rng.u8(..5) == 0 { Scope::Station } else { Scope::Region },
                    title: format!("{title}（{}）", name.trim_end_matches("派出所")),
                    body: format!("{body}（演示数据 #{}）", i + 1),
                    place: None,
                    photos: 0,
                    posted_at,
                    expires_at: Some(posted_at + SignedDuration::from_hours(24 * rng.i64(7..45))),
                    version: 1,
                    cancelled: None,
                    cancelled_at: None,
                    forwarded_at: None,
                    generated: true,
                },
                &mut rng,
            )?;
        }
        Ok(())
    })?;
    Ok(count)
}

/// Writes the bureau's county-wide bulletins into `doc` (`county/{county}/bulletins`).
pub fn write_county(doc: &RegionBulletins, org: &Organisation) -> Result<usize, WriteError> {
    let Some(admin) = org.officers.iter().find(|o| o.role == crate::model::Role::BureauAdmin) else { return Ok(0) };
    let mut count = 0;
    doc.write(|w| {
        for &(code, category, urgency, when, title, body, place) in COUNTY {
            let (Some(station), Ok(posted_at)) =
                (org.stations.iter().find(|s| s.code == code), when.parse::<Timestamp>())
            else {
                continue;
            };
            let id = RecordId::new();
            w.put(&BulletinVersion {
                id: RecordId::new(),
                bulletin: id,
                number: 1,
                author: admin.id,
                at: posted_at,
                title: title.into(),
                body: body.into(),
                urgency,
                expires_at: Some(posted_at + SignedDuration::from_hours(24 * 14)),
                category,
                place: Some(place.into()),
            })?;
            w.put(&Bulletin {
                id,
                station: station.id,
                author: admin.id,
                category,
                urgency,
                scope: Scope::County,
                title: title.into(),
                body: body.into(),
                place: Some(place.into()),
                photos: 0,
                posted_at,
                expires_at: Some(posted_at + SignedDuration::from_hours(24 * 14)),
                version: 1,
                cancelled: None,
                cancelled_at: None,
                forwarded_at: None,
                generated: false,
            })?;
            count += 1;
        }
        Ok(())
    })?;
    Ok(count)
}
