//! Adobe's content analysis switch against snapshots shaped like the Adobe account's privacy page
//! (account.adobe.com/privacy): a `role="switch"` checkbox named "Content analysis" (or, on the older page,
//! "Machine learning") beside the page's other switch, "Desktop app usage"; saved at once, no Save button.

mod common;

use common::platform::{checkbox, finding, hidden, in_nav, index, page, plan, unavailable_reasons, walk_guide};
use common::switch;
use optout::page::PageKind;
use optout::{Catalog, Status};

const ID: &str = "adobe.content-analysis";
const PRIVACY: &str = "https://account.adobe.com/privacy";
const USAGE: &str = "Desktop app usage";
const DESCRIPTION: &str = "Adobe may analyze your content using techniques such as machine learning (e.g., for pattern recognition) to develop and improve our products and services.";

#[test]
fn the_privacy_page_is_the_settings_page() {
    assert_eq!(plan(&page(PRIVACY, vec![])).page, PageKind::Setting { setting: ID.into() });
    assert_eq!(plan(&page(&format!("{PRIVACY}/"), vec![])).page, PageKind::Setting { setting: ID.into() });
}

#[test]
fn content_analysis_is_recognised_beside_desktop_app_usage_in_either_order_and_under_every_wording() {
    for label in ["Content analysis", DESCRIPTION, "Machine learning"] {
        for first in [true, false] {
            let mut switches = vec![switch(label, true), switch(USAGE, false)];
            if !first {
                switches.reverse();
            }
            let p = plan(&page(PRIVACY, switches));
            let f = finding(&p, ID);
            assert_eq!((f.status, f.can_turn_off), (Status::OptedIn, true), "{label}");
            assert_eq!(index(f), Some(if first { 0 } else { 1 }), "the content analysis switch, not the usage one: {label}");
            assert_eq!(p.findings.len(), 1, "the usage switch is no known setting");
        }
    }
}

#[test]
fn off_is_opted_out_and_offers_no_turn_off() {
    let p = plan(&page(PRIVACY, vec![switch(USAGE, true), switch("Content analysis", false)]));
    let f = finding(&p, ID);
    assert_eq!((f.status, f.can_turn_off, index(f)), (Status::OptedOut, false, Some(1)));
}

#[test]
fn a_plain_checkbox_is_read_as_well() {
    let f = plan(&page(PRIVACY, vec![checkbox("Content analysis", true), checkbox(USAGE, true)])).findings.remove(0);
    assert_eq!((f.status, index(&f)), (Status::OptedIn, Some(0)));
}

#[test]
fn a_hidden_lookalike_and_the_same_words_in_the_navigation_are_never_the_switch() {
    let switches = vec![
        in_nav(switch("Content analysis", false)),
        hidden(switch("Content analysis", false)),
        switch(USAGE, false),
        switch("Content analysis", true),
    ];
    let p = plan(&page(PRIVACY, switches));
    let f = finding(&p, ID);
    assert_eq!((f.status, index(f)), (Status::OptedIn, Some(3)), "only the visible switch of the main content counts");
}

#[test]
fn two_visible_content_analysis_switches_are_ambiguous_and_nothing_is_turned_off() {
    let p = plan(&page(PRIVACY, vec![switch("Content analysis", true), switch(DESCRIPTION, false)]));
    let f = finding(&p, ID);
    assert_eq!((f.status, f.can_turn_off), (Status::Ambiguous, false));
}

#[test]
fn a_page_without_the_switch_is_pending_then_not_found_or_unavailable_when_it_says_so() {
    let mut s = page(PRIVACY, vec![]);
    s.elapsed_ms = 300;
    let early = plan(&s);
    assert_eq!(finding(&early, ID).status, Status::Pending);
    assert!(early.recheck_after_ms.is_some());
    s.elapsed_ms = 10_000;
    assert_eq!(finding(&plan(&s), ID).status, Status::NotFound);
    s.page_text = "Content analysis. This setting is not available for your account.".into();
    assert_eq!(finding(&plan(&s), ID).status, Status::Unavailable);
}

#[test]
fn the_banner_speaks_in_the_browser_language_and_says_which_accounts_it_concerns() {
    let mut s = page(PRIVACY, vec![switch("Content analysis", true)]);
    s.ui_lang = "fr-FR".into();
    let p = plan(&s);
    let f = finding(&p, ID);
    assert_eq!(f.title, "Content analysis");
    assert!(f.effect.starts_with("Permet à Adobe d'analyser"), "{}", f.effect);
    assert!(f.off_effect.contains("comptes personnels"), "{}", f.off_effect);
    assert_eq!(f.address, PRIVACY);
}

#[test]
fn unavailable_under_a_business_profile_is_explained_in_the_popup() {
    let reasons = unavailable_reasons(ID, "2026-11-30");
    assert!(reasons.iter().any(|r| r.starts_with("business profiles")), "{reasons:?}");
}

#[test]
fn the_guide_walks_account_and_security_then_privacy_and_personal_data_to_the_switch() {
    let (_, s) = Catalog::embedded().setting(ID).unwrap();
    let names: Vec<&str> = s.guide.as_ref().unwrap().steps.iter().filter_map(|st| st.names.get("en")?.first().map(|t| &**t)).collect();
    assert_eq!(names, ["Account and security", "Privacy and personal data"]);
    walk_guide(ID, PRIVACY, switch("Content analysis", true), switch("Content analysis", false));
}

#[test]
fn the_german_page_is_read_by_its_german_label_beside_desktop_app_usage() {
    // Adobe's German help names the setting "Inhaltsanalyse" and the usage switch "Nutzung von Desktop-Anwendungen".
    let mut s = page(PRIVACY, vec![switch("Nutzung von Desktop-Anwendungen", true), switch("Inhaltsanalyse", true)]);
    s.ui_lang = "de-AT".into();
    let p = plan(&s);
    let f = finding(&p, ID);
    assert_eq!((f.status, index(f)), (Status::OptedIn, Some(1)));
    assert_eq!(f.title, "Inhaltsanalyse");
    assert!(f.effect.contains("Adobe Stock"), "{}", f.effect);
}
