//! The opt-out guide: from what the page shows (its URL and the candidate elements), which step of a
//! setting's documented path the person is at, which element to point at, and whether they wandered
//! off or the site changed. It is stateless but for `reached` (the furthest step taken so far, which
//! the extension keeps per tab), so a reload or a full page load simply re-derives the step.

use crate::catalog::{first_variant, localized, setting_address, Catalog};
use crate::evaluate::{evaluate, is_choice, is_menu, Control, Snapshot, Status};
use crate::page::{parse_url, recognise, PageKind, SWITCH_SELECTOR};
use crate::rules::{Guide, RuleFile, Setting, StepRole};
use crate::text::{normalize, similarity};
use serde::{Deserialize, Serialize};

/// After this long on a page without the step's element, the guide says the site may have changed.
pub const MISSING_AFTER_MS: u32 = 4000;
/// A long label matches an element's name from this similarity on (short ones must be equal).
const NAME_MATCH: f32 = 0.8;

/// The CSS selector of what to collect while a guide is active: every element a step may name
/// (generic shapes only).
pub fn guide_selector() -> String {
    format!("a[href], button, [role=\"button\"], [role=\"link\"], [role=\"menuitem\"], {SWITCH_SELECTOR}")
}

/// What the content script saw, with the guide's state in this tab.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct GuideSnapshot {
    pub url: String,
    pub ui_lang: String,
    pub setting: String,
    /// The furthest step (from 1) the person has taken; 0 at the start.
    pub reached: u32,
    /// Time since this page (URL) started being watched.
    pub elapsed_ms: u32,
    /// Where the person is: the page's main heading or title. `here` in JavaScript.
    #[serde(rename = "here")]
    pub heading: String,
    pub candidates: Vec<Control>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum GuideStatus {
    /// The next element is on the page: point at it.
    OnPath,
    /// The person left the path: say where they are and point at the way back.
    OffPath,
    /// The page may still be rendering the element.
    Pending,
    /// The element did not appear: the site may have changed; offer the direct address.
    Missing,
    /// The setting was read back opted-out: the guide is finished.
    Done,
}

#[derive(Debug, Clone, Serialize)]
pub struct GuidePlan {
    pub setting: String,
    pub title: String,
    pub status: GuideStatus,
    /// The step to take (from 1) and how many there are.
    pub step: u32,
    pub total: u32,
    pub label: String,
    pub section: Option<String>,
    /// Whether the step is the switch (the banner's Turn off takes over).
    pub last: bool,
    /// The position that protects, "on" or "off" ("on": the guide speaks of turning the protection on).
    pub protective: &'static str,
    /// Index into the snapshot's candidates of the element to point at.
    pub target: Option<usize>,
    /// The new furthest step taken.
    pub reached: u32,
    /// "Go straight there": the setting's own address.
    pub direct: String,
    /// Where the guide starts (a tab is opened there).
    pub start: String,
    /// The snapshot's heading, to say where the person is. `here` in JavaScript.
    #[serde(rename = "here")]
    pub heading: String,
    /// Set while pending: look again after this long even if the page does not change.
    pub recheck_after_ms: Option<u32>,
}

/// Where a guide for `setting` starts, and the host patterns of its platform (to find a tab there).
pub fn start(catalog: &Catalog, setting: &str) -> Option<(String, Vec<String>)> {
    let (rules, s) = catalog.setting(setting)?;
    let guide = s.guide.as_ref()?;
    Some((format!("{}{}", rules.platform.origin, guide.start), rules.platform.hosts.iter().map(|h| format!("https://{h}/*")).collect()))
}

/// The role a person perceives: the explicit `role`, else the element's implicit one.
fn role_of(c: &Control) -> &str {
    if !c.role.is_empty() {
        return &c.role;
    }
    match c.tag.as_str() {
        "a" if !c.href.is_empty() => "link",
        "button" => "button",
        "input" if c.input_type.eq_ignore_ascii_case("checkbox") => "checkbox",
        _ => "",
    }
}

fn names_match(name: &str, variant: &str) -> bool {
    let (a, b) = (normalize(name), normalize(variant));
    !b.is_empty() && (a == b || (b.bytes().any(|c| c == b' ') && similarity(name, variant) >= NAME_MATCH))
}

/// The candidate that is this (non-switch) step's element: visible, of the step's role, named by one of its labels.
fn find_element(step: &crate::rules::GuideStep, candidates: &[Control]) -> Option<usize> {
    let role_ok = |c: &Control| match step.role {
        StepRole::Button => role_of(c) == "button",
        StepRole::Link => matches!(role_of(c), "link" | "menuitem"),
        StepRole::Switch => false,
    };
    let mut found = candidates
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.hidden && role_ok(c) && step.names.variants().any(|v| names_match(&c.name, v)))
        .map(|(i, _)| i);
    // Two elements that both answer to the step's name: point at the first (menus repeat links).
    found.next()
}

