//! The wasm exports: a thin layer over the pure core. Values cross as plain JS objects: results are
//! written with serde-wasm-bindgen (JSON-compatible: maps become objects), arguments are read as
//! `JsonValue` (JSON's data model, see json_value.rs for why not with serde-wasm-bindgen). The
//! popup is rendered here too. Export names are the JavaScript's (`pageSpec`, `guideProbe`, ...).

#[cfg(feature = "popup")]
mod popup;

#[cfg(feature = "popup")]
use crate::checklist::{History, Receipt, Report, Stored};
use crate::json_value::JsonValue;
#[cfg(feature = "popup")]
use crate::limits::MAX_REPORTS;
use crate::{page, Catalog, Snapshot};
use js_sys::{Array, Object};
use lol_alloc::{FreeListAllocator, LockedAllocator};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The memory allocator: lol_alloc's free list, some hundreds of bytes of wasm where Rust's default
/// (dlmalloc) is some 8 KB. Behind its spin lock, which takes no `unsafe` of ours to share (the wasm
/// has no threads, so the lock is never contended). A block comes aligned as asked, also beyond a
/// 64 KiB page, or null when memory cannot grow.
#[global_allocator]
static ALLOCATOR: LockedAllocator<FreeListAllocator> = LockedAllocator::new(FreeListAllocator::new());

/// A JS error value: errors are thrown as the JS values they are (serde-wasm-bindgen's and the DOM's
/// are JS errors already): formatting them in Rust would link Display and Debug code for nothing.
/// (Not wasm-bindgen's `JsError`, which is made from a Rust error by formatting it.)
type JsErrorValue = JsValue;

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsErrorValue> {
    Ok(value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())?)
}

/// A JS value as JSON data: undefined and null are `Null`, an object is its own enumerable members.
/// None when it holds what JSON cannot (a function, a symbol, a BigInt), anywhere inside.
fn json_value(value: &JsValue) -> Option<JsonValue> {
    Some(if value.is_undefined() || value.is_null() {
        JsonValue::Null
    } else if let Some(b) = value.as_bool() {
        JsonValue::Bool(b)
    } else if let Some(n) = value.as_f64() {
        JsonValue::Number(n)
    } else if let Some(s) = value.as_string() {
        JsonValue::Text(s)
    } else if Array::is_array(value) {
        JsonValue::List(value.unchecked_ref::<Array>().iter().map(|item| json_value(&item)).collect::<Option<_>>()?)
    } else if value.is_object() {
        let entries = Object::entries(value.unchecked_ref());
        let members = entries.iter().map(|pair| {
            let pair: Array = pair.unchecked_into();
            Some((pair.get(0).as_string()?, json_value(&pair.get(1))?))
        });
        JsonValue::Object(members.collect::<Option<_>>()?)
    } else {
        return None;
    })
}

/// Reads an argument as `T`; a value of another shape is an error naming the argument (no detail:
/// formatting serde's messages is what json_value.rs avoids).
fn from_js<T: DeserializeOwned>(value: &JsValue, malformed: &str) -> Result<T, JsErrorValue> {
    json_value(value).and_then(|value| value.read().ok()).ok_or_else(|| JsError::new(malformed).into())
}

/// Reads whatever storage held (never fails; see `Stored::recover`), with that value as read.
#[cfg(feature = "popup")]
fn stored_from_js(value: &JsValue) -> (Stored, JsonValue) {
    // A value that is not JSON data at all counts as garbage.
    let stored = json_value(value).unwrap_or(JsonValue::Bool(false));
    (Stored::recover(&stored), stored)
}

/// The CSS selectors of what to collect on the page at `url`, or null outside every settings area.
#[wasm_bindgen(js_name = pageSpec)]
pub fn page_selectors(url: &str) -> Result<JsValue, JsErrorValue> {
    match page::selectors(Catalog::embedded(), url) {
        Some(selectors) => to_js(&selectors),
        None => Ok(JsValue::NULL),
    }
}

/// Snapshot → plan (null outside every settings area). A malformed snapshot is an error, not a guess;
/// one beyond the limits is cut to them first (`limits.rs`).
#[wasm_bindgen]
pub fn evaluate(snapshot: JsValue) -> Result<JsValue, JsErrorValue> {
    let snap: Snapshot = from_js(&snapshot, "malformed snapshot")?;
    match crate::evaluate(Catalog::embedded(), &snap.capped()) {
        Some(plan) => to_js(&plan),
        None => Ok(JsValue::NULL),
    }
}

#[cfg(feature = "popup")]
#[derive(Serialize)]
struct Recorded {
    stored: Stored,
    exposed: usize,
    /// Whether `stored` differs from what storage held (only then is it written back).
    changed: bool,
    /// The history's receipts of what was recorded (see `historyAdd`).
    readings: Vec<Receipt>,
}

