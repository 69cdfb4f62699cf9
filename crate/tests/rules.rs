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
fn every_text_shown_to_people_needs_all_seven_languages() {
    let msg = broken(|v| {
        v["settings"][0]["effect"].as_object_mut().unwrap().remove("it");
    });
    assert_eq!(
        msg,
        "crate/rules/linkedin.json: settings[0].effect: lacks the `it` text (every text shown to people is in en, de, fr, es, pt, nl, it)"
    );
    let lacks = |field: &str, lang: &str, msg: String| {
        assert!(msg.starts_with(&format!("crate/rules/linkedin.json: {field}: lacks the `{lang}` text")), "{msg}");
    };
    lacks("settings[3].off_effect", "fr", broken(|v| v["settings"][3]["off_effect"]["fr"] = " ".into()));
    lacks(
        "settings[0].regions[2].regions",
        "nl",
        broken(|v| drop(v["settings"][0]["regions"][2]["regions"].as_object_mut().unwrap().remove("nl"))),
    );
    lacks(
        "settings[0].regions[0].note",
        "pt",
        broken(|v| drop(v["settings"][0]["regions"][0]["note"].as_object_mut().unwrap().remove("pt"))),
    );
    lacks("settings[2].navigation", "es", broken(|v| drop(v["settings"][2]["navigation"].as_object_mut().unwrap().remove("es"))));
    lacks(
        "settings[0].guide.steps[3].section",
        "de",
        broken(|v| drop(v["settings"][0]["guide"]["steps"][3]["section"].as_object_mut().unwrap().remove("de"))),
    );
    lacks(
        "settings[1].guide.steps[4].label",
        "it",
        broken(|v| drop(v["settings"][1]["guide"]["steps"][4]["label"].as_object_mut().unwrap().remove("it"))),
    );
    lacks("guide_steps.me-menu.label", "es", broken(|v| drop(v["guide_steps"]["me-menu"]["label"].as_object_mut().unwrap().remove("es"))));
}

#[test]
fn a_form_or_card_text_lacking_a_language_is_refused() {
    let meta = include_str!("../rules/meta.json");
    let edit = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut v: serde_json::Value = serde_json::from_str(meta).unwrap();
        f(&mut v);
        parse_rule_file("crate/rules/meta.json", &v.to_string()).unwrap_err().to_string()
    };
    for (field, lang) in [("forms[1].suggested_text", "nl"), ("forms[0].what_to_write", "fr"), ("forms[0].name", "it")] {
        let (form, key) = field.trim_start_matches("forms[").split_once("].").unwrap();
        let form: usize = form.parse().unwrap();
        let msg = edit(&|v| drop(v["forms"][form][key].as_object_mut().unwrap().remove(lang)));
        assert!(msg.starts_with(&format!("crate/rules/meta.json: {field}: lacks the `{lang}` text")), "{msg}");
    }
    assert!(edit(&|v| drop(v["card"]["who"].as_object_mut().unwrap().remove("pt")))
        .starts_with("crate/rules/meta.json: card.who: lacks the `pt` text"));
    assert!(edit(&|v| drop(v["card"]["summary"].as_object_mut().unwrap().remove("es")))
        .starts_with("crate/rules/meta.json: card.summary: lacks the `es` text"));
}

#[test]
fn the_platforms_own_labels_need_english_only() {
    // Titles, switch labels, state words and guide step names are what the platform shows: they are
    // known in some languages only, and the matcher falls back to every known wording.
    let mut v: serde_json::Value = serde_json::from_str(GOOD).unwrap();
    v["settings"][0]["titles"] = serde_json::json!({ "en": ["Data for Generative AI Improvement"] });
    v["settings"][0]["switch_labels"] = serde_json::json!({ "en": ["Use my data for training content creation AI models"] });
    v["guide_steps"]["me-menu"]["names"] = serde_json::json!({ "en": ["Me"] });
    assert!(parse_rule_file("crate/rules/linkedin.json", &v.to_string()).is_ok());
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
    let msg = broken(|v| v["settings"][0]["sources"][0]["checked"] = "23/11/2026".into());
    assert_eq!(msg, "crate/rules/linkedin.json: settings[0].sources[0].checked: must be a date written YYYY-MM-DD");
    assert!(broken(|v| v["settings"][0]["sources"][0]["checked"] = "2026-13-01".into()).contains("settings[0].sources[0].checked"));
    assert!(broken(|v| v["settings"][0]["regions"][0]["since"] = "2024-9-18".into()).contains("settings[0].regions[0].since"));
}

