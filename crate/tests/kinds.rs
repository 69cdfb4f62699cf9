//! The control kinds the core reads and sets, whatever the platform: a native checkbox, a
//! `role="switch"` button by `aria-checked` or by a Radix-style `data-state`, an `aria-pressed`
//! button, a `<select>` and a radio group offering the platform's two state words; settings per blog
//! or per site (every instance read, exposed while any is); switches where "on" protects. Against a
//! rule file of its own (`kinds.json` below), so that no platform's rules are assumed. Pages are not
//! trusted: a hidden or unreadable control, a choice that only resembles the word, a select without
//! the protective choice are never guessed at.

use optout::evaluate::{Choice, Control, Finding};
use optout::{evaluate, Catalog, Plan, Snapshot, Status};

/// A platform whose settings use every kind: state words in two languages, a plain setting, one
/// that protects when on, one per blog.
const RULES: &str = r#"{
  "platform": {
    "id": "kinds", "name": "Kinds", "origin": "https://kinds.example", "hosts": ["kinds.example"], "scope": ["/settings/"],
    "state_words": { "on": { "en": ["Enabled", "On"], "de": ["Aktiviert"] }, "off": { "en": ["Disabled", "Off"], "de": ["Deaktiviert"] } },
    "sources": [{ "url": "https://kinds.example/help", "checked": "2026-11-30", "fact": "test rules" }]
  },
  "settings": [
    SETTING("kinds.training", "Use my data for AI training", "/settings/training", "off", "single"),
    SETTING("kinds.block", "Block AI training", "/settings/block", "on", "single"),
    SETTING("kinds.sharing", "Prevent third-party sharing for", "/settings/blog/*", "on", "per-blog")
  ]
}"#;

fn catalog() -> Catalog {
    let text = |s: &str| format!(r#"{{ "en": "{s}", "de": "{s}", "fr": "{s}", "es": "{s}", "pt": "{s}", "nl": "{s}", "it": "{s}" }}"#);
    let mut rules = RULES.to_string();
    while let Some(at) = rules.find("SETTING(") {
        let end = at + rules[at..].find(')').unwrap();
        let args: Vec<String> = rules[at + 8..end].split(", ").map(|a| a.trim_matches('"').to_string()).collect();
        let [id, label, page, protective, instances] = &args[..] else { panic!("{args:?}") };
        let default = if protective == "on" { "off" } else { "on" };
        let setting = format!(
            r#"{{ "id": "{id}", "titles": {{ "en": ["{label}"] }}, "switch_labels": {{ "en": ["{label}"] }}, "page": "{page}",
                "protective": "{protective}", "default": "{default}", "instances": "{instances}",
                "effect": {e}, "off_effect": {e}, "navigation": {e},
                "sources": [{{ "url": "https://kinds.example/help", "checked": "2026-11-30", "fact": "test" }}], "confidence": "high" }}"#,
            e = text("test")
        );
        rules.replace_range(at..=end, &setting);
    }
    Catalog::from_files(&[("kinds.json", &rules)]).expect("the test rules parse")
}

const TRAINING: &str = "https://kinds.example/settings/training";
const BLOCK: &str = "https://kinds.example/settings/block";
const BLOG: &str = "https://kinds.example/settings/blog/myblog";

fn plan(url: &str, switches: Vec<Control>) -> Plan {
    // Past the render grace: an absent control is not found, not pending.
    let snap = Snapshot { url: url.into(), ui_lang: "en".into(), elapsed_ms: 60_000, switches, ..Snapshot::default() };
    evaluate(&catalog(), &snap).expect("a settings page")
}

fn only(p: &Plan) -> &Finding {
    assert_eq!(p.findings.len(), 1, "{:?}", p.findings);
    &p.findings[0]
}

fn checkbox(name: &str, checked: bool) -> Control {
    Control { tag: "input".into(), input_type: "checkbox".into(), checked: Some(checked), name: name.into(), ..Control::default() }
}

fn radix(name: &str, aria_checked: Option<&str>, data_state: Option<&str>) -> Control {
    Control {
        tag: "button".into(),
        role: "switch".into(),
        aria_checked: aria_checked.map(str::to_string),
        data_state: data_state.map(str::to_string),
        name: name.into(),
        ..Control::default()
    }
}

