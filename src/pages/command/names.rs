//! Names of the records command screens show: officers (`张三（001）`), stations (`大庙`
//! without `派出所` where space is short), items (`警用巡逻车 得·0011警`), requests and plan
//! lines, for [`crate::words::command::finding`] and the lists.

use liandong_core::RecordId;
use liandong_core::command::CommandState;
use liandong_core::model::{Need, Resource};
use liandong_core::org::Organisation;

use crate::i18n::Locale;
use crate::words;

/// Names over one organisation and one region's command records, in one language.
pub struct Namer<'a> {
    /// The organisation.
    pub org: &'a Organisation,
    /// The command records.
    pub state: &'a CommandState,
    /// The language.
    pub locale: Locale,
}

impl Namer<'_> {
    /// A station's name (its id when unknown).
    pub fn station(&self, id: RecordId) -> String {
        self.org.stations.iter().find(|s| s.id == id).map_or_else(|| id.to_string(), |s| s.name.clone())
    }

    /// A skill's name in the language (its code when unknown).
    pub fn skill(&self, code: &str) -> String {
        self.org.skills.iter().find(|s| s.code == code).map_or_else(
            || code.to_owned(),
            |s| if self.locale == Locale::en && !s.name_en.is_empty() { s.name_en.clone() } else { s.name.clone() },
        )
    }

    /// A need without count.
    pub fn need(&self, need: &Need) -> String {
        words::command::need(self.locale, need, |k| self.skill(k))
    }
}

impl words::command::Names for Namer<'_> {
    fn resource(&self, resource: Resource) -> String {
        match resource {
            Resource::Officer(id) => self.officer(id),
            Resource::Equipment(id) => self.state.item(id).map_or_else(
                || id.to_string(),
                |e| format!("{} {}", words::command::equipment_kind(self.locale, e.kind), e.identifier),
            ),
        }
    }

    fn officer(&self, id: RecordId) -> String {
        self.org.officers.iter().find(|o| o.id == id).map_or_else(
            || id.to_string(),
            |o| {
                crate::components::fmt::fill(
                    crate::i18n::td_string!(self.locale, officer_with_badge),
                    &[("name", o.name.clone()), ("badge", o.badge_number.clone())],
                )
            },
        )
    }

    fn request(&self, id: RecordId) -> String {
        self.state.request(id).map_or_else(|| id.to_string(), |r| format!("{} {}", self.station(r.station), r.place))
    }

    fn plan(&self, id: RecordId) -> String {
        self.state.plans.iter().find(|p| p.id == id).map_or_else(|| id.to_string(), |p| p.title.clone())
    }

    fn line(&self, owner: RecordId, line: u32) -> String {
        let need =
            self.state.request(owner).and_then(|r| r.items.get(line as usize).map(|i| i.need.clone())).or_else(|| {
                self.state
                    .plans
                    .iter()
                    .find(|p| p.id == owner)
                    .and_then(|p| p.items.get(line as usize).map(|i| i.item.need.clone()))
            });
        need.map_or_else(|| (line + 1).to_string(), |n| self.need(&n))
    }
}