#[test]
fn a_source_must_be_an_https_address_a_person_can_open() {
    for url in [
        "notes.md (LinkedIn)",
        "http://www.linkedin.com/help/linkedin/answer/a6278444",
        "https://",
        "https://www.linkedin.com/help a6278444",
    ] {
        let msg = broken(|v| v["settings"][1]["sources"][0]["url"] = url.into());
        assert_eq!(
            msg, "crate/rules/linkedin.json: settings[1].sources[0].url: must be an https address a person can open (`https://host/...`)",
            "{url}"
        );
    }
    let msg = broken(|v| v["platform"]["sources"][1]["url"] = "notes.md".into());
    assert!(msg.starts_with("crate/rules/linkedin.json: platform.sources[1].url:"), "{msg}");
}

#[test]
fn a_source_says_which_fact_it_supports() {
    let msg = broken(|v| v["settings"][0]["sources"][2]["fact"] = " ".into());
    assert_eq!(msg, "crate/rules/linkedin.json: settings[0].sources[2].fact: must say which fact of the rule the page supports");
    let msg = broken(|v| {
        v["settings"][0]["sources"][0].as_object_mut().unwrap().remove("fact");
    });
    assert!(msg.starts_with("crate/rules/linkedin.json: settings[0].sources[0]") && msg.contains("fact"), "{msg}");
}

#[test]
fn every_setting_and_card_needs_a_source() {
    let msg = broken(|v| v["settings"][3]["sources"] = serde_json::json!([]));
    assert_eq!(msg, "crate/rules/linkedin.json: settings[3].sources: must list at least one source");
    let msg = broken(|v| {
        v["settings"][3].as_object_mut().unwrap().remove("sources");
    });
    assert!(msg.contains("settings[3]") && msg.contains("sources"), "{msg}");
    let meta = include_str!("../rules/meta.json");
    let mut v: serde_json::Value = serde_json::from_str(meta).unwrap();
    v["card"]["sources"][0]["url"] = "notes.md (Meta)".into();
    let msg = parse_rule_file("crate/rules/meta.json", &v.to_string()).unwrap_err().to_string();
    assert!(msg.starts_with("crate/rules/meta.json: card.sources[0].url: must be an https address"), "{msg}");
}

#[test]
fn a_named_guide_step_must_exist() {
    let msg = broken(|v| v["settings"][4]["guide"]["steps"][1] = "settings-and-privcy".into());
    assert_eq!(msg, "crate/rules/linkedin.json: settings[4].guide.steps[1]: names no step `settings-and-privcy` in `guide_steps`");
}

#[test]
fn a_named_guide_step_is_checked_where_it_is_defined() {
    let msg = broken(|v| v["guide_steps"]["me-menu"]["role"] = "menu".into());
    assert!(msg.starts_with("crate/rules/linkedin.json: guide_steps.me-menu.role: unknown variant `menu`"), "{msg}");
    let msg = broken(|v| {
        v["guide_steps"]["data-privacy"]["names"].as_object_mut().unwrap().remove("en");
    });
    assert_eq!(msg, "crate/rules/linkedin.json: guide_steps.data-privacy.names: needs at least one English (`en`) text");
}

