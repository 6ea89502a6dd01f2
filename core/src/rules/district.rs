//! District sizing (docs/domain.md "Rules the coverage report checks"): a police district is
//! 2 to 3 villages, or up to about 3,000 people (both configurable). A district without villages breaks it too.

use super::{Violation, refs};
use crate::org::Organisation;

/// Villages and population of each district, in the order of `org.districts`.
pub fn sizes(org: &Organisation) -> Vec<(usize, u64)> {
    org.districts
        .iter()
        .map(|d| {
            let villages = org.villages.iter().filter(|v| v.district == Some(d.id));
            villages.fold((0, 0), |(n, p), v| (n + 1, p + u64::from(v.population)))
        })
        .collect()
}

/// Whether a district of `villages` villages and `population` people fits the policy.
pub fn fits(org: &Organisation, villages: usize, population: u64) -> bool {
    let p = &org.policy;
    let by_villages = (p.district_min_villages as usize..=p.district_max_villages as usize).contains(&villages);
    let by_population = population <= u64::from(p.district_max_population);
    villages > 0 && (by_villages || by_population)
}

/// The sizing rule for every district.
pub fn check(org: &Organisation) -> Vec<Violation> {
    org.districts
        .iter()
        .zip(sizes(org))
        .filter(|(_, (villages, population))| !fits(org, *villages, *population))
        .map(|(d, (villages, population))| Violation::DistrictSize {
            district: refs::district(d),
            villages,
            population,
        })
        .collect()
}
