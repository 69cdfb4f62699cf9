//! The popup's checklist, rendered with web-sys from the core's checklist model: one row per known
//! setting with `data-setting` and `data-state`, its last seen time and a button that opens its page.
//! Clicks are delegated to one listener (gloo) that hands the action to the extension's JS.

use crate::checklist::{checklist, CardView, EmailView, Group, ItemState, Notice, Stored, Verified};
use crate::rules::{CardKind, Position};
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
    /// Platforms whose group the person collapsed (kept by popup.js).
    #[serde(default)]
    pub collapsed: Vec<String>,
    /// Platforms whose re-check is due (the background's reminders), with when they were last read.
    #[serde(default)]
    pub due: Vec<DueEnv>,
    /// Which platforms are on (the background's `platforms-get`): a platform listed here as off gets
    /// the button that switches it on. A platform not listed (one without sites: a card only) is shown as is.
    #[serde(default)]
    pub platforms: Vec<PlatformAccess>,
    /// The last or current Check now / Turn off all (storage.session `batch`, as popup.js hands it).
    #[serde(default)]
    pub batch: Option<BatchRun>,
    /// The platform whose Turn off all the person is being asked to confirm.
    #[serde(default)]
    pub confirming: Option<String>,
}

/// A batch run as the popup shows it (extension/batch.js keeps it).
#[derive(Deserialize)]
pub struct BatchRun {
    /// `check` or `turn-off`.
    pub kind: String,
    pub platform: String,
    /// `running`, `done`, `cancelled`, `signed-out` or `failed`.
    pub status: String,
    /// Steps done and planned: pages for a check, settings for a turn-off.
    pub done: f64,
    pub total: f64,
    #[serde(default)]
    pub outcomes: Vec<BatchOutcome>,
    #[serde(default)]
    pub message: Option<String>,
}

/// What a run did with one setting.
#[derive(Deserialize)]
pub struct BatchOutcome {
    pub setting: String,
    /// `read`, `turned-off`, `already-off`, `failed`, `unavailable` or `not-found`.
    pub outcome: String,
    /// A failure's own words on the page (its alert), or the content script's message, or why.
    #[serde(default)]
    pub words: Option<String>,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Deserialize)]
pub struct DueEnv {
    pub platform: String,
    pub last: f64,
}

/// A platform's access as the popup needs it.
#[derive(Deserialize)]
pub struct PlatformAccess {
    pub id: String,
    pub enabled: bool,
    /// The match patterns the browser will be asked for.
    #[serde(default)]
    pub hosts: Vec<String>,
}

/// A match pattern as a person reads it: `https://www.facebook.com/help/contact/1*` is
/// `www.facebook.com/help/contact/1`, `https://x.com/*` is `x.com`.
fn site_text(pattern: &str) -> &str {
    let bare = pattern.strip_prefix("https://").unwrap_or(pattern).trim_end_matches('*');
    bare.strip_suffix('/').unwrap_or(bare)
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

fn state_key(state: ItemState, protective: Position) -> &'static str {
    match state {
        ItemState::OptedIn => "stateOptedIn",
        // Where "on" protects (Tumblr's "Prevent third-party sharing"), protected reads "On: protected".
        ItemState::OptedOut if protective == Position::On => "stateProtectedOn",
        ItemState::OptedOut => "stateOptedOut",
        ItemState::Unavailable => "stateUnavailable",
        ItemState::Unknown => "stateUnknown",
    }
}

fn seen_text(at: f64, lang: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(at));
    date.to_locale_string(lang, &JsValue::UNDEFINED).into()
}

fn day_text(at: f64, lang: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(at));
    date.to_locale_date_string(lang, &JsValue::UNDEFINED).into()
}

