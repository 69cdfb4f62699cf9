//! The popup's checklist, rendered with web-sys from the core's checklist model: one row per known
//! setting with `data-setting` and `data-state`, its last seen time and a button that opens its page.
//! Clicks are delegated to one listener (gloo) that hands the action to the extension's JS.

use crate::checklist::{checklist, Notice, Stored};
use crate::Catalog;
use gloo::events::EventListener;
use serde::Deserialize;
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element};

thread_local! {
    static LISTENER: RefCell<Option<EventListener>> = const { RefCell::new(None) };
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Env {
    pub lang: String,
    /// Host patterns the browser has not granted (Firefox lets people withhold them).
    #[serde(default)]
    pub missing_hosts: Vec<String>,
}

struct Ui<'a> {
    doc: Document,
    t: &'a js_sys::Function,
}

impl Ui<'_> {
    fn text(&self, key: &str, subs: &[&str]) -> String {
        let array = subs.iter().map(|s| JsValue::from_str(s)).collect::<js_sys::Array>();
        self.t.call2(&JsValue::NULL, &JsValue::from_str(key), &array).ok().and_then(|v| v.as_string()).unwrap_or_default()
    }

    fn el(&self, tag: &str, attrs: &[(&str, &str)], text: Option<&str>) -> Result<Element, JsValue> {
        let e = self.doc.create_element(tag)?;
        for (k, v) in attrs {
            e.set_attribute(k, v)?;
        }
        if let Some(text) = text {
            e.set_text_content(Some(text));
        }
        Ok(e)
    }

    /// Creates an element and appends it to `parent`.
    fn add(&self, parent: &Element, tag: &str, attrs: &[(&str, &str)], text: Option<&str>) -> Result<Element, JsValue> {
        let e = self.el(tag, attrs, text)?;
        parent.append_child(&e)?;
        Ok(e)
    }
}

fn state_key(state: &str) -> &'static str {
    match state {
        "opted-in" => "stateOptedIn",
        "opted-out" => "stateOptedOut",
        "unavailable" => "stateUnavailable",
        _ => "stateUnknown",
    }
}

fn seen_text(at: f64, lang: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(at));
    date.to_locale_string(lang, &JsValue::UNDEFINED).into()
}

pub fn render(root: &Element, stored: &Stored, env: &Env, t: js_sys::Function, on_action: js_sys::Function) -> Result<(), JsValue> {
    let doc = root.owner_document().ok_or("no document")?;
    let ui = Ui { doc, t: &t };
    root.set_text_content(None);

    if let Some(notice) = stored.notice {
        let key = match notice {
            Notice::Reset => "noticeReset",
            Notice::Partial => "noticePartial",
        };
        let p = ui.el("p", &[("class", "notice"), ("data-notice", "storage"), ("role", "status")], Some(&ui.text(key, &[])))?;
        ui.add(&p, "button", &[("type", "button"), ("data-action", "dismiss-notice")], Some(&ui.text("ok", &[])))?;
        root.append_child(&p)?;
    }
    if !env.missing_hosts.is_empty() {
        let p = ui.el("p", &[("class", "notice warn"), ("data-notice", "access")], Some(&ui.text("accessMissing", &[])))?;
        ui.add(&p, "button", &[("type", "button"), ("data-action", "grant")], Some(&ui.text("grantAccess", &[])))?;
        root.append_child(&p)?;
    }

    for group in checklist(Catalog::embedded(), stored, &env.lang) {
        let section = ui.el("section", &[("data-platform", &group.platform)], None)?;
        let heading = ui.el("h2", &[], Some(&group.name))?;
        let count = group.exposed.to_string();
        ui.add(&heading, "span", &[("class", "count")], Some(&ui.text("exposedCount", &[&count])))?;
        section.append_child(&heading)?;
        let list = ui.el("ul", &[], None)?;
        for item in &group.items {
            let li = ui.el("li", &[("data-setting", &item.setting), ("data-state", item.state)], None)?;
            ui.add(&li, "span", &[("class", "title")], Some(&item.title))?;
            ui.add(&li, "span", &[("class", "state")], Some(&ui.text(state_key(item.state), &[])))?;
            let seen = match item.seen_at {
                Some(at) => ui.text("seenAt", &[&seen_text(at, &env.lang)]),
                None => ui.text("neverSeen", &[]),
            };
            ui.add(&li, "span", &[("class", "seen")], Some(&seen))?;
            let label = ui.text("openLabel", &[&item.title]);
            let attrs = [
                ("type", "button"),
                ("data-action", "open"),
                ("data-setting", &item.setting),
                ("data-address", &item.address),
                ("aria-label", &label),
            ];
            ui.add(&li, "button", &attrs, Some(&ui.text("open", &[])))?;
            list.append_child(&li)?;
        }
        section.append_child(&list)?;
        root.append_child(&section)?;
    }

    // One delegated listener for every button. A re-render replaces it (dropping a gloo listener removes it).
    let listener = EventListener::new(root, "click", move |event| {
        if !event.is_trusted() {
            return;
        }
        let Some(button) =
            event.target().and_then(|t| t.dyn_into::<Element>().ok()).and_then(|e| e.closest("[data-action]").ok().flatten())
        else {
            return;
        };
        let attr = |name: &str| JsValue::from(button.get_attribute(name).unwrap_or_default());
        let args = js_sys::Array::of3(&attr("data-action"), &attr("data-setting"), &attr("data-address"));
        let _ = on_action.apply(&JsValue::NULL, &args);
    });
    LISTENER.with(|l| *l.borrow_mut() = Some(listener));
    Ok(())
}