/// The switch step: the core's own reading of the setting's page decides which switch it is and what it says.
fn find_switch(catalog: &Catalog, snap: &GuideSnapshot) -> Option<(usize, Status)> {
    let switches: Vec<(usize, &Control)> = snap
        .candidates
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.hidden && !matches!(role_of(c), "link" | "menuitem") && is_switch(c))
        .collect();
    let page = Snapshot {
        url: snap.url.clone(),
        ui_lang: snap.ui_lang.clone(),
        elapsed_ms: u32::MAX,
        switches: switches.iter().map(|(_, c)| (*c).clone()).collect(),
        ..Snapshot::default()
    };
    let plan = evaluate(catalog, &page)?;
    let finding = plan.findings.into_iter().find(|f| f.setting == snap.setting)?;
    let control = finding.control?;
    matches!(finding.status, Status::OptedIn | Status::OptedOut).then(|| (switches[control.index].0, finding.status))
}

fn is_switch(c: &Control) -> bool {
    role_of(c) == "switch" || role_of(c) == "checkbox" || (c.tag == "button" && c.aria_pressed.is_some()) || is_choice(c) || is_menu(c)
}

fn step_label(step: &crate::rules::GuideStep, setting: &Setting, lang: &str) -> String {
    match &step.label {
        Some(label) => localized(label, lang).to_string(),
        None if step.role == StepRole::Switch => first_variant(&setting.switch_labels, lang).to_string(),
        None => first_variant(&step.names, lang).to_string(),
    }
}

/// Evaluates where the person is on the setting's path; None when the setting has no guide or the
/// page is not on its platform.
pub fn guide(catalog: &Catalog, snap: &GuideSnapshot) -> Option<GuidePlan> {
    let (rules, setting) = catalog.setting(&snap.setting)?;
    let guide = setting.guide.as_ref()?;
    let loc = parse_url(&snap.url)?;
    if !rules.platform.hosts.iter().any(|h| h == loc.host) {
        return None;
    }
    let on_page = |i: usize| loc.path.starts_with(&*guide.steps[i].page);
    let matching: Vec<usize> = (0..guide.steps.len()).filter(|&i| on_page(i)).collect();
    // The furthest step whose element is on this page; else the furthest step this page could show.
    let mut current = None;
    for &i in matching.iter().rev() {
        let step = &guide.steps[i];
        if step.role == StepRole::Switch {
            if let Some((index, status)) = find_switch(catalog, snap) {
                current = Some((i, Some(index), status == Status::OptedOut));
                break;
            }
        } else if let Some(index) = find_element(step, &snap.candidates) {
            current = Some((i, Some(index), false));
            break;
        }
    }
    let (index, target, done) = current.unwrap_or((matching.last().copied().unwrap_or(0), None, false));
    let step = index as u32 + 1;
    // What the tab kept is not trusted beyond the path's length.
    let taken = snap.reached.min(guide.steps.len() as u32);
    // They wandered off: behind the furthest step taken, on a page where that step cannot be; or on
    // another setting's page or a category page that does not list this setting.
    let elsewhere = match recognise(catalog, &snap.url).map(|(_, kind)| kind) {
        Some(PageKind::Category { page }) => !setting.listed_on.iter().any(|id| *id == page),
        Some(PageKind::Setting { setting: other }) => other != setting.id,
        _ => false,
    };
    let wandered = elsewhere || (step < taken && !on_page(taken as usize - 1));
    let status = if done {
        GuideStatus::Done
    } else if target.is_none() {
        if snap.elapsed_ms >= MISSING_AFTER_MS {
            GuideStatus::Missing
        } else {
            GuideStatus::Pending
        }
    } else if wandered {
        GuideStatus::OffPath
    } else {
        GuideStatus::OnPath
    };
    let reached = if status == GuideStatus::OnPath || status == GuideStatus::Done { taken.max(step) } else { taken };
    Some(plan(rules, setting, guide, snap, status, index, target, reached))
}

#[allow(clippy::too_many_arguments)]
fn plan(
    rules: &RuleFile,
    setting: &Setting,
    guide: &Guide,
    snap: &GuideSnapshot,
    status: GuideStatus,
    index: usize,
    target: Option<usize>,
    reached: u32,
) -> GuidePlan {
    let step = &guide.steps[index];
    let lang = &snap.ui_lang;
    GuidePlan {
        setting: setting.id.to_string(),
        title: first_variant(&setting.titles, lang).to_string(),
        status,
        step: index as u32 + 1,
        total: guide.steps.len() as u32,
        label: step_label(step, setting, lang),
        section: step.section.as_ref().map(|s| localized(s, lang).to_string()),
        last: step.role == StepRole::Switch,
        protective: setting.protective.as_str(),
        target,
        reached,
        direct: setting_address(rules, setting),
        start: format!("{}{}", rules.platform.origin, guide.start),
        heading: snap.heading.clone(),
        recheck_after_ms: (status == GuideStatus::Pending).then(|| MISSING_AFTER_MS.saturating_sub(snap.elapsed_ms).max(50)),
    }
}
