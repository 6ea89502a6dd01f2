//! `/command/pool`: the region's equipment and vehicles (装备、车辆) by station: kind,
//! plate or number, state now (committed follows from commitments), the keeping station's
//! status with who changed it and when; the commander and the station heads change a
//! status or add an item.

use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::command::edit;
use liandong_core::command::pool::{self, Bound};
use liandong_core::model::{Equipment, EquipmentKind, EquipmentStatus};

use super::context::Ctx;
use super::data;
use super::names::Namer;
use super::said::{Said, SaidLine, said};
use super::station_select::StationSelect;
use super::tabs::Tabs;
use crate::components::fmt;
use crate::i18n::*;
use crate::words;
use crate::words::command::Names;

const STATUSES: [EquipmentStatus; 3] =
    [EquipmentStatus::Available, EquipmentStatus::InRepair, EquipmentStatus::OutOfService];

fn set_status(ctx: Ctx, said: Said, id: RecordId, status: EquipmentStatus) {
    let i18n = use_i18n();
    let Some(region) = ctx.region.get_untracked() else { return };
    let state = ctx.state.get_untracked();
    let note = state.item(id).and_then(|e| e.note.clone());
    let result = data::write(&region, |view, mark| edit::set_status(view, &state, id, status, note, mark));
    said.set(Some(result.map(|()| t_string!(i18n, cmd_saved).to_owned()).map_err(|e| fmt::write_failure(i18n, &e))));
}

/// The badge of an item's state: green available, amber committed, red unusable.
fn state_class(state: pool::ItemState) -> &'static str {
    match state {
        pool::ItemState::Available => "tag ok",
        pool::ItemState::Committed(_) => "tag warn",
        pool::ItemState::InRepair | pool::ItemState::OutOfService => "tag bad",
    }
}

/// The items grouped by kind, vehicles first, in the kinds' order.
fn groups(items: Vec<Equipment>) -> Vec<(EquipmentKind, Vec<Equipment>)> {
    let mut out: Vec<(EquipmentKind, Vec<Equipment>)> = Vec::new();
    for item in items {
        match out.iter_mut().find(|(k, _)| *k == item.kind) {
            Some((_, group)) => group.push(item),
            None => out.push((item.kind, vec![item])),
        }
    }
    liandong_core::sort::by_key(&mut out, |(k, _)| {
        EquipmentKind::ALL.iter().position(|x| x == k).unwrap_or(usize::MAX)
    });
    out
}

/// One item: kind, number, state now, note, who changed it; the status for who may write.
fn item_row(
    ctx: Ctx,
    said: Said,
    names: &Namer,
    bound: &Bound,
    item: Equipment,
    writable: bool,
) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let locale = names.locale;
    let now_state = pool::state_with(bound, &item);
    let id = item.id;
    let changed = item.changed.map(|m| {
        fmt::fill(t_string!(i18n, cmd_changed_by), &[("officer", names.officer(m.by)), ("time", fmt::date_time(m.at))])
    });
    view! {
        <li class="finding" data-testid="pool-item">
            <strong>{words::command::equipment_kind(locale, item.kind)}</strong>" "{item.identifier.clone()}" "
            <span class=state_class(now_state) data-testid="item-state">{words::command::item_state(locale, now_state)}</span>
            {item.note.clone().map(|n| view! { " "<span class="hint">{n}</span> })}
            {changed.map(|c| view! { <br/><span class="hint">{c}</span> })}
            {(writable && item.kind != EquipmentKind::Unknown).then(|| view! {
                <select aria-label=move || t_string!(i18n, cmd_status) data-testid="item-status" on:change=move |ev| {
                    let n: usize = event_target_value(&ev).parse().unwrap_or(0);
                    set_status(ctx, said, id, STATUSES[n.min(2)]);
                }>
                    {STATUSES.iter().enumerate().map(|(n, s)| view! {
                        <option value=n.to_string() selected=item.status == *s>{words::command::status(locale, *s)}</option>
                    }).collect_view()}
                </select>
            })}
        </li>
    }
}

