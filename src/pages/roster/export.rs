//! Taking the roster along: a station's or one officer's shifts as an iCalendar file
//! (RFC 5545, for phone calendars) or a CSV file (one row per shift, for spreadsheets),
//! downloaded from the browser, and the print view for the station's wall (the page's
//! print style sheet, `@media print` in style/). The files are in the officer's language
//! ([`crate::words::export`]).

use liandong_core::model::Shift;
use liandong_core::org::Organisation;
use liandong_core::roster::export::{ExportWords, Whose, csv::to_csv, ical::to_ical};
use wasm_bindgen::{JsCast, JsValue};

/// Offers `text` as a file named `name` of type `mime`; the browser's reason if it
/// refuses (the page words it, `roster_export_failed`).
fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let fail = |e: JsValue| format!("{e:?}");
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = leptos::prelude::document();
    let anchor: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(fail)?.dyn_into().map_err(|_| "not an anchor element".to_string())?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Downloads the shifts of `scope` and the `events` (the station's meetings) as
/// `{name}.ics`, in `words`.
pub fn ical(
    org: &Organisation,
    shifts: &[Shift],
    events: &[liandong_core::roster::export::ical::Event],
    scope: Whose,
    name: &str,
    words: &dyn ExportWords,
) -> Result<(), String> {
    let text = to_ical(org, shifts, events, scope, name, liandong_core::time::now(), words);
    download(&format!("{name}.ics"), "text/calendar;charset=utf-8", &text)
}

/// Downloads the shifts of `scope` as `{name}.csv`, in `words`.
pub fn csv(
    org: &Organisation,
    shifts: &[Shift],
    scope: Whose,
    name: &str,
    words: &dyn ExportWords,
) -> Result<(), String> {
    let text = to_csv(org, shifts, scope, words).map_err(|e| e.to_string())?;
    download(&format!("{name}.csv"), "text/csv;charset=utf-8", &text)
}

/// Opens the browser's print dialog (the print style sheet shows only the grid).
pub fn print() {
    let _ = leptos::prelude::window().print();
}
