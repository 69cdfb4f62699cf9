//! Malformed rules are refused with the file and the field named (build.rs runs the same parser).

use optout::rules::parse_rule_file;
use optout::Catalog;

const GOOD: &str = include_str!("../rules/linkedin.json");

fn broken(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut v: serde_json::Value = serde_json::from_str(GOOD).unwrap();
    edit(&mut v);
    let err = parse_rule_file("crate/rules/linkedin.json", &v.to_string()).expect_err("must be refused");
    err.to_string()
}

#[test]
fn the_shipped_rules_parse() {
    assert!(parse_rule_file("crate/rules/linkedin.json", GOOD).is_ok());
}

#[test]
fn an_unknown_field_names_file_and_field() {
    let msg = broken(|v| v["settings"][2]["protection"] = "off".into());
    assert!(msg.starts_with("crate/rules/linkedin.json: settings[2]"), "{msg}");
    assert!(msg.contains("protection"), "{msg}");
}

#[test]
fn a_wrong_enum_value_names_the_field() {
    let msg = broken(|v| v["settings"][0]["protective"] = "of".into());
    assert!(msg.starts_with("crate/rules/linkedin.json: settings[0].protective:"), "{msg}");
}

#[test]
fn a_missing_field_is_named() {
    let msg = broken(|v| {
        v["settings"][0].as_object_mut().unwrap().remove("effect");
    });
    assert!(msg.contains("settings[0]") && msg.contains("effect"), "{msg}");
}

#[test]
fn english_text_is_required() {
    let msg = broken(|v| {
        v["settings"][1]["off_effect"].as_object_mut().unwrap().remove("en");
    });
    assert_eq!(msg, "crate/rules/linkedin.json: settings[1].off_effect: needs non-empty English (`en`) text");
}

#[test]
fn ids_follow_the_platform_form_and_are_unique() {
    assert!(broken(|v| v["settings"][0]["id"] = "LinkedIn.AI".into()).contains("settings[0].id"));
    assert!(broken(|v| v["settings"][1]["id"] = "linkedin.ai-training".into()).contains("settings[1].id: is not unique"));
}

#[test]
fn a_category_reference_must_exist() {
    let msg = broken(|v| v["settings"][0]["listed_on"][0] = "nowhere".into());
    assert!(msg.contains("settings[0].listed_on[0]"), "{msg}");
}

#[test]
fn the_platform_id_must_be_the_file_name() {
    let msg = broken(|v| v["platform"]["id"] = "linkedout".into());
    assert!(msg.contains("platform.id"), "{msg}");
}

#[test]
fn dates_are_checked() {
    assert!(broken(|v| v["settings"][0]["checked"] = "23/11/2026".into()).contains("settings[0].checked"));
}

#[test]
fn invalid_json_names_the_file() {
    let err = parse_rule_file("crate/rules/linkedin.json", "{ not json").unwrap_err();
    assert!(err.to_string().starts_with("crate/rules/linkedin.json:"));
}

#[test]
fn a_catalog_of_good_files_loads_and_a_bad_one_is_refused() {
    assert!(Catalog::from_files(&[("linkedin.json", GOOD)]).is_ok());
    assert!(Catalog::from_files(&[("linkedin.json", "[]")]).is_err());
}

#[test]
fn a_regional_history_entry_is_checked() {
    let msg = broken(|v| v["settings"][0]["regions"][1]["until"] = "2020-01-01".into());
    assert_eq!(msg, "crate/rules/linkedin.json: settings[0].regions[1].until: is before `since`");
    let msg = broken(|v| v["settings"][0]["regions"][1]["status"] = "gone".into());
    assert!(msg.starts_with("crate/rules/linkedin.json: settings[0].regions[1].status:"), "{msg}");
}

#[test]
fn a_platform_without_switches_needs_a_card_and_a_form_card_needs_forms() {
    let meta = include_str!("../rules/meta.json");
    assert!(parse_rule_file("crate/rules/meta.json", meta).is_ok());
    let edit = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut v: serde_json::Value = serde_json::from_str(meta).unwrap();
        f(&mut v);
        parse_rule_file("crate/rules/meta.json", &v.to_string()).unwrap_err().to_string()
    };
    assert!(edit(&|v| v.as_object_mut().unwrap().remove("card").map(drop).unwrap()).starts_with("crate/rules/meta.json: card:"));
    assert!(edit(&|v| v["forms"] = serde_json::json!([])).starts_with("crate/rules/meta.json: card.kind:"));
    assert!(edit(&|v| v["forms"][0]["url"] = "http://www.facebook.com/help/contact/1".into()).contains("forms[0].url"));
}