/// Recovers what storage held, applies `change`, and returns `{stored, exposed, changed}`.
#[cfg(feature = "popup")]
fn record(value: JsValue, change: impl FnOnce(&mut Stored)) -> Result<JsValue, JsErrorValue> {
    let (mut stored, before) = stored_from_js(&value);
    change(&mut stored);
    recorded(stored, &before, Vec::new())
}

/// `{stored, exposed, changed, readings}` for a checklist that was `before` in storage.
#[cfg(feature = "popup")]
fn recorded(stored: Stored, before: &JsonValue, readings: Vec<Receipt>) -> Result<JsValue, JsErrorValue> {
    let changed = !stored.is_stored_as(before);
    let exposed = stored.exposed_count(Catalog::embedded());
    to_js(&Recorded { stored, exposed, changed, readings })
}

/// Recovers the stored checklist and records a message's reports in it: `now` is the background's
/// clock and `page_url` the sender's page as the browser names it (`sender.url`), never the
/// message's word. A malformed or refused report is an error, and nothing is recorded. The answer's
/// `readings` are the history's receipts of them (the background adds them with `historyAdd`).
/// Only the extension's own module has it (the background records; pages never do).
#[cfg(feature = "popup")]
#[wasm_bindgen(js_name = recordReports)]
pub fn record_reports(stored: JsValue, reports: JsValue, now: f64, page_url: &str) -> Result<JsValue, JsErrorValue> {
    // Counted before it is read: a list of millions is refused without copying it.
    if !Array::is_array(&reports) || reports.unchecked_ref::<Array>().length() as usize > MAX_REPORTS {
        return Err(JsError::new("malformed report").into());
    }
    let reports: Vec<Report> = from_js(&reports, "malformed report")?;
    let (mut stored, before) = stored_from_js(&stored);
    let was = stored.clone();
    stored.record(Catalog::embedded(), &reports, now, page_url).map_err(|refusal| JsValue::from(JsError::new(refusal.as_str())))?;
    let readings = History::receipts_of(&was, &stored, &reports);
    recorded(stored, &before, readings)
}

/// The stored checklist as recovered (written back only when it was not readable as it was).
#[cfg(feature = "popup")]
#[wasm_bindgen(js_name = recoverChecklist)]
pub fn recover_checklist(stored: JsValue) -> Result<JsValue, JsErrorValue> {
    record(stored, |_| {})
}

/// The stored checklist without its notice (the person dismissed it).
#[cfg(feature = "popup")]
#[wasm_bindgen(js_name = dismissNotice)]
pub fn dismiss_notice(stored: JsValue) -> Result<JsValue, JsErrorValue> {
    record(stored, |s| s.notice = None)
}

/// The guide's step for what the page shows (null when the setting has no guide or the page is
/// not on its platform). A malformed snapshot is an error, not a guess; one beyond the limits is cut
/// to them first.
#[wasm_bindgen]
pub fn guide(snapshot: JsValue) -> Result<JsValue, JsErrorValue> {
    let snap: crate::guide::GuideSnapshot = from_js(&snapshot, "malformed guide snapshot")?;
    match crate::guide::guide(Catalog::embedded(), &snap.capped()) {
        Some(plan) => to_js(&plan),
        None => Ok(JsValue::NULL),
    }
}

/// The CSS selector of what the content script collects while a guide is active.
#[wasm_bindgen(js_name = guideProbe)]
pub fn guide_selector() -> String {
    crate::guide::guide_selector()
}

#[derive(Serialize)]
struct GuideStart {
    start: String,
    patterns: Vec<String>,
}

/// Where a setting's guide starts and the host patterns of its platform, or null without a guide.
#[wasm_bindgen(js_name = guideStart)]
pub fn guide_start(setting: &str) -> Result<JsValue, JsErrorValue> {
    match crate::guide::start(Catalog::embedded(), setting) {
        Some((start, patterns)) => to_js(&GuideStart { start, patterns }),
        None => Ok(JsValue::NULL),
    }
}

/// Host permission patterns of every supported platform. Only the popup's module has it: the pages'
/// module (content script, background) never asks, and its size is budgeted.
#[cfg(feature = "popup")]
#[wasm_bindgen(js_name = hostPatterns)]
pub fn host_patterns() -> Result<JsValue, JsErrorValue> {
    to_js(&Catalog::embedded().host_patterns())
}

