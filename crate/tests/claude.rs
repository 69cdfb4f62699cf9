//! Claude's "Help improve Claude" against snapshots shaped like its Privacy settings page
//! (`/settings/data-privacy-controls`): a `<button role="switch">`, under the earlier and the live
//! wording ("Help improve our AI models"), beside other switches of the page.

mod common;

use common::controls::{guide_at, link, role_switch};
use common::{only, plan, snap};
use optout::evaluate::Control;
use optout::guide::GuideStatus;
use optout::Status;

const PAGE: &str = "https://claude.ai/settings/data-privacy-controls";
const ID: &str = "claude.help-improve";
const WORDINGS: [&str; 2] = ["Help improve Claude", "Help improve our AI models"];
const OTHER: &str = "Location metadata";

fn on_page(switches: Vec<Control>) -> optout::Snapshot {
    optout::Snapshot { switches, ..snap(PAGE) }
}

#[test]
fn both_wordings_are_recognised_beside_another_switch_in_either_order() {
    for label in WORDINGS {
        for first in [true, false] {
            let mut switches = vec![role_switch(label, Some("true")), role_switch(OTHER, Some("false"))];
            if !first {
                switches.reverse();
            }
            let p = plan(&on_page(switches));
            let f = only(&p);
            assert_eq!((f.status, f.can_turn_off), (Status::OptedIn, true), "{label}");
            assert_eq!(f.control.as_ref().unwrap().index, if first { 0 } else { 1 }, "{label}");
        }
    }
}

#[test]
fn off_is_opted_out_and_the_other_switch_does_not_count() {
    let p = plan(&on_page(vec![role_switch(OTHER, Some("true")), role_switch(WORDINGS[1], Some("false"))]));
    assert_eq!(only(&p).status, Status::OptedOut);
}

#[test]
fn a_switch_without_a_readable_state_is_never_claimed() {
    // A switch that shows its state only in `data-state` is read once the core reads that attribute.
    let p = plan(&on_page(vec![role_switch(WORDINGS[0], None)]));
    assert_eq!(only(&p).status, Status::Ambiguous);
}

#[test]
fn recognised_by_label_on_another_settings_page() {
    // The same switch is also offered elsewhere (e.g. a first-run dialog over a settings route).
    let s = optout::Snapshot { switches: vec![role_switch(WORDINGS[1], Some("true"))], ..snap("https://claude.ai/settings/general") };
    let p = plan(&s);
    assert_eq!((only(&p).setting.as_str(), only(&p).status), (ID, Status::OptedIn));
}

#[test]
fn the_guide_goes_from_settings_to_privacy_to_the_switch() {
    let rail = || vec![link("General", "/settings/general"), link("Privacy", "/settings/data-privacy-controls")];
    let first = guide_at(ID, "https://claude.ai/settings/general", 0, rail());
    assert_eq!((first.step, first.total, first.status), (1, 2, GuideStatus::OnPath));
    let mut page = rail();
    page.push(role_switch(WORDINGS[1], Some("true")));
    let last = guide_at(ID, PAGE, 1, page);
    assert_eq!((last.step, last.last), (2, true));
}

#[test]
fn the_popup_explains_an_absent_switch_by_the_plans() {
    let (_, s) = optout::Catalog::embedded().setting(ID).unwrap();
    let exempt: Vec<&str> = s.regions.iter().filter(|r| r.status.explains_absence()).map(|r| &**r.regions.get("en").unwrap()).collect();
    assert_eq!(exempt, ["Claude for Work, Education, Government and the API"]);
}
