//! The station head's edits of districts, villages, offices, residences and skills, each
//! planned against the organisation as it is ([`Organisation`]) and refused with its
//! reasons before anything is written. A planned [`Change`] is then written in one
//! transaction ([`Change::write`]), so nothing is ever half-saved, and it can be previewed
//! first ([`Change::applied_to`]) so the screen shows at once which rules an edit
//! satisfies or breaks.

use jiff::Timestamp;
use jiff::civil::Date;

use crate::docs::{StationRoster, WriteError};
use crate::ids::RecordId;
use crate::model::{Assignment, District, Office, Officer, OfficerPhoto, SkillGrant, Village};
use crate::org::Organisation;

/// Why an edit was refused, with the records and figures involved. The app words it in
/// the officer's language (`src/pages/districts/refusal.rs`); `Display` is English, for
/// logs and the command line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DistrictError {
    /// A name is required.
    #[error("a name is required")]
    NameMissing,
    /// Another district of the station has that name.
    #[error("the station already has a district named {0}")]
    NameTaken(String),
    /// The population is not a whole number.
    #[error("the population of {village} is not a whole number: {text}")]
    PopulationNotANumber {
        /// The village.
        village: String,
        /// What was typed.
        text: String,
    },
    /// The population is a whole number above [`MAX_VILLAGE_POPULATION`].
    #[error("the population of {village} is too large: {text} (at most {max})")]
    PopulationTooLarge {
        /// The village.
        village: String,
        /// What was typed.
        text: String,
        /// The limit, [`MAX_VILLAGE_POPULATION`].
        max: u32,
    },
    /// A village being added is already in this district (adding must never overwrite it).
    #[error("{village} is already in this district ({population} people); nothing was added")]
    VillageExists {
        /// The village.
        village: String,
        /// Its population as recorded.
        population: u32,
    },
    /// The same village name is typed twice in one edit.
    #[error("the village {0} is listed twice")]
    VillageTwice(String),
    /// The phone holds something other than digits and `+ - ( )`, or fewer than 3 digits.
    #[error("the phone {0} is not a phone number: digits and + - ( ) only, at least 3 digits")]
    PhoneInvalid(String),
    /// A skill granted with an expiry date already past.
    #[error("the skill {skill} expired on {until}: an expired skill cannot be granted")]
    SkillExpired {
        /// The skill's name.
        skill: String,
        /// The expiry typed.
        until: Date,
    },
    /// The officer is already the resident of another office (one office, one officer;
    /// one officer, one office: 一室一警).
    #[error("{officer} is already resident at {office}: change that office first")]
    ResidentElsewhere {
        /// The officer, `name（badge）`.
        officer: String,
        /// The office they are resident at.
        office: String,
    },
    /// The population is negative.
    #[error("the population of {village} cannot be negative: {text}")]
    PopulationNegative {
        /// The village.
        village: String,
        /// What was typed.
        text: String,
    },
    /// The village already belongs to another district (move it instead).
    #[error("{village} already belongs to {district}")]
    VillageInAnotherDistrict {
        /// The village.
        village: String,
        /// Its district.
        district: String,
    },
    /// The officer is not on this station's strength.
    #[error("{0} is not an officer of this station")]
    OfficerOfAnotherStation(String),
    /// The district already has an office.
    #[error("{district} already has the office {office}")]
    DistrictHasOffice {
        /// The district.
        district: String,
        /// Its office.
        office: String,
    },
    /// A merge of a district with itself, or a split that leaves one side without villages.
    #[error("both districts of a split need at least one village")]
    SplitLeavesEmpty,
    /// A district cannot be merged into itself.
    #[error("a district cannot be merged with itself")]
    MergeWithItself,
    /// The photo is larger than a bulletin's photo may be.
    #[error("the photo is too large ({0} KiB, at most 200)")]
    PhotoTooLarge(usize),
    /// The skill is not in the county's catalogue.
    #[error("{0} is not in the county's skills catalogue")]
    UnknownSkill(String),
    /// A record the edit names does not exist (deleted meanwhile on another device).
    #[error("the record no longer exists")]
    Gone,
}