/// How a row's state was read, as `data-verified` writes it.
fn verified_name(verified: Verified) -> &'static str {
    match verified {
        Verified::ReadBack => "read-back",
        Verified::FreshLoad => "fresh-load",
    }
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
        let section = render_group(&ui, &group, env)?;
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
        let attr = |name: &str| button.get_attribute(name).unwrap_or_default();
        if attr("data-action") == "toggle" {
            toggle(&button);
        }
        // The second argument names what the button concerns: a setting, or a platform's group.
        let subject = button.get_attribute("data-setting").unwrap_or_else(|| attr("data-platform"));
        let args = js_sys::Array::of3(&attr("data-action").into(), &subject.into(), &attr("data-address").into());
        let _ = on_action.apply(&JsValue::NULL, &args);
    });
    LISTENER.with(|l| *l.borrow_mut() = Some(listener));
    Ok(())
}

/// Opens or closes a platform's group in place (no re-render: focus stays on the button).
fn toggle(button: &Element) {
    let expanded = button.get_attribute("aria-expanded").as_deref() == Some("true");
    let _ = button.set_attribute("aria-expanded", if expanded { "false" } else { "true" });
    let body = button.get_attribute("aria-controls").and_then(|id| button.owner_document()?.get_element_by_id(&id));
    if let Some(body) = body {
        let _ = if expanded { body.set_attribute("hidden", "") } else { body.remove_attribute("hidden") };
    }
}

