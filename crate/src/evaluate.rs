//! Snapshot → plan: from the candidate controls the content script collected, decide which
//! setting each one is, what state the page shows, what to mark and what the banner can offer.
//! Ambiguity (no candidate, two candidates, an unreadable state) is reported, never guessed.

use crate::catalog::{first_variant, localized, setting_address, Catalog};
use crate::page::{href_path, recognise, PageKind};
use crate::rules::{Form, Instances, LocalizedList, Position, RuleFile, Setting};
use crate::text::{beside_phrases, best_similarity, contains_phrase, normalize, similarity, starts_with_phrase};
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
    /// The `data-state` attribute of a `role="switch"` (or `aria-pressed`) button, as Radix-style
    /// components write their state: "checked"/"unchecked", "on"/"off".
    pub data_state: Option<String>,
    /// The choices of a `<select>` or of a radio group (`[role=radiogroup]`, a `fieldset` of radios).
    pub options: Vec<Choice>,
    /// The `aria-haspopup` attribute of a button: "menu", "listbox" or "true" make it a menu button,
    /// whose position is the state word it shows (its `text`).
    pub haspopup: Option<String>,
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
            data_state: None,
            options: Vec::new(),
            haspopup: None,
            name: String::new(),
            keys: Vec::new(),
            href: String::new(),
            text: String::new(),
            hidden: false,
            in_main: true,
        }
    }
}

/// One choice of a `<select>` (an option) or of a radio group (a radio, its text its accessible name).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Choice {
    pub text: String,
    pub value: String,
    pub selected: bool,
    /// A disabled option or radio: never chosen.
    pub disabled: bool,
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

/// The switch candidates that count: usable; for a select or a radio group, one that offers the
/// platform's two positions (exactly one choice for each: a language picker is no setting's control);
/// for a menu button, one that shows exactly one of the state words (an account menu is none).
fn switches_in<'s>(rules: &'s RuleFile, list: &'s [Control]) -> impl Iterator<Item = (usize, &'s Control)> + Clone {
    usable_in(list).filter(|(_, c)| {
        if is_menu(c) {
            return choice_position(rules, &c.text).is_some();
        }
        // A button that opens a dialog (or a menu, but showing no state of its own) is no switch.
        if c.haspopup.is_some() && read_position(rules, c).is_none() {
            return false;
        }
        !is_choice(c) || (choice_for(rules, c, Position::On).is_some() && choice_for(rules, c, Position::Off).is_some())
    })
}

/// A menu button: a `<button>` with `aria-haspopup` "menu", "listbox" or "true", and no other state of
/// its own (a switch or a toggle button is read as such).
pub fn is_menu(c: &Control) -> bool {
    c.tag == "button"
        && matches!(c.haspopup.as_deref(), Some("menu" | "listbox" | "true"))
        && c.role != "switch"
        && c.aria_pressed.is_none()
        && c.aria_checked.is_none()
}

/// The items of a menu button's menu that set `position`: the state word itself and the rule's
/// `turn_on` / `turn_off` words, in every language. The content script chooses only an item whose
/// text is exactly one of these.
fn menu_words(rules: &RuleFile, position: Position) -> Vec<String> {
    let w = &rules.platform.state_words;
    let (word, turn) = match position {
        Position::On => (&w.on, &w.turn_on),
        Position::Off => (&w.off, &w.turn_off),
    };
    word.variants().chain(turn.variants()).map(|t| t.to_string()).collect()
}

/// A select or a radio group: its position is the choice selected.
pub fn is_choice(c: &Control) -> bool {
    c.tag == "select" || c.tag == "fieldset" || c.role == "radiogroup"
}

/// Whether `text` is, as a whole, one of `words` (not merely like it: "Disabled for now" is not "Disabled").
fn is_word(words: &LocalizedList, text: &str) -> bool {
    let text = normalize(text);
    !text.is_empty() && words.variants().any(|w| normalize(w) == text)
}

/// The position a choice's text says in the platform's state words; None when neither or both.
fn choice_position(rules: &RuleFile, text: &str) -> Option<Position> {
    let words = &rules.platform.state_words;
    match (is_word(&words.on, text), is_word(&words.off, text)) {
        (true, false) => Some(Position::On),
        (false, true) => Some(Position::Off),
        _ => None,
    }
}

