//! Substack's "Block AI training" against snapshots shaped like a publication's Settings page
//! (/publish/settings): a switch that protects the person when it is ON, under the 2023 wording and the
//! 2026 one ("Opt out of AI training"), among the page's other switches.

mod common;

use common::platform::{aria_switch, checkbox, finding, hidden, in_nav, index, page, plan, unavailable_reasons, walk_guide};
use common::switch;
use optout::page::PageKind;
use optout::Status;

const ID: &str = "substack.block-ai-training";
const SETTINGS: &str = "https://substack.com/publish/settings";
const BLOCK: &str = "Block AI training";
const OPT_OUT: &str = "Opt out of AI training";
const COMMENTS: &str = "Enable comments on posts";

#[test]
fn the_publication_settings_are_the_settings_page() {
    assert_eq!(plan(&page(SETTINGS, vec![])).page, PageKind::Setting { setting: ID.into() });
    assert_eq!(plan(&page(&format!("{SETTINGS}?search=ai"), vec![])).page, PageKind::Setting { setting: ID.into() });
}

#[test]
fn off_exposes_the_publication_and_turn_off_means_switching_it_on() {
    for label in [BLOCK, OPT_OUT] {
        let p = plan(&page(SETTINGS, vec![switch(COMMENTS, true), switch(label, false)]));
        let f = finding(&p, ID);
        assert_eq!((f.status, f.can_turn_off, index(f)), (Status::OptedIn, true, Some(1)), "{label}");
    }
}

#[test]
fn on_protects_and_offers_nothing_to_click() {
    for label in [BLOCK, OPT_OUT] {
        let p = plan(&page(SETTINGS, vec![switch(label, true), switch(COMMENTS, false)]));
        let f = finding(&p, ID);
        assert_eq!((f.status, f.can_turn_off, index(f)), (Status::OptedOut, false, Some(0)), "{label}");
    }
}

#[test]
fn every_kind_the_core_reads_is_inverted_alike() {
    for (exposing, protecting) in [(checkbox(BLOCK, false), checkbox(BLOCK, true)), (aria_switch(BLOCK, false), aria_switch(BLOCK, true))] {
        assert_eq!(plan(&page(SETTINGS, vec![exposing])).findings[0].status, Status::OptedIn);
        assert_eq!(plan(&page(SETTINGS, vec![protecting])).findings[0].status, Status::OptedOut);
    }
}

#[test]
fn a_hidden_or_navigation_lookalike_switched_on_never_makes_it_look_protected() {
    let switches = vec![hidden(switch(BLOCK, true)), in_nav(switch(BLOCK, true)), switch(COMMENTS, true), switch(BLOCK, false)];
    let p = plan(&page(SETTINGS, switches));
    let f = finding(&p, ID);
    assert_eq!((f.status, index(f)), (Status::OptedIn, Some(3)));
}

#[test]
fn a_page_without_the_switch_is_not_found_or_unavailable_when_it_says_so() {
    let mut s = page(SETTINGS, vec![]);
    assert_eq!(finding(&plan(&s), ID).status, Status::NotFound);
    s.page_text = "This setting is not available for this publication".into();
    assert_eq!(finding(&plan(&s), ID).status, Status::Unavailable);
}

#[test]
fn the_banner_says_on_protects_here_in_the_browser_language() {
    let mut s = page(SETTINGS, vec![switch(BLOCK, false)]);
    s.ui_lang = "pt-BR".into();
    let f = plan(&s).findings.remove(0);
    assert_eq!(f.title, BLOCK);
    assert!(f.off_effect.starts_with("Aqui o interruptor protege-o quando está ativado"), "{}", f.off_effect);
}

#[test]
fn the_regional_history_explains_no_absence() {
    assert!(unavailable_reasons(ID, "2026-11-30").is_empty(), "every publication has the switch");
}

#[test]
fn the_guide_points_at_the_switch_and_ends_when_it_reads_on() {
    walk_guide(ID, SETTINGS, switch(BLOCK, false), switch(BLOCK, true));
}
