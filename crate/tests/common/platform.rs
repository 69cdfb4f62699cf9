//! What the native tests of one platform's settings page share, whatever the platform: the control
//! kinds the core reads (a native checkbox, a `role="switch"` checkbox or button), the decoys a page
//! may hold (a hidden lookalike, the same text in the navigation), and walking a setting's guide step
//! by step over pages that show each step's element among others.
#![allow(dead_code)]

use optout::evaluate::{Control, Finding};
use optout::guide::{guide, GuidePlan, GuideSnapshot, GuideStatus};
use optout::rules::StepRole;
use optout::{evaluate, Catalog, Plan, Snapshot};

/// A native `<input type="checkbox">` without a role, named as given.
pub fn checkbox(name: &str, checked: bool) -> Control {
    Control { tag: "input".into(), input_type: "checkbox".into(), checked: Some(checked), name: name.into(), ..Control::default() }
}

/// A `<button role="switch" aria-checked>`, named as given.
pub fn aria_switch(name: &str, on: bool) -> Control {
    Control { tag: "button".into(), role: "switch".into(), aria_checked: Some(on.to_string()), name: name.into(), ..Control::default() }
}

/// The same control, not rendered for a person (`display:none`, off-screen, `aria-hidden`…).
pub fn hidden(c: Control) -> Control {
    Control { hidden: true, ..c }
}

/// The same control, in the site's navigation (outside the page's main content).
pub fn in_nav(c: Control) -> Control {
    Control { in_main: false, ..c }
}

pub fn link(name: &str, href: &str) -> Control {
    Control { tag: "a".into(), href: href.into(), name: name.into(), text: name.into(), ..Control::default() }
}

pub fn button(name: &str) -> Control {
    Control { tag: "button".into(), name: name.into(), text: name.into(), ..Control::default() }
}

/// A page at `url` showing `switches`, rendered long enough ago that absence means "not found".
pub fn page(url: &str, switches: Vec<Control>) -> Snapshot {
    Snapshot { url: url.into(), ui_lang: "en".into(), elapsed_ms: 10_000, switches, ..Snapshot::default() }
}

pub fn plan(s: &Snapshot) -> Plan {
    evaluate(Catalog::embedded(), s).unwrap_or_else(|| panic!("{} is no settings page", s.url))
}

/// The finding on setting `id`.
pub fn finding<'a>(p: &'a Plan, id: &str) -> &'a Finding {
    p.findings.iter().find(|f| f.setting == id).unwrap_or_else(|| panic!("{id} not in {:?}", p.findings))
}

/// The index the finding points at in the snapshot's switches.
pub fn index(f: &Finding) -> Option<usize> {
    f.control.as_ref().map(|c| c.index)
}

pub fn guide_at(setting: &str, url: &str, reached: u32, candidates: Vec<Control>) -> GuidePlan {
    let snap = GuideSnapshot {
        url: url.into(),
        ui_lang: "en".into(),
        setting: setting.into(),
        reached,
        elapsed_ms: 100,
        heading: "somewhere".into(),
        candidates,
    };
    guide(Catalog::embedded(), &snap).unwrap_or_else(|| panic!("no guide for {setting} at {url}"))
}

/// Walks the guide of `setting`: for each step before the switch, a page at the step's path (its first
/// English name's element among unrelated links and buttons, and the previous steps' elements where the
/// same page shows them) must be pointed at as that step; then the switch on `switch_url` is the last
/// step, and once it reads back protective the guide is done. `on` and `off` are the switch as the page
/// shows it exposing and protecting the person.
pub fn walk_guide(setting: &str, switch_url: &str, exposing: Control, protecting: Control) {
    let (rules, s) = Catalog::embedded().setting(setting).unwrap_or_else(|| panic!("{setting}"));
    let steps = &s.guide.as_ref().unwrap_or_else(|| panic!("{setting} has no guide")).steps;
    let origin = &rules.platform.origin;
    let decoys = || vec![link("Help", "/help"), button("Search"), link("Home", "/")];
    let element = |i: usize| {
        let step = &steps[i];
        let name = step.names.get("en").and_then(|v| v.first()).unwrap_or_else(|| panic!("{setting} step {}", i + 1));
        match step.role {
            StepRole::Button => button(name),
            StepRole::Link => link(name, &format!("{}/somewhere", step.page.trim_end_matches('/'))),
            StepRole::Switch => unreachable!("the switch is the last step"),
        }
    };
    let total = steps.len() as u32;
    for i in 0..steps.len() - 1 {
        let url = format!("{origin}{}", steps[i].page);
        let mut candidates = decoys();
        // Earlier steps whose element this page also shows (a menu's button stays beside its items).
        candidates.extend((0..i).filter(|&j| url[origin.len()..].starts_with(&*steps[j].page)).map(element));
        candidates.push(element(i));
        let at = guide_at(setting, &url, i as u32, candidates.clone());
        let expected = (GuideStatus::OnPath, i as u32 + 1, total, Some(candidates.len() - 1));
        assert_eq!((at.status, at.step, at.total, at.target), expected, "{setting} step {} at {url}", i + 1);
        assert!(!at.last);
    }
    let mut candidates = decoys();
    candidates.push(exposing);
    let at = guide_at(setting, switch_url, total - 1, candidates.clone());
    assert_eq!((at.status, at.step, at.last, at.target), (GuideStatus::OnPath, total, true, Some(3)), "{setting}: the switch");
    candidates[3] = protecting;
    assert_eq!(guide_at(setting, switch_url, total, candidates).status, GuideStatus::Done, "{setting}: read back protective");
}

/// The likely reasons the popup gives for `setting` seen unavailable at noon UTC on `date` (YYYY-MM-DD).
pub fn unavailable_reasons(setting: &str, date: &str) -> Vec<String> {
    use optout::checklist::{checklist, date_of, ItemState, Report, SeenState, Stored, Verified};
    let c = Catalog::embedded();
    let day = (0..40_000).find(|d| date_of(*d as f64 * 86_400_000.0).as_deref() == Some(date)).unwrap_or_else(|| panic!("{date}"));
    let (rules, _) = c.setting(setting).unwrap_or_else(|| panic!("{setting}"));
    let mut stored = Stored::default();
    let report = Report { setting: setting.into(), state: SeenState::Unavailable, verified: Verified::FreshLoad };
    stored.record(c, &[report], day as f64 * 86_400_000.0 + 43_200_000.0, &format!("{}/", rules.platform.origin)).unwrap();
    let item = checklist(c, &stored, "en").into_iter().flat_map(|g| g.items).find(|i| i.setting == setting).unwrap();
    assert_eq!(item.state, ItemState::Unavailable);
    item.reasons
}
