//! Property tests (proptest): the rule parser, the evaluator, the guide, stored-state recovery and
//! the text functions never panic, whatever they are fed, and the plans keep their invariants. A
//! failure is shrunk to a small input and saved beside this file (`robustness.proptest-regressions`,
//! to be committed) so that it is tried first from then on.

use optout::checklist::{date_of, History, Stored, FORMAT_VERSION, HISTORY_VERSION, MAX_RECEIPTS};
use optout::evaluate::{usable, Choice, Control, ControlList};
use optout::guide::{guide, GuideSnapshot, GuideStatus};
use optout::json_value::JsonValue;
use optout::rules::parse_rule_file;
use optout::text::{normalize, similarity};
use optout::{evaluate, Catalog, Snapshot, Status};
use proptest::prelude::*;
use proptest::sample::{select, Index};
use serde_json::{json, Value};

/// As many cases per property as the seeded generator these tests replaced ran.
fn config() -> ProptestConfig {
    ProptestConfig::with_cases(400)
}

/// Texts made of pieces that matter here: label words, state words, notices, accents, and
/// characters that trip text handling (NUL, bidi override, emoji, titlecase and dotted capitals).
fn text() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "Use my data",
        "for training",
        "AI",
        "On",
        "Off",
        "An",
        "Aus",
        "é",
        "ß",
        "🙂",
        "\u{0}",
        "\u{202e}",
        " ",
        "\n",
        "'",
        "-",
        "not available in your region",
        "Désactivé",
        "Share data with affiliates and partners",
        "ǅ",
        "İ",
        "\u{fffd}",
    ];
    prop::collection::vec(select(PIECES), 0..8).prop_map(|pieces| pieces.concat())
}

fn control() -> impl Strategy<Value = Control> {
    let shape = (
        select(&["input", "button", "div", "a", "INPUT", ""][..]),
        select(&["switch", "checkbox", "", "link"][..]),
        select(&["checkbox", "radio", ""][..]),
        select(&[Some(true), Some(false), None][..]),
        select(&[Some("true"), Some("false"), Some("mixed"), None][..]),
        select(&[Some("true"), Some("false"), None][..]),
    );
    let href = select(
        &[
            "/mypreferences/d/settings/ads-by-age",
            "/mypreferences/d/interest-categories",
            "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement?x=1",
            "//evil",
            "",
            "javascript:0",
        ][..],
    );
    let visibility = (prop::bool::weighted(0.2), prop::bool::weighted(0.8));
    (shape, text(), prop::bool::weighted(0.2), href, text(), visibility)
        .prop_map(|((tag, role, input_type, checked, aria_checked, aria_pressed), name, keyed, href, text, (hidden, in_main))| Control {
            tag: tag.into(),
            role: role.into(),
            input_type: input_type.into(),
            checked,
            aria_checked: aria_checked.map(str::to_string),
            aria_pressed: aria_pressed.map(str::to_string),
            name,
            keys: if keyed { vec!["allowAdsByAge".into()] } else { vec![] },
            href: href.into(),
            text,
            hidden,
            in_main,
            ..Control::default()
        })
        .prop_flat_map(|control| {
            // A select or radio group's choices, a switch's data-state.
            let choice = (select(&["On", "Off", "Aus", "Enabled", "Disabled for now", ""][..]), prop::bool::ANY, prop::bool::weighted(0.1));
            let choices = prop::collection::vec(choice, 0..4);
            let data_state = select(&[Some("checked"), Some("unchecked"), Some("on"), Some("off"), Some("open"), None][..]);
            let tag = select(&[None, Some("select"), Some("fieldset")][..]);
            (Just(control), choices, data_state, tag).prop_map(|(mut control, choices, data_state, tag)| {
                if let Some(tag) = tag {
                    control.tag = tag.into();
                }
                control.data_state = data_state.map(str::to_string);
                control.options = choices
                    .into_iter()
                    .enumerate()
                    .map(|(i, (text, selected, disabled))| Choice { text: text.into(), value: i.to_string(), selected, disabled })
                    .collect();
                control
            })
        })
}

