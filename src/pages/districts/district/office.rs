//! A district's office (警务室): its address, hours and phone, the resident officer, the
//! poster, and the form that opens or edits it.

use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::districts::OfficeInput;
use liandong_core::districts::edit::{assign_resident, clear_residents, set_office};
use liandong_core::model::{Office, Officer};

use super::super::anchor;
use super::super::data::{self, Place};
use super::super::poster::Poster;
use super::super::said::Said;
use crate::components::fmt;
use crate::i18n::*;

/// The office's state on the card: the form open or not, which office it saves (`Some`
/// edits it, `None` opens a new one for the district, taking the district over from an
/// office it shares with others), the fields, and the disclosure card shown or not. Created
/// by the card outside its re-rendering view, so a sync that redraws the card keeps it.
#[derive(Clone, Copy)]
pub struct OfficeEditing {
    /// Whether the form is shown.
    pub open: RwSignal<bool>,
    /// The office saved, or `None` for a new one.
    pub target: RwSignal<Option<RecordId>>,
    /// The fields as typed.
    pub form: RwSignal<OfficeInput>,
    /// Whether the disclosure card is shown.
    pub poster: RwSignal<bool>,
}

impl OfficeEditing {
    /// A closed form.
    pub fn new() -> Self {
        Self {
            open: RwSignal::new(false),
            target: RwSignal::new(None),
            form: RwSignal::new(OfficeInput::default()),
            poster: RwSignal::new(false),
        }
    }

    /// Opens the form on `form`, saving into `target`.
    fn start(self, target: Option<RecordId>, form: OfficeInput) {
        self.form.set(form);
        self.target.set(target);
        self.open.set(true);
    }

    /// Opens the form for a new office named `name`.
    fn start_new(self, name: String) {
        self.start(None, OfficeInput { name, ..Default::default() });
    }
}

/// The office of a district: shown with its resident (a station head picks one), or, when
/// the district has none, a warning and "open an office".
#[component]
pub fn OfficeBlock(
    ctx: data::Context,
    office: Option<Office>,
    residents: Vec<RecordId>,
    candidates: Vec<Officer>,
    default_name: String,
    editing: OfficeEditing,
) -> impl IntoView {
    let i18n = use_i18n();
    let writable = ctx.writable;
    let Some(x) = office else {
        return view! {
            <div class="office missing">
                <p class="warn">{t!(i18n, office_missing)}</p>
                <Show when=move || writable.get()>
                    <button class="button plain small" on:click={
                        let name = default_name.clone();
                        move |_| editing.start_new(name.clone())
                    }>{t!(i18n, office_open)}</button>
                </Show>
            </div>
        }
        .into_any();
    };
    let office_id = x.id;
    let shared = x.districts.len() > 1;
    let form = OfficeInput {
        name: x.name.clone(),
        address: x.address.clone().unwrap_or_default(),
        phone: x.phone.clone().unwrap_or_default(),
        residency_hours: x.residency_hours.clone().unwrap_or_default(),
    };
    let poster = editing.poster;
    let details = [&x.address, &x.residency_hours, &x.phone].map(|v| v.clone().unwrap_or_default()).join(" · ");
    view! {
        <div class="office" id=anchor(office_id) data-testid="office">
            <p><strong>{x.name.clone()}</strong>" "<span class="hint">{details}</span></p>
            <ResidentPick ctx office=office_id residents candidates/>
            <Said ctx=ctx place=Place::Office(office_id)/>
            <button class="button plain small" on:click=move |_| poster.update(|p| *p = !*p)>{t!(i18n, office_poster)}</button>
            {move || poster.get().then(|| view! { <Poster ctx=ctx office=office_id/> })}
            <Show when=move || writable.get()>
                <button class="button plain small" on:click={
                    let form = form.clone();
                    move |_| editing.start(Some(office_id), form.clone())
                }>{t!(i18n, office_edit)}</button>
                {shared.then(|| {
                    let name = default_name.clone();
                    view! { <button class="button plain small" on:click=move |_| editing.start_new(name.clone())>{t!(i18n, office_own)}</button> }
                })}
            </Show>
        </div>
    }
    .into_any()
}

/// The resident officer of `office`, among everyone on the station's strength (a deputy
/// head may be resident too); a refused choice puts the select back on the resident there
/// is.
#[component]
fn ResidentPick(
    ctx: data::Context,
    office: RecordId,
    residents: Vec<RecordId>,
    candidates: Vec<Officer>,
) -> impl IntoView {
    let i18n = use_i18n();
    let writable = ctx.writable;
    let current = residents.first().map(ToString::to_string).unwrap_or_default();
    let pick = move |ev: leptos::ev::Event| {
        let officer = event_target_value(&ev);
        let written = ctx.at(Place::Office(office)).apply(i18n, |o| match officer.parse::<RecordId>() {
            Ok(officer) => assign_resident(o, office, officer),
            Err(_) => clear_residents(o, office),
        });
        if !written && let Some(select) = ev.target() {
            let _ = js_sys::Reflect::set(&select, &"value".into(), &current.clone().into());
        }
    };
    view! {
        <label>{t!(i18n, office_resident)}
            <select data-testid="resident" disabled=move || !writable.get() on:change=pick>
                <option value="" selected=residents.is_empty()>{t!(i18n, office_no_resident)}</option>
                {candidates.iter().map(|c| {
                    let here = residents.contains(&c.id);
                    view! { <option value=c.id.to_string() selected=here>{fmt::officer(i18n, &c.name, &c.badge_number)}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

/// The form that opens or edits the district's office; closes once written.
#[component]
pub fn OfficeForm(ctx: data::Context, district: RecordId, editing: OfficeEditing) -> impl IntoView {
    let i18n = use_i18n();
    let form = editing.form;
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = form.get_untracked();
        let target = editing.target.get_untracked();
        if ctx.at(Place::OfficeForm(district)).apply(i18n, |o| set_office(o, district, target, &input)) {
            editing.open.set(false);
        }
    };
    view! {
        <form class="form" on:submit=save data-testid="office-form">
            <label>{t!(i18n, office_name)}<input type="text" prop:value=move || form.with(|f| f.name.clone()) on:input=move |ev| form.update(|f| f.name = event_target_value(&ev))/></label>
            <label>{t!(i18n, office_address)}<input type="text" prop:value=move || form.with(|f| f.address.clone()) on:input=move |ev| form.update(|f| f.address = event_target_value(&ev))/></label>
            <label>{t!(i18n, office_hours)}<input type="text" prop:value=move || form.with(|f| f.residency_hours.clone()) on:input=move |ev| form.update(|f| f.residency_hours = event_target_value(&ev))/></label>
            <label>{t!(i18n, office_phone)}<input type="tel" prop:value=move || form.with(|f| f.phone.clone()) on:input=move |ev| form.update(|f| f.phone = event_target_value(&ev))/></label>
            <div class="row">
                <button type="submit" class="button">{t!(i18n, office_save)}</button>
                <button type="button" class="button plain" on:click=move |_| editing.open.set(false)>{t!(i18n, roster_close)}</button>
            </div>
        </form>
    }
}
