//! One district's card: its villages and the sizing rule (2–3 villages or at most 3,000
//! people, the county policy), its office (address, residency hours, phone) and resident
//! officer. The station head adds villages, opens or edits the office and picks the
//! resident; each edit is checked by core and refused whole with its reasons.

use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::districts::edit::{add_villages, assign_resident, clear_residents, set_office, split_district};
use liandong_core::districts::{OfficeInput, VillageInput};
use liandong_core::rules::district::fits;

use super::anchor;
use super::data::{self, Place};
use super::merge::MergeControl;
use super::poster::Poster;
use super::said::Said;
use crate::components::fmt;
use crate::i18n::*;

/// The card.
#[component]
pub fn DistrictCard(ctx: data::Context, district: RecordId) -> impl IntoView {
    let i18n = use_i18n();
    let data::Context { org, writable, .. } = ctx;
    let village_name = RwSignal::new(String::new());
    let village_people = RwSignal::new(String::new());
    let editing_office = RwSignal::new(false);
    // Which office the form saves: `Some` edits it, `None` opens a new one for this district
    // (taking the district over from an office it shares with others).
    let office_target = RwSignal::new(None::<RecordId>);
    let splitting = RwSignal::new(None::<(String, Vec<RecordId>)>);
    let poster = RwSignal::new(false);
    let split = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some((name, villages)) = splitting.get_untracked() else { return };
        if ctx.at(Place::Card(district)).apply(i18n, |o| split_district(o, district, &villages, &name)) {
            splitting.set(None);
        }
    };
    let office_form = RwSignal::new(OfficeInput::default());

    let add_village = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = VillageInput { name: village_name.get_untracked(), population: village_people.get_untracked() };
        let written = ctx.at(Place::Villages(district)).apply(i18n, |o| add_villages(o, district, &[input]));
        if written {
            village_name.set(String::new());
            village_people.set(String::new());
        }
    };
    let save_office = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = office_form.get_untracked();
        if ctx
            .at(Place::OfficeForm(district))
            .apply(i18n, |o| set_office(o, district, office_target.get_untracked(), &input))
        {
            editing_office.set(false);
        }
    };
    // A refused choice puts the select back on the resident there is.
    let pick_resident = move |office: RecordId, ev: leptos::ev::Event, current: String| {
        let officer = event_target_value(&ev);
        let written = ctx.at(Place::Office(office)).apply(i18n, |o| match officer.parse::<RecordId>() {
            Ok(officer) => assign_resident(o, office, officer),
            Err(_) => clear_residents(o, office),
        });
        if !written && let Some(select) = ev.target() {
            let _ = js_sys::Reflect::set(&select, &"value".into(), &current.into());
        }
    };

    move || {
        let o = org.get();
        let Some(d) = o.districts.iter().find(|d| d.id == district).cloned() else { return ().into_any() };
        let villages: Vec<_> = o.villages.iter().filter(|v| v.district == Some(district)).cloned().collect();
        let village_ids = StoredValue::new(villages.iter().map(|v| (v.id, v.name.clone())).collect::<Vec<_>>());
        let population: u64 = villages.iter().map(|v| u64::from(v.population)).sum();
        let fits_rule = fits(&o, villages.len(), population);
        let p = &o.policy;
        let rule = format!("{}–{} / ≤{}", p.district_min_villages, p.district_max_villages, p.district_max_population);
        let office = o.offices.iter().find(|x| x.districts.contains(&district)).cloned();
        let residents: Vec<RecordId> = office
            .as_ref()
            .map(|x| o.assignments.iter().filter(|a| a.office == x.id).map(|a| a.officer).collect())
            .unwrap_or_default();
        let office_name = format!("{}警务室", d.name);
        // Everyone on strength: a deputy head may be resident too (the solver only proposes
        // officers who are not heads).
        let candidates: Vec<_> = o.strength_of(d.station).cloned().collect();
        view! {
            <article class="card district" id=anchor(district) data-testid="district" data-name=d.name.clone()>
                <h3>{d.name.clone()}</h3>
                <p class=if fits_rule { "hint ok" } else { "warn" } data-testid="size-rule">
                    {fmt::fill(t_string!(i18n, district_size), &[("villages", villages.len().to_string()), ("people", population.to_string()), ("rule", rule)])}
                    {if fits_rule { t_string!(i18n, district_fits).to_string() } else { t_string!(i18n, district_too_big).to_string() }}
                </p>
                <ul class="villages">
                    {villages.into_iter().map(|v| view! { <li>{v.name}" · "{v.population}</li> }).collect_view()}
                </ul>
                <Show when=move || writable.get()>
                    <form class="form row" on:submit=add_village>
                        <label>{t!(i18n, village_name)}<input type="text" prop:value=move || village_name.get() on:input=move |ev| village_name.set(event_target_value(&ev))/></label>
                        <label>{t!(i18n, village_population)}<input type="text" inputmode="numeric" prop:value=move || village_people.get() on:input=move |ev| village_people.set(event_target_value(&ev))/></label>
                        <button type="submit" class="button plain">{t!(i18n, village_add)}</button>
                    </form>
                    <Said ctx=ctx place=Place::Villages(district)/>
                    <div class="row">
                        <MergeControl ctx=ctx kept=district/>
                        <button class="button plain small" on:click=move |_| splitting.set(Some((String::new(), Vec::new())))>{t!(i18n, district_split)}</button>
                    </div>
                    {move || splitting.get().is_some().then(|| view! {
                        <form class="form" on:submit=split data-testid="split-form">
                            <fieldset class="officer-picks">
                                <legend>{t!(i18n, district_split_villages)}</legend>
                                {village_ids.get_value().into_iter().map(|(id, name)| {
                                    view! {
                                        <label class="check"><input type="checkbox" on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            splitting.update(|s| if let Some((_, v)) = s { v.retain(|x| *x != id); if on { v.push(id); } });
                                        }/>{name}</label>
                                    }
                                }).collect_view()}
                            </fieldset>
                            <label>{t!(i18n, district_name)}<input type="text" on:input=move |ev| splitting.update(|s| if let Some((n, _)) = s { *n = event_target_value(&ev); })/></label>
                            <div class="row">
                                <button type="submit" class="button">{t!(i18n, district_split)}</button>
                                <button type="button" class="button plain" on:click=move |_| splitting.set(None)>{t!(i18n, roster_close)}</button>
                            </div>
                        </form>
                    })}
                    <Said ctx=ctx place=Place::Card(district)/>
                </Show>
                {match office.clone() {
                    Some(x) => {
                        let office_id = x.id;
                        let shared = x.districts.len() > 1;
                        let form = OfficeInput {
                            name: x.name.clone(),
                            address: x.address.clone().unwrap_or_default(),
                            phone: x.phone.clone().unwrap_or_default(),
                            residency_hours: x.residency_hours.clone().unwrap_or_default(),
                        };
                        view! {
                            <div class="office" id=anchor(office_id) data-testid="office">
                                <p><strong>{x.name.clone()}</strong>" "<span class="hint">{x.address.clone().unwrap_or_default()}" · "{x.residency_hours.clone().unwrap_or_default()}" · "{x.phone.clone().unwrap_or_default()}</span></p>
                                <label>{t!(i18n, office_resident)}
                                    <select data-testid="resident" disabled=move || !writable.get() on:change={
                                        let current = residents.first().map(ToString::to_string).unwrap_or_default();
                                        move |ev| pick_resident(office_id, ev, current.clone())
                                    }>
                                        <option value="" selected=residents.is_empty()>{t!(i18n, office_no_resident)}</option>
                                        {candidates.iter().map(|c| {
                                            let here = residents.contains(&c.id);
                                            view! { <option value=c.id.to_string() selected=here>{c.name.clone()}" （"{c.badge_number.clone()}"）"</option> }
                                        }).collect_view()}
                                    </select>
                                </label>
                                <Said ctx=ctx place=Place::Office(office_id)/>
                                <button class="button plain small" on:click=move |_| poster.update(|p| *p = !*p)>{t!(i18n, office_poster)}</button>
                                {move || poster.get().then(|| view! { <Poster ctx=ctx office=office_id/> })}
                                <Show when=move || writable.get()>
                                    <button class="button plain small" on:click={
                                        let form = form.clone();
                                        move |_| { office_form.set(form.clone()); office_target.set(Some(office_id)); editing_office.set(true); }
                                    }>{t!(i18n, office_edit)}</button>
                                    {shared.then(|| {
                                        let name = office_name.clone();
                                        view! {
                                            <button class="button plain small" on:click=move |_| {
                                                office_form.set(OfficeInput { name: name.clone(), ..Default::default() });
                                                office_target.set(None);
                                                editing_office.set(true);
                                            }>{t!(i18n, office_own)}</button>
                                        }
                                    })}
                                </Show>
                            </div>
                        }.into_any()
                    }
                    None => view! {
                        <div class="office missing">
                            <p class="warn">{t!(i18n, office_missing)}</p>
                            <Show when=move || writable.get()>
                                <button class="button plain small" on:click={
                                    let name = office_name.clone();
                                    move |_| { office_form.set(OfficeInput { name: name.clone(), ..Default::default() }); office_target.set(None); editing_office.set(true); }
                                }>{t!(i18n, office_open)}</button>
                            </Show>
                        </div>
                    }.into_any(),
                }}
                <Show when=move || editing_office.get()>
                    <form class="form" on:submit=save_office data-testid="office-form">
                        <label>{t!(i18n, office_name)}<input type="text" prop:value=move || office_form.with(|f| f.name.clone()) on:input=move |ev| office_form.update(|f| f.name = event_target_value(&ev))/></label>
                        <label>{t!(i18n, office_address)}<input type="text" prop:value=move || office_form.with(|f| f.address.clone()) on:input=move |ev| office_form.update(|f| f.address = event_target_value(&ev))/></label>
                        <label>{t!(i18n, office_hours)}<input type="text" prop:value=move || office_form.with(|f| f.residency_hours.clone()) on:input=move |ev| office_form.update(|f| f.residency_hours = event_target_value(&ev))/></label>
                        <label>{t!(i18n, office_phone)}<input type="tel" prop:value=move || office_form.with(|f| f.phone.clone()) on:input=move |ev| office_form.update(|f| f.phone = event_target_value(&ev))/></label>
                        <div class="row">
                            <button type="submit" class="button">{t!(i18n, office_save)}</button>
                            <button type="button" class="button plain" on:click=move |_| editing_office.set(false)>{t!(i18n, roster_close)}</button>
                        </div>
                    </form>
                </Show>
                <Said ctx=ctx place=Place::OfficeForm(district)/>
            </article>
        }.into_any()
    }
}
