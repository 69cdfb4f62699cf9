//! Checks that hold for every rule file, present and future: every wording of every switch label
//! is recognised on the setting's own page, every regional note explains (or not) an absence on the
//! days it held, every form page gets its guide, every platform without a switch has its card.

use optout::checklist::{checklist, date_of, likely_reasons, ItemState, Report, SeenState, Stored, Verified};
use optout::evaluate::Control;
use optout::page::PageKind;
use optout::rules::{CardKind, Position, RegionStatus};
use optout::{evaluate, Catalog, Snapshot, Status};

fn checkbox(name: &str) -> Control {
    Control { tag: "input".into(), input_type: "checkbox".into(), checked: Some(true), name: name.into(), ..Control::default() }
}

/// A switch no rule knows, so that label matching has to pick.
const DISTRACTOR: &str = "Show my profile photo to members outside my network";

#[test]
fn every_label_variant_is_recognised_on_its_settings_page_beside_an_unrelated_switch() {
    let catalog = Catalog::embedded();
    let mut checked = 0;
    for (rules, setting) in catalog.settings() {
        let Some(page) = &setting.page else { continue };
        // A page per blog or per site: its name in place of `*`.
        let page = page.replace('*', "example-blog");
        // The switches below are checked (on): exposing unless on protects.
        let expected = if setting.protective == Position::On { Status::OptedOut } else { Status::OptedIn };
        for (lang, labels) in setting.switch_labels.iter() {
            for label in labels.iter() {
                let snap = Snapshot {
                    url: format!("{}{page}", rules.platform.origin),
                    ui_lang: lang.to_string(),
                    switches: vec![checkbox(DISTRACTOR), checkbox(label)],
                    ..Snapshot::default()
                };
                let plan = evaluate(catalog, &snap).unwrap();
                let f = plan.findings.iter().find(|f| f.setting == setting.id).unwrap();
                assert_eq!(f.status, expected, "{} [{lang}] {label}", setting.id);
                assert_eq!(f.control.as_ref().map(|c| c.index), Some(1), "{} [{lang}] {label}", setting.id);
                checked += 1;
            }
        }
    }
    assert!(checked >= 8, "only {checked} label variants were checked");
}

/// Milliseconds at noon UTC of a YYYY-MM-DD day.
fn noon(date: &str) -> f64 {
    let day = (0..40_000).find(|d| date_of(*d as f64 * 86_400_000.0).as_deref() == Some(date)).unwrap_or_else(|| panic!("{date}"));
    day as f64 * 86_400_000.0 + 43_200_000.0
}

fn day_before(date: &str) -> String {
    date_of(noon(date) - 86_400_000.0).expect("a date")
}

#[test]
fn every_region_note_explains_an_absence_exactly_while_it_held() {
    let catalog = Catalog::embedded();
    let mut notes = 0;
    for (rules, setting) in catalog.settings() {
        for note in setting.regions.iter() {
            notes += 1;
            let reason = |date: &str| likely_reasons(setting, date, "en").iter().any(|r| r.starts_with(&*note.regions["en"]));
            let explains = note.status != RegionStatus::Applies;
            assert_eq!(reason(&note.since), explains, "{} {} on {}", setting.id, note.regions["en"], note.since);
            assert!(!reason(&day_before(&note.since)), "{} {}: not before {}", setting.id, note.regions["en"], note.since);
            if let Some(until) = &note.until {
                assert_eq!(reason(until), explains, "{} {} on {until}", setting.id, note.regions["en"]);
                assert!(
                    !reason(&date_of(noon(until) + 86_400_000.0).expect("a date")),
                    "{} {}: not after {until}",
                    setting.id,
                    note.regions["en"]
                );
            }
            // The popup shows the reason for a setting reported unavailable that day.
            let mut stored = Stored::default();
            let report = Report { setting: setting.id.to_string(), state: SeenState::Unavailable, verified: Verified::FreshLoad };
            let page = format!("{}/", rules.platform.origin);
            stored.record(catalog, &[report], noon(&note.since), &page).unwrap();
            let item = checklist(catalog, &stored, "en").into_iter().flat_map(|g| g.items).find(|i| i.setting == setting.id).unwrap();
            assert_eq!(item.state, ItemState::Unavailable);
            assert_eq!(item.reasons.iter().any(|r| r.starts_with(&*note.regions["en"])), explains, "{}", setting.id);
        }
    }
    assert!(notes >= 9, "only {notes} region notes");
}