/// One record to write.
#[derive(Debug, Clone, PartialEq)]
pub enum Put {
    /// A district.
    District(District),
    /// A village.
    Village(Village),
    /// An office.
    Office(Office),
    /// A residence.
    Assignment(Assignment),
    /// A skill grant.
    Grant(SkillGrant),
    /// An officer's photo.
    Photo(OfficerPhoto),
    /// A deleted district brought back as it was (its tombstone removed): the undo of a
    /// merge ([`unmerge_districts`]).
    Restored(District),
}

/// One record to delete (a tombstone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delete {
    /// A district.
    District(RecordId),
    /// A residence.
    Assignment(RecordId),
    /// A skill grant.
    Grant(RecordId),
}

/// A checked edit: records to write and to delete, in one transaction.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Change {
    /// Records written (new or changed).
    pub puts: Vec<Put>,
    /// Records deleted.
    pub deletes: Vec<Delete>,
}

impl Change {
    /// Writes the change into the station's roster document in one transaction.
    pub fn write(&self, view: &StationRoster, at: Timestamp) -> Result<(), WriteError> {
        view.write(|w| {
            for put in &self.puts {
                match put {
                    Put::District(r) => w.put(r)?,
                    Put::Village(r) => w.put(r)?,
                    Put::Office(r) => w.put(r)?,
                    Put::Assignment(r) => w.put(r)?,
                    Put::Grant(r) => w.put(r)?,
                    Put::Photo(r) => w.put(r)?,
                    Put::Restored(r) => {
                        w.undelete::<District>(r.id)?;
                        w.put(r)?;
                    }
                }
            }
            for delete in &self.deletes {
                match *delete {
                    Delete::District(id) => w.delete::<District>(id, at)?,
                    Delete::Assignment(id) => w.delete::<Assignment>(id, at)?,
                    Delete::Grant(id) => w.delete::<SkillGrant>(id, at)?,
                }
            }
            Ok(())
        })
    }

    /// The organisation as it would be after the change (for a preview of the rules).
    pub fn applied_to(&self, org: &Organisation) -> Organisation {
        fn upsert<T: Clone>(list: &mut Vec<T>, item: &T, id: impl Fn(&T) -> RecordId) {
            match list.iter_mut().find(|x| id(x) == id(item)) {
                Some(x) => *x = item.clone(),
                None => list.push(item.clone()),
            }
        }
        let mut out = org.clone();
        for put in &self.puts {
            match put {
                Put::District(r) | Put::Restored(r) => upsert(&mut out.districts, r, |x| x.id),
                Put::Village(r) => upsert(&mut out.villages, r, |x| x.id),
                Put::Office(r) => upsert(&mut out.offices, r, |x| x.id),
                Put::Assignment(r) => upsert(&mut out.assignments, r, |x| x.id),
                Put::Grant(r) => upsert(&mut out.skill_grants, r, |x| x.id),
                Put::Photo(_) => {}
            }
        }
        for delete in &self.deletes {
            match *delete {
                Delete::District(id) => out.districts.retain(|x| x.id != id),
                Delete::Assignment(id) => out.assignments.retain(|x| x.id != id),
                Delete::Grant(id) => out.skill_grants.retain(|x| x.id != id),
            }
        }
        out
    }
}

/// A village as typed in a form: its name and population as text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VillageInput {
    /// Name, e.g. `王家湾村`.
    pub name: String,
    /// Resident population, a whole number of people.
    pub population: String,
}

/// The most people one village may have, 1,000,000: more than twice the whole source
/// county (about 460,000 residents, docs/domain.md), so a larger figure is a typing error.
pub const MAX_VILLAGE_POPULATION: u32 = 1_000_000;

/// The population typed for `village`: a whole number from 0 to
/// [`MAX_VILLAGE_POPULATION`] people, spaces and thousands separators (`,`, `，`) allowed.
pub fn parse_population(village: &str, text: &str) -> Result<u32, DistrictError> {
    let cleaned: String = text.chars().filter(|c| !c.is_whitespace() && *c != ',' && *c != '，').collect();
    let too_large = || DistrictError::PopulationTooLarge {
        village: village.into(),
        text: text.into(),
        max: MAX_VILLAGE_POPULATION,
    };
    let digits = cleaned.strip_prefix('-').unwrap_or(&cleaned);
    match cleaned.parse::<i64>() {
        Ok(n) if n < 0 => Err(DistrictError::PopulationNegative { village: village.into(), text: text.into() }),
        Ok(n) => u32::try_from(n).ok().filter(|n| *n <= MAX_VILLAGE_POPULATION).ok_or_else(too_large),
        // Digits only, yet no i64: far too many people (a minus sign is negative first).
        Err(_) if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) => {
            if cleaned.starts_with('-') {
                Err(DistrictError::PopulationNegative { village: village.into(), text: text.into() })
            } else {
                Err(too_large())
            }
        }
        Err(_) => Err(DistrictError::PopulationNotANumber { village: village.into(), text: text.into() }),
    }
}