/// One platform: a heading button that opens and closes the group (with its count), then its
/// settings, exposed first, or its card when it has no switch.
fn render_group(ui: &Ui, group: &Group, env: &Env) -> Result<Element, JsValue> {
    let kind = group.card.as_ref().map_or("settings", |c| c.kind.as_str());
    let section = ui.el("section", &[("data-platform", &group.platform), ("data-kind", kind)], None)?;
    let body_id = format!("group-{}", group.platform);
    let expanded = !env.collapsed.contains(&group.platform);
    let heading = ui.add(&section, "h2", &[], None)?;
    let toggle_attrs = [
        ("type", "button"),
        ("class", "toggle"),
        ("data-action", "toggle"),
        ("data-platform", &group.platform),
        ("aria-expanded", if expanded { "true" } else { "false" }),
        ("aria-controls", &body_id),
    ];
    let button = ui.add(&heading, "button", &toggle_attrs, None)?;
    ui.add(&button, "span", &[("class", "name")], Some(&group.name))?;
    // A platform that is off: which sites switching it on asks for, and the button (outside the
    // group's collapsible body, so it is always there). Its rows and card stay, as last seen.
    if let Some(access) = env.platforms.iter().find(|p| p.id == group.platform && !p.enabled) {
        section.set_attribute("data-enabled", "false")?;
        let text_id = format!("enable-{}", group.platform);
        let sites = access.hosts.iter().map(|h| site_text(h)).collect::<Vec<_>>().join(", ");
        let div = ui.add(&section, "div", &[("class", "enable"), ("data-enable", "")], None)?;
        ui.add(&div, "p", &[("id", &text_id)], Some(&ui.text("platformOffAsks", &[&sites])))?;
        let attrs = [("type", "button"), ("data-action", "enable"), ("data-platform", &group.platform), ("aria-describedby", &text_id)];
        ui.add(&div, "button", &attrs, Some(&ui.text("platformEnable", &[&group.name])))?;
    }
    let count = match group.card.as_ref().map(|c| c.kind) {
        Some(CardKind::ObjectionForm) => ui.text("countObjectionForm", &[]),
        Some(CardKind::NoOptOut) => ui.text("countNoOptOut", &[]),
        Some(CardKind::EmailRequest) => ui.text("countEmailRequest", &[]),
        None => ui.text("exposedCount", &[&group.exposed.to_string()]),
    };
    ui.add(&button, "span", &[("class", "count"), ("data-count", &group.exposed.to_string())], Some(&count))?;
    let body = ui.add(&section, "div", &[("id", &body_id), ("class", "body")], None)?;
    if !expanded {
        body.set_attribute("hidden", "")?;
    }
    if let Some(card) = &group.card {
        render_card(ui, &body, card)?;
    }
    // A re-check is due: it says so, and when the platform was last read (OptOut itself opens nothing).
    if let Some(due) = env.due.iter().find(|d| d.platform == group.platform) {
        let text = ui.text("reminderDue", &[&group.name, &day_text(due.last, &env.lang)]);
        ui.add(&body, "p", &[("class", "due"), ("data-reminder", "due"), ("role", "status")], Some(&text))?;
    }
    if group.items.is_empty() {
        return Ok(section);
    }
    // Check now and Turn off all only for a platform that is on: one that is off offers to switch it on
    // instead (a run there could read nothing, and would ask for its sites behind another button's back).
    if !env.platforms.iter().any(|p| p.id == group.platform && !p.enabled) {
        render_batch(ui, &body, group, env)?;
    }
    let list = ui.add(&body, "ul", &[], None)?;
    for item in &group.items {
        let li = ui.add(&list, "li", &[("data-setting", &item.setting), ("data-state", item.state.as_str())], None)?;
        // How the state shown was read; and a Turn off the site did not keep (`data-stuck="no"`).
        if let Some(verified) = item.verified {
            li.set_attribute("data-verified", verified_name(verified))?;
        }
        if item.did_not_stick.is_some() {
            li.set_attribute("data-stuck", "no")?;
        }
        if item.turned_back_on.is_some() {
            li.set_attribute("data-drift", "turned-back-on")?;
        }
        ui.add(&li, "span", &[("class", "title")], Some(&item.title))?;
        ui.add(&li, "span", &[("class", "state")], Some(&ui.text(state_key(item.state, item.protective), &[])))?;
        let seen = match item.seen_at {
            Some(at) => ui.text("seenAt", &[&seen_text(at, &env.lang)]),
            None => ui.text("neverSeen", &[]),
        };
        ui.add(&li, "span", &[("class", "seen")], Some(&seen))?;
        let on = item.protective == Position::On;
        if let Some(shown_off) = item.did_not_stick {
            ui.add(
                &li,
                "p",
                &[("class", "stuck"), ("data-stuck-note", "")],
                Some(&ui.text(if on { "didNotStickOn" } else { "didNotStick" }, &[&day_text(shown_off, &env.lang)])),
            )?;
        } else if let Some(drift) = item.turned_back_on {
            let text = ui.text("turnedBackOn", &[&day_text(drift.off, &env.lang), &day_text(drift.since, &env.lang)]);
            ui.add(&li, "p", &[("class", "stuck"), ("data-drift-note", "")], Some(&text))?;
        } else if item.state == ItemState::OptedOut && item.verified == Some(Verified::ReadBack) {
            ui.add(&li, "p", &[("class", "verified")], Some(&ui.text(if on { "verifiedReadBackOn" } else { "verifiedReadBack" }, &[])))?;
        }
        // Each blog or site has its own switch: the row says which one its state is of.
        if let Some(per) = item.per {
            let blogs = per == "per-blog";
            let text = match &item.seen_for {
                Some(name) => ui.text(if blogs { "instanceSeenBlog" } else { "instanceSeenSite" }, &[name]),
                None => ui.text(if blogs { "instanceEachBlog" } else { "instanceEachSite" }, &[]),
            };
            ui.add(&li, "p", &[("class", "instance"), ("data-instance", item.seen_for.as_deref().unwrap_or(""))], Some(&text))?;
        }
        if item.state == ItemState::Unavailable {
            let reasons = ui.add(&li, "div", &[("class", "reasons"), ("data-reasons", "")], None)?;
            if item.reasons.is_empty() {
                ui.add(&reasons, "p", &[], Some(&ui.text("reasonUnknown", &[])))?;
            } else {
                ui.add(&reasons, "p", &[], Some(&ui.text("reasonLikely", &[])))?;
                let ul = ui.add(&reasons, "ul", &[], None)?;
                for reason in &item.reasons {
                    ui.add(&ul, "li", &[], Some(reason))?;
                }
            }
        }
        let actions = ui.add(&li, "span", &[("class", "actions")], None)?;
        if item.guide && item.state != ItemState::OptedOut {
            let label = ui.text("guideLabel", &[&item.title]);
            let attrs = [("type", "button"), ("data-action", "guide"), ("data-setting", &item.setting), ("aria-label", &label)];
            ui.add(&actions, "button", &attrs, Some(&ui.text("guide", &[])))?;
        }
        let label = ui.text("openLabel", &[&item.title]);
        let attrs = [
            ("type", "button"),
            ("data-action", "open"),
            ("data-setting", &item.setting),
            ("data-address", &item.address),
            ("aria-label", &label),
        ];
        ui.add(&actions, "button", &attrs, Some(&ui.text("open", &[])))?;
    }
    render_outcomes(ui, &body, group, env)?;
    Ok(section)
}

