//! X's Grok switch against snapshots shaped like X's settings page: a checkbox named by its
//! `<label>` on `/settings/grok_settings`, beside the separate "personalize with Grok" switch, under the
//! 2024 and the current wording.

use optout::evaluate::{Control, Finding};
use optout::page::PageKind;
use optout::{evaluate, Catalog, Plan, Snapshot, Status};

const GROK_PAGE: &str = "https://x.com/settings/grok_settings";
const NOW: &str =
    "Allow your public data as well as your interactions, inputs, and results with Grok and xAI to be used for training and fine-tuning.";
const Y2024: &str = "Allow your posts as well as your interactions, inputs, and results with Grok to be used for training and fine-tuning.";
const PERSONALIZE: &str = "Allow X to personalize your experience with Grok";

fn checkbox(name: &str, checked: bool) -> Control {
    Control { tag: "input".into(), input_type: "checkbox".into(), checked: Some(checked), name: name.into(), ..Control::default() }
}

fn snap(url: &str, switches: Vec<Control>, page_text: &str) -> Snapshot {
    Snapshot { url: url.into(), ui_lang: "en".into(), switches, page_text: page_text.into(), ..Snapshot::default() }
}

fn plan(s: &Snapshot) -> Plan {
    evaluate(Catalog::embedded(), s).expect("an X settings page")
}

fn grok(p: &Plan) -> &Finding {
    p.findings.iter().find(|f| f.setting == "x.grok-training").unwrap_or_else(|| panic!("no Grok finding in {:?}", p.findings))
}

#[test]
fn both_wordings_are_recognised_beside_the_personalization_switch_in_either_order() {
    for label in [NOW, Y2024] {
        for training_first in [true, false] {
            let mut switches = vec![checkbox(label, true), checkbox(PERSONALIZE, true)];
            if !training_first {
                switches.reverse();
            }
            let p = plan(&snap(GROK_PAGE, switches, ""));
            let f = grok(&p);
            assert_eq!((f.status, f.can_turn_off), (Status::OptedIn, true), "{label}");
            let index = f.control.as_ref().unwrap().index;
            assert_eq!(index, if training_first { 0 } else { 1 }, "the training switch, not the personalization one: {label}");
        }
    }
}

#[test]
fn off_is_opted_out() {
    let p = plan(&snap(GROK_PAGE, vec![checkbox(PERSONALIZE, true), checkbox(NOW, false)], ""));
    assert_eq!(grok(&p).status, Status::OptedOut);
}

#[test]
fn the_switch_is_recognised_by_label_on_another_settings_page_after_in_app_navigation() {
    // X may render the switch on a page whose URL names no setting (e.g. a rewritten route).
    let p = plan(&snap("https://x.com/settings/data_sharing", vec![checkbox(PERSONALIZE, false), checkbox(Y2024, true)], ""));
    assert_eq!(p.page, PageKind::Other);
    assert_eq!(grok(&p).status, Status::OptedIn);
    assert_eq!(p.findings.len(), 1, "the personalization switch is no known setting: {:?}", p.findings);
}

#[test]
fn the_third_party_note_appears_only_where_the_page_says_so() {
    let with = plan(&snap(GROK_PAGE, vec![checkbox(NOW, true)], "Grok & Third-party Collaborators Allow your public data ..."));
    assert_eq!(grok(&with).notes.len(), 1);
    assert!(grok(&with).notes[0].contains("third-party collaborators"));
    let without = plan(&snap(GROK_PAGE, vec![checkbox(Y2024, true)], "Grok Allow your posts ..."));
    assert!(grok(&without).notes.is_empty(), "the 2024 page says nothing of collaborators");
}

#[test]
fn a_page_that_changed_its_layout_is_not_found_never_guessed() {
    let mut s = snap(GROK_PAGE, vec![], "Grok & Third-party Collaborators");
    s.elapsed_ms = 10_000;
    assert_eq!(grok(&plan(&s)).status, Status::NotFound);
    let two_alike = snap(GROK_PAGE, vec![checkbox(NOW, true), checkbox(Y2024, true)], "");
    assert_eq!(grok(&plan(&two_alike)).status, Status::Ambiguous, "two training switches: nothing is claimed");
}

#[test]
fn the_banner_speaks_of_grok_in_the_browser_language() {
    let mut s = snap(GROK_PAGE, vec![checkbox(NOW, true)], "");
    s.ui_lang = "de-DE".into();
    let p = plan(&s);
    let f = grok(&p);
    assert_eq!(f.title, "Grok & Third-party Collaborators");
    assert!(f.effect.starts_with("Erlaubt X und xAI"), "{}", f.effect);
    assert_eq!(f.address, GROK_PAGE);
}
