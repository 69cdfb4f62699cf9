//! Perplexity's "AI data retention" (earlier "AI Data Usage") against snapshots shaped like its
//! Preferences settings page: a `<button role="switch">` among the page's other preferences.

mod common;

use common::controls::{guide_at, link, role_switch};
use common::{only, plan, snap};
use optout::evaluate::Control;
use optout::Status;

const PAGE: &str = "https://www.perplexity.ai/settings/preferences";
const ID: &str = "perplexity.ai-data-retention";

fn on_page(switches: Vec<Control>) -> optout::Snapshot {
    optout::Snapshot { switches, ..snap(PAGE) }
}

#[test]
fn both_wordings_are_recognised_beside_other_preferences() {
    for label in ["AI data retention", "AI Data Usage"] {
        let p = plan(&on_page(vec![role_switch("Autosuggest", Some("true")), role_switch(label, Some("true"))]));
        assert_eq!((only(&p).status, only(&p).control.as_ref().unwrap().index), (Status::OptedIn, 1), "{label}");
    }
}

#[test]
fn off_is_opted_out() {
    let p = plan(&on_page(vec![role_switch("AI data retention", Some("false"))]));
    assert_eq!(only(&p).status, Status::OptedOut);
}

#[test]
fn two_unlabelled_switches_are_ambiguous() {
    let p = plan(&on_page(vec![role_switch("", Some("true")), role_switch("", Some("false"))]));
    assert_eq!(only(&p).status, Status::Ambiguous);
}

#[test]
fn the_guide_goes_from_the_account_settings_to_preferences_to_the_switch() {
    let rail = || vec![link("Account", "/settings/account"), link("Preferences", "/settings/preferences")];
    let g = guide_at(ID, "https://www.perplexity.ai/settings/account", 0, rail());
    assert_eq!((g.step, g.total), (1, 2));
    let mut page = rail();
    page.push(role_switch("AI data retention", Some("true")));
    assert_eq!(guide_at(ID, PAGE, 1, page).step, 2);
}