/// A platform's Check now and Turn off all: the buttons, or the run's progress with Stop, or the
/// confirmation of what Turn off all will change, or how the last run ended.
fn render_batch(ui: &Ui, body: &Element, group: &Group, env: &Env) -> Result<(), JsValue> {
    let platform = group.platform.as_str();
    let div = ui.add(body, "div", &[("class", "batch"), ("data-batch", platform)], None)?;
    let run = env.batch.as_ref().filter(|run| run.platform == platform);
    if let Some(run) = run.filter(|run| run.status == "running") {
        let (label, progress) = if run.kind == "check" {
            (ui.text("batchChecking", &[&group.name]), "batchPagesProgress")
        } else {
            (ui.text("batchTurningOff", &[&group.name]), "batchSettingsProgress")
        };
        let (done, total) = (run.done.max(0.0).min(run.total.max(0.0)).to_string(), run.total.max(0.0).to_string());
        let text = ui.text(progress, &[&done, &total]);
        ui.add(&div, "p", &[("class", "label"), ("id", &format!("batch-label-{platform}"))], Some(&label))?;
        let bar_attrs = [
            ("role", "progressbar"),
            ("aria-valuemin", "0"),
            ("aria-valuenow", done.as_str()),
            ("aria-valuemax", total.as_str()),
            ("aria-valuetext", text.as_str()),
            ("aria-labelledby", &format!("batch-label-{platform}")),
            ("class", "progress"),
        ];
        let bar = ui.add(&div, "div", &bar_attrs, None)?;
        let width = if run.total > 0.0 { (run.done / run.total * 100.0).clamp(0.0, 100.0) } else { 0.0 };
        ui.add(&bar, "span", &[("class", "fill"), ("style", &format!("width: {width:.0}%"))], None)?;
        ui.add(&div, "p", &[("class", "count"), ("data-progress", "")], Some(&text))?;
        ui.add(
            &div,
            "button",
            &[("type", "button"), ("data-action", "stop"), ("data-platform", platform)],
            Some(&ui.text("batchStop", &[])),
        )?;
        return Ok(());
    }
    let actions = ui.add(&div, "div", &[("class", "row")], None)?;
    // Check now where a run can read something (not where each blog or site has its own page).
    if group.items.iter().any(|i| i.batch_check) {
        let check_label = ui.text("batchCheckLabel", &[&group.name]);
        let check = [("type", "button"), ("data-action", "check"), ("data-platform", platform), ("aria-label", check_label.as_str())];
        ui.add(&actions, "button", &check, Some(&ui.text("batchCheck", &[])))?;
    }
    let (included, excluded) = group.turn_off_all();
    if group.exposed > 0 {
        let label = ui.text("batchTurnOffAllLabel", &[&group.name]);
        let attrs = [("type", "button"), ("data-action", "turn-off-all"), ("data-platform", platform), ("aria-label", label.as_str())];
        ui.add(&actions, "button", &attrs, Some(&ui.text("batchTurnOffAll", &[])))?;
    }
    if env.confirming.as_deref() == Some(platform) && group.exposed > 0 {
        let id = format!("confirm-{platform}");
        let confirm =
            ui.add(&div, "div", &[("class", "confirm"), ("data-confirm", platform), ("role", "group"), ("aria-labelledby", &id)], None)?;
        if included.is_empty() {
            ui.add(&confirm, "p", &[("id", &id)], Some(&ui.text("batchNothingToChange", &[])))?;
        } else {
            ui.add(&confirm, "p", &[("id", &id), ("class", "label")], Some(&ui.text("batchConfirmTitle", &[&group.name])))?;
            let ul = ui.add(&confirm, "ul", &[], None)?;
            for item in &included {
                ui.add(&ul, "li", &[("data-setting", &item.setting)], Some(&item.title))?;
            }
            ui.add(&confirm, "p", &[("class", "note")], Some(&ui.text("batchConfirmNote", &[])))?;
        }
        if !excluded.is_empty() {
            let names: Vec<&str> = excluded.iter().map(|i| i.title.as_str()).collect();
            ui.add(
                &confirm,
                "p",
                &[("class", "note"), ("data-not-included", "")],
                Some(&ui.text("batchNotIncluded", &[&names.join(", ")])),
            )?;
        }
        let row = ui.add(&confirm, "div", &[("class", "row")], None)?;
        if !included.is_empty() {
            let ids: Vec<&str> = included.iter().map(|i| i.setting.as_str()).collect();
            let attrs = [
                ("type", "button"),
                ("data-action", "confirm"),
                ("data-platform", platform),
                ("data-settings", &ids.join(" ")),
                ("class", "primary"),
            ];
            ui.add(&row, "button", &attrs, Some(&ui.text("batchConfirm", &[])))?;
        }
        ui.add(
            &row,
            "button",
            &[("type", "button"), ("data-action", "cancel"), ("data-platform", platform)],
            Some(&ui.text("batchCancel", &[])),
        )?;
    }
    // How the last run on this platform ended.
    if let Some(run) = run {
        let (key, role) = match run.status.as_str() {
            "signed-out" => ("batchSignedOut", "alert"),
            "cancelled" => ("batchStopped", "status"),
            "failed" => ("batchRunFailed", "alert"),
            _ if run.kind == "check" => ("batchChecked", "status"),
            _ => ("batchTurnedOffSummary", "status"),
        };
        let read = run.outcomes.iter().filter(|o| o.outcome == "read").count().to_string();
        let turned = run.outcomes.iter().filter(|o| o.outcome == "turned-off").count().to_string();
        let of = group.items.len().to_string();
        let subs: Vec<&str> = match key {
            "batchSignedOut" => vec![&group.name],
            "batchRunFailed" => vec![run.message.as_deref().unwrap_or("")],
            "batchChecked" => vec![&read, &of],
            "batchTurnedOffSummary" => vec![&turned, &group.name],
            _ => vec![],
        };
        let mut text = ui.text(key, &subs);
        if run.status == "cancelled" {
            if let Some(message) = &run.message {
                text = format!("{text} {message}");
            }
        }
        ui.add(&div, "p", &[("class", "result"), ("data-batch-status", &run.status), ("role", role)], Some(&text))?;
    }
    Ok(())
}

