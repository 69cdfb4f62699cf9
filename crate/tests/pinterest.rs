//! Pinterest's Canvas training setting against snapshots shaped like pinterest.com/settings/privacy
//! ("Privacy and data"): native checkboxes, as Pinterest's help describes the page ("tick or untick the
//! boxes"), the Canvas one among the ads personalisation ones the help lists.

mod common;

use common::platform::{checkbox, finding, hidden, in_nav, index, page, plan, unavailable_reasons, walk_guide};
use common::switch;
use optout::page::PageKind;
use optout::Status;

const ID: &str = "pinterest.canvas-training";
const PRIVACY: &str = "https://www.pinterest.com/settings/privacy";
const CANVAS: &str = "Use your data to train Pinterest Canvas";
/// The other boxes of the page, as Pinterest's help lists them.
const ADS: [&str; 4] =
    ["Use sites you visit", "Use partner info", "Improve the ads you see about Pinterest", "Share activity for ads performance reporting"];

fn privacy_page(canvas_at: usize, canvas_on: bool) -> Vec<optout::evaluate::Control> {
    let mut boxes: Vec<_> = ADS.iter().map(|label| checkbox(label, true)).collect();
    boxes.insert(canvas_at, checkbox(CANVAS, canvas_on));
    boxes
}

#[test]
fn privacy_and_data_is_the_settings_page() {
    assert_eq!(plan(&page(PRIVACY, vec![])).page, PageKind::Setting { setting: ID.into() });
    assert_eq!(plan(&page("https://www.pinterest.com/settings/", vec![])).page, PageKind::Other);
}

#[test]
fn the_canvas_box_is_recognised_among_the_ads_boxes_wherever_it_sits() {
    for at in 0..=ADS.len() {
        let p = plan(&page(PRIVACY, privacy_page(at, true)));
        let f = finding(&p, ID);
        assert_eq!((f.status, f.can_turn_off, index(f)), (Status::OptedIn, true, Some(at)));
        assert_eq!(p.findings.len(), 1, "the ads boxes are no known setting");
    }
}

#[test]
fn unticked_is_opted_out() {
    let p = plan(&page(PRIVACY, privacy_page(2, false)));
    assert_eq!((finding(&p, ID).status, finding(&p, ID).can_turn_off), (Status::OptedOut, false));
}

#[test]
fn a_role_switch_rendering_is_read_as_well() {
    let p = plan(&page(PRIVACY, vec![switch(ADS[0], true), switch(CANVAS, true)]));
    assert_eq!((finding(&p, ID).status, index(finding(&p, ID))), (Status::OptedIn, Some(1)));
}

#[test]
fn a_hidden_lookalike_and_the_same_words_in_the_navigation_are_never_the_box() {
    let mut boxes = privacy_page(4, true);
    boxes.insert(0, hidden(checkbox(CANVAS, false)));
    boxes.insert(0, in_nav(checkbox(CANVAS, false)));
    let p = plan(&page(PRIVACY, boxes));
    assert_eq!((finding(&p, ID).status, index(finding(&p, ID))), (Status::OptedIn, Some(6)));
}

#[test]
fn a_page_with_only_the_ads_boxes_does_not_guess_which_one_is_canvas() {
    let boxes: Vec<_> = ADS.iter().map(|label| checkbox(label, true)).collect();
    let f = plan(&page(PRIVACY, boxes)).findings.remove(0);
    assert_eq!((f.status, f.can_turn_off), (Status::Ambiguous, false));
}

#[test]
fn a_page_without_any_box_is_not_found_or_unavailable_when_it_says_so() {
    let mut s = page(PRIVACY, vec![]);
    assert_eq!(finding(&plan(&s), ID).status, Status::NotFound);
    s.page_text = "This setting is not available in your region".into();
    assert_eq!(finding(&plan(&s), ID).status, Status::Unavailable);
}

#[test]
fn minors_explain_a_page_without_the_box() {
    let reasons = unavailable_reasons(ID, "2026-11-30");
    assert!(reasons.iter().any(|r| r.starts_with("members under 18")), "{reasons:?}");
}

#[test]
fn the_guide_walks_from_the_settings_to_privacy_and_data_and_the_box() {
    walk_guide(ID, PRIVACY, checkbox(CANVAS, true), checkbox(CANVAS, false));
}

#[test]
fn turn_off_is_told_to_press_done_whatever_the_persons_language() {
    let p = plan(&page(PRIVACY, privacy_page(0, true)));
    assert_eq!(finding(&p, ID).save, vec!["Done".to_string()]);
    let mut german = page(PRIVACY, privacy_page(0, true));
    german.ui_lang = "de".into();
    assert_eq!(finding(&plan(&german), ID).save, vec!["Done".to_string()], "the page's own English name");
}