fn pressed(name: &str, value: &str) -> Control {
    Control { tag: "button".into(), aria_pressed: Some(value.into()), name: name.into(), ..Control::default() }
}

/// A select (or, with `tag` "fieldset", a radio group) offering `choices`, the one at `selected` chosen.
fn choices(tag: &str, name: &str, choices: &[&str], selected: usize) -> Control {
    Control {
        tag: tag.into(),
        name: name.into(),
        options: choices
            .iter()
            .enumerate()
            .map(|(i, text)| Choice { text: text.to_string(), value: format!("v{i}"), selected: i == selected, disabled: false })
            .collect(),
        ..Control::default()
    }
}

fn read(url: &str, control: Control) -> (Status, bool, Option<usize>) {
    let p = plan(url, vec![control]);
    let f = only(&p);
    (f.status, f.can_turn_off, f.choice)
}

#[test]
fn a_native_checkbox_is_read_by_its_checked_state() {
    assert_eq!(read(TRAINING, checkbox("Use my data for AI training", true)), (Status::OptedIn, true, None));
    assert_eq!(read(TRAINING, checkbox("Use my data for AI training", false)), (Status::OptedOut, false, None));
}

#[test]
fn a_switch_button_is_read_by_aria_checked_or_by_its_data_state() {
    for (aria, state, expected) in [
        (Some("true"), None, Status::OptedIn),
        (Some("false"), None, Status::OptedOut),
        (None, Some("checked"), Status::OptedIn),
        (None, Some("unchecked"), Status::OptedOut),
        (None, Some("on"), Status::OptedIn),
        (None, Some("off"), Status::OptedOut),
        (Some("true"), Some("checked"), Status::OptedIn),
        (Some("false"), Some("unchecked"), Status::OptedOut),
    ] {
        let (status, can_turn_off, _) = read(TRAINING, radix("Use my data for AI training", aria, state));
        assert_eq!((status, can_turn_off), (expected, expected == Status::OptedIn), "{aria:?} {state:?}");
    }
}

#[test]
fn a_switch_whose_aria_state_and_data_state_disagree_or_say_neither_is_not_read() {
    for (aria, state) in [
        (Some("true"), Some("unchecked")),
        (Some("false"), Some("on")),
        (Some("mixed"), Some("checked")),
        (None, Some("indeterminate")),
        (None, None),
    ] {
        let (status, can_turn_off, _) = read(TRAINING, radix("Use my data for AI training", aria, state));
        assert_eq!((status, can_turn_off), (Status::Ambiguous, false), "{aria:?} {state:?}");
    }
}

#[test]
fn a_data_state_is_read_only_from_a_switch_or_a_toggle_button() {
    // A disclosure's `data-state="open"`, or a plain button's "checked", is no switch's state.
    let mut button = radix("Use my data for AI training", None, Some("checked"));
    button.role = String::new();
    let p = plan(TRAINING, vec![button]);
    assert_eq!(only(&p).status, Status::Ambiguous);
}

#[test]
fn an_aria_pressed_button_is_read_and_clicked() {
    assert_eq!(read(TRAINING, pressed("Use my data for AI training", "true")), (Status::OptedIn, true, None));
    assert_eq!(read(TRAINING, pressed("Use my data for AI training", "false")), (Status::OptedOut, false, None));
    assert_eq!(read(TRAINING, pressed("Use my data for AI training", "mixed")), (Status::Ambiguous, false, None));
}

#[test]
fn a_select_is_read_by_its_chosen_word_and_set_by_choosing_the_protective_option() {
    let enabled = choices("select", "Use my data for AI training", &["Enabled", "Disabled"], 0);
    assert_eq!(read(TRAINING, enabled), (Status::OptedIn, true, Some(1)), "Disabled, the second option, protects");
    let disabled = choices("select", "Use my data for AI training", &["Disabled", "Enabled"], 0);
    assert_eq!(read(TRAINING, disabled).0, Status::OptedOut);
    // The words in any language of the rules, and On/Off as well as Enabled/Disabled.
    assert_eq!(read(TRAINING, choices("select", "KI", &["Aktiviert", "Deaktiviert"], 0)), (Status::OptedIn, true, Some(1)));
    assert_eq!(read(TRAINING, choices("select", "x", &["Off", "On"], 1)), (Status::OptedIn, true, Some(0)));
}