/// Each setting's outcome of the platform's last Turn off all: turned off, already off, failed (with
/// the page's own words), unavailable, not found.
fn render_outcomes(ui: &Ui, body: &Element, group: &Group, env: &Env) -> Result<(), JsValue> {
    let Some(run) = env.batch.as_ref().filter(|run| run.platform == group.platform && run.kind == "turn-off") else { return Ok(()) };
    if run.outcomes.is_empty() {
        return Ok(());
    }
    let div = ui.add(body, "div", &[("class", "outcomes"), ("data-outcomes", &group.platform)], None)?;
    ui.add(&div, "p", &[("class", "label")], Some(&ui.text("batchOutcomesTitle", &[])))?;
    let ul = ui.add(&div, "ul", &[], None)?;
    for outcome in &run.outcomes {
        let title = group.items.iter().find(|i| i.setting == outcome.setting).map_or(outcome.setting.as_str(), |i| i.title.as_str());
        let text = match outcome.outcome.as_str() {
            "turned-off" => ui.text("batchOutcomeTurnedOff", &[]),
            "already-off" => ui.text("batchOutcomeAlreadyOff", &[]),
            "unavailable" => ui.text("batchOutcomeUnavailable", &[]),
            "failed" => match (&outcome.words, &outcome.message, outcome.reason.as_deref()) {
                (Some(words), _, _) => ui.text("batchOutcomeFailedWords", &[words]),
                (_, _, Some("did-not-stick")) => ui.text("batchOutcomeDidNotStick", &[]),
                (_, Some(message), _) => ui.text("batchOutcomeFailedBecause", &[message]),
                _ => ui.text("batchOutcomeFailed", &[]),
            },
            _ => ui.text("batchOutcomeNotFound", &[]),
        };
        let li = ui.add(&ul, "li", &[("data-outcome", &outcome.outcome), ("data-outcome-of", &outcome.setting)], None)?;
        ui.add(&li, "span", &[("class", "title")], Some(title))?;
        ui.add(&li, "span", &[("class", "state")], Some(&text))?;
    }
    Ok(())
}