#[test]
fn linkedin_and_x_carry_the_regional_history_the_issue_names() {
    let c = Catalog::embedded();
    let (_, ai) = c.setting("linkedin.ai-training").unwrap();
    let on = |regions: &str| ai.regions.iter().find(|n| n.regions["en"].starts_with(regions)).unwrap_or_else(|| panic!("{regions}"));
    let eu = on("EU, EEA and Switzerland");
    assert_eq!((&*eu.since, eu.until.as_deref(), eu.status), ("2024-09-18", Some("2025-11-02"), RegionStatus::Exempt));
    let uk = on("United Kingdom");
    assert_eq!((&*uk.since, uk.status), ("2024-09-20", RegionStatus::Paused));
    assert!(on("Canada and Hong Kong").until.as_deref() == Some("2025-11-02"));
    let everywhere = on("every region");
    assert_eq!((&*everywhere.since, everywhere.status), ("2025-11-03", RegionStatus::Applies));
    let (_, grok) = c.setting("x.grok-training").unwrap();
    let eu = grok.regions.iter().find(|n| n.regions["en"] == "EU and EEA").unwrap();
    assert_eq!((eu.status, &*eu.since), (RegionStatus::Exempt, "2024-08-08"));
    assert!(eu.note["en"].contains("Irish Data Protection Commission"));
}

#[test]
fn every_form_page_gets_its_guide_and_no_finding() {
    let catalog = Catalog::embedded();
    let mut forms = 0;
    for (rules, form) in catalog.forms() {
        let snap = Snapshot { url: format!("{}?locale=en_GB", form.url), ui_lang: "de".into(), ..Snapshot::default() };
        let plan = evaluate(catalog, &snap).unwrap();
        assert_eq!(plan.page, PageKind::Form { form: form.id.to_string() });
        assert!(plan.findings.is_empty());
        let guide = plan.form.unwrap();
        assert_eq!(guide.platform, rules.platform.name);
        assert_eq!(guide.suggested_text, form.suggested_text["de"], "in the browser's language");
        assert!(!guide.what_to_write.is_empty() && !guide.summary.is_empty());
        forms += 1;
    }
    assert_eq!(forms, 2, "Facebook's and Instagram's objection forms");
}

#[test]
fn every_platform_without_a_switch_has_a_card_that_says_so_with_its_source() {
    let catalog = Catalog::embedded();
    let groups = checklist(catalog, &Stored::default(), "en");
    let card = |id: &str| groups.iter().find(|g| g.platform == id).and_then(|g| g.card.clone()).unwrap_or_else(|| panic!("{id}"));
    let meta = card("meta");
    assert_eq!(meta.kind, CardKind::ObjectionForm);
    assert_eq!(meta.forms.len(), 2);
    assert!(meta.who.as_deref().unwrap().contains("EU"));
    for id in ["reddit", "stackoverflow"] {
        let c = card(id);
        assert_eq!(c.kind, CardKind::NoOptOut);
        assert!(c.summary.contains("no opt-out"), "{id}: said plainly");
        // Its sources are pages a person can open, each with the date it was checked.
        assert!(!c.sources.is_empty());
        assert!(c.sources.iter().all(|s| s.address.starts_with("https://") && !s.site.is_empty() && s.checked.len() == 10));
    }
    for g in &groups {
        assert!(!g.items.is_empty() || g.card.is_some(), "{} shows nothing", g.platform);
    }
}
