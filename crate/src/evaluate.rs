//! Snapshot → plan: from the candidate controls the content script collected, decide which
//! setting each one is, what state the page shows, what to mark and what the banner can offer.
//! Ambiguity (no candidate, two candidates, an unreadable state) is reported, never guessed.

use crate::catalog::{first_variant, localized, setting_address, Catalog};
use crate::page::{href_path, recognise, PageKind};
use crate::rules::{Form, Position, RuleFile, Setting};
use crate::text::{beside_phrases, best_similarity, contains_phrase};
use serde::{Deserialize, Serialize};

/// Below this similarity a label is not taken as naming a setting on a page whose URL does not say which.
const LABEL_MATCH: f32 = 0.75;
/// On a setting's own page with several switches, the best label must score this much...
const LABEL_PICK: f32 = 0.6;
/// ...and lead the runner-up by this margin.
const LABEL_MARGIN: f32 = 0.15;

/// What the content script saw: the page and its candidate controls (selected by `PageSelectors`).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Snapshot {
    pub url: String,
    /// The browser's UI language, for the texts in the plan.
    pub ui_lang: String,
    /// Time since the content script started watching this page.
    pub elapsed_ms: u32,
    /// The page's main heading.
    pub heading: String,
    /// The main text of the page, collected only when no switch was found (to read "not available" notices).
    pub page_text: String,
    pub switches: Vec<Control>,
    pub rows: Vec<Control>,
}

/// One candidate element, described by its accessible structure and where it is. Only what a person
/// can see and use counts (`usable`): the content script reports the facts, the core decides.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct Control {
    pub tag: String,
    pub role: String,
    pub input_type: String,
    /// `.checked` of a checkbox input.
    pub checked: Option<bool>,
    pub aria_checked: Option<String>,
    pub aria_pressed: Option<String>,
    /// The accessible name (aria-labelledby, aria-label, label, text).
    pub name: String,
    /// `id` and `name` attributes: a hint, matched against the rules' DOM keys.
    pub keys: Vec<String>,
    pub href: String,
    pub text: String,
    /// Not rendered for a person: `display:none`, `visibility:hidden`, zero-sized, off-screen, or inside
    /// an `inert` or `aria-hidden="true"` subtree. (An `opacity:0` input laid over a drawn box, as X
    /// renders its checkboxes, is rendered: the person clicks it.)
    pub hidden: bool,
    /// Inside the page's main content: not in its global navigation (`nav`, `header`, navigation or
    /// banner landmarks), and inside `main` when the page has one. True when not reported.
    pub in_main: bool,
}

impl Default for Control {
    fn default() -> Self {
        Control {
            tag: String::new(),
            role: String::new(),
            input_type: String::new(),
            checked: None,
            aria_checked: None,
            aria_pressed: None,
            name: String::new(),
            keys: Vec::new(),
            href: String::new(),
            text: String::new(),
            hidden: false,
            in_main: true,
        }
    }
}

/// Whether a candidate counts: a person can see it and it belongs to the page's content. A page's own
/// hidden checkbox (a CSS-only menu toggle) or its navigation's switches are never a setting's control.
pub fn usable(c: &Control) -> bool {
    !c.hidden && c.in_main
}

/// The candidates that count, with their indices in the snapshot's list (which the plan refers to).
fn usable_in(list: &[Control]) -> impl Iterator<Item = (usize, &Control)> + Clone {
    list.iter().enumerate().filter(|(_, c)| usable(c))
}

/// What the page says about a setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The platform may use the data: the user is exposed.
    OptedIn,
    /// The page shows the protective position.
    OptedOut,
    /// The page says the setting does not exist for this member.
    Unavailable,
    /// Not on the page (yet): the page may have changed. Nothing is claimed.
    NotFound,
    /// Several candidates, or a state that cannot be read. Nothing is claimed.
    Ambiguous,
    /// The page has not rendered its controls yet.
    Pending,
}

/// Which list of the snapshot a control index refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ControlList {
    Switches,
    Rows,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ControlRef {
    pub list: ControlList,
    pub index: usize,
}

/// The verdict on one setting, with what the banner needs to speak of it.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub setting: String,
    pub status: Status,
    pub control: Option<ControlRef>,
    /// True when clicking the control once moves it to the protective position.
    pub can_turn_off: bool,
    pub title: String,
    pub effect: String,
    pub off_effect: String,
    pub address: String,
    /// What the banner adds because the page itself said something (the setting's page notes).
    pub notes: Vec<String>,
}

/// What the banner says on an objection form's page. OptOut never fills in or submits the form.
#[derive(Debug, Clone, Serialize)]
pub struct FormGuide {
    pub form: String,
    pub platform: String,
    pub name: String,
    pub summary: String,
    pub what_to_write: String,
    pub suggested_text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    pub platform: String,
    pub page: PageKind,
    pub findings: Vec<Finding>,
    /// Set when the page is still rendering: evaluate again after this long even if nothing changes.
    pub recheck_after_ms: Option<u32>,
    pub objection_form: Option<String>,
    /// Set on an objection form's page.
    pub form: Option<FormGuide>,
}

