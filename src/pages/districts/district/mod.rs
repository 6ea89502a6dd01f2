//! One district's card: its villages and the sizing rule (2–3 villages or at most 3,000
//! people, the county policy), its office (address, residency hours, phone) and resident
//! officer. The station head adds villages, merges and splits ([`villages`]), opens or
//! edits the office and picks the resident ([`office`]); each edit is checked by core and
//! refused whole with its reasons.

mod office;
mod villages;

use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::rules::district::fits;

use super::anchor;
use super::data::{self, Place};
use super::said::Said;
use crate::components::fmt;
use crate::i18n::*;
use office::{OfficeBlock, OfficeEditing, OfficeForm};
use villages::{VillageDraft, VillageEdits};

/// The card.
#[component]
pub fn DistrictCard(ctx: data::Context, district: RecordId) -> impl IntoView {
    let i18n = use_i18n();
    let data::Context { org, writable, .. } = ctx;
    // Outside the view below, which redraws whenever the organisation changes (a sync).
    let editing = OfficeEditing::new();
    let draft = VillageDraft::new();
    move || {
        let o = org.get();
        let Some(d) = o.districts.iter().find(|d| d.id == district).cloned() else { return ().into_any() };
        let villages: Vec<_> = o.villages.iter().filter(|v| v.district == Some(district)).cloned().collect();
        let village_ids: Vec<(RecordId, String)> = villages.iter().map(|v| (v.id, v.name.clone())).collect();
        let population: u64 = villages.iter().map(|v| u64::from(v.population)).sum();
        let fits_rule = fits(&o, villages.len(), population);
        let p = &o.policy;
        let rule = format!("{}–{} / ≤{}", p.district_min_villages, p.district_max_villages, p.district_max_population);
        let size = fmt::fill(
            t_string!(i18n, district_size),
            &[("villages", villages.len().to_string()), ("people", population.to_string()), ("rule", rule)],
        );
        let verdict = if fits_rule { t_string!(i18n, district_fits) } else { t_string!(i18n, district_too_big) };
        let office = o.offices.iter().find(|x| x.districts.contains(&district)).cloned();
        let residents: Vec<RecordId> = office
            .as_ref()
            .map(|x| o.assignments.iter().filter(|a| a.office == x.id).map(|a| a.officer).collect())
            .unwrap_or_default();
        // Everyone on strength: a deputy head may be resident too (the solver only proposes
        // officers who are not heads).
        let candidates: Vec<_> = o.strength_of(d.station).cloned().collect();
        view! {
            <article class="card district" id=anchor(district) data-testid="district" data-name=d.name.clone()>
                <h3>{d.name.clone()}</h3>
                <p class=if fits_rule { "hint ok" } else { "warn" } data-testid="size-rule">{size}{verdict}</p>
                <ul class="villages">
                    {villages.into_iter().map(|v| view! { <li>{v.name}" · "{v.population}</li> }).collect_view()}
                </ul>
                <Show when=move || writable.get()>
                    <VillageEdits ctx district villages=village_ids.clone() draft/>
                </Show>
                <OfficeBlock ctx office residents candidates default_name=fmt::fill(t_string!(i18n, office_default_name), &[("district", d.name.clone())]) editing/>
                <Show when=move || editing.open.get()>
                    <OfficeForm ctx district editing/>
                </Show>
                <Said ctx=ctx place=Place::OfficeForm(district)/>
            </article>
        }
        .into_any()
    }
}
