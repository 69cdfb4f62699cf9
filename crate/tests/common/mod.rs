//! What the native tests of LinkedIn's pages share: snapshots shaped like its settings pages (a native
//! switch, a category row), and reading the plan the core makes of them. Each test file uses a part;
//! `platform` holds what the tests of any platform's settings page share.
#![allow(dead_code)]

pub mod platform;

use optout::evaluate::{Control, Finding};
use optout::{evaluate, Catalog, Plan, Snapshot};

pub const AI_PAGE: &str = "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement";
pub const AI_LABEL: &str = "Use my data for training content creation AI models";

/// A native checkbox with `role="switch"`, named as given.
pub fn switch(name: &str, checked: bool) -> Control {
    Control {
        tag: "input".into(),
        role: "switch".into(),
        input_type: "checkbox".into(),
        checked: Some(checked),
        name: name.into(),
        ..Control::default()
    }
}

/// A category page's row: a link to the setting's page, its text the label and the state word.
pub fn row(href: &str, text: &str) -> Control {
    Control { tag: "a".into(), href: href.into(), text: text.into(), name: text.into(), ..Control::default() }
}

pub fn snap(url: &str) -> Snapshot {
    Snapshot { url: url.into(), ui_lang: "en".into(), ..Snapshot::default() }
}

pub fn plan(s: &Snapshot) -> Plan {
    evaluate(Catalog::embedded(), s).expect("a settings page")
}

/// The plan's one finding.
pub fn only(p: &Plan) -> &Finding {
    assert_eq!(p.findings.len(), 1, "{:?}", p.findings);
    &p.findings[0]
}

/// The finding on setting `id`.
pub fn status_of<'a>(p: &'a Plan, id: &str) -> &'a Finding {
    p.findings.iter().find(|f| f.setting == id).unwrap_or_else(|| panic!("{id} not in {:?}", p.findings))
}

pub mod controls;