/// The one choice of a select or radio group that says `position`; None when none or several do.
fn choice_for(rules: &RuleFile, c: &Control, position: Position) -> Option<usize> {
    let mut saying = c.options.iter().enumerate().filter(|(_, o)| choice_position(rules, &o.text) == Some(position)).map(|(i, _)| i);
    match (saying.next(), saying.next()) {
        (Some(i), None) => Some(i),
        _ => None,
    }
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
    /// True when clicking the control once (for a select or radio group: choosing `choice`) moves it
    /// to the protective position.
    pub can_turn_off: bool,
    /// For a select or a radio group: the index in its `options` of the protective choice.
    pub choice: Option<usize>,
    /// For a menu button: the texts of the menu items that set the protective position (the
    /// content script chooses only an item whose text is exactly one of them). Empty otherwise.
    pub menu_items: Vec<String>,
    /// The protective position, "on" or "off": "on" where a switch protects when on (Tumblr's
    /// "Prevent third-party sharing"), so that the banner says "Turn on protection", not "Turn off".
    pub protective: &'static str,
    /// "single", "per-blog" or "per-site".
    pub per: &'static str,
    /// For a setting per blog or per site: each instance on the page, as a finding of its own
    /// (`control`, `status`, `can_turn_off`, `choice`; its texts left empty). The setting's status
    /// is exposed while any instance is; its `control` is the first exposed one. (Findings, not a
    /// type of their own: the wasm then needs no serialiser more.)
    pub instances: Vec<Finding>,
    pub title: String,
    pub effect: String,
    pub off_effect: String,
    pub address: String,
    /// What the banner adds because the page itself said something (the setting's page notes).
    pub notes: Vec<String>,
    /// Where the page keeps a change only once a button is pressed: that button's exact names, the
    /// first in the person's language (the one the banner names), then every other wording. Empty
    /// where a control's change is kept as it is made.
    pub save: Vec<String>,
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
        choice: None,
        menu_items: Vec::new(),
        protective: setting.protective.as_str(),
        per: setting.instances.as_str(),
        instances: Vec::new(),
        title: first_variant(&setting.titles, lang).to_string(),
        effect: localized(&setting.effect, lang).to_string(),
        off_effect: localized(&setting.off_effect, lang).to_string(),
        address: setting_address(rules, setting),
        notes: Vec::new(),
        save: save_names(setting, lang),
    }
}

/// The names of a setting's save button, the first in the person's language (see `Finding::save`).
fn save_names(setting: &Setting, lang: &str) -> Vec<String> {
    let Some(save) = &setting.save_button else { return Vec::new() };
    let first = first_variant(&save.names, lang);
    let mut names = vec![first.to_string()];
    for name in save.names.variants() {
        if !names.iter().any(|n| n == &**name) {
            names.push(name.to_string());
        }
    }
    names
}

