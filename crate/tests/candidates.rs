//! What counts as a candidate, and how a category row's state word is read ("never fooled"): a
//! control counts only when a person can see and use it in the page's main content (a page's own hidden
//! checkbox, present before the settings render, is never the setting's switch), and a row's On/Off
//! word is a word of its own anywhere in the row, never a word of its label.

mod common;

use common::{only, plan, row, snap, status_of, switch, AI_LABEL, AI_PAGE};
use optout::evaluate::{usable, Control, ControlList, Finding};
use optout::{Snapshot, Status};

const PRIVACY: &str = "https://www.linkedin.com/mypreferences/d/categories/privacy";
const ADS: &str = "https://www.linkedin.com/mypreferences/d/categories/ads";
const AI_ROW: &str = "/mypreferences/d/settings/data-for-ai-improvement";
const ADS_BEYOND_ROW: &str = "/mypreferences/d/settings/ads-beyond-linkedin";

/// A page's own checkbox that no person sees (a CSS-only menu toggle: `display:none`, off-screen, …).
fn hidden_checkbox(name: &str, checked: bool) -> Control {
    Control { role: String::new(), hidden: true, ..switch(name, checked) }
}

/// A visible checkbox in the page's global navigation (e.g. a theme toggle in the header).
fn navigation_checkbox(name: &str, checked: bool) -> Control {
    Control { role: String::new(), in_main: false, ..switch(name, checked) }
}

fn index_of(f: &Finding) -> Option<(ControlList, usize)> {
    f.control.as_ref().map(|c| (c.list, c.index))
}

// ---- switches: only what a person can see and use, in the main content

#[test]
fn a_control_not_reported_as_hidden_or_outside_main_counts() {
    assert!(usable(&Control::default()));
    assert!(!usable(&hidden_checkbox("", true)));
    assert!(!usable(&navigation_checkbox("", true)));
}

#[test]
fn a_hidden_checkbox_alone_on_a_settings_page_is_not_the_setting_it_waits_for_the_switch() {
    let early = plan(&Snapshot { elapsed_ms: 500, switches: vec![hidden_checkbox("", true)], ..snap(AI_PAGE) });
    let f = only(&early);
    assert_eq!((f.status, f.control.is_some(), f.can_turn_off), (Status::Pending, false, false));
    assert!(early.recheck_after_ms.is_some(), "the real switch may render late");
    let late = plan(&Snapshot { elapsed_ms: 60_000, switches: vec![hidden_checkbox("", true)], ..snap(AI_PAGE) });
    assert_eq!((only(&late).status, only(&late).control.is_some()), (Status::NotFound, false));
}

#[test]
fn the_real_switch_rendered_after_a_hidden_checkbox_is_the_setting() {
    let s = Snapshot { switches: vec![hidden_checkbox("", true), switch(AI_LABEL, true)], ..snap(AI_PAGE) };
    let f = only(&plan(&s)).clone();
    assert_eq!((f.status, f.can_turn_off, index_of(&f)), (Status::OptedIn, true, Some((ControlList::Switches, 1))));
}

#[test]
fn a_hidden_checkbox_that_carries_the_setting_label_is_still_not_taken() {
    let s = Snapshot { switches: vec![hidden_checkbox(AI_LABEL, true), switch("", false)], ..snap(AI_PAGE) };
    let f = only(&plan(&s)).clone();
    assert_eq!((f.status, index_of(&f)), (Status::OptedOut, Some((ControlList::Switches, 1))));
}

#[test]
fn the_one_visible_switch_in_the_main_content_is_the_setting_whatever_its_label_or_language() {
    for label in ["", "Ihre Daten zum Schulen von KI-Modellen verwenden, um Inhalte zu erstellen"] {
        let s = Snapshot {
            switches: vec![
                hidden_checkbox("Menu", true),
                navigation_checkbox("Dark mode", true),
                switch(label, true),
                hidden_checkbox("", false),
            ],
            ..snap(AI_PAGE)
        };
        let f = only(&plan(&s)).clone();
        assert_eq!((f.status, index_of(&f)), (Status::OptedIn, Some((ControlList::Switches, 2))), "label {label:?}");
    }
}

#[test]
fn a_switch_in_the_global_navigation_is_never_the_setting() {
    let s = Snapshot { elapsed_ms: 60_000, switches: vec![navigation_checkbox(AI_LABEL, true)], ..snap(AI_PAGE) };
    assert_eq!((only(&plan(&s)).status, only(&plan(&s)).control.is_some()), (Status::NotFound, false));
}

