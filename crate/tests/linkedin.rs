//! LinkedIn's rules against snapshots shaped like the live settings pages as tools that automate them
//! select them (https://github.com/brave/psst-component, src/linkedin/user.ts): one native switch per
//! setting page named by aria-labelledby, category rows ending in a translated On/Off word.

mod common;

use common::{only, plan, row, snap, status_of, switch, AI_LABEL, AI_PAGE};
use optout::evaluate::{Control, ControlList};
use optout::page::PageKind;
use optout::{evaluate, Catalog, Snapshot, Status};

fn aria_switch(name: &str, on: bool) -> Control {
    Control { tag: "button".into(), role: "switch".into(), aria_checked: Some(on.to_string()), name: name.into(), ..Control::default() }
}

#[test]
fn ai_switch_on_means_opted_in_and_can_be_turned_off() {
    let p = plan(&Snapshot { switches: vec![switch(AI_LABEL, true)], ..snap(AI_PAGE) });
    let f = only(&p);
    assert_eq!((f.setting.as_str(), f.status, f.can_turn_off), ("linkedin.ai-training", Status::OptedIn, true));
    assert_eq!(f.control.as_ref().map(|c| (c.list, c.index)), Some((ControlList::Switches, 0)));
}

#[test]
fn ai_switch_off_means_opted_out_and_offers_nothing_to_do() {
    let f = only(&plan(&Snapshot { switches: vec![switch(AI_LABEL, false)], ..snap(AI_PAGE) })).clone();
    assert_eq!((f.status, f.can_turn_off), (Status::OptedOut, false));
}

#[test]
fn an_aria_switch_button_is_read_by_aria_checked() {
    let f = only(&plan(&Snapshot { switches: vec![aria_switch(AI_LABEL, true)], ..snap(AI_PAGE) })).clone();
    assert_eq!(f.status, Status::OptedIn);
}

#[test]
fn a_native_checkbox_is_read_by_checked_not_by_a_stale_aria_attribute() {
    let mut c = switch(AI_LABEL, false);
    c.aria_checked = Some("true".into());
    assert_eq!(only(&plan(&Snapshot { switches: vec![c], ..snap(AI_PAGE) })).status, Status::OptedOut);
}

#[test]
fn the_single_switch_on_the_settings_page_is_recognised_in_any_language_or_wording() {
    for label in [
        "Ihre Daten zum Schulen von KI-Modellen verwenden, um Inhalte zu erstellen",
        "Usa i miei dati per addestrare i modelli di IA per la creazione di contenuti",
        "Use my data to train AI models that create content",
        "",
    ] {
        let f = only(&plan(&Snapshot { switches: vec![switch(label, true)], ..snap(AI_PAGE) })).clone();
        assert_eq!(f.status, Status::OptedIn, "label {label:?}");
    }
}

#[test]
fn among_several_switches_the_label_picks_the_setting() {
    let s = Snapshot {
        switches: vec![switch("Show my profile photo", true), switch("Use my data to train AI models that create content", false)],
        ..snap(AI_PAGE)
    };
    let f = only(&plan(&s)).clone();
    assert_eq!((f.status, f.control.map(|c| c.index)), (Status::OptedOut, Some(1)));
}

#[test]
fn two_switches_that_both_look_right_are_ambiguous_not_guessed() {
    let s = Snapshot { switches: vec![switch(AI_LABEL, true), switch(AI_LABEL, false)], ..snap(AI_PAGE) };
    let f = only(&plan(&s)).clone();
    assert_eq!((f.status, f.can_turn_off), (Status::Ambiguous, false));
}

#[test]
fn an_unreadable_state_is_ambiguous() {
    let c = Control { tag: "div".into(), role: "switch".into(), name: AI_LABEL.into(), ..Control::default() };
    assert_eq!(only(&plan(&Snapshot { switches: vec![c], ..snap(AI_PAGE) })).status, Status::Ambiguous);
}

#[test]
fn no_switch_yet_is_pending_with_a_recheck_then_not_found() {
    let early = plan(&Snapshot { elapsed_ms: 1000, ..snap(AI_PAGE) });
    assert_eq!(only(&early).status, Status::Pending);
    assert_eq!(early.recheck_after_ms, Some(7000));
    let late = plan(&Snapshot { elapsed_ms: 9000, ..snap(AI_PAGE) });
    assert_eq!((only(&late).status, late.recheck_after_ms), (Status::NotFound, None));
}

#[test]
fn a_region_notice_makes_the_setting_unavailable_never_opted_out() {
    for text in ["This setting is not available in your region.", "Diese Einstellung ist in Ihrer Region nicht verfügbar."] {
        let p = plan(&Snapshot { page_text: text.into(), elapsed_ms: 10, ..snap(AI_PAGE) });
        assert_eq!(only(&p).status, Status::Unavailable, "{text}");
    }
}

#[test]
fn every_setting_with_a_known_page_is_recognised_there() {
    let c = Catalog::embedded();
    for (rules, s) in c.settings().filter(|(_, s)| s.page.is_some()) {
        // A page per blog or site names it in place of `*`.
        let url = format!("{}{}", rules.platform.origin, s.page.as_ref().unwrap().replace('*', "example"));
        let f = only(&plan(&Snapshot { switches: vec![switch("whatever the label", true)], ..snap(&url) })).clone();
        // On: exposing, unless on protects (Tumblr, WordPress.com).
        let expected = if s.protective == optout::rules::Position::On { Status::OptedOut } else { Status::OptedIn };
        assert_eq!((f.setting.as_str(), f.status), (&*s.id, expected));
    }
}