#[test]
fn a_radio_group_is_read_by_its_checked_radio_and_set_by_its_protective_radio() {
    for tag in ["fieldset", ""] {
        let mut group = choices(tag, "Use my data for AI training", &["On", "Off"], 0);
        if tag.is_empty() {
            group.role = "radiogroup".into();
        }
        assert_eq!(read(TRAINING, group.clone()), (Status::OptedIn, true, Some(1)), "{tag:?}");
        group.options[0].selected = false;
        group.options[1].selected = true;
        assert_eq!(read(TRAINING, group).0, Status::OptedOut, "{tag:?}");
    }
}

#[test]
fn a_choice_that_only_resembles_the_word_is_not_the_word() {
    // "Disabled for now" is not "Disabled": this select offers no protective choice, so it is no
    // setting's control: not found, never a guess.
    let near = choices("select", "Use my data for AI training", &["Enabled", "Disabled for now"], 0);
    assert_eq!(read(TRAINING, near).0, Status::NotFound);
    // Chosen: a third option that says neither word. The position is unreadable.
    let third = choices("select", "Use my data for AI training", &["Enabled", "Disabled", "Ask me every time"], 2);
    assert_eq!(read(TRAINING, third), (Status::Ambiguous, false, None));
}

#[test]
fn a_select_without_the_protective_option_or_with_it_twice_is_never_guessed() {
    let none = choices("select", "Use my data for AI training", &["Enabled", "Public", "Private"], 0);
    assert_eq!(read(TRAINING, none).0, Status::NotFound);
    let twice = choices("select", "Use my data for AI training", &["Enabled", "Disabled", "Disabled"], 0);
    assert_eq!(read(TRAINING, twice).0, Status::NotFound);
    let two_chosen = Control {
        options: vec![
            Choice { text: "Enabled".into(), selected: true, ..Choice::default() },
            Choice { text: "Disabled".into(), selected: true, ..Choice::default() },
        ],
        ..choices("select", "Use my data for AI training", &[], 0)
    };
    assert_eq!(read(TRAINING, two_chosen), (Status::Ambiguous, false, None));
}

#[test]
fn a_disabled_protective_option_is_read_but_never_chosen() {
    let mut select = choices("select", "Use my data for AI training", &["Enabled", "Disabled"], 0);
    select.options[1].disabled = true;
    assert_eq!(read(TRAINING, select), (Status::OptedIn, false, None));
}

#[test]
fn a_language_picker_beside_the_switch_is_not_a_candidate() {
    // The one usable switch of the page is the setting's, as before: the picker offers no state words.
    let picker = choices("select", "Language", &["English", "Deutsch"], 0);
    let p = plan(TRAINING, vec![picker, checkbox("unlabelled", true)]);
    let f = only(&p);
    assert_eq!((f.status, f.control.as_ref().map(|c| c.index)), (Status::OptedIn, Some(1)));
}

#[test]
fn a_hidden_select_or_one_outside_the_main_content_is_never_the_setting() {
    let mut hidden = choices("select", "Use my data for AI training", &["Enabled", "Disabled"], 0);
    hidden.hidden = true;
    let mut header = hidden.clone();
    header.hidden = false;
    header.in_main = false;
    let shown = choices("select", "Use my data for AI training", &["Enabled", "Disabled"], 1);
    let p = plan(TRAINING, vec![hidden.clone(), header.clone(), shown]);
    let f = only(&p);
    assert_eq!((f.status, f.control.as_ref().map(|c| c.index)), (Status::OptedOut, Some(2)));
    assert_eq!(only(&plan(TRAINING, vec![hidden, header])).status, Status::NotFound);
}

