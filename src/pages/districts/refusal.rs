//! Why core refused a districts edit, in the officer's language: core returns a
//! [`DistrictError`] with the records and figures involved; the words are the locale files'
//! `de_*` keys.

use leptos_i18n::I18nContext;
use liandong_core::districts::DistrictError;
use liandong_core::time::text::ymd;

use crate::components::fmt::fill;
use crate::i18n::*;

/// The sentence for `error`.
pub fn words(i18n: I18nContext<Locale>, error: &DistrictError) -> String {
    use DistrictError as E;
    let s = |v: &str| v.to_owned();
    match error {
        E::NameMissing => t_string!(i18n, de_name_missing).to_owned(),
        E::NameTaken(name) => fill(t_string!(i18n, de_name_taken), &[("name", s(name))]),
        E::PopulationNotANumber { village, text } => {
            fill(t_string!(i18n, de_population_not_a_number), &[("village", s(village)), ("text", s(text))])
        }
        E::PopulationTooLarge { village, text, max } => fill(
            t_string!(i18n, de_population_too_large),
            &[("village", s(village)), ("text", s(text)), ("max", max.to_string())],
        ),
        E::PopulationNegative { village, text } => {
            fill(t_string!(i18n, de_population_negative), &[("village", s(village)), ("text", s(text))])
        }
        E::VillageExists { village, population } => {
            fill(t_string!(i18n, de_village_exists), &[("village", s(village)), ("population", population.to_string())])
        }
        E::VillageTwice(village) => fill(t_string!(i18n, de_village_twice), &[("village", s(village))]),
        E::VillageInAnotherDistrict { village, district } => {
            fill(t_string!(i18n, de_village_in_another_district), &[("village", s(village)), ("district", s(district))])
        }
        E::PhoneInvalid(phone) => fill(t_string!(i18n, de_phone_invalid), &[("phone", s(phone))]),
        E::SkillExpired { skill, until } => {
            fill(t_string!(i18n, de_skill_expired), &[("skill", s(skill)), ("until", ymd(*until))])
        }
        E::ResidentElsewhere { officer, office } => {
            fill(t_string!(i18n, de_resident_elsewhere), &[("officer", s(officer)), ("office", s(office))])
        }
        E::OfficerOfAnotherStation(officer) => {
            fill(t_string!(i18n, de_officer_of_another_station), &[("officer", s(officer))])
        }
        E::DistrictHasOffice { district, office } => {
            fill(t_string!(i18n, de_district_has_office), &[("district", s(district)), ("office", s(office))])
        }
        E::SplitLeavesEmpty => t_string!(i18n, de_split_leaves_empty).to_owned(),
        E::MergeWithItself => t_string!(i18n, de_merge_with_itself).to_owned(),
        E::PhotoTooLarge(kib) => fill(t_string!(i18n, de_photo_too_large), &[("kib", kib.to_string())]),
        E::UnknownSkill(skill) => fill(t_string!(i18n, de_unknown_skill), &[("skill", s(skill))]),
        E::Gone => t_string!(i18n, de_gone).to_owned(),
    }
}
