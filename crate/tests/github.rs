//! GitHub's Copilot training setting against snapshots shaped like github.com/settings/copilot/features:
//! the Privacy section's "Allow GitHub to use my data for AI model training" beside "Allow GitHub to use
//! my data for product improvements", whose wordings share most of their words.
//!
//! GitHub renders the setting as a menu button showing "Enabled"/"Disabled" (read as the menu kind:
//! tests/menus.rs). The recognition tests below use two-position controls, as the label matching is
//! the same for every kind.

mod common;

use common::platform::{aria_switch, checkbox, finding, hidden, in_nav, index, page, plan, unavailable_reasons, walk_guide};
use optout::page::PageKind;
use optout::{Catalog, Status};

const ID: &str = "github.copilot-training";
const FEATURES: &str = "https://github.com/settings/copilot/features";
const TRAINING: &str = "Allow GitHub to use my data for AI model training";
const IMPROVEMENTS: &str = "Allow GitHub to use my data for product improvements";

#[test]
fn the_features_page_is_the_settings_page_and_the_rest_of_copilot_settings_is_in_scope() {
    assert_eq!(plan(&page(FEATURES, vec![])).page, PageKind::Setting { setting: ID.into() });
    assert_eq!(plan(&page("https://github.com/settings/copilot", vec![])).page, PageKind::Other);
    let elsewhere = optout::evaluate(Catalog::embedded(), &page("https://github.com/settings/profile", vec![]));
    assert!(elsewhere.is_none(), "GitHub's other settings are not OptOut's business");
}

#[test]
fn training_is_told_apart_from_product_improvements_in_either_order() {
    for first in [true, false] {
        let mut switches = vec![checkbox(TRAINING, true), checkbox(IMPROVEMENTS, true)];
        if !first {
            switches.reverse();
        }
        let p = plan(&page(FEATURES, switches));
        let f = finding(&p, ID);
        assert_eq!((f.status, f.can_turn_off, index(f)), (Status::OptedIn, true, Some(if first { 0 } else { 1 })));
    }
}

#[test]
fn disabled_is_opted_out() {
    let p = plan(&page(FEATURES, vec![aria_switch(IMPROVEMENTS, true), aria_switch(TRAINING, false)]));
    let f = finding(&p, ID);
    assert_eq!((f.status, f.can_turn_off, index(f)), (Status::OptedOut, false, Some(1)));
}

#[test]
fn product_improvements_is_never_taken_for_training_where_the_url_names_no_setting() {
    let p = plan(&page("https://github.com/settings/copilot", vec![checkbox(IMPROVEMENTS, true)]));
    assert!(p.findings.is_empty(), "{:?}", p.findings);
    let p = plan(&page("https://github.com/settings/copilot", vec![checkbox(IMPROVEMENTS, true), checkbox(TRAINING, false)]));
    assert_eq!((finding(&p, ID).status, index(finding(&p, ID))), (Status::OptedOut, Some(1)));
}

#[test]
fn a_hidden_lookalike_and_the_same_words_in_the_navigation_are_never_the_setting() {
    let switches =
        vec![hidden(checkbox(TRAINING, false)), in_nav(checkbox(TRAINING, false)), checkbox(IMPROVEMENTS, false), checkbox(TRAINING, true)];
    let p = plan(&page(FEATURES, switches));
    let f = finding(&p, ID);
    assert_eq!((f.status, index(f)), (Status::OptedIn, Some(3)));
}

#[test]
fn words_in_the_page_text_alone_are_never_read_as_the_setting() {
    // No control collected (the menu buttons not rendered, or changed): the page's text says nothing.
    let mut s = page(FEATURES, vec![]);
    s.page_text = format!("Privacy {TRAINING} Enabled {IMPROVEMENTS} Enabled");
    s.elapsed_ms = 500;
    assert_eq!(finding(&plan(&s), ID).status, Status::Pending);
    s.elapsed_ms = 10_000;
    let f = plan(&s).findings.remove(0);
    assert_eq!((f.status, f.control, f.can_turn_off), (Status::NotFound, None, false));
}

#[test]
fn a_notice_on_the_page_makes_it_unavailable() {
    let mut s = page(FEATURES, vec![]);
    s.page_text = "This setting is not available to you.".into();
    assert_eq!(finding(&plan(&s), ID).status, Status::Unavailable);
}

#[test]
fn the_banner_says_a_change_can_take_thirty_minutes() {
    let mut s = page(FEATURES, vec![checkbox(TRAINING, true)]);
    s.ui_lang = "nl".into();
    let p = plan(&s);
    let f = finding(&p, ID);
    assert!(f.off_effect.contains("30 minuten"), "{}", f.off_effect);
    assert_eq!(f.address, FEATURES);
}

#[test]
fn copilot_business_and_enterprise_explain_a_page_without_the_setting() {
    let reasons = unavailable_reasons(ID, "2026-11-30");
    assert!(reasons.iter().any(|r| r.starts_with("Copilot Business and Copilot Enterprise")), "{reasons:?}");
    assert!(unavailable_reasons(ID, "2026-04-23").is_empty(), "the policy took effect on 2026-04-24");
}

#[test]
fn the_guide_walks_the_profile_menu_copilot_settings_and_features_to_the_setting() {
    let (_, s) = Catalog::embedded().setting(ID).unwrap();
    let names: Vec<&str> = s.guide.as_ref().unwrap().steps.iter().filter_map(|st| st.names.get("en")?.first().map(|t| &**t)).collect();
    assert_eq!(names, ["Open user navigation menu", "Copilot settings", "Features"]);
    walk_guide(ID, FEATURES, checkbox(TRAINING, true), checkbox(TRAINING, false));
}
