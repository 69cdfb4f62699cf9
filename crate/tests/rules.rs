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
fn the_manifest_covers_every_rule_host() {
    let manifest: serde_json::Value = serde_json::from_str(include_str!("../../manifest.json")).unwrap();
    let text = manifest.to_string();
    for rules in Catalog::embedded().platforms() {
        for host in rules.platform.hosts.iter() {
            let pattern = format!("https://{host}/*");
            assert!(manifest["host_permissions"].as_array().unwrap().iter().any(|h| h == &pattern), "host_permissions lacks {pattern}");
            assert!(text.contains(&pattern), "content_scripts lack {pattern}");
        }
    }
}