#[test]
fn dom_key_identifies_a_switch_among_several() {
    let mut key = switch("Zustimmung", false);
    key.keys = vec!["allowAdsByAge".into()];
    let s = Snapshot {
        switches: vec![switch("Something else", true), key],
        ..snap("https://www.linkedin.com/mypreferences/d/settings/ads-by-age")
    };
    let f = only(&plan(&s)).clone();
    assert_eq!((f.status, f.control.map(|c| c.index)), (Status::OptedOut, Some(1)));
}

#[test]
fn affiliates_sharing_is_recognised_by_label_on_its_unknown_page() {
    let url = "https://www.linkedin.com/mypreferences/d/settings/share-data-affiliates-partners";
    let p = plan(&Snapshot {
        heading: "Share data with affiliates and partners".into(),
        switches: vec![switch("Share my data with affiliates and partners", true)],
        ..snap(url)
    });
    assert_eq!(p.page, PageKind::Other);
    assert_eq!(status_of(&p, "linkedin.affiliates-sharing").status, Status::OptedIn);
}

#[test]
fn an_unknown_page_with_an_unrelated_switch_claims_nothing() {
    let url = "https://www.linkedin.com/mypreferences/d/settings/profile-photo-visibility";
    let p =
        plan(&Snapshot { heading: "Profile photo".into(), switches: vec![switch("Show my profile photo to everyone", true)], ..snap(url) });
    assert!(p.findings.is_empty(), "{:?}", p.findings);
}

#[test]
fn privacy_category_rows_are_read_by_their_state_word_in_each_language() {
    let url = "https://www.linkedin.com/mypreferences/d/categories/privacy";
    for (on, off) in [
        ("On", "Off"),
        ("An", "Aus"),
        ("Activé", "Désactivé"),
        ("Activado", "Desactivado"),
        ("Ativado", "Desativado"),
        ("Aan", "Uit"),
        ("Attivato", "Disattivato"),
    ] {
        let s = Snapshot {
            rows: vec![
                row("/mypreferences/d/settings/manage-data", "Manage your data and activity"),
                row("/mypreferences/d/settings/data-for-ai-improvement", &format!("Generative AI {on}")),
                row("https://www.linkedin.com/mypreferences/d/settings/policy-and-academic-research", &format!("Research {off}")),
            ],
            ..snap(url)
        };
        let p = plan(&s);
        assert_eq!(status_of(&p, "linkedin.ai-training").status, Status::OptedIn, "{on}");
        assert_eq!(status_of(&p, "linkedin.research").status, Status::OptedOut, "{off}");
        assert_eq!(status_of(&p, "linkedin.ai-training").control.as_ref().map(|c| (c.list, c.index)), Some((ControlList::Rows, 1)));
        assert!(!p.findings.iter().any(|f| f.can_turn_off), "rows are links, not switches");
    }
}

#[test]
fn ads_category_recognises_rows_by_link_and_affiliates_by_label() {
    let url = "https://www.linkedin.com/mypreferences/d/categories/ads";
    let s = Snapshot {
        rows: vec![
            row("/mypreferences/d/interest-categories", "Interests and traits On"),
            row("/mypreferences/d/settings/ads-by-gender", "Gender Off"),
            row("/mypreferences/d/settings/share-data-affiliates-partners", "Share data with affiliates and partners On"),
        ],
        ..snap(url)
    };
    let p = plan(&s);
    assert_eq!(status_of(&p, "linkedin.ads-interests").status, Status::OptedIn);
    assert_eq!(status_of(&p, "linkedin.ads-gender").status, Status::OptedOut);
    assert_eq!(status_of(&p, "linkedin.affiliates-sharing").status, Status::OptedIn);
    assert_eq!(status_of(&p, "linkedin.ads-age").status, Status::NotFound, "rows that are not there are not guessed");
}

#[test]
fn a_row_without_a_state_word_is_ambiguous() {
    let url = "https://www.linkedin.com/mypreferences/d/categories/privacy";
    let p = plan(&Snapshot {
        rows: vec![row("/mypreferences/d/settings/data-for-ai-improvement", "Data for Generative AI Improvement")],
        ..snap(url)
    });
    assert_eq!(status_of(&p, "linkedin.ai-training").status, Status::Ambiguous);
}

#[test]
fn an_empty_category_page_is_pending_while_it_renders() {
    let p = plan(&Snapshot { elapsed_ms: 100, ..snap("https://www.linkedin.com/mypreferences/d/categories/ads") });
    assert!(p.findings.iter().all(|f| f.status == Status::Pending));
    assert!(p.recheck_after_ms.is_some());
}

#[test]
fn texts_come_in_the_browser_language_with_the_objection_form() {
    let p = plan(&Snapshot { ui_lang: "de".into(), switches: vec![switch(AI_LABEL, true)], ..snap(AI_PAGE) });
    let f = only(&p);
    assert_eq!(f.title, "Daten zur Verbesserung generativer KI");
    assert!(f.off_effect.contains("nicht rückgängig"));
    assert_eq!(p.objection_form.as_deref(), Some("https://www.linkedin.com/help/linkedin/ask/TS-DPRO"));
}

#[test]
fn pages_outside_the_settings_area_get_no_plan() {
    assert!(evaluate(Catalog::embedded(), &snap("https://www.linkedin.com/feed/")).is_none());
}