/// The position a control shows: `.checked` for a native checkbox; the one selected choice of a
/// select or radio group, or the text a menu button shows, when it is exactly one of the platform's
/// state words; else the ARIA state
/// (`aria-checked`, `aria-pressed`) and a switch's `data-state`, which must agree where both are
/// given. None when unreadable ("mixed", an unknown word, two choices selected, a disagreement).
pub fn read_position(rules: &RuleFile, c: &Control) -> Option<Position> {
    let native = c.tag.eq_ignore_ascii_case("input") && c.input_type.eq_ignore_ascii_case("checkbox");
    if native {
        return c.checked.map(|on| if on { Position::On } else { Position::Off });
    }
    if is_menu(c) {
        return choice_position(rules, &c.text);
    }
    if is_choice(c) {
        let mut selected = c.options.iter().filter(|o| o.selected);
        return match (selected.next(), selected.next()) {
            (Some(o), None) => choice_position(rules, &o.text),
            _ => None,
        };
    }
    let aria = match c.aria_checked.as_deref().or(c.aria_pressed.as_deref()) {
        Some("true") => Some(Position::On),
        Some("false") => Some(Position::Off),
        Some(_) => return None,
        None => None,
    };
    let data_state = match c.data_state.as_deref() {
        _ if c.role != "switch" && c.aria_pressed.is_none() => None,
        Some("checked" | "on") => Some(Position::On),
        Some("unchecked" | "off") => Some(Position::Off),
        _ => None,
    };
    match (aria, data_state) {
        (Some(a), Some(d)) if a != d => None,
        (a, d) => a.or(d),
    }
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
    // A label followed by a blog's or a site's name ("Prevent third-party sharing for <blog>") is the
    // label; else the closest wording. One pass over the labels.
    let labels = setting.switch_labels.variants().chain(setting.titles.variants());
    labels.map(|l| if starts_with_phrase(&c.name, l) { 1.0 } else { similarity(&c.name, l) }).fold(0.0, f32::max)
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
    let candidates = switches_in(rules, &snap.switches);
    if setting.instances != Instances::Single {
        let named: Vec<usize> = candidates.clone().filter(|(_, c)| label_score(setting, c) >= LABEL_MATCH).map(|(i, _)| i).collect();
        let mut shown = candidates.clone();
        return match (named.is_empty(), shown.next(), shown.next()) {
            (false, _, _) => on_instances(rules, setting, snap, &named),
            (true, None, _) => finding(rules, setting, absent(rules, snap), None, lang),
            // The URL names the setting and the page shows one control: structure decides.
            (true, Some((i, _)), None) => on_instances(rules, setting, snap, &[i]),
            (true, Some(_), Some(_)) => finding(rules, setting, Status::Ambiguous, None, lang),
        };
    }
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
    let c = &snap.switches[index];
    match read_position(rules, c) {
        Some(position) => {
            let mut f = finding(rules, setting, exposure(setting, position), control, &snap.ui_lang);
            // A select or radio group is set by choosing its protective choice: where it offers none
            // that a person could choose, nothing is guessed.
            f.choice = if is_choice(c) { choice_for(rules, c, setting.protective).filter(|&i| !c.options[i].disabled) } else { None };
            f.can_turn_off = !is_choice(c) || f.choice.is_some();
            if is_menu(c) {
                f.menu_items = menu_words(rules, setting.protective);
            }
            f
        }
        None => finding(rules, setting, Status::Ambiguous, control, &snap.ui_lang),
    }
}

/// A setting per blog or per site: each of these switches is one instance. Exposed while any
/// instance is; opted out only when every one is; else unreadable. Its control is the first exposed.
fn on_instances(rules: &RuleFile, setting: &Setting, snap: &Snapshot, indices: &[usize]) -> Finding {
    let mut parts: Vec<Finding> = indices.iter().map(|&i| on_switch(rules, setting, snap, i)).collect();
    let exposed = parts.iter().position(|p| p.status == Status::OptedIn);
    let status = match exposed {
        Some(_) => Status::OptedIn,
        None if parts.iter().all(|p| p.status == Status::OptedOut) => Status::OptedOut,
        None => Status::Ambiguous,
    };
    let lead = &parts[exposed.unwrap_or(0)];
    let mut f = finding(rules, setting, status, lead.control.clone(), &snap.ui_lang);
    f.choice = lead.choice;
    f.menu_items = lead.menu_items.clone();
    f.can_turn_off = parts.iter().any(|p| p.can_turn_off && p.status == Status::OptedIn);
    for p in &mut parts {
        p.can_turn_off &= p.status == Status::OptedIn;
        // The setting's texts are the finding's own: not repeated per instance.
        for text in [&mut p.title, &mut p.effect, &mut p.off_effect, &mut p.address] {
            text.clear();
        }
        p.save.clear();
    }
    f.instances = parts;
    f
}

/// A page in the settings area whose URL names no setting: switches are recognised by label only,
/// or by the page heading when the page holds a single switch.
fn on_other_page(rules: &RuleFile, snap: &Snapshot) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    for setting in rules.settings.iter() {
        let mut matches = switches_in(rules, &snap.switches).filter(|(_, c)| label_score(setting, c) >= LABEL_MATCH).map(|(i, _)| i);
        if setting.instances != Instances::Single {
            let named: Vec<usize> = matches.collect();
            if !named.is_empty() {
                out.push(on_instances(rules, setting, snap, &named));
            }
            continue;
        }
        let first = matches.next();
        let mut shown = switches_in(rules, &snap.switches).map(|(i, _)| i);
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
