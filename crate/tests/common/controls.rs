//! Snapshots of the controls the AI services' settings pages render (ChatGPT, Claude, Gemini,
//! Perplexity, Grammarly), and the guide's reading of a page: what their tests share.

use optout::evaluate::Control;
use optout::guide::{guide, GuidePlan, GuideSnapshot};
use optout::Catalog;

/// A `<button role="switch">` whose state is its `aria-checked` ("true"/"false"), or none at all
/// (a switch that shows its state another way, e.g. only in `data-state`).
pub fn role_switch(name: &str, aria_checked: Option<&str>) -> Control {
    Control {
        tag: "button".into(),
        role: "switch".into(),
        aria_checked: aria_checked.map(str::to_string),
        name: name.into(),
        ..Control::default()
    }
}

/// A native `<input type="checkbox">` named by its label.
pub fn checkbox(name: &str, checked: bool) -> Control {
    Control { tag: "input".into(), input_type: "checkbox".into(), checked: Some(checked), name: name.into(), ..Control::default() }
}

pub fn button(name: &str) -> Control {
    Control { tag: "button".into(), name: name.into(), text: name.into(), ..Control::default() }
}

pub fn link(name: &str, href: &str) -> Control {
    Control { tag: "a".into(), href: href.into(), name: name.into(), text: name.into(), ..Control::default() }
}

pub fn menuitem(name: &str, href: &str) -> Control {
    Control { role: "menuitem".into(), ..link(name, href) }
}

/// The guide for `setting` on the page at `url` showing `candidates`, with `reached` steps taken.
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
    guide(Catalog::embedded(), &snap).expect("a page of the setting's platform")
}