/// Renders the checklist into `root`. `t(key, substitutions)` translates UI text (the browser's
/// i18n); `on_action(action, setting, address)` is called for the person's clicks on its buttons.
#[cfg(feature = "popup")]
#[wasm_bindgen(js_name = renderPopup)]
pub fn render_popup(
    root: web_sys::Element,
    stored: JsValue,
    env: JsValue,
    t: js_sys::Function,
    on_action: js_sys::Function,
) -> Result<(), JsErrorValue> {
    let env: popup::Env = from_js(&env, "malformed popup environment")?;
    popup::render(&root, &stored_from_js(&stored).0, &env, t, on_action)
}

// ---- The history, the badge and the preferences: the background's and the options page's ----

#[cfg(feature = "popup")]
#[derive(Serialize)]
struct HistoryWrite {
    history: History,
    /// Whether `history` differs from what storage held (only then is it written back).
    changed: bool,
}

#[cfg(feature = "popup")]
fn history_from_js(value: &JsValue) -> (History, JsonValue) {
    let stored = json_value(value).unwrap_or(JsonValue::Bool(false));
    (History::recover(&stored), stored)
}

#[cfg(feature = "popup")]
fn history_write(history: History, before: &JsonValue) -> Result<JsValue, JsErrorValue> {
    let changed = !history.is_stored_as(before);
    to_js(&HistoryWrite { history, changed })
}

/// Recovers the stored history and adds `readings` (what `recordReports` answered): `{history, changed}`.
/// A reading that is not a well-formed receipt is left out.
#[cfg(feature = "popup")]
#[wasm_bindgen(js_name = historyAdd)]
pub fn history_add(stored: JsValue, readings: JsValue) -> Result<JsValue, JsErrorValue> {
    let (mut history, before) = history_from_js(&stored);
    if let Some(JsonValue::List(list)) = json_value(&readings) {
        history.add(list.iter().filter_map(Receipt::read));
    }
    history_write(history, &before)
}

/// The stored history as recovered, or emptied (`clear`), or without its notice (`dismiss`): `{history, changed}`.
#[cfg(feature = "popup")]
#[wasm_bindgen(js_name = historyRecover)]
pub fn history_recover(stored: JsValue, change: &str) -> Result<JsValue, JsErrorValue> {
    let (mut history, before) = history_from_js(&stored);
    match change {
        "clear" => history = History::empty(),
        "dismiss" => history.notice = None,
        _ => {}
    }
    history_write(history, &before)
}

#[cfg(feature = "popup")]
#[derive(Serialize)]
struct HistoryView {
    receipts: Vec<crate::checklist::ReceiptView>,
    notice: Option<crate::checklist::Notice>,
    csv: String,
    /// [setting id, its title in `lang`] for the settings the receipts name that the rules know.
    titles: Vec<(String, String)>,
}

/// The history as the options page shows and exports it: `{receipts (newest first, ISO times),
/// notice, csv, titles}`.
#[cfg(feature = "popup")]
#[wasm_bindgen(js_name = historyView)]
pub fn history_view(stored: JsValue, lang: &str) -> Result<JsValue, JsErrorValue> {
    let (history, _) = history_from_js(&stored);
    let mut titles: Vec<(String, String)> = Vec::new();
    for r in &history.receipts {
        if titles.iter().any(|(id, _)| *id == r.setting) {
            continue;
        }
        if let Some((_, s)) = Catalog::embedded().settings().find(|(_, s)| s.id == r.setting) {
            titles.push((r.setting.clone(), crate::catalog::first_variant(&s.titles, lang).to_string()));
        }
    }
    to_js(&HistoryView { receipts: history.views(), notice: history.notice, csv: history.csv(), titles })
}

/// The person's preferences as read (defaults for anything missing or not offered).
#[cfg(feature = "popup")]
#[wasm_bindgen(js_name = readPreferences)]
pub fn read_preferences(stored: JsValue) -> Result<JsValue, JsErrorValue> {
    to_js(&crate::checklist::Preferences::read(&json_value(&stored).unwrap_or(JsonValue::Null)))
}

/// The badge for the stored checklist at `now` (the background's clock, or a test's), with the
/// stored preferences and platform choices (`{<id>: false}` disables one), in `lang`.
#[cfg(feature = "popup")]
#[wasm_bindgen(js_name = badge)]
pub fn badge(stored: JsValue, now: f64, preferences: JsValue, platforms: JsValue, lang: &str) -> Result<JsValue, JsErrorValue> {
    let (stored, _) = stored_from_js(&stored);
    let days = crate::checklist::Preferences::read(&json_value(&preferences).unwrap_or(JsonValue::Null)).reminder_days;
    let disabled: Vec<String> = match json_value(&platforms) {
        Some(JsonValue::Object(members)) => {
            members.into_iter().filter(|(_, on)| matches!(on, JsonValue::Bool(false))).map(|(id, _)| id).collect()
        }
        _ => Vec::new(),
    };
    to_js(&crate::checklist::badge(Catalog::embedded(), &stored, now, days, &disabled, lang))
}
