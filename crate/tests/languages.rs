//! The languages people read: the rule texts are in the interface's seven languages, and a browser
//! language picks its base language's text (`pt-BR` → `pt`), English for any other language.

use optout::checklist::{checklist, likely_reasons, Stored};
use optout::rules::LANGUAGES;
use optout::{evaluate, Catalog, Snapshot};

/// The meta card's summary as the popup shows it for a browser language.
fn card_summary(lang: &str) -> String {
    let groups = checklist(Catalog::embedded(), &Stored::default(), lang);
    groups.into_iter().find(|g| g.platform == "meta").and_then(|g| g.card).unwrap().summary
}

#[test]
fn the_rule_languages_are_the_interfaces_languages() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../extension/_locales");
    let mut locales: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    locales.sort();
    let mut languages = LANGUAGES.map(String::from).to_vec();
    languages.sort();
    assert_eq!(locales, languages);
}

#[test]
fn a_regional_browser_language_gets_its_base_languages_text() {
    let catalog = Catalog::embedded();
    let (_, ai) = catalog.setting("linkedin.ai-training").unwrap();
    let meta = catalog.platforms().iter().find_map(|r| r.card.as_ref()).unwrap();
    for (tag, lang) in [
        ("pt-BR", "pt"),
        ("pt-PT", "pt"),
        ("nl-NL", "nl"),
        ("nl-BE", "nl"),
        ("fr-CA", "fr"),
        ("es-419", "es"),
        ("it-IT", "it"),
        ("de-AT", "de"),
        ("en-GB", "en"),
        ("PT_br", "pt"),
    ] {
        // The popup (the card, and the likely reasons of a setting last seen unavailable).
        assert_eq!(card_summary(tag), meta.summary[lang], "{tag}");
        let reasons = likely_reasons(ai, "2024-10-01", tag);
        assert!(reasons.iter().any(|r| r.ends_with(&*ai.regions[1].note[lang])), "{tag}: {reasons:?}");
        // The banner of a setting's page.
        let snap = Snapshot { url: "https://x.com/settings/grok_settings".into(), ui_lang: tag.into(), ..Snapshot::default() };
        let plan = evaluate(catalog, &snap).unwrap();
        let (_, grok) = catalog.setting("x.grok-training").unwrap();
        assert_eq!(plan.findings[0].effect, grok.effect[lang], "{tag}");
        assert_eq!(plan.findings[0].off_effect, grok.off_effect[lang], "{tag}");
    }
}

#[test]
fn any_other_browser_language_gets_english() {
    let meta = Catalog::embedded().platforms().iter().find_map(|r| r.card.as_ref()).unwrap();
    for tag in ["ja", "ja-JP", "zh-Hant-TW", "pl", "ca-ES", ""] {
        assert_eq!(card_summary(tag), meta.summary["en"], "{tag:?}");
    }
}

#[test]
fn every_text_people_read_is_there_in_every_language() {
    // The validator refuses a rule without them; here, as the core hands them out.
    for lang in LANGUAGES {
        let summary = card_summary(lang);
        assert!(!summary.is_empty());
        if lang != "en" {
            assert_ne!(summary, card_summary("en"), "{lang} is its own text, not English");
        }
    }
}