/// Checks a phone as typed: empty (no phone), or digits with `+ - ( )` and spaces, at
/// least 3 digits (`110`, `0710-3281234`, `+86 139 0000 0000`).
pub fn check_phone(text: &str) -> Result<(), DistrictError> {
    let text = text.trim();
    let allowed = text.chars().all(|c| c.is_ascii_digit() || " -+()".contains(c));
    let digits = text.chars().filter(char::is_ascii_digit).count();
    if text.is_empty() || (allowed && digits >= 3) { Ok(()) } else { Err(DistrictError::PhoneInvalid(text.into())) }
}

fn district_of(org: &Organisation, id: RecordId) -> Result<&District, Vec<DistrictError>> {
    org.districts.iter().find(|d| d.id == id).ok_or_else(|| vec![DistrictError::Gone])
}

/// Checks a district name: present, and not another district's of the station.
fn check_name(org: &Organisation, station: RecordId, name: &str, except: Option<RecordId>) -> Vec<DistrictError> {
    let name = name.trim();
    if name.is_empty() {
        return vec![DistrictError::NameMissing];
    }
    if org.districts.iter().any(|d| d.station == station && d.name == name && Some(d.id) != except) {
        return vec![DistrictError::NameTaken(name.into())];
    }
    Vec::new()
}

/// `officer`, refused unless on `station`'s strength (or gone meanwhile).
fn officer_of(org: &Organisation, station: RecordId, officer: RecordId) -> Result<&Officer, Vec<DistrictError>> {
    let who = org.officers.iter().find(|x| x.id == officer).ok_or_else(|| vec![DistrictError::Gone])?;
    if who.station != Some(station) {
        return Err(vec![DistrictError::OfficerOfAnotherStation(format!("{}（{}）", who.name, who.badge_number))]);
    }
    Ok(who)
}