#[test]
fn an_invisible_input_over_a_drawn_box_is_a_visible_control() {
    // X's checkbox: the native input lies over the drawn box at opacity 0. It has a box, in the main
    // content, so the content script reports it as not hidden; two of them: the label decides.
    let training =
        "Allow your public data as well as your interactions, inputs, and results with Grok and xAI to be used for training and fine-tuning.";
    let s = Snapshot {
        switches: vec![
            Control { role: String::new(), ..switch(training, true) },
            Control { role: String::new(), ..switch("Allow X to personalize your experience with Grok", true) },
        ],
        ..snap("https://x.com/settings/grok_settings")
    };
    let f = only(&plan(&s)).clone();
    assert_eq!((f.setting.as_str(), f.status, index_of(&f)), ("x.grok-training", Status::OptedIn, Some((ControlList::Switches, 0))));
}

#[test]
fn on_a_page_that_names_no_setting_a_hidden_switch_is_not_recognised_by_its_label() {
    let url = "https://www.linkedin.com/mypreferences/d/settings/share-data-affiliates-partners";
    let hidden = Snapshot {
        heading: "Share data with affiliates and partners".into(),
        switches: vec![hidden_checkbox("Share my data with affiliates and partners", true)],
        ..snap(url)
    };
    assert!(plan(&hidden).findings.is_empty(), "{:?}", plan(&hidden).findings);
    // The one visible switch under the page's heading is, even unlabelled, beside a hidden one.
    let shown = Snapshot { switches: vec![hidden_checkbox("", true), switch("", true)], ..hidden };
    let p = plan(&shown);
    assert_eq!(index_of(status_of(&p, "linkedin.affiliates-sharing")), Some((ControlList::Switches, 1)));
}

// ---- category rows: the state word anywhere in the row, never inside the label

#[test]
fn rows_in_the_navigation_or_hidden_are_not_read() {
    let s = Snapshot {
        rows: vec![
            Control { in_main: false, ..row(AI_ROW, "Data for Generative AI Improvement Off") },
            Control { hidden: true, ..row(AI_ROW, "Data for Generative AI Improvement Off") },
            row(AI_ROW, "Data for Generative AI Improvement On"),
        ],
        ..snap(PRIVACY)
    };
    let p = plan(&s);
    let f = status_of(&p, "linkedin.ai-training");
    assert_eq!((f.status, index_of(f)), (Status::OptedIn, Some((ControlList::Rows, 2))));
}

#[test]
fn only_navigation_rows_while_the_page_renders_is_pending() {
    let s = Snapshot { elapsed_ms: 100, rows: vec![Control { in_main: false, ..row(PRIVACY, "Data privacy") }], ..snap(PRIVACY) };
    assert!(plan(&s).findings.iter().all(|f| f.status == Status::Pending));
}

#[test]
fn a_row_state_word_is_read_with_extra_text_before_and_after_it() {
    for (text, status) in [
        ("Data for Generative AI Improvement On Change ›", Status::OptedIn),
        ("Shield icon Data for Generative AI Improvement Currently Off Change", Status::OptedOut),
        ("Data for Generative AI Improvement Status: On. Edit setting chevron", Status::OptedIn),
        ("Off Data for Generative AI Improvement", Status::OptedOut),
        ("Daten zur Verbesserung generativer KI Ändern Aus ›", Status::OptedOut),
        ("Données pour l'amélioration de l'IA générative Activé Modifier", Status::OptedIn),
    ] {
        let p = plan(&Snapshot { rows: vec![row(AI_ROW, text)], ..snap(PRIVACY) });
        assert_eq!(status_of(&p, "linkedin.ai-training").status, status, "{text}");
    }
}

#[test]
fn a_state_word_is_only_a_word_of_its_own() {
    // "Online", "Offline", "Often" hold the letters of On and Off, not the word.
    let p = plan(&Snapshot { rows: vec![row(AI_ROW, "Data for Generative AI Improvement Online Offline Often")], ..snap(PRIVACY) });
    assert_eq!(status_of(&p, "linkedin.ai-training").status, Status::Ambiguous);
}

#[test]
fn a_state_word_inside_the_label_is_never_read() {
    for (text, status) in [
        ("Ads off LinkedIn On", Status::OptedIn),
        ("Ads off LinkedIn Change On ›", Status::OptedIn),
        ("Ads off LinkedIn Off", Status::OptedOut),
        ("Ads off LinkedIn", Status::Ambiguous),
        ("Ads off LinkedIn Change ›", Status::Ambiguous),
    ] {
        let p = plan(&Snapshot { rows: vec![row(ADS_BEYOND_ROW, text)], ..snap(ADS) });
        assert_eq!(status_of(&p, "linkedin.ads-beyond-linkedin").status, status, "{text}");
    }
}

#[test]
fn both_state_words_in_a_row_are_ambiguous_not_guessed() {
    for text in ["Data for Generative AI Improvement On Off", "Data for Generative AI Improvement Off Turn on ›"] {
        let p = plan(&Snapshot { rows: vec![row(AI_ROW, text)], ..snap(PRIVACY) });
        let f = status_of(&p, "linkedin.ai-training");
        assert_eq!((f.status, f.can_turn_off), (Status::Ambiguous, false), "{text}");
    }
}
