//! Region rules (docs/domain.md "Rules the coverage report checks"): a region has 3 to 5
//! stations including its center, and comparable total manpower: within the policy's band
//! (default ±25 %) of the mean over the county's regions. Every station is in exactly one
//! region.

use std::collections::HashMap;

use super::{Violation, refs};
use crate::ids::RecordId;
use crate::org::Organisation;

/// Manpower of each region (officers of its stations who count as station strength), in
/// the order of `org.regions`.
pub fn manpower(org: &Organisation) -> Vec<(RecordId, usize)> {
    org.regions.iter().map(|r| (r.id, r.stations().map(|s| org.strength_of(s).count()).sum())).collect()
}

/// The mean of [`manpower`] over the county's regions; `None` without regions.
pub fn mean_manpower(org: &Organisation) -> Option<f64> {
    let all = manpower(org);
    (!all.is_empty()).then(|| all.iter().map(|(_, m)| *m as f64).sum::<f64>() / all.len() as f64)
}

/// Region size, manpower band, and station membership.
pub fn check(org: &Organisation) -> Vec<Violation> {
    let policy = &org.policy;
    let mut out = Vec::new();
    for region in &org.regions {
        let stations = region.stations().count();
        if stations < policy.region_min_stations as usize || stations > policy.region_max_stations as usize {
            out.push(Violation::RegionSize {
                region: refs::region(region),
                stations,
                min: policy.region_min_stations,
                max: policy.region_max_stations,
            });
        }
    }
    if let Some(mean) = mean_manpower(org) {
        let band = mean * f64::from(policy.manpower_band_pct) / 100.0;
        let (low, high) = (mean - band, mean + band);
        for (region, (_, manpower)) in org.regions.iter().zip(manpower(org)) {
            let m = manpower as f64;
            if m < low - 1e-9 || m > high + 1e-9 {
                out.push(Violation::RegionManpower { region: refs::region(region), manpower, mean, low, high });
            }
        }
    }
    let mut regions_of: HashMap<RecordId, Vec<&crate::model::Region>> = HashMap::new();
    for region in &org.regions {
        for station in region.stations() {
            regions_of.entry(station).or_default().push(region);
        }
    }
    for station in &org.stations {
        match regions_of.get(&station.id).map(Vec::as_slice) {
            None | Some([]) => out.push(Violation::StationWithoutRegion { station: refs::station(station) }),
            Some([_]) => {}
            Some(several) => out.push(Violation::StationInSeveralRegions {
                station: refs::station(station),
                regions: several.iter().map(|r| refs::region(r)).collect(),
            }),
        }
    }
    out
}
