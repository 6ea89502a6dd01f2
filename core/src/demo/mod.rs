//! The demo county (docs/domain.md "The county of the demo"), for the run command, the tests
//! and trying the app.
//!
//! From the source (docs/domain.md "The problem it answers"): the county (about 4,800 km²,
//! about 460,000 residents), its four linkage regions and their sixteen stations with their
//! real names, the town station
//! of about 20 officers (城关 Chengguan, the county seat), one township station of about 10
//! officers for more than 60,000 residents (宝丰 Baofeng), the others 5 to 7 officers, and
//! 翠月湖 Cuiyuehu station (about 15,000 people, about 20 km², 12 km from the city, on
//! provincial road S106), which the source does not place in a region. Everything the
//! source does not give (other stations' figures, villages, districts, offices, officers,
//! skills) is generated deterministically from [`SEED`] and marked `generated`; some of it
//! deliberately breaks the rules so the coverage report has findings to show (see
//! [`generate`]). The county's name is not in the source either.
//!
//! Demo bulletins from the source's events are in [`bulletins`]; a demo roster in [`roster`];
//! the regions' command (pool, plans, the source's incidents) in [`command`]; their daily
//! cooperation (meetings, joint patrols, joint training) in [`cooperation`].

pub mod bulletins;
pub mod command;
pub mod community;
pub mod cooperation;
pub mod generate;
mod names;
pub mod roster;

use crate::county_file::CountyFile;
use crate::model::StationKind;

/// The seed of every generated figure and name.
pub const SEED: u64 = 20_260_501;

/// One station of the source: code, Chinese name, kind, and the figures the source gives.
#[derive(Debug, Clone, Copy)]
pub struct SourceStation {
    /// Code for document ids.
    pub code: &'static str,
    /// Name as in the source.
    pub name: &'static str,
    /// Town (region centers, the county seat) or township.
    pub kind: StationKind,
    /// Officers, where the source gives a figure.
    pub officers: Option<u32>,
    /// Residents, where the source gives a figure.
    pub population: Option<u32>,
    /// Area in km², where the source gives a figure.
    pub area_km2: Option<f64>,
    /// What the source says of it.
    pub note: Option<&'static str>,
}

const fn station(code: &'static str, name: &'static str, kind: StationKind) -> SourceStation {
    SourceStation { code, name, kind, officers: None, population: None, area_km2: None, note: None }
}

/// The four linkage regions of the source: (region code, region name, center, members).
pub const REGIONS: [(&str, &str, SourceStation, &[SourceStation]); 4] = [
    (
        "desheng",
        "得胜联动区域",
        station("desheng", "得胜派出所", StationKind::Town),
        &[
            station("qingu", "秦古派出所", StationKind::Township),
            station("zhuping", "竹坪派出所", StationKind::Township),
            station("damiao", "大庙派出所", StationKind::Township),
            station("leigu", "擂鼓派出所", StationKind::Township),
        ],
    ),
    (
        "majiadu",
        "麻家渡联动区域",
        station("majiadu", "麻家渡派出所", StationKind::Town),
        &[
            SourceStation {
                officers: Some(10),
                population: Some(62_000),
                note: Some("源材料：乡派出所约10名民警，辖区6万余人"),
                ..station("baofeng", "宝丰派出所", StationKind::Township)
            },
            station("yishui", "溢水派出所", StationKind::Township),
        ],
    ),
    (
        "chengguan",
        "城关联动区域",
        SourceStation {
            officers: Some(20),
            note: Some("源材料：镇派出所约20名民警（县城所在地）"),
            ..station("chengguan", "城关派出所", StationKind::Town)
        },
        &[
            station("shuangtai", "双台派出所", StationKind::Township),
            station("loutai", "楼台派出所", StationKind::Township),
            station("wenfeng", "文峰派出所", StationKind::Township),
        ],
    ),
    (
        "guandu",
        "官渡联动区域",
        station("guandu", "官渡派出所", StationKind::Town),
        &[
            station("tianjia", "田家派出所", StationKind::Township),
            station("shenhe", "深河派出所", StationKind::Township),
            station("liulin", "柳林派出所", StationKind::Township),
        ],
    ),
];

/// 翠月湖 Cuiyuehu: the source's example of a station's territory; in no region.
pub const CUIYUEHU: SourceStation = SourceStation {
    code: "cuiyuehu",
    name: "翠月湖派出所",
    kind: StationKind::Township,
    officers: None,
    population: Some(15_000),
    area_km2: Some(20.0),
    note: Some("源材料：辖区约20平方公里、约1.5万人，距城区12公里，省道S106及两条县道穿境而过"),
};

/// County figures of the source.
pub const COUNTY_AREA_KM2: f64 = 4800.0;
/// County figures of the source.
pub const COUNTY_POPULATION: u32 = 460_000;

/// The demo county as a county file.
pub fn county() -> CountyFile {
    generate::county(SEED)
}