/// The card of a platform without a switch: what it does, who can object and where, its sources.
fn render_card(ui: &Ui, body: &Element, card: &CardView) -> Result<(), JsValue> {
    let div = ui.add(body, "div", &[("class", "card"), ("data-card", card.kind.as_str())], None)?;
    ui.add(&div, "p", &[("class", "summary")], Some(&card.summary))?;
    if let Some(who) = &card.who {
        ui.add(&div, "p", &[("class", "who")], Some(who))?;
    }
    if !card.forms.is_empty() {
        let ul = ui.add(&div, "ul", &[("class", "forms")], None)?;
        for (name, url) in &card.forms {
            let li = ui.add(&ul, "li", &[], None)?;
            let attrs = [("type", "button"), ("data-action", "open"), ("data-address", url.as_str()), ("data-form", url.as_str())];
            ui.add(&li, "button", &attrs, Some(&ui.text("openForm", &[name])))?;
        }
    }
    if let Some(email) = &card.email {
        render_email(ui, &div, email)?;
    }
    // The sources as links a person can open, each with the date it was checked.
    let sources = ui.add(&div, "div", &[("class", "source"), ("data-sources", "")], None)?;
    ui.add(&sources, "p", &[], Some(&ui.text("cardSources", &[])))?;
    let ul = ui.add(&sources, "ul", &[], None)?;
    for source in &card.sources {
        let li = ui.add(&ul, "li", &[], None)?;
        let label = ui.text("sourceLabel", &[&source.site, &source.checked]);
        let attrs = [
            ("type", "button"),
            ("data-action", "open"),
            ("data-address", source.address.as_str()),
            ("data-source", source.checked.as_str()),
            ("aria-label", label.as_str()),
        ];
        ui.add(&li, "button", &attrs, Some(&ui.text("sourceLink", &[&source.site, &source.checked])))?;
    }
    Ok(())
}

/// An email request: the address and the subject, each with a button that copies it (popup.js does
/// the copying and says in `[data-copy-status]` whether it worked). OptOut writes and sends nothing.
fn render_email(ui: &Ui, div: &Element, email: &EmailView) -> Result<(), JsValue> {
    let box_ = ui.add(div, "div", &[("class", "email"), ("data-email", "")], None)?;
    for (part, label, value, copy) in
        [("address", "emailAddress", &email.address, "copyAddress"), ("subject", "emailSubject", &email.subject, "copySubject")]
    {
        let p = ui.add(&box_, "p", &[], None)?;
        ui.add(&p, "span", &[("class", "label")], Some(&ui.text(label, &[])))?;
        p.append_with_str_1(" ")?;
        ui.add(&p, "code", &[(&format!("data-email-{part}"), "")], Some(value))?;
        p.append_with_str_1(" ")?;
        let attrs = [("type", "button"), ("data-action", "copy"), ("data-copy", part), ("data-address", value.as_str())];
        ui.add(&p, "button", &attrs, Some(&ui.text(copy, &[])))?;
    }
    ui.add(&box_, "p", &[("class", "msg"), ("role", "status"), ("data-copy-status", "")], None)?;
    ui.add(&box_, "p", &[("class", "never")], Some(&ui.text("emailNeverSent", &[])))?;
    Ok(())
}