/// The villages typed for `district`, checked: names present and each once, populations
/// whole numbers from 0 to [`MAX_VILLAGE_POPULATION`], and no village that already belongs to another district of the station (by
/// name). A village of the same name without a district is taken into this one.
fn villages_for(
    org: &Organisation,
    station: RecordId,
    district: RecordId,
    inputs: &[VillageInput],
    errors: &mut Vec<DistrictError>,
) -> Vec<Village> {
    let mut out: Vec<Village> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for input in inputs.iter().filter(|v| !v.name.trim().is_empty() || !v.population.trim().is_empty()) {
        let name = input.name.trim();
        if name.is_empty() {
            errors.push(DistrictError::NameMissing);
            continue;
        }
        if seen.contains(&name) {
            if !errors.contains(&DistrictError::VillageTwice(name.into())) {
                errors.push(DistrictError::VillageTwice(name.into()));
            }
            continue;
        }
        seen.push(name);
        let population = match parse_population(name, &input.population) {
            Ok(p) => p,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let existing = org.villages.iter().find(|v| v.station == station && v.name == name);
        if let Some(other) = existing.and_then(|v| v.district).filter(|d| *d != district) {
            let label =
                org.districts.iter().find(|d| d.id == other).map_or_else(|| other.to_string(), |d| d.name.clone());
            errors.push(DistrictError::VillageInAnotherDistrict { village: name.into(), district: label });
            continue;
        }
        out.push(Village {
            id: existing.map_or_else(RecordId::new, |v| v.id),
            station,
            name: name.into(),
            population,
            district: Some(district),
        });
    }
    out
}

/// A new district of `station` named `name` with `villages`.
pub fn create_district(
    org: &Organisation,
    station: RecordId,
    name: &str,
    villages: &[VillageInput],
) -> Result<Change, Vec<DistrictError>> {
    let mut errors = check_name(org, station, name, None);
    let district = District { id: RecordId::new(), station, name: name.trim().into(), generated: false };
    let villages = villages_for(org, station, district.id, villages, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut puts = vec![Put::District(district)];
    puts.extend(villages.into_iter().map(Put::Village));
    Ok(Change { puts, deletes: Vec::new() })
}

/// Renames `district` and adds (or corrects the population of) `villages`.
pub fn edit_district(
    org: &Organisation,
    district: RecordId,
    name: &str,
    villages: &[VillageInput],
) -> Result<Change, Vec<DistrictError>> {
    let current = district_of(org, district)?;
    let mut errors = check_name(org, current.station, name, Some(district));
    let villages = villages_for(org, current.station, district, villages, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut puts = vec![Put::District(District { name: name.trim().into(), ..current.clone() })];
    puts.extend(villages.into_iter().map(Put::Village));
    Ok(Change { puts, deletes: Vec::new() })
}

/// Adds `villages` to `district` (the 添加村 form). Unlike [`edit_district`], a village
/// already in this district is refused ([`DistrictError::VillageExists`]) rather than
/// given the typed population: a head adding "石门河村 100" beside an existing 石门河村 of
/// 1,137 people meant a new village, not to overwrite that one.
pub fn add_villages(
    org: &Organisation,
    district: RecordId,
    villages: &[VillageInput],
) -> Result<Change, Vec<DistrictError>> {
    let current = district_of(org, district)?;
    let mut errors = Vec::new();
    for input in villages {
        let name = input.name.trim();
        if let Some(existing) = org.villages.iter().find(|v| v.district == Some(district) && v.name == name) {
            errors.push(DistrictError::VillageExists { village: name.into(), population: existing.population });
        }
    }
    let added = villages_for(org, current.station, district, villages, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Change { puts: added.into_iter().map(Put::Village).collect(), deletes: Vec::new() })
}

/// Merges `absorbed` into `kept`: its villages move over and it is deleted. Its office
/// then serves `kept` if `kept` had none; otherwise it is left serving no district, for the
/// head to close or reuse.
pub fn merge_districts(org: &Organisation, kept: RecordId, absorbed: RecordId) -> Result<Change, Vec<DistrictError>> {
    if kept == absorbed {
        return Err(vec![DistrictError::MergeWithItself]);
    }
    let keep = district_of(org, kept)?;
    let gone = district_of(org, absorbed)?;
    if keep.station != gone.station {
        return Err(vec![DistrictError::Gone]);
    }
    let mut puts: Vec<Put> = org
        .villages
        .iter()
        .filter(|v| v.district == Some(absorbed))
        .map(|v| Put::Village(Village { district: Some(kept), ..v.clone() }))
        .collect();
    let kept_has_office = org.offices.iter().any(|o| o.districts.contains(&kept));
    for office in org.offices.iter().filter(|o| o.districts.contains(&absorbed)) {
        let mut districts: Vec<RecordId> = office.districts.iter().copied().filter(|d| *d != absorbed).collect();
        if !kept_has_office && !districts.contains(&kept) {
            districts.push(kept);
        }
        puts.push(Put::Office(Office { districts, ..office.clone() }));
    }
    Ok(Change { puts, deletes: vec![Delete::District(absorbed)] })
}

/// The undo of [`merge_districts`]`(before, kept, absorbed)`: `absorbed` comes back as it
/// was in `before` (the organisation just before the merge), with the villages and offices
/// it had then. Refused when another district took its name meanwhile, or when it was not
/// merged away.
pub fn unmerge_districts(
    org: &Organisation,
    before: &Organisation,
    absorbed: RecordId,
) -> Result<Change, Vec<DistrictError>> {
    let gone = district_of(before, absorbed)?;
    if org.districts.iter().any(|d| d.id == absorbed) {
        return Err(vec![DistrictError::Gone]);
    }
    let errors = check_name(org, gone.station, &gone.name, Some(absorbed));
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut puts = vec![Put::Restored(gone.clone())];
    for village in before.villages.iter().filter(|v| v.district == Some(absorbed)) {
        // The village as it is now (a population corrected meanwhile stays), back in its district.
        let now = org.villages.iter().find(|v| v.id == village.id).unwrap_or(village);
        puts.push(Put::Village(Village { district: Some(absorbed), ..now.clone() }));
    }
    // The merge changed only the offices that served the absorbed district: each gets the
    // districts it served then (its other fields as they are now).
    for office in before.offices.iter().filter(|o| o.districts.contains(&absorbed)) {
        let now = org.offices.iter().find(|o| o.id == office.id).unwrap_or(office);
        puts.push(Put::Office(Office { districts: office.districts.clone(), ..now.clone() }));
    }
    Ok(Change { puts, deletes: Vec::new() })
}

/// Splits `villages` of `district` off into a new district `name` (without an office until
/// one is set). Both must keep at least one village.
pub fn split_district(
    org: &Organisation,
    district: RecordId,
    villages: &[RecordId],
    name: &str,
) -> Result<Change, Vec<DistrictError>> {
    let current = district_of(org, district)?;
    let mut errors = check_name(org, current.station, name, None);
    let of_district: Vec<&Village> = org.villages.iter().filter(|v| v.district == Some(district)).collect();
    let moving: Vec<&Village> = of_district.iter().copied().filter(|v| villages.contains(&v.id)).collect();
    if moving.is_empty() || moving.len() == of_district.len() {
        errors.push(DistrictError::SplitLeavesEmpty);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let new = District { id: RecordId::new(), station: current.station, name: name.trim().into(), generated: false };
    let mut puts: Vec<Put> =
        moving.into_iter().map(|v| Put::Village(Village { district: Some(new.id), ..v.clone() })).collect();
    puts.insert(0, Put::District(new));
    Ok(Change { puts, deletes: Vec::new() })
}

/// An office as typed in a form.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OfficeInput {
    /// Name, e.g. `王家湾警务室`.
    pub name: String,
    /// Street address.
    pub address: String,
    /// Public phone.
    pub phone: String,
    /// Residency hours (驻警时限), e.g. `周一至周五 8:30–17:30`.
    pub residency_hours: String,
}

/// Sets the office of `district`: changes `office` if given, otherwise opens a new one.
/// A new office is refused when the district already has an office of its own (one
/// district, one office); when the district shares an office with other districts, the new
/// office takes it over and the shared office keeps the others (the fix for "an office
/// serves several districts").
pub fn set_office(
    org: &Organisation,
    district: RecordId,
    office: Option<RecordId>,
    input: &OfficeInput,
) -> Result<Change, Vec<DistrictError>> {
    let d = district_of(org, district)?;
    let mut errors = Vec::new();
    if input.name.trim().is_empty() {
        errors.push(DistrictError::NameMissing);
    }
    if let Err(e) = check_phone(&input.phone) {
        errors.push(e);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    let record = match office {
        Some(id) => {
            let current = org.offices.iter().find(|o| o.id == id).ok_or_else(|| vec![DistrictError::Gone])?;
            Office {
                name: input.name.trim().into(),
                address: text(&input.address),
                phone: text(&input.phone),
                residency_hours: text(&input.residency_hours),
                ..current.clone()
            }
        }
        None => {
            let mut puts = Vec::new();
            for existing in org.offices.iter().filter(|o| o.districts.contains(&district)) {
                if existing.districts.len() == 1 {
                    return Err(vec![DistrictError::DistrictHasOffice {
                        district: d.name.clone(),
                        office: existing.name.clone(),
                    }]);
                }
                let districts = existing.districts.iter().copied().filter(|x| *x != district).collect();
                puts.push(Put::Office(Office { districts, ..existing.clone() }));
            }
            puts.push(Put::Office(Office {
                id: RecordId::new(),
                station: d.station,
                name: input.name.trim().into(),
                districts: vec![district],
                address: text(&input.address),
                phone: text(&input.phone),
                residency_hours: text(&input.residency_hours),
                generated: false,
            }));
            return Ok(Change { puts, deletes: Vec::new() });
        }
    };
    Ok(Change { puts: vec![Put::Office(record)], deletes: Vec::new() })
}

/// Leaves `office` without a resident (ends every residence there).
pub fn clear_residents(org: &Organisation, office: RecordId) -> Result<Change, Vec<DistrictError>> {
    if !org.offices.iter().any(|o| o.id == office) {
        return Err(vec![DistrictError::Gone]);
    }
    let deletes = org.assignments.iter().filter(|a| a.office == office).map(|a| Delete::Assignment(a.id)).collect();
    Ok(Change { puts: Vec::new(), deletes })
}

/// Makes `officer` the resident of `office`, replacing its current resident (one office,
/// one officer). An officer already resident at another office is refused, naming it (one
/// officer resides at one office: the head changes that office first).
pub fn assign_resident(org: &Organisation, office: RecordId, officer: RecordId) -> Result<Change, Vec<DistrictError>> {
    let o = org.offices.iter().find(|x| x.id == office).ok_or_else(|| vec![DistrictError::Gone])?;
    let who = officer_of(org, o.station, officer)?;
    let elsewhere = org.assignments.iter().filter(|a| a.officer == officer && a.office != office);
    if let Some(other) = elsewhere.filter_map(|a| org.offices.iter().find(|x| x.id == a.office)).next() {
        return Err(vec![DistrictError::ResidentElsewhere {
            officer: format!("{}（{}）", who.name, who.badge_number),
            office: other.name.clone(),
        }]);
    }
    let deletes = org
        .assignments
        .iter()
        .filter(|a| a.office == office && a.officer != officer)
        .map(|a| Delete::Assignment(a.id))
        .collect();
    let puts = if org.assignments.iter().any(|a| a.office == office && a.officer == officer) {
        Vec::new()
    } else {
        vec![Put::Assignment(Assignment { id: RecordId::new(), station: o.station, officer, office })]
    };
    Ok(Change { puts, deletes })
}

/// Grants `officer` the catalogue skill `skill`, valid until `expires` (included) if set;
/// a skill the officer holds already gets the new expiry. An expiry before `today` (China
/// calendar day) is refused: the grant would be expired at once.
pub fn grant_skill(
    org: &Organisation,
    station: RecordId,
    officer: RecordId,
    skill: &str,
    expires: Option<Date>,
    today: Date,
) -> Result<Change, Vec<DistrictError>> {
    officer_of(org, station, officer)?;
    let Some(known) = org.skills.iter().find(|s| s.code == skill) else {
        return Err(vec![DistrictError::UnknownSkill(skill.into())]);
    };
    if let Some(until) = expires.filter(|d| *d < today) {
        return Err(vec![DistrictError::SkillExpired { skill: known.name.clone(), until }]);
    }
    let grant = match org.skill_grants.iter().find(|g| g.officer == officer && g.skill == skill) {
        Some(g) => SkillGrant { expires, ..g.clone() },
        None => SkillGrant { id: RecordId::new(), station, officer, skill: skill.into(), expires },
    };
    Ok(Change { puts: vec![Put::Grant(grant)], deletes: Vec::new() })
}

/// Takes a skill away.
pub fn revoke_skill(org: &Organisation, grant: RecordId) -> Result<Change, Vec<DistrictError>> {
    if !org.skill_grants.iter().any(|g| g.id == grant) {
        return Err(vec![DistrictError::Gone]);
    }
    Ok(Change { puts: Vec::new(), deletes: vec![Delete::Grant(grant)] })
}

/// Sets `officer`'s photo (replacing the one there is) for the disclosure card: `bytes`
/// of type `mime`, at most [`crate::bulletins::draft::MAX_PHOTO_BYTES`].
pub fn set_photo(
    org: &Organisation,
    station: RecordId,
    current: Option<RecordId>,
    officer: RecordId,
    mime: &str,
    bytes: &[u8],
) -> Result<Change, Vec<DistrictError>> {
    use base64::Engine;
    officer_of(org, station, officer)?;
    if bytes.len() > crate::bulletins::draft::MAX_PHOTO_BYTES {
        return Err(vec![DistrictError::PhotoTooLarge(bytes.len().div_ceil(1024))]);
    }
    let photo = OfficerPhoto {
        id: current.unwrap_or_default(),
        station,
        officer,
        mime: mime.to_owned(),
        data: base64::engine::general_purpose::STANDARD.encode(bytes),
    };
    Ok(Change { puts: vec![Put::Photo(photo)], deletes: Vec::new() })
}