/// Evaluates a snapshot; None when its URL is outside every settings area.
pub fn evaluate(catalog: &Catalog, snap: &Snapshot) -> Option<Plan> {
    let (rules, page) = recognise(catalog, &snap.url)?;
    let mut form = None;
    let mut findings = match &page {
        PageKind::Setting { setting } => {
            let setting = rules.settings.iter().find(|s| &s.id == setting)?;
            vec![on_setting_page(rules, setting, snap)]
        }
        PageKind::Category { page } => on_category_page(rules, page, snap),
        PageKind::Other => on_other_page(rules, snap),
        PageKind::Form { form: id } => {
            form = Some(form_guide(rules, rules.forms.iter().find(|f| &f.id == id)?, &snap.ui_lang));
            Vec::new()
        }
    };
    for f in &mut findings {
        if matches!(f.status, Status::OptedIn | Status::OptedOut) {
            f.notes = page_notes(rules, &f.setting, snap);
        }
    }
    let grace = rules.platform.render_grace_ms;
    let recheck_after_ms = findings.iter().any(|f| f.status == Status::Pending).then(|| grace.saturating_sub(snap.elapsed_ms).max(50));
    findings.iter_mut().for_each(|f| f.can_turn_off &= f.status == Status::OptedIn);
    Some(Plan {
        platform: rules.platform.id.to_string(),
        page,
        findings,
        recheck_after_ms,
        objection_form: rules.platform.objection_form.as_deref().map(str::to_string),
        form,
    })
}

fn form_guide(rules: &RuleFile, form: &Form, lang: &str) -> FormGuide {
    FormGuide {
        form: form.id.to_string(),
        platform: rules.platform.name.to_string(),
        name: localized(&form.name, lang).to_string(),
        summary: rules.card.as_ref().map(|c| localized(&c.summary, lang).to_string()).unwrap_or_default(),
        what_to_write: localized(&form.what_to_write, lang).to_string(),
        suggested_text: localized(&form.suggested_text, lang).to_string(),
    }
}

/// The notes of a setting whose condition the page's text meets.
fn page_notes(rules: &RuleFile, setting: &str, snap: &Snapshot) -> Vec<String> {
    let Some(setting) = rules.settings.iter().find(|s| s.id == *setting) else { return Vec::new() };
    setting
        .page_notes
        .iter()
        .filter(|n| n.when_page_says.variants().any(|p| contains_phrase(&snap.page_text, p)))
        .map(|n| localized(&n.note, &snap.ui_lang).to_string())
        .collect()
}

fn finding(rules: &RuleFile, setting: &Setting, status: Status, control: Option<ControlRef>, lang: &str) -> Finding {
    Finding {
        setting: setting.id.to_string(),
        status,
        control,
        can_turn_off: false,
        title: first_variant(&setting.titles, lang).to_string(),
        effect: localized(&setting.effect, lang).to_string(),
        off_effect: localized(&setting.off_effect, lang).to_string(),
        address: setting_address(rules, setting),
        notes: Vec::new(),
    }
}

/// The position a switch shows: `.checked` for a native checkbox, else its ARIA state.
pub fn read_position(c: &Control) -> Option<Position> {
    let from_aria = |v: &Option<String>| match v.as_deref() {
        Some("true") => Some(Position::On),
        Some("false") => Some(Position::Off),
        _ => None,
    };
    let native = c.tag.eq_ignore_ascii_case("input") && c.input_type.eq_ignore_ascii_case("checkbox");
    let checked = if native { c.checked.map(|on| if on { Position::On } else { Position::Off }) } else { None };
    checked.or_else(|| from_aria(&c.aria_checked)).or_else(|| from_aria(&c.aria_pressed))
}

fn exposure(setting: &Setting, position: Position) -> Status {
    if position == setting.protective {
        Status::OptedOut
    } else {
        Status::OptedIn
    }
}

fn label_score(setting: &Setting, c: &Control) -> f32 {
    if c.keys.iter().any(|k| setting.dom_keys.iter().any(|d| d == k)) {
        return 1.0;
    }
    let labels = setting.switch_labels.variants().chain(setting.titles.variants());
    best_similarity(&c.name, labels)
}

fn has_unavailable_notice(rules: &RuleFile, snap: &Snapshot) -> bool {
    rules.platform.unavailable_phrases.variants().any(|p| contains_phrase(&snap.page_text, p))
}

/// The verdict when no candidate was found: a notice, still loading, or not found.
fn absent(rules: &RuleFile, snap: &Snapshot) -> Status {
    if has_unavailable_notice(rules, snap) {
        Status::Unavailable
    } else if snap.elapsed_ms < rules.platform.render_grace_ms {
        Status::Pending
    } else {
        Status::NotFound
    }
}

