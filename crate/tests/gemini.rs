//! Gemini's "Keep Activity" against snapshots shaped like My Activity's Gemini page
//! (`myactivity.google.com/product/gemini`): the setting is a chip-like button that opens a menu
//! ("Turn off", "Turn off and delete activity"), not a switch: a menu button, read by the state word
//! it shows (tests/menus.rs). Without it, the page is recognised and nothing is claimed.

mod common;

use common::controls::{checkbox, guide_at};
use common::{only, plan, snap};
use optout::guide::GuideStatus;
use optout::page::{selectors, PageKind};
use optout::{Catalog, Status};

const PAGE: &str = "https://myactivity.google.com/product/gemini";
const ID: &str = "gemini.keep-activity";

#[test]
fn the_gemini_activity_page_is_the_settings_page_and_other_activity_pages_are_not() {
    assert_eq!(plan(&snap(PAGE)).page, PageKind::Setting { setting: ID.into() });
    assert!(selectors(Catalog::embedded(), "https://myactivity.google.com/myactivity").is_none(), "the rest of My Activity is left alone");
}

#[test]
fn without_its_chip_the_page_is_pending_then_not_found_never_a_guess() {
    // The page's text says "On", but no control shows it: nothing is read from text alone.
    let mut s = snap(PAGE);
    s.page_text = "Gemini Apps Activity Keep activity On Turn off Turn off and delete activity".into();
    assert_eq!(only(&plan(&s)).status, Status::Pending);
    s.elapsed_ms = 10_000;
    let f = only(&plan(&s)).clone();
    assert_eq!((f.status, f.can_turn_off), (Status::NotFound, false));
}

#[test]
fn were_it_a_switch_the_note_on_deleting_activity_shows_where_the_page_offers_it() {
    let mut s = snap(PAGE);
    s.switches = vec![checkbox("Keep Activity", true)];
    s.page_text = "Keep activity Turn off Turn off and delete activity".into();
    let p = plan(&s);
    assert_eq!(only(&p).status, Status::OptedIn);
    assert!(only(&p).notes[0].contains("never chooses that"), "{:?}", only(&p).notes);
    s.page_text = "Keep activity".into();
    assert!(only(&plan(&s)).notes.is_empty());
}

#[test]
fn both_names_are_known_and_the_guide_starts_at_the_page() {
    let (_, s) = Catalog::embedded().setting(ID).unwrap();
    assert_eq!(s.titles.get("en").unwrap().iter().map(|t| &**t).collect::<Vec<_>>(), ["Keep Activity", "Gemini Apps Activity"]);
    let g = guide_at(ID, PAGE, 0, vec![]);
    assert_eq!((g.step, g.total, g.last, g.status), (1, 1, true, GuideStatus::Pending), "the chip has not rendered yet");
}
