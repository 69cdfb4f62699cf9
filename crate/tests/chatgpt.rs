//! ChatGPT's "Improve the model for everyone" against snapshots shaped like its settings dialog: the
//! Data controls tab (`/settings/data-controls`) shows a row button that opens a second dialog holding
//! the real switch, a `<button role="switch">` with `aria-checked` (and Radix's `data-state`).

mod common;

use common::controls::{button, guide_at, link, menuitem, role_switch};
use common::{only, plan, snap};
use optout::guide::GuideStatus;
use optout::page::PageKind;
use optout::Status;

const PAGE: &str = "https://chatgpt.com/settings/data-controls";
const ID: &str = "chatgpt.improve-model";
const LABEL: &str = "Improve the model for everyone";

fn on_page(switches: Vec<optout::evaluate::Control>) -> optout::Snapshot {
    optout::Snapshot { switches, ..snap(PAGE) }
}

#[test]
fn the_data_controls_route_is_the_settings_page() {
    let p = plan(&on_page(vec![role_switch(LABEL, Some("true"))]));
    assert_eq!(p.page, PageKind::Setting { setting: ID.into() });
    assert_eq!(only(&p).address, PAGE);
}

#[test]
fn the_switch_in_the_dialog_reads_its_aria_checked() {
    let on = plan(&on_page(vec![role_switch(LABEL, Some("true"))]));
    assert_eq!((only(&on).status, only(&on).can_turn_off), (Status::OptedIn, true));
    let off = plan(&on_page(vec![role_switch(LABEL, Some("false"))]));
    assert_eq!((only(&off).status, only(&off).can_turn_off), (Status::OptedOut, false));
}

#[test]
fn before_the_dialog_opens_the_row_button_is_no_switch_and_nothing_is_claimed() {
    // The row button's name carries the state ("… On"), but it is not the switch: pending, then not found.
    let mut s = on_page(vec![]);
    s.page_text = "Data controls Improve the model for everyone On".into();
    assert_eq!(only(&plan(&s)).status, Status::Pending);
    s.elapsed_ms = 10_000;
    assert_eq!(only(&plan(&s)).status, Status::NotFound);
}

#[test]
fn a_switch_that_shows_its_state_only_in_data_state_is_never_claimed() {
    // Read once the core reads `data-state` (the `kinds` work); until then: ambiguous, never a guess.
    let p = plan(&on_page(vec![role_switch(LABEL, None)]));
    assert_eq!((only(&p).status, only(&p).can_turn_off), (Status::Ambiguous, false));
}

#[test]
fn the_guide_walks_profile_menu_settings_data_controls_row_and_switch() {
    let root = "https://chatgpt.com/";
    let step = |url: &str, reached: u32, candidates| {
        let g = guide_at(ID, url, reached, candidates);
        (g.step, g.status, g.total)
    };
    assert_eq!(step(root, 0, vec![button("Open profile menu")]), (1, GuideStatus::OnPath, 5));
    assert_eq!(step(root, 1, vec![button("Open profile menu"), menuitem("Settings", "/settings/general")]).0, 2);
    let tabs = || vec![link("General", "/settings/general"), link("Data controls", "/settings/data-controls")];
    assert_eq!(step("https://chatgpt.com/settings/general", 2, tabs()).0, 3);
    let mut row = tabs();
    row.push(button("Improve the model for everyone On"));
    assert_eq!(step(PAGE, 3, row.clone()).0, 4);
    row.push(role_switch(LABEL, Some("true")));
    let last = guide_at(ID, PAGE, 4, row);
    assert_eq!((last.step, last.last, last.status), (5, true, GuideStatus::OnPath));
}

#[test]
fn the_banner_speaks_the_browser_language() {
    let mut s = on_page(vec![role_switch(LABEL, Some("true"))]);
    s.ui_lang = "fr-FR".into();
    let p = plan(&s);
    assert!(only(&p).effect.starts_with("Permet à OpenAI"), "{}", only(&p).effect);
    assert_eq!(only(&p).title, LABEL, "the platform's own label stays as ChatGPT shows it");
}
