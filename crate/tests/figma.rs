//! Figma's content training setting against snapshots shaped like a team's admin settings in the file
//! browser: the AI section's two toggles, "AI features" and "Content training". The address holds the
//! team's id, so the setting is recognised by its label anywhere under /files, never by position.

mod common;

use common::platform::{aria_switch, checkbox, finding, hidden, in_nav, index, page, plan, unavailable_reasons, walk_guide};
use common::switch;
use optout::page::PageKind;
use optout::{Catalog, Status};

const ID: &str = "figma.content-training";
/// A Professional team's admin settings (the team id is an example).
const ADMIN: &str = "https://www.figma.com/files/team/1234567890123456789/admin?tab=settings";
const TRAINING: &str = "Content training";
const FEATURES: &str = "AI features";

#[test]
fn the_admin_settings_are_read_by_label_as_any_file_browser_page() {
    assert_eq!(plan(&page(ADMIN, vec![])).page, PageKind::Other);
    assert!(optout::evaluate(Catalog::embedded(), &page("https://www.figma.com/design/abc/My-file", vec![])).is_none());
}

#[test]
fn content_training_is_told_apart_from_ai_features_in_either_order() {
    for first in [true, false] {
        let mut switches = vec![switch(TRAINING, true), switch(FEATURES, true)];
        if !first {
            switches.reverse();
        }
        let p = plan(&page(ADMIN, switches));
        let f = finding(&p, ID);
        assert_eq!((f.status, f.can_turn_off, index(f)), (Status::OptedIn, true, Some(if first { 0 } else { 1 })));
        assert_eq!(p.findings.len(), 1);
    }
}

#[test]
fn off_is_opted_out() {
    let p = plan(&page(ADMIN, vec![aria_switch(FEATURES, true), aria_switch(TRAINING, false)]));
    assert_eq!((finding(&p, ID).status, finding(&p, ID).can_turn_off), (Status::OptedOut, false));
}

#[test]
fn a_lone_ai_features_toggle_is_never_taken_for_content_training() {
    let p = plan(&page(ADMIN, vec![checkbox(FEATURES, true)]));
    assert!(p.findings.is_empty(), "{:?}", p.findings);
}

#[test]
fn a_hidden_lookalike_and_the_same_words_in_the_navigation_are_never_the_toggle() {
    let p = plan(&page(ADMIN, vec![hidden(switch(TRAINING, false)), in_nav(switch(TRAINING, false)), switch(TRAINING, true)]));
    assert_eq!((finding(&p, ID).status, index(finding(&p, ID))), (Status::OptedIn, Some(2)));
}

#[test]
fn a_member_who_is_not_an_admin_sees_no_toggle_and_gets_no_claim() {
    let p =
        plan(&page("https://www.figma.com/files/team/1234567890123456789/recents-and-sharing", vec![checkbox("Show hidden files", true)]));
    assert!(p.findings.is_empty());
    let reasons = unavailable_reasons(ID, "2026-11-30");
    assert!(reasons.iter().any(|r| r.starts_with("team members who are not admins")), "{reasons:?}");
    assert!(reasons.iter().any(|r| r.starts_with("Organization and Enterprise plans")), "{reasons:?}");
}

#[test]
fn the_banner_says_only_admins_can_change_it_in_every_language() {
    let admins = [
        ("en", "admins"),
        ("de", "Admins"),
        ("fr", "administrateurs"),
        ("es", "administradores"),
        ("pt", "administradores"),
        ("nl", "beheerders"),
        ("it", "amministratori"),
    ];
    for (lang, word) in admins {
        let mut s = page(ADMIN, vec![switch(TRAINING, true)]);
        s.ui_lang = lang.into();
        let f = plan(&s).findings.remove(0);
        assert!(f.effect.contains(word), "{lang}: {}", f.effect);
    }
}

#[test]
fn the_file_browser_entry_is_the_direct_address() {
    let f = plan(&page(ADMIN, vec![switch(TRAINING, true)])).findings.remove(0);
    assert_eq!(f.address, "https://www.figma.com/files");
    let mut bare = page("https://www.figma.com/files", vec![]);
    assert_eq!(finding(&plan(&bare), ID).status, Status::NotFound);
    bare.elapsed_ms = 100;
    assert_eq!(finding(&plan(&bare), ID).status, Status::Pending);
}

#[test]
fn the_guide_walks_admin_then_settings_to_the_toggle() {
    let (_, s) = Catalog::embedded().setting(ID).unwrap();
    let names: Vec<&str> = s.guide.as_ref().unwrap().steps.iter().filter_map(|st| st.names.get("en")?.first().map(|t| &**t)).collect();
    assert_eq!(names, ["Admin", "Settings"]);
    walk_guide(ID, ADMIN, switch(TRAINING, true), switch(TRAINING, false));
}

#[test]
fn the_german_wording_of_figmas_help_is_recognised_beside_ki_funktionen() {
    let mut s = page(ADMIN, vec![switch("KI-Funktionen", true), switch("Inhaltstraining", true)]);
    s.ui_lang = "de".into();
    let p = plan(&s);
    let f = finding(&p, ID);
    assert_eq!((f.status, index(f), f.title.as_str()), (Status::OptedIn, Some(1), "Inhaltstraining"));
    assert_eq!(p.findings.len(), 1);
}