fn on_setting_page(rules: &RuleFile, setting: &Setting, snap: &Snapshot) -> Finding {
    let lang = &snap.ui_lang;
    // Hidden controls and the navigation's are filtered out before choosing.
    let candidates = usable_in(&snap.switches);
    let mut first_two = candidates.clone();
    let index = match (first_two.next(), first_two.next()) {
        (None, _) => return finding(rules, setting, absent(rules, snap), None, lang),
        // The URL names the setting and the page shows one switch: structure decides, whatever the label says.
        (Some((i, _)), None) => i,
        _ => {
            // The best label (the first of equals) and the runner-up's score. One pass, not a sort:
            // a generic sort is kilobytes of wasm.
            let (mut best, mut score, mut runner_up) = (0, f32::NEG_INFINITY, f32::NEG_INFINITY);
            for (i, c) in candidates {
                let s = label_score(setting, c);
                if s > score {
                    (best, score, runner_up) = (i, s, score);
                } else if s > runner_up {
                    runner_up = s;
                }
            }
            if score < LABEL_PICK || runner_up > score - LABEL_MARGIN {
                return finding(rules, setting, Status::Ambiguous, None, lang);
            }
            best
        }
    };
    on_switch(rules, setting, snap, index)
}

fn on_switch(rules: &RuleFile, setting: &Setting, snap: &Snapshot, index: usize) -> Finding {
    let control = Some(ControlRef { list: ControlList::Switches, index });
    match read_position(&snap.switches[index]) {
        Some(position) => {
            let mut f = finding(rules, setting, exposure(setting, position), control, &snap.ui_lang);
            f.can_turn_off = true;
            f
        }
        None => finding(rules, setting, Status::Ambiguous, control, &snap.ui_lang),
    }
}

/// A page in the settings area whose URL names no setting: switches are recognised by label only,
/// or by the page heading when the page holds a single switch.
fn on_other_page(rules: &RuleFile, snap: &Snapshot) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    for setting in rules.settings.iter() {
        let mut matches = usable_in(&snap.switches).filter(|(_, c)| label_score(setting, c) >= LABEL_MATCH).map(|(i, _)| i);
        let first = matches.next();
        let mut shown = usable_in(&snap.switches).map(|(i, _)| i);
        let only = match (shown.next(), shown.next()) {
            (Some(i), None) => Some(i),
            _ => None,
        };
        let index = match (first, matches.next(), only) {
            (Some(_), Some(_), _) => {
                out.push(finding(rules, setting, Status::Ambiguous, None, &snap.ui_lang));
                continue;
            }
            (Some(i), None, _) => i,
            (None, _, Some(i)) if best_similarity(&snap.heading, setting.titles.variants()) >= LABEL_MATCH => i,
            _ => continue,
        };
        out.push(on_switch(rules, setting, snap, index));
    }
    out
}

/// The position a category row shows: its state word, read as a word of its own anywhere in the row
/// whatever else the row says (screen-reader-only "Change", an icon's label, a chevron), and never
/// from inside the setting's label ("Ads off LinkedIn On" is On). Both words, or neither: unreadable.
fn row_position(rules: &RuleFile, setting: &Setting, text: &str) -> Option<Position> {
    let words = &rules.platform.state_words;
    let beside = beside_phrases(text, setting.titles.variants());
    let says = |word: &str| beside.iter().any(|stretch| contains_phrase(stretch, word));
    let on = words.on.variants().any(|w| says(w));
    let off = words.off.variants().any(|w| says(w));
    match (on, off) {
        (true, false) => Some(Position::On),
        (false, true) => Some(Position::Off),
        _ => None,
    }
}

fn row_is_setting(rules: &RuleFile, setting: &Setting, row: &Control) -> bool {
    match (&setting.page, href_path(&row.href, rules)) {
        (Some(page), Some(path)) => crate::page::same_path(page, path),
        // Its own page's URL is unknown: the row label decides.
        (None, _) => {
            best_similarity(&row.text, setting.titles.variants()) >= LABEL_MATCH
                || best_similarity(&row.name, setting.titles.variants()) >= LABEL_MATCH
        }
        (Some(_), None) => false,
    }
}

fn on_category_page(rules: &RuleFile, page: &str, snap: &Snapshot) -> Vec<Finding> {
    let listed = rules.settings.iter().filter(|s| s.listed_on.iter().any(|p| p == page));
    listed
        .map(|setting| {
            let mut rows = usable_in(&snap.rows).filter(|(_, r)| row_is_setting(rules, setting, r)).map(|(i, _)| i);
            let (status, control) = match (rows.next(), rows.next()) {
                (Some(index), None) => {
                    let control = Some(ControlRef { list: ControlList::Rows, index });
                    match row_position(rules, setting, &snap.rows[index].text) {
                        Some(position) => (exposure(setting, position), control),
                        None => (Status::Ambiguous, control),
                    }
                }
                (Some(_), Some(_)) => (Status::Ambiguous, None),
                (None, _) if usable_in(&snap.rows).next().is_none() && snap.elapsed_ms < rules.platform.render_grace_ms => {
                    (Status::Pending, None)
                }
                (None, _) => (Status::NotFound, None),
            };
            finding(rules, setting, status, control, &snap.ui_lang)
        })
        .collect()
}