/// The pool page.
#[component]
pub fn Pool() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = Ctx::new();
    let said = said();
    view! {
        <Tabs/>
        <h1>{t!(i18n, cmd_tab_pool)}</h1>
        <SaidLine said=said/>
        {move || {
            let locale = i18n.get_locale();
            let Some(region) = ctx.region.get() else { return ().into_any() };
            let (org, state) = (ctx.org.get(), ctx.state.get());
            let names = Namer { org: &org, state: &state, locale };
            let bound = Bound::at(&state, liandong_core::time::now());
            let writable = ctx.writable.get();
            region.stations().map(|station| {
                let items: Vec<Equipment> = state.equipment.iter().filter(|e| e.station == station).cloned().collect();
                let (v, e) = pool::counts_with(&state, &bound, Some(station));
                view! {
                    <section class="card" data-testid="pool-station">
                        <h2>{names.station(station)}" "<span class="hint">{fmt::fill(t_string!(i18n, cmd_pool_counts), &[
                            ("vehicles", v.available.to_string()), ("equipment", e.available.to_string()),
                            ("committed", (v.committed + e.committed).to_string()), ("unusable", (v.unusable + e.unusable).to_string()),
                        ])}</span></h2>
                        {groups(items).into_iter().map(|(kind, group)| {
                            let total = group.len();
                            let free = group.iter().filter(|i| pool::state_with(&bound, i) == pool::ItemState::Available).count();
                            let rows = group.into_iter().map(|item| item_row(ctx, said, &names, &bound, item, writable)).collect_view();
                            let head = fmt::fill(t_string!(i18n, cmd_pool_kind), &[
                                ("kind", words::command::equipment_kind(locale, kind).to_owned()),
                                ("total", total.to_string()),
                                ("free", free.to_string()),
                            ]);
                            view! {
                                <details class="pool-kind" open=kind.is_vehicle() || free < total>
                                    <summary data-testid="pool-kind">{head}</summary>
                                    <ul class="plain-list">{rows}</ul>
                                </details>
                            }
                        }).collect_view()}
                    </section>
                }
            }).collect_view().into_any()
        }}
        {move || ctx.writable.get().then(|| view! { <AddItem ctx=ctx said=said/> })}
    }
}

/// Adding an item to the pool.
#[component]
fn AddItem(ctx: Ctx, said: Said) -> impl IntoView {
    let i18n = use_i18n();
    let kind = RwSignal::new(0usize);
    let identifier = RwSignal::new(String::new());
    let station = RwSignal::new(String::new());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(region) = ctx.region.get_untracked() else { return };
        let org = ctx.org.get_untracked();
        let station_id = station
            .with_untracked(|c| org.stations.iter().find(|s| &s.code == c).map(|s| s.id))
            .unwrap_or(region.center);
        let item = Equipment {
            id: RecordId::new(),
            kind: EquipmentKind::ALL.get(kind.get_untracked()).copied().unwrap_or(EquipmentKind::Unknown),
            identifier: identifier.get_untracked().trim().to_owned(),
            station: station_id,
            status: EquipmentStatus::Available,
            changed: data::mark(),
            note: None,
        };
        let result = data::write(&region, |view, _| edit::save_equipment(view, &org, region.id, &item));
        if result.is_ok() {
            identifier.set(String::new());
        }
        said.set(Some(
            result.map(|()| t_string!(i18n, cmd_saved).to_owned()).map_err(|e| fmt::write_failure(i18n, &e)),
        ));
    };
    view! {
        <form class="card form" novalidate on:submit=add data-testid="add-item">
            <h2>{t!(i18n, cmd_add_item)}</h2>
            <div class="row">
                <label>{t!(i18n, cmd_field_kind)}
                    <select on:change=move |ev| kind.set(event_target_value(&ev).parse().unwrap_or(0))>
                        {EquipmentKind::ALL.iter().enumerate().map(|(n, k)| {
                            let k = *k;
                            view! { <option value=n.to_string()>{move || words::command::equipment_kind(i18n.get_locale(), k)}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label>{t!(i18n, cmd_field_identifier)}<input bind:value=identifier data-testid="item-identifier"/></label>
                <label>{t!(i18n, cmd_field_keeper)}
                    <StationSelect ctx=ctx value=station testid="item-station"/>
                </label>
            </div>
            <button class="button" type="submit">{t!(i18n, cmd_add)}</button>
        </form>
    }
}
