//! The menu control kind, whatever the platform: a button that opens a menu of choices
//! (`aria-haspopup` "menu", "listbox" or "true") and shows the setting's value, as GitHub's
//! "Enabled"/"Disabled" dropdowns and Gemini's "On"/"Off" chip do. Its position is its shown value when
//! that is exactly one of the platform's state words; the finding hands the content script the only
//! item texts it may choose (the protective state word and the rule's `turn_off`/`turn_on` words), never a
//! lookalike such as "Turn off and delete activity". Pages are not trusted: a button whose value is no
//! state word, a hidden or navigation lookalike, an account menu, are never the setting.

mod common;

use common::controls::guide_at;
use optout::evaluate::{Control, Finding};
use optout::guide::GuideStatus;
use optout::{evaluate, Catalog, Plan, Snapshot, Status};

/// A platform of its own (no real platform's rules assumed): state words in two languages, menu
/// items that turn off, one setting that protects when off and one when on.
fn catalog() -> Catalog {
    Catalog::from_files(&[("menus.json", &rules(r#"{ "en": ["Turn off"], "de": ["Deaktivieren"] }"#))]).expect("the test rules parse")
}

/// The test platform's rule file, its `turn_off` words given.
fn rules(turn_off: &str) -> String {
    let text = r#"{ "en": "t", "de": "t", "fr": "t", "es": "t", "pt": "t", "nl": "t", "it": "t" }"#;
    let setting = |id: &str, label: &str, page: &str, protective: &str| {
        let default = if protective == "on" { "off" } else { "on" };
        format!(
            r#"{{ "id": "{id}", "titles": {{ "en": ["{label}"] }}, "switch_labels": {{ "en": ["{label}"] }}, "page": "{page}",
                "protective": "{protective}", "default": "{default}", "effect": {text}, "off_effect": {text}, "navigation": {text},
                "sources": [{{ "url": "https://menus.example/help", "checked": "2026-11-30", "fact": "test" }}], "confidence": "high" }}"#
        )
    };
    format!(
        r#"{{ "platform": {{
            "id": "menus", "name": "Menus", "origin": "https://menus.example", "hosts": ["menus.example"], "scope": ["/settings/"],
            "state_words": {{ "on": {{ "en": ["Enabled", "On"], "de": ["Aktiviert"] }}, "off": {{ "en": ["Disabled", "Off"], "de": ["Deaktiviert"] }},
                             "turn_off": {turn_off}, "turn_on": {{ "en": ["Turn on"] }} }},
            "sources": [{{ "url": "https://menus.example/help", "checked": "2026-11-30", "fact": "test rules" }}] }},
          "settings": [{}, {}] }}"#,
        setting("menus.training", "Use my data for AI training", "/settings/training", "off"),
        setting("menus.block", "Block AI training", "/settings/block", "on"),
    )
}

const TRAINING: &str = "https://menus.example/settings/training";
const BLOCK: &str = "https://menus.example/settings/block";
const OTHER: &str = "https://menus.example/settings/other";
const LABEL: &str = "Use my data for AI training";

/// A menu button named `name` (its label, or its row's) showing `value`.
fn menu(name: &str, value: &str) -> Control {
    Control { tag: "button".into(), haspopup: Some("menu".into()), name: name.into(), text: value.into(), ..Control::default() }
}

fn plan_with(catalog: &Catalog, url: &str, switches: Vec<Control>) -> Plan {
    let snap = Snapshot { url: url.into(), ui_lang: "en".into(), elapsed_ms: 60_000, switches, ..Snapshot::default() };
    evaluate(catalog, &snap).expect("a settings page")
}

fn plan(url: &str, switches: Vec<Control>) -> Plan {
    plan_with(&catalog(), url, switches)
}

fn only(p: &Plan) -> &Finding {
    assert_eq!(p.findings.len(), 1, "{:?}", p.findings);
    &p.findings[0]
}

