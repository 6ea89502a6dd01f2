//! Checks of a parsed county file: format and version, codes, uniqueness and every
//! reference, each error with the JSON path of the offending value.

use std::collections::{HashMap, HashSet};

use super::{CountyFile, FORMAT, ImportError, VERSION};

fn valid_code(code: &str) -> bool {
    (1..=64).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn code(path: String, code: &str) -> Result<(), ImportError> {
    if valid_code(code) {
        Ok(())
    } else {
        Err(ImportError::at(path, format!("code \"{code}\" must be 1 to 64 of a-z, 0-9 and -")))
    }
}

fn not_blank(path: String, text: &str) -> Result<(), ImportError> {
    if text.trim().is_empty() { Err(ImportError::at(path, "must not be empty")) } else { Ok(()) }
}

/// Checks everything [`super::import`] relies on.
pub(super) fn check(file: &CountyFile) -> Result<(), ImportError> {
    if file.format != FORMAT {
        return Err(ImportError::at("format", format!("expected \"{FORMAT}\", found \"{}\"", file.format)));
    }
    if file.version == 0 || file.version > VERSION {
        return Err(ImportError::at(
            "version",
            format!("version {} is not supported; this build reads version {VERSION}", file.version),
        ));
    }
    code("county.code".into(), &file.county.code)?;
    not_blank("county.name".into(), &file.county.name)?;

    let mut skills = HashSet::new();
    for (i, s) in file.skills.iter().enumerate() {
        let ok = (1..=64).contains(&s.code.len())
            && s.code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
        if !ok {
            return Err(ImportError::at(
                format!("skills[{i}].code"),
                format!("skill code \"{}\" must be 1 to 64 of a-z, 0-9, _ and -", s.code),
            ));
        }
        not_blank(format!("skills[{i}].name"), &s.name)?;
        if !skills.insert(s.code.as_str()) {
            return Err(ImportError::at(format!("skills[{i}].code"), format!("skill \"{}\" is listed twice", s.code)));
        }
    }
    if let Some(policy) = &file.policy {
        for (i, s) in policy.required_skills.iter().enumerate() {
            if !skills.contains(s.as_str()) {
                return Err(ImportError::at(format!("policy.required_skills[{i}]"), format!("unknown skill \"{s}\"")));
            }
        }
        if policy.region_min_stations > policy.region_max_stations {
            return Err(ImportError::at("policy.region_min_stations", "is above region_max_stations"));
        }
        if policy.district_min_villages > policy.district_max_villages {
            return Err(ImportError::at("policy.district_min_villages", "is above district_max_villages"));
        }
    }

    // Badge numbers are unique in the county; remember where each is.
    let mut badges: HashMap<String, (String, Option<usize>)> = HashMap::new();
    let mut officer = |badge: &str, path: String, station: Option<usize>| -> Result<(), ImportError> {
        not_blank(path.clone(), badge)?;
        if let Some((first, _)) = badges.get(badge) {
            return Err(ImportError::at(path, format!("badge number \"{badge}\" is also used at {first}")));
        }
        badges.insert(badge.to_owned(), (path, station));
        Ok(())
    };
    let mut stations = HashMap::new();
    for (si, s) in file.stations.iter().enumerate() {
        code(format!("stations[{si}].code"), &s.code)?;
        not_blank(format!("stations[{si}].name"), &s.name)?;
        if stations.insert(s.code.as_str(), si).is_some() {
            return Err(ImportError::at(
                format!("stations[{si}].code"),
                format!("station \"{}\" is listed twice", s.code),
            ));
        }
        for (oi, o) in s.officers.iter().enumerate() {
            officer(&o.badge, format!("stations[{si}].officers[{oi}].badge"), Some(si))?;
            not_blank(format!("stations[{si}].officers[{oi}].name"), &o.name)?;
            for (ki, g) in o.skills.iter().enumerate() {
                if !skills.contains(g.skill.as_str()) {
                    return Err(ImportError::at(
                        format!("stations[{si}].officers[{oi}].skills[{ki}].skill"),
                        format!("unknown skill \"{}\"", g.skill),
                    ));
                }
            }
        }
    }
    for (bi, o) in file.bureau_staff.iter().enumerate() {
        officer(&o.badge, format!("bureau_staff[{bi}].badge"), None)?;
        for (ki, g) in o.skills.iter().enumerate() {
            if !skills.contains(g.skill.as_str()) {
                return Err(ImportError::at(
                    format!("bureau_staff[{bi}].skills[{ki}].skill"),
                    format!("unknown skill \"{}\"", g.skill),
                ));
            }
        }
    }

    for (si, s) in file.stations.iter().enumerate() {
        let mut districts = HashSet::new();
        let mut villages: HashMap<String, String> = HashMap::new();
        let mut village = |name: &str, path: String, district: &str| -> Result<(), ImportError> {
            not_blank(path.clone(), name)?;
            if let Some(first) = villages.get(name) {
                return Err(ImportError::at(
                    path,
                    format!("village \"{name}\" is already in {first}; a village belongs to one district"),
                ));
            }
            villages.insert(name.to_owned(), district.to_owned());
            Ok(())
        };
        for (di, d) in s.districts.iter().enumerate() {
            not_blank(format!("stations[{si}].districts[{di}].name"), &d.name)?;
            if !districts.insert(d.name.as_str()) {
                return Err(ImportError::at(
                    format!("stations[{si}].districts[{di}].name"),
                    format!("district \"{}\" is listed twice", d.name),
                ));
            }
            for (vi, v) in d.villages.iter().enumerate() {
                village(
                    &v.name,
                    format!("stations[{si}].districts[{di}].villages[{vi}].name"),
                    &format!("district \"{}\"", d.name),
                )?;
            }
        }
        for (vi, v) in s.unassigned_villages.iter().enumerate() {
            village(&v.name, format!("stations[{si}].unassigned_villages[{vi}].name"), "the unassigned villages")?;
        }
        let mut offices = HashSet::new();
        for (fi, f) in s.offices.iter().enumerate() {
            not_blank(format!("stations[{si}].offices[{fi}].name"), &f.name)?;
            if !offices.insert(f.name.as_str()) {
                return Err(ImportError::at(
                    format!("stations[{si}].offices[{fi}].name"),
                    format!("office \"{}\" is listed twice", f.name),
                ));
            }
            for (di, d) in f.districts.iter().enumerate() {
                if !districts.contains(d.as_str()) {
                    return Err(ImportError::at(
                        format!("stations[{si}].offices[{fi}].districts[{di}]"),
                        format!("no district \"{d}\" in station {}", s.code),
                    ));
                }
            }
            let mut residents = HashSet::new();
            for (ri, badge) in f.residents.iter().enumerate() {
                let path = format!("stations[{si}].offices[{fi}].residents[{ri}]");
                match badges.get(badge.as_str()) {
                    None => return Err(ImportError::at(path, format!("no officer with badge number \"{badge}\""))),
                    Some((_, at)) if *at != Some(si) => {
                        let other = at.map_or("the bureau".to_owned(), |i| file.stations[i].code.clone());
                        return Err(ImportError::at(
                            path,
                            format!("officer {badge} belongs to {other}, not to station {}", s.code),
                        ));
                    }
                    Some(_) => {}
                }
                if !residents.insert(badge.as_str()) {
                    return Err(ImportError::at(path, format!("officer {badge} is listed twice")));
                }
            }
        }
    }

    let mut regions = HashSet::new();
    for (ri, r) in file.regions.iter().enumerate() {
        code(format!("regions[{ri}].code"), &r.code)?;
        not_blank(format!("regions[{ri}].name"), &r.name)?;
        if !regions.insert(r.code.as_str()) {
            return Err(ImportError::at(
                format!("regions[{ri}].code"),
                format!("region \"{}\" is listed twice", r.code),
            ));
        }
        if !stations.contains_key(r.center.as_str()) {
            return Err(ImportError::at(format!("regions[{ri}].center"), format!("no station \"{}\"", r.center)));
        }
        let mut seen = HashSet::from([r.center.as_str()]);
        for (mi, m) in r.members.iter().enumerate() {
            if !stations.contains_key(m.as_str()) {
                return Err(ImportError::at(format!("regions[{ri}].members[{mi}]"), format!("no station \"{m}\"")));
            }
            if !seen.insert(m.as_str()) {
                return Err(ImportError::at(
                    format!("regions[{ri}].members[{mi}]"),
                    format!("station \"{m}\" is already in this region"),
                ));
            }
        }
    }
    for (bi, o) in file.bureau_staff.iter().enumerate() {
        if let Some(region) = &o.region
            && !regions.contains(region.as_str())
        {
            return Err(ImportError::at(format!("bureau_staff[{bi}].region"), format!("no region \"{region}\"")));
        }
    }
    for (si, s) in file.stations.iter().enumerate() {
        for (oi, o) in s.officers.iter().enumerate() {
            if o.region.is_some() {
                return Err(ImportError::at(
                    format!("stations[{si}].officers[{oi}].region"),
                    "only bureau staff (commanders) command a region",
                ));
            }
        }
    }
    if let Some(roster) = &file.roster {
        for (i, r) in roster.station_residency.iter().enumerate() {
            if !stations.contains_key(r.station.as_str()) {
                return Err(ImportError::at(
                    format!("roster.station_residency[{i}].station"),
                    format!("unknown station \"{}\"", r.station),
                ));
            }
        }
        for (i, r) in roster.rotations.iter().flatten().enumerate() {
            not_blank(format!("roster.rotations[{i}].name"), &r.name)?;
            if r.steps.is_empty() {
                return Err(ImportError::at(
                    format!("roster.rotations[{i}].steps"),
                    "a pattern needs at least one day",
                ));
            }
        }
    }
    Ok(())
}
