//! Quora's LLM training switch against snapshots shaped like quora.com/settings/privacy: a switch named
//! "Allow large language models to be trained on your content" among the page's other privacy
//! switches. How Quora's switch is built is not documented: both kinds the core reads are tried.

mod common;

use common::platform::{aria_switch, checkbox, finding, hidden, in_nav, index, page, plan, walk_guide};
use optout::page::PageKind;
use optout::{Catalog, Status};

const ID: &str = "quora.llm-training";
const PRIVACY: &str = "https://www.quora.com/settings/privacy";
const LLM: &str = "Allow large language models to be trained on your content";
const INDEXING: &str = "Allow search engines to index your name";

#[test]
fn the_privacy_settings_are_the_settings_page() {
    assert_eq!(plan(&page(PRIVACY, vec![])).page, PageKind::Setting { setting: ID.into() });
    assert_eq!(plan(&page("https://www.quora.com/settings", vec![])).page, PageKind::Other);
    assert!(optout::evaluate(Catalog::embedded(), &page("https://www.quora.com/What-is-a-question", vec![])).is_none());
}

#[test]
fn the_llm_switch_is_recognised_beside_other_privacy_switches_as_either_kind() {
    for kind in [aria_switch as fn(&str, bool) -> _, checkbox] {
        for first in [true, false] {
            let mut switches = vec![kind(LLM, true), kind(INDEXING, true)];
            if !first {
                switches.reverse();
            }
            let p = plan(&page(PRIVACY, switches));
            let f = finding(&p, ID);
            assert_eq!((f.status, f.can_turn_off, index(f)), (Status::OptedIn, true, Some(if first { 0 } else { 1 })));
        }
    }
}

#[test]
fn off_is_opted_out() {
    let p = plan(&page(PRIVACY, vec![aria_switch(INDEXING, true), aria_switch(LLM, false)]));
    assert_eq!((finding(&p, ID).status, finding(&p, ID).can_turn_off), (Status::OptedOut, false));
}

#[test]
fn the_switch_is_found_by_its_label_on_another_settings_page() {
    let p = plan(&page("https://www.quora.com/settings", vec![aria_switch(INDEXING, false), aria_switch(LLM, true)]));
    assert_eq!((finding(&p, ID).status, index(finding(&p, ID))), (Status::OptedIn, Some(1)));
    assert_eq!(p.findings.len(), 1);
}

#[test]
fn a_hidden_lookalike_and_the_same_words_in_the_navigation_are_never_the_switch() {
    let switches = vec![in_nav(aria_switch(LLM, false)), aria_switch(LLM, true), hidden(aria_switch(LLM, false))];
    let p = plan(&page(PRIVACY, switches));
    assert_eq!((finding(&p, ID).status, index(finding(&p, ID))), (Status::OptedIn, Some(1)));
}

#[test]
fn a_switch_whose_state_cannot_be_read_is_ambiguous() {
    let mut unreadable = aria_switch(LLM, true);
    unreadable.aria_checked = Some("mixed".into());
    let f = plan(&page(PRIVACY, vec![unreadable])).findings.remove(0);
    assert_eq!((f.status, f.can_turn_off), (Status::Ambiguous, false));
}

#[test]
fn a_page_without_the_switch_is_not_found_or_unavailable_when_it_says_so() {
    let mut s = page(PRIVACY, vec![]);
    assert_eq!(finding(&plan(&s), ID).status, Status::NotFound);
    s.page_text = "This setting is not available in your region.".into();
    assert_eq!(finding(&plan(&s), ID).status, Status::Unavailable);
}

#[test]
fn the_banner_says_quora_does_not_train_on_it_today() {
    let mut s = page(PRIVACY, vec![aria_switch(LLM, true)]);
    s.ui_lang = "es".into();
    let f = plan(&s).findings.remove(0);
    assert!(f.effect.contains("hoy no lo hace"), "{}", f.effect);
    assert_eq!(f.address, PRIVACY);
}

#[test]
fn the_guide_walks_from_the_settings_to_privacy_and_the_switch() {
    let (_, s) = Catalog::embedded().setting(ID).unwrap();
    assert_eq!(s.guide.as_ref().unwrap().start, "/settings");
    walk_guide(ID, PRIVACY, aria_switch(LLM, true), aria_switch(LLM, false));
}