#[test]
fn a_menu_button_is_read_by_the_state_word_it_shows_in_any_language_of_the_rule() {
    for (value, status) in [
        ("Enabled", Status::OptedIn),
        ("On", Status::OptedIn),
        ("Aktiviert", Status::OptedIn),
        ("Disabled", Status::OptedOut),
        ("Off", Status::OptedOut),
        ("Deaktiviert", Status::OptedOut),
    ] {
        let p = plan(TRAINING, vec![menu(LABEL, value)]);
        let f = only(&p);
        assert_eq!((f.status, f.can_turn_off), (status, status == Status::OptedIn), "{value}");
        assert_eq!(f.control.as_ref().map(|c| c.index), Some(0));
    }
}

#[test]
fn its_finding_names_only_the_protective_items_never_a_lookalike() {
    let p = plan(TRAINING, vec![menu(LABEL, "Enabled")]);
    let items = &only(&p).menu_items;
    // The off words, then the turn-off words, every language.
    assert_eq!(items, &["Deaktiviert", "Disabled", "Off", "Deaktivieren", "Turn off"]);
    for never in ["Turn off and delete activity", "Enabled", "On", "Turn on"] {
        assert!(!items.iter().any(|i| i == never), "{never} is no protective item");
    }
    // Where "on" protects, the items are the on words and the turn-on words.
    let p = plan(BLOCK, vec![menu("Block AI training", "Disabled")]);
    let f = only(&p);
    assert_eq!(
        (f.status, f.protective, f.menu_items.clone()),
        (Status::OptedIn, "on", vec!["Aktiviert".into(), "Enabled".into(), "On".into(), "Turn on".into()])
    );
    // Other kinds carry no menu items.
    let p = plan(
        TRAINING,
        vec![Control {
            tag: "button".into(),
            role: "switch".into(),
            aria_checked: Some("true".into()),
            name: LABEL.into(),
            ..Control::default()
        }],
    );
    assert!(only(&p).menu_items.is_empty());
}

#[test]
fn a_value_that_is_not_exactly_a_state_word_is_no_candidate_so_not_found() {
    for value in ["Enabled for now", "Not disabled", "Manage", "", "Enabled Disabled", "Turn off"] {
        let p = plan(TRAINING, vec![menu(LABEL, value)]);
        let f = only(&p);
        assert_eq!((f.status, f.control.clone(), f.can_turn_off), (Status::NotFound, None, false), "{value:?}");
    }
}

#[test]
fn hidden_and_navigation_lookalikes_and_an_account_menu_are_never_the_setting() {
    let hidden = Control { hidden: true, ..menu(LABEL, "Disabled") };
    let in_nav = Control { in_main: false, ..menu(LABEL, "Disabled") };
    let account = menu("Open user navigation menu", "Open user navigation menu");
    let p = plan(TRAINING, vec![hidden, in_nav, account, menu(LABEL, "Enabled")]);
    let f = only(&p);
    assert_eq!((f.status, f.control.as_ref().map(|c| c.index)), (Status::OptedIn, Some(3)));
    // Only lookalikes: nothing found, nothing claimed.
    let p = plan(TRAINING, vec![Control { hidden: true, ..menu(LABEL, "Enabled") }, menu("Open user navigation menu", "Menu")]);
    assert_eq!(only(&p).status, Status::NotFound);
}

#[test]
fn only_a_button_with_a_menu_listbox_or_true_popup_is_a_menu_button() {
    for popup in ["menu", "listbox", "true"] {
        let c = Control { haspopup: Some(popup.into()), ..menu(LABEL, "Enabled") };
        assert_eq!(only(&plan(TRAINING, vec![c])).status, Status::OptedIn, "{popup}");
    }
    let dialog = Control { haspopup: Some("dialog".into()), ..menu(LABEL, "Enabled") };
    let div = Control { tag: "div".into(), ..menu(LABEL, "Enabled") };
    for c in [dialog, div] {
        assert_eq!(only(&plan(TRAINING, vec![c.clone()])).status, Status::NotFound, "{c:?}");
    }
    // A toggle button that also has a popup is read by its pressed state, not its text.
    let pressed = Control { aria_pressed: Some("false".into()), ..menu(LABEL, "Enabled") };
    let f = only(&plan(TRAINING, vec![pressed])).clone();
    assert_eq!((f.status, f.menu_items.is_empty()), (Status::OptedOut, true));
}