#[test]
fn where_on_protects_off_exposes_and_the_finding_says_so() {
    let p = plan(BLOCK, vec![checkbox("Block AI training", false)]);
    let f = only(&p);
    assert_eq!((f.status, f.can_turn_off, f.protective), (Status::OptedIn, true, "on"));
    assert_eq!(read(BLOCK, checkbox("Block AI training", true)).0, Status::OptedOut);
    assert_eq!(read(BLOCK, radix("Block AI training", Some("false"), Some("unchecked"))), (Status::OptedIn, true, None));
    // A select: the protective choice is the On word.
    assert_eq!(read(BLOCK, choices("select", "Block AI training", &["Off", "On"], 0)), (Status::OptedIn, true, Some(1)));
    let training = plan(TRAINING, vec![checkbox("Use my data for AI training", true)]);
    assert_eq!(only(&training).protective, "off");
}

#[test]
fn every_instance_of_a_per_blog_setting_is_read_and_the_setting_exposes_while_any_does() {
    let blogs = vec![
        checkbox("Prevent third-party sharing for art-by-kim", true),
        checkbox("Hide my blog from search results", false),
        checkbox("Prevent third-party sharing for my cool side blog", false),
        pressed("Prevent third-party sharing for drafts", "false"),
    ];
    let p = plan(BLOG, blogs);
    let f = only(&p);
    assert_eq!((f.setting.as_str(), f.per, f.status, f.can_turn_off), ("kinds.sharing", "per-blog", Status::OptedIn, true));
    let instances: Vec<(usize, Status, bool)> =
        f.instances.iter().map(|i| (i.control.as_ref().unwrap().index, i.status, i.can_turn_off)).collect();
    assert_eq!(instances, [(0, Status::OptedOut, false), (2, Status::OptedIn, true), (3, Status::OptedIn, true)]);
    assert_eq!(f.control.as_ref().map(|c| c.index), Some(2), "the finding points at the first exposed instance");
    assert!(f.instances.iter().all(|i| i.title.is_empty() && i.effect.is_empty()), "texts are the finding's own");
}

#[test]
fn a_per_blog_setting_is_protected_only_when_every_instance_reads_so() {
    let all_on = vec![checkbox("Prevent third-party sharing for a", true), checkbox("Prevent third-party sharing for b", true)];
    let f = only(&plan(BLOG, all_on)).clone();
    assert_eq!((f.status, f.can_turn_off, f.instances.len()), (Status::OptedOut, false, 2));
    let one_unread =
        vec![checkbox("Prevent third-party sharing for a", true), radix("Prevent third-party sharing for b", Some("mixed"), None)];
    assert_eq!(only(&plan(BLOG, one_unread)).status, Status::Ambiguous, "one blog unreadable: nothing is claimed");
}

#[test]
fn a_hidden_instance_or_one_that_only_resembles_the_label_is_not_an_instance() {
    let mut hidden = checkbox("Prevent third-party sharing for decoy", false);
    hidden.hidden = true;
    let lookalike = checkbox("Allow third-party partners to feature this blog", false);
    let real = checkbox("Prevent third-party sharing for myblog", true);
    let f = only(&plan(BLOG, vec![hidden, lookalike, real])).clone();
    assert_eq!(f.instances.len(), 1, "{:?}", f.instances);
    assert_eq!((f.status, f.control.as_ref().map(|c| c.index)), (Status::OptedOut, Some(2)));
}

#[test]
fn a_blog_page_is_recognised_for_any_blog_name_and_only_one_segment() {
    let c = catalog();
    let page = |url: &str| optout::page::recognise(&c, url).map(|(_, kind)| kind);
    for url in [BLOG, "https://kinds.example/settings/blog/another.blog/"] {
        assert_eq!(page(url), Some(optout::page::PageKind::Setting { setting: "kinds.sharing".into() }), "{url}");
    }
    for url in ["https://kinds.example/settings/blog/", "https://kinds.example/settings/blog/a/b"] {
        assert_eq!(page(url), Some(optout::page::PageKind::Other), "{url}");
    }
    let (rules, setting) = c.setting("kinds.sharing").unwrap();
    assert_eq!(
        optout::catalog::setting_address(rules, setting),
        "https://kinds.example/settings/blog",
        "where the platform asks which blog"
    );
}