#[test]
fn named_guide_steps_are_only_a_shorthand_for_the_whole_steps() {
    // The same file with every name written out in full parses to the same rules.
    let mut v: serde_json::Value = serde_json::from_str(GOOD).unwrap();
    let named = v.as_object_mut().unwrap().remove("guide_steps").unwrap();
    let mut names = 0;
    for setting in v["settings"].as_array_mut().unwrap() {
        for step in setting["guide"]["steps"].as_array_mut().unwrap() {
            if let Some(name) = step.as_str().map(str::to_string) {
                *step = named[&name].clone();
                names += 1;
            }
        }
    }
    assert!(names >= 30, "LinkedIn's ten settings share their first three steps ({names} names)");
    let written_out = parse_rule_file("crate/rules/linkedin.json", &v.to_string()).unwrap();
    assert_eq!(parse_rule_file("crate/rules/linkedin.json", GOOD).unwrap(), written_out);
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

/// Slack's rule file, edited and parsed: the error, if any.
fn slack_with(edit: impl FnOnce(&mut serde_json::Value)) -> Result<(), String> {
    let mut v: serde_json::Value = serde_json::from_str(include_str!("../rules/slack.json")).unwrap();
    edit(&mut v);
    parse_rule_file("crate/rules/slack.json", &v.to_string()).map(|_| ()).map_err(|e| e.to_string())
}

#[test]
fn an_email_request_card_needs_its_email_and_only_it_may_have_one() {
    assert_eq!(slack_with(|_| {}), Ok(()));
    let missing = slack_with(|v| {
        v["card"].as_object_mut().unwrap().remove("email");
    });
    assert_eq!(missing, Err("crate/rules/slack.json: card.email: `email-request` needs `email` (address and subject)".into()));
    let elsewhere = slack_with(|v| v["card"]["kind"] = "no-opt-out".into());
    assert_eq!(elsewhere, Err("crate/rules/slack.json: card.email: only an `email-request` card has `email`".into()));
}

#[test]
fn an_email_request_needs_an_address_and_a_subject_in_every_language() {
    for bad in ["feedback", "feedback@slack", "feed back@slack.com", "a@b@slack.com", "@slack.com", "x@.com", "<feedback@slack.com>"] {
        let msg = slack_with(|v| v["card"]["email"]["address"] = bad.into()).expect_err(bad);
        assert_eq!(msg, "crate/rules/slack.json: card.email.address: must be an email address (`name@host.tld`)", "{bad}");
    }
    let msg = slack_with(|v| {
        v["card"]["email"]["subject"].as_object_mut().unwrap().remove("nl");
    })
    .unwrap_err();
    assert!(msg.starts_with("crate/rules/slack.json: card.email.subject: lacks the `nl` text"), "{msg}");
    let unknown = slack_with(|v| v["card"]["email"]["body"] = "hello".into()).unwrap_err();
    assert!(unknown.starts_with("crate/rules/slack.json: card.email") && unknown.contains("body"), "{unknown}");
}

#[test]
fn instances_are_single_per_blog_or_per_site_and_a_page_names_a_blog_only_by_a_whole_segment() {
    let tumblr = include_str!("../rules/tumblr.json");
    let with = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut v: serde_json::Value = serde_json::from_str(tumblr).unwrap();
        edit(&mut v);
        parse_rule_file("crate/rules/tumblr.json", &v.to_string()).map(|_| ()).map_err(|e| e.to_string())
    };
    assert_eq!(with(&|_| {}), Ok(()));
    for ok in ["single", "per-site"] {
        assert_eq!(with(&|v| v["settings"][0]["instances"] = ok.into()), Ok(()), "{ok}");
    }
    let msg = with(&|v| v["settings"][0]["instances"] = "per-page".into()).unwrap_err();
    assert!(msg.starts_with("crate/rules/tumblr.json: settings[0].instances:"), "{msg}");
    let msg = with(&|v| v["settings"][0]["page"] = "/settings/blog/my-*".into()).unwrap_err();
    assert_eq!(msg, "crate/rules/tumblr.json: settings[0].page: must be a path starting with `/` (a `*` only as a whole segment)");
}

#[test]
fn slacks_card_shows_the_address_and_subject_to_copy_in_every_language() {
    use optout::checklist::{checklist, Stored};
    use optout::rules::CardKind;
    for lang in optout::rules::LANGUAGES {
        let groups = checklist(Catalog::embedded(), &Stored::default(), lang);
        let slack = groups.iter().find(|g| g.platform == "slack").expect("Slack's group");
        let card = slack.card.as_ref().expect("its card");
        assert_eq!(card.kind, CardKind::EmailRequest);
        let email = card.email.as_ref().expect("its email");
        assert_eq!(
            (email.address.as_str(), email.subject.as_str()),
            ("feedback@slack.com", "Slack Global model opt-out request"),
            "{lang}"
        );
        assert!(!card.summary.is_empty() && card.who.is_some() && !card.sources.is_empty());
    }
}