#[test]
fn beside_a_like_named_setting_the_label_decides_and_elsewhere_the_label_alone() {
    let p = plan(TRAINING, vec![menu("Use my data for product improvements", "Enabled"), menu(LABEL, "Disabled")]);
    let f = only(&p);
    assert_eq!((f.status, f.control.as_ref().map(|c| c.index)), (Status::OptedOut, Some(1)));
    // On a page whose URL names no setting: recognised by its label only.
    let p = plan(OTHER, vec![menu("Something else", "Enabled"), menu(LABEL, "Enabled")]);
    let f = p.findings.iter().find(|f| f.setting == "menus.training").expect("found by label");
    assert_eq!((f.status, f.control.as_ref().map(|c| c.index)), (Status::OptedIn, Some(1)));
}

#[test]
fn a_turn_word_that_is_a_word_of_the_other_position_is_refused() {
    let err = Catalog::from_files(&[("menus.json", &rules(r#"{ "en": ["Turn off"], "de": ["aktiviert"] }"#))])
        .map(|_| ())
        .expect_err("a turn-off word that says on");
    assert!(format!("{err:?}").contains("state_words.turn_off"), "{err:?}");
    let err = Catalog::from_files(&[("menus.json", &rules(r#"{ "en": [" "] }"#))]).map(|_| ()).expect_err("an empty turn-off word");
    assert!(format!("{err:?}").contains("state_words.turn_off"), "{err:?}");
}

// ---- the platforms that render a menu button

#[test]
fn gemini_chip_named_by_its_label_and_value_is_read_and_offers_only_turn_off() {
    let chip = menu("Keep activity On", "On");
    let lookalike = Control { hidden: true, ..menu("Keep activity Off", "Off") };
    let url = "https://myactivity.google.com/product/gemini";
    let p = plan_with(Catalog::embedded(), url, vec![lookalike, chip.clone()]);
    let f = only(&p);
    assert_eq!((f.status, f.can_turn_off, f.control.as_ref().map(|c| c.index)), (Status::OptedIn, true, Some(1)));
    assert_eq!(f.menu_items, ["Off", "Turn off"], "never “Turn off and delete activity”");
    let p = plan_with(Catalog::embedded(), url, vec![menu("Keep activity Off", "Off")]);
    assert_eq!(only(&p).status, Status::OptedOut);
    // The guide's last step points at the chip.
    let g = guide_at("gemini.keep-activity", url, 0, vec![chip]);
    assert_eq!((g.last, g.status, g.target), (true, GuideStatus::OnPath, Some(0)));
}

#[test]
fn github_privacy_dropdowns_named_by_their_rows_the_training_one_is_chosen() {
    let url = "https://github.com/settings/copilot/features";
    let training = "Allow GitHub to use my data for AI model training";
    let improvements = "Allow GitHub to use my data for product improvements";
    let switches =
        vec![menu("Open user navigation menu", "Open user navigation menu"), menu(improvements, "Enabled"), menu(training, "Enabled")];
    let p = plan_with(Catalog::embedded(), url, switches);
    let f = p.findings.iter().find(|f| f.setting == "github.copilot-training").expect("the setting");
    assert_eq!((f.status, f.can_turn_off, f.control.as_ref().map(|c| c.index)), (Status::OptedIn, true, Some(2)));
    assert_eq!(f.menu_items, ["Disabled"]);
    let p = plan_with(Catalog::embedded(), url, vec![menu(improvements, "Enabled"), menu(training, "Disabled")]);
    assert_eq!(p.findings.iter().find(|f| f.setting == "github.copilot-training").unwrap().status, Status::OptedOut);
}