/// One edit of a rule file's bytes: cut up to 40 bytes, insert a JSON-ish byte, or overwrite a byte.
#[derive(Debug, Clone)]
enum Mutation {
    Cut(Index, usize),
    Insert(Index, u8),
    Overwrite(Index, u8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<Index>(), 0..40usize).prop_map(|(at, len)| Mutation::Cut(at, len)),
        (any::<Index>(), select(&b"{}[]\",:0aZ\\ -"[..])).prop_map(|(at, byte)| Mutation::Insert(at, byte)),
        (any::<Index>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Overwrite(at, byte)),
    ]
}

/// Values as storage might hold them: any JSON, with the checklist's own keys and words likely.
fn stored_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(|n| json!(n as f64 / 3.0)),
        text().prop_map(Value::from),
        select(&["opted-in", "opted-out", "unavailable", "unknown", "reset", "partial", "read-back", "fresh-load", "/p"][..])
            .prop_map(Value::from),
    ];
    let keys = select(
        &[
            "version",
            "seen",
            "notice",
            "state",
            "at",
            "url",
            "path",
            "verified",
            "did_not_stick",
            "turned_back_on",
            "off",
            "since",
            "receipts",
            "setting",
            "from",
            "to",
            "reads",
            "last_at",
            "linkedin.ai-training",
            "linkedin.ads-age",
        ][..],
    );
    leaf.prop_recursive(4, 64, 5, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((keys.clone(), inner), 0..5)
                .prop_map(|members| Value::Object(members.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
        ]
    })
}