#[test]
fn a_platforms_access_is_read_checked_and_on_request_unless_the_file_says_otherwise() {
    use optout::rules::Access;
    // LinkedIn's file says at-install; without the field a platform is asked for on request.
    assert_eq!(parse_rule_file("crate/rules/linkedin.json", GOOD).unwrap().platform.access, Access::AtInstall);
    let mut v: serde_json::Value = serde_json::from_str(GOOD).unwrap();
    v["platform"].as_object_mut().unwrap().remove("access");
    assert_eq!(parse_rule_file("crate/rules/linkedin.json", &v.to_string()).unwrap().platform.access, Access::OnRequest);
    v["platform"]["access"] = "on-request".into();
    assert_eq!(parse_rule_file("crate/rules/linkedin.json", &v.to_string()).unwrap().platform.access, Access::OnRequest);
    // A value the schema does not know is refused, naming the field.
    let msg = broken(|v| v["platform"]["access"] = "always".into());
    assert!(msg.starts_with("crate/rules/linkedin.json: platform.access:"), "{msg}");
    // At install asks for the platform's sites: a platform with none (a card only) cannot be asked for then.
    let reddit = include_str!("../rules/reddit.json");
    let mut v: serde_json::Value = serde_json::from_str(reddit).unwrap();
    v["platform"]["access"] = "at-install".into();
    let msg = parse_rule_file("crate/rules/reddit.json", &v.to_string()).unwrap_err().to_string();
    assert!(msg.starts_with("crate/rules/reddit.json: platform.access:"), "{msg}");
}

#[test]
fn only_linkedin_and_x_are_asked_for_at_install() {
    use optout::rules::Access;
    let at_install: Vec<&str> =
        Catalog::embedded().platforms().iter().filter(|r| r.platform.access == Access::AtInstall).map(|r| &*r.platform.id).collect();
    assert_eq!(at_install, ["linkedin", "x"]);
}

#[test]
fn a_sign_in_page_is_named_by_paths_and_english_phrases() {
    let paths = |paths: serde_json::Value| broken(|v| v["platform"]["signed_out"]["paths"] = paths);
    for bad in [serde_json::json!([]), serde_json::json!(["login"]), serde_json::json!(["/log in"])] {
        assert!(paths(bad.clone()).starts_with("crate/rules/linkedin.json: platform.signed_out.paths: must list"), "{bad}");
    }
    let msg = broken(|v| v["platform"]["signed_out"]["phrases"] = serde_json::json!({ "de": ["Anmelden"] }));
    assert_eq!(msg, "crate/rules/linkedin.json: platform.signed_out.phrases: needs at least one English (`en`) text");
    let msg = broken(|v| v["platform"]["signed_out"]["title"] = "Sign in".into());
    assert!(msg.starts_with("crate/rules/linkedin.json: platform.signed_out") && msg.contains("title"), "{msg}");
    // Optional: a platform without it parses (Meta's, Reddit's have none).
    let mut v: serde_json::Value = serde_json::from_str(GOOD).unwrap();
    v["platform"].as_object_mut().unwrap().remove("signed_out");
    assert!(parse_rule_file("crate/rules/linkedin.json", &v.to_string()).is_ok());
}

#[test]
fn a_save_button_needs_an_exact_english_name() {
    let add = |names: serde_json::Value| broken(|v| v["settings"][0]["save_button"] = serde_json::json!({ "names": names }));
    assert!(add(serde_json::json!({ "de": ["Fertig"] })).contains("save_button.names"));
    assert!(add(serde_json::json!({ "en": [" Done"] })).contains("save_button.names"));
    assert!(add(serde_json::json!({ "en": [""] })).contains("save_button.names"));
    assert!(broken(|v| v["settings"][0]["save_button"] = serde_json::json!({ "label": "Done" })).contains("save_button"));
}
