//! The wasm exports: a thin layer over the pure core. Values cross as plain JS objects
//! (serde-wasm-bindgen, JSON-compatible: maps become objects). The popup is rendered here too.

mod popup;

use crate::checklist::{Report, Stored};
use crate::{page, Catalog, Snapshot};
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsError::new(&e.to_string()))
}

/// Reads whatever storage held (never fails; see `Stored::recover`), with that value as JSON.
fn stored_from_js(value: JsValue) -> (Stored, serde_json::Value) {
    let json: serde_json::Value = if value.is_undefined() || value.is_null() {
        serde_json::Value::Null
    } else {
        // A value serde cannot even read as JSON (a function, a symbol) counts as garbage.
        serde_wasm_bindgen::from_value(value).unwrap_or(serde_json::Value::Bool(false))
    };
    (Stored::recover(&json), json)
}

/// What to collect on the page at `url`, or null outside every settings area.
#[wasm_bindgen(js_name = pageSpec)]
pub fn page_spec(url: &str) -> Result<JsValue, JsError> {
    match page::spec(Catalog::embedded(), url) {
        Some(spec) => to_js(&spec),
        None => Ok(JsValue::NULL),
    }
}

/// Snapshot → plan (null outside every settings area). A malformed snapshot is an error, not a guess.
#[wasm_bindgen]
pub fn evaluate(snapshot: JsValue) -> Result<JsValue, JsError> {
    let snap: Snapshot = serde_wasm_bindgen::from_value(snapshot).map_err(|e| JsError::new(&format!("malformed snapshot: {e}")))?;
    match crate::evaluate(Catalog::embedded(), &snap) {
        Some(plan) => to_js(&plan),
        None => Ok(JsValue::NULL),
    }
}

#[derive(Serialize)]
struct Recorded {
    stored: Stored,
    exposed: usize,
    /// Whether `stored` differs from what storage held (only then is it written back).
    changed: bool,
}

/// Recovers what storage held, applies `change`, and returns `{stored, exposed, changed}`.
fn record(held: JsValue, change: impl FnOnce(&mut Stored)) -> Result<JsValue, JsError> {
    let catalog = Catalog::embedded();
    let (mut stored, before) = stored_from_js(held);
    change(&mut stored);
    let changed = !stored.is_stored_as(&before);
    let exposed = stored.exposed_count(catalog);
    to_js(&Recorded { stored, exposed, changed })
}

/// Recovers the stored checklist and merges reports into it.
#[wasm_bindgen(js_name = recordReports)]
pub fn record_reports(stored: JsValue, reports: JsValue) -> Result<JsValue, JsError> {
    let reports: Vec<Report> = serde_wasm_bindgen::from_value(reports).map_err(|e| JsError::new(&format!("malformed report: {e}")))?;
    record(stored, |s| s.merge(Catalog::embedded(), &reports))
}

/// The stored checklist without its notice (the person dismissed it).
#[wasm_bindgen(js_name = dismissNotice)]
pub fn dismiss_notice(stored: JsValue) -> Result<JsValue, JsError> {
    record(stored, |s| s.notice = None)
}

/// The guide's step for what the page shows (null when the setting has no guide or the page is
/// not on its platform). A malformed snapshot is an error, not a guess.
#[wasm_bindgen]
pub fn guide(snapshot: JsValue) -> Result<JsValue, JsError> {
    let snap: crate::guide::GuideSnapshot =
        serde_wasm_bindgen::from_value(snapshot).map_err(|e| JsError::new(&format!("malformed guide snapshot: {e}")))?;
    match crate::guide::guide(Catalog::embedded(), &snap) {
        Some(plan) => to_js(&plan),
        None => Ok(JsValue::NULL),
    }
}

/// What the content script collects while a guide is active.
#[wasm_bindgen(js_name = guideProbe)]
pub fn guide_probe() -> String {
    crate::guide::probe()
}

#[derive(Serialize)]
struct GuideStart {
    start: String,
    patterns: Vec<String>,
}

/// Where a setting's guide starts and the host patterns of its platform, or null without a guide.
#[wasm_bindgen(js_name = guideStart)]
pub fn guide_start(setting: &str) -> Result<JsValue, JsError> {
    match crate::guide::start(Catalog::embedded(), setting) {
        Some((start, patterns)) => to_js(&GuideStart { start, patterns }),
        None => Ok(JsValue::NULL),
    }
}

/// Host permission patterns of every supported platform (for `permissions.contains`).
#[wasm_bindgen(js_name = hostPatterns)]
pub fn host_patterns() -> Result<JsValue, JsError> {
    to_js(&Catalog::embedded().host_patterns())
}

/// Renders the checklist into `root`. `t(key, substitutions)` translates UI text (the browser's
/// i18n); `on_action(action, setting, address)` is called for the person's clicks on its buttons.
#[wasm_bindgen(js_name = renderPopup)]
pub fn render_popup(
    root: web_sys::Element,
    stored: JsValue,
    env: JsValue,
    t: js_sys::Function,
    on_action: js_sys::Function,
) -> Result<(), JsError> {
    let env: popup::Env = serde_wasm_bindgen::from_value(env).map_err(|e| JsError::new(&e.to_string()))?;
    popup::render(&root, &stored_from_js(stored).0, &env, t, on_action).map_err(|e| JsError::new(&format!("{e:?}")))
}