/// A JSON value as storage would hand it over.
fn json_value(value: Value) -> JsonValue {
    serde::Deserialize::deserialize(value).unwrap()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn the_rule_parser_never_panics_on_mutated_rules(mutations in prop::collection::vec(mutation(), 1..7)) {
        let mut bytes = include_str!("../rules/linkedin.json").as_bytes().to_vec();
        for m in mutations {
            if bytes.is_empty() {
                break;
            }
            match m {
                Mutation::Cut(at, len) => {
                    let at = at.index(bytes.len());
                    bytes.drain(at..(at + len).min(bytes.len()));
                }
                Mutation::Insert(at, byte) => bytes.insert(at.index(bytes.len()), byte),
                Mutation::Overwrite(at, byte) => {
                    let at = at.index(bytes.len());
                    bytes[at] = byte;
                }
            }
        }
        let text = String::from_utf8_lossy(&bytes);
        // Either it parses (a harmless mutation) or it is refused with the file named; never a panic.
        if let Err(e) = parse_rule_file("crate/rules/linkedin.json", &text) {
            prop_assert!(e.to_string().starts_with("crate/rules/linkedin.json: "), "{}", e);
        }
    }

    #[test]
    fn the_guide_never_panics_and_keeps_its_invariants(
        url in select(&[
            "https://www.linkedin.com/feed/",
            "https://www.linkedin.com/mypreferences/d/categories/account",
            "https://www.linkedin.com/mypreferences/d/categories/privacy",
            "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement",
            "https://x.com/settings/grok_settings",
            "https://x.com/home",
            "https://evil.example/feed/",
            "not a url",
        ][..]),
        ui_lang in select(&["en", "de", "", "zz"][..]),
        setting in any::<Index>(),
        reached in 0..9u32,
        elapsed_ms in any::<u32>(),
        heading in text(),
        candidates in prop::collection::vec(control(), 0..8),
    ) {
        let catalog = Catalog::embedded();
        let settings: Vec<&str> = catalog.settings().map(|(_, s)| &*s.id).chain(["nope", ""]).collect();
        let snap = GuideSnapshot {
            url: url.into(),
            ui_lang: ui_lang.into(),
            setting: settings[setting.index(settings.len())].into(),
            reached,
            elapsed_ms,
            heading,
            candidates,
        };
        if let Some(plan) = guide(catalog, &snap) {
            prop_assert!(plan.step >= 1 && plan.step <= plan.total, "step {} of {}", plan.step, plan.total);
            prop_assert!(plan.reached >= snap.reached.min(plan.total) && plan.reached <= plan.total, "reached {}", plan.reached);
            if let Some(t) = plan.target {
                prop_assert!(t < snap.candidates.len() && !snap.candidates[t].hidden, "only a visible candidate is pointed at");
            }
            prop_assert_eq!(plan.target.is_none(), matches!(plan.status, GuideStatus::Pending | GuideStatus::Missing));
        }
    }

    #[test]
    fn evaluation_never_panics_and_keeps_its_invariants(
        url in select(&[
            "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement",
            "https://www.linkedin.com/mypreferences/d/categories/privacy",
            "https://www.linkedin.com/mypreferences/d/categories/ads#x",
            "https://www.linkedin.com/mypreferences/d/settings/unknown",
            "https://www.linkedin.com:99999/mypreferences/",
            "https://www.linkedin.com/feed/",
            "https://@/",
            "not a url",
            "",
        ][..]),
        ui_lang in select(&["en", "de-DE", "", "zz_ZZ", "-"][..]),
        elapsed_ms in any::<u32>(),
        heading in text(),
        page_text in text(),
        switches in prop::collection::vec(control(), 0..4),
        rows in prop::collection::vec(control(), 0..6),
    ) {
        let catalog = Catalog::embedded();
        let snap = Snapshot { url: url.into(), ui_lang: ui_lang.into(), elapsed_ms, heading, page_text, switches, rows };
        for f in evaluate(catalog, &snap).map(|plan| plan.findings).unwrap_or_default() {
            prop_assert!(catalog.setting(&f.setting).is_some(), "unknown setting {}", f.setting);
            if f.can_turn_off {
                prop_assert_eq!(f.status, Status::OptedIn, "only an exposing switch can be turned off");
                prop_assert_eq!(f.control.as_ref().map(|c| c.list), Some(ControlList::Switches));
            }
            if let Some(c) = &f.control {
                let len = match c.list {
                    ControlList::Switches => snap.switches.len(),
                    ControlList::Rows => snap.rows.len(),
                };
                prop_assert!(c.index < len, "control index out of range");
                let control = match c.list {
                    ControlList::Switches => &snap.switches[c.index],
                    ControlList::Rows => &snap.rows[c.index],
                };
                prop_assert!(usable(control), "a hidden or navigation control is never marked or clicked");
            }
            if matches!(f.status, Status::OptedIn | Status::OptedOut) {
                prop_assert!(f.control.is_some(), "a state is only claimed from a control on the page");
            }
        }
    }

    #[test]
    fn stored_state_recovery_never_panics_and_always_yields_the_current_format(
        value in stored_value(),
        as_seen in any::<bool>(),
        version in 1u32..=2,
    ) {
        let value = if as_seen { json!({"version": version, "seen": value}) } else { value };
        let stored = Stored::recover(&json_value(value));
        prop_assert_eq!(stored.version, FORMAT_VERSION);
        // Every time held has a calendar date (nothing computed from it can overflow).
        prop_assert!(stored.seen.values().all(|s| date_of(s.at).is_some() && s.did_not_stick.is_none_or(|t| date_of(t).is_some())));
        // What recovery yields is itself read back unchanged.
        prop_assert_eq!(Stored::recover(&json_value(serde_json::to_value(&stored).unwrap())), stored);
    }

    #[test]
    fn history_recovery_never_panics_keeps_the_bound_and_reads_back_unchanged(value in stored_value(), as_receipts in any::<bool>()) {
        let value = if as_receipts { json!({"version": 1, "receipts": value}) } else { value };
        let history = History::recover(&json_value(value));
        prop_assert_eq!(history.version, HISTORY_VERSION);
        prop_assert!(history.receipts.len() <= MAX_RECEIPTS);
        prop_assert!(history.receipts.iter().all(|r| date_of(r.at).is_some() && r.last_at >= r.at && r.reads >= 1));
        let written = json_value(serde_json::to_value(&history).unwrap());
        prop_assert_eq!(History::recover(&written), history.clone());
        prop_assert!(history.csv().starts_with("setting,from,to,at,verified,path,reads,last_at\r\n"));
    }

    #[test]
    fn text_functions_never_panic_and_similarity_stays_in_range(a in text(), b in text()) {
        let s = similarity(&a, &b);
        prop_assert!((0.0..=1.0).contains(&s), "{}", s);
        prop_assert_eq!(similarity(&a, &b), similarity(&b, &a), "symmetric");
        let n = normalize(&a);
        prop_assert_eq!(normalize(&n), n, "normalising twice changes nothing");
    }
}
