//! The opt-out guide over snapshots shaped like LinkedIn's and X's documented paths: the feed with
//! the Me menu, the settings home with its left rail, the Data privacy page, the setting's page.

use optout::evaluate::Control;
use optout::guide::{guide, GuidePlan, GuideSnapshot, GuideStatus, MISSING_AFTER_MS};
use optout::json_value::JsonValue;
use optout::rules::StepRole;
use optout::Catalog;
use serde::Deserialize;

const AI: &str = "linkedin.ai-training";

fn button(name: &str) -> Control {
    Control { tag: "button".into(), name: name.into(), text: name.into(), ..Control::default() }
}
fn link(name: &str, href: &str) -> Control {
    Control { tag: "a".into(), href: href.into(), name: name.into(), text: name.into(), ..Control::default() }
}
fn menuitem(name: &str, hidden: bool) -> Control {
    Control { role: "menuitem".into(), hidden, ..link(name, "/mypreferences/d/categories/account") }
}
fn switch(name: &str, on: bool) -> Control {
    Control {
        tag: "input".into(),
        input_type: "checkbox".into(),
        role: "switch".into(),
        checked: Some(on),
        name: name.into(),
        ..Control::default()
    }
}

fn at(path: &str, reached: u32, candidates: Vec<Control>) -> GuidePlan {
    let snap = GuideSnapshot {
        url: format!("https://www.linkedin.com{path}"),
        ui_lang: "en".into(),
        setting: AI.into(),
        reached,
        elapsed_ms: 100,
        heading: "somewhere".into(),
        candidates,
    };
    guide(Catalog::embedded(), &snap).expect("a LinkedIn page")
}

fn rail() -> Vec<Control> {
    ["Account preferences", "Sign in & security", "Visibility", "Data privacy", "Advertising data", "Notifications"]
        .iter()
        .map(|n| link(n, "/mypreferences/d/categories/x"))
        .collect()
}

#[test]
fn linkedins_ai_training_path_is_exactly_the_documented_one() {
    let (_, s) = Catalog::embedded().setting(AI).unwrap();
    let g = s.guide.as_ref().unwrap();
    let steps: Vec<(StepRole, &str)> =
        g.steps.iter().map(|st| (st.role, st.names.get("en").and_then(|v| v.first()).map_or("", |t| &**t))).collect();
    assert_eq!(
        steps,
        [
            (StepRole::Button, "Me"),
            (StepRole::Link, "Settings & Privacy"),
            (StepRole::Link, "Data privacy"),
            (StepRole::Link, "Data for Generative AI Improvement"),
            (StepRole::Switch, ""),
        ]
    );
    assert_eq!(g.start, "/feed/");
    assert_eq!(g.steps[4].page, "/mypreferences/d/settings/data-for-ai-improvement");
    assert_eq!(g.steps[3].section.as_ref().unwrap()["en"], "How LinkedIn uses your data");
}

#[test]
fn xs_grok_path_is_exactly_the_documented_one() {
    let (_, s) = Catalog::embedded().setting("x.grok-training").unwrap();
    let g = s.guide.as_ref().unwrap();
    let names: Vec<&str> = g.steps.iter().filter_map(|st| st.names.get("en").and_then(|v| v.first()).map(|t| &**t)).collect();
    assert_eq!(names, ["Settings and privacy", "Privacy and safety", "Grok & Third-party Collaborators"]);
    assert_eq!(g.steps[2].section.as_ref().unwrap()["en"], "Data sharing and personalization");
    assert_eq!(g.steps.last().unwrap().role, StepRole::Switch);
}

#[test]
fn every_guide_ends_at_its_settings_switch_and_starts_on_its_platform() {
    for (rules, s) in Catalog::embedded().settings() {
        let g = s.guide.as_ref().unwrap_or_else(|| panic!("{} has no guide", s.id));
        assert!(g.start.starts_with('/'), "{}", s.id);
        assert_eq!(g.steps.last().unwrap().role, StepRole::Switch, "{}", s.id);
        assert!(!rules.platform.hosts.is_empty());
    }
}

#[test]
fn on_the_feed_the_me_menu_comes_first_then_settings_and_privacy_once_it_is_open() {
    let closed = at("/feed/", 0, vec![button("Home"), button("Me"), menuitem("Settings & Privacy", true), menuitem("Sign Out", true)]);
    assert_eq!((closed.status, closed.step, closed.total, closed.target), (GuideStatus::OnPath, 1, 5, Some(1)));
    assert_eq!(closed.label, "the Me menu (your photo in the top bar)");
    let open = at("/feed/", 1, vec![button("Home"), button("Me"), menuitem("Settings & Privacy", false), menuitem("Sign Out", false)]);
    assert_eq!((open.status, open.step, open.target, open.reached), (GuideStatus::OnPath, 2, Some(2), 2));
    assert_eq!(open.label, "Settings & Privacy");
    assert_eq!(open.direct, "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement");
}

#[test]
fn in_the_settings_it_points_at_the_rail_then_the_row_then_the_switch() {
    let home = at("/mypreferences/d/categories/account", 2, rail());
    assert_eq!((home.step, home.target, home.label.as_str()), (3, Some(3), "Data privacy, in the left rail"));
    let mut page = rail();
    // The row link's name ends in its state word, as on the category page.
    page.push(link("Social, economic, and workplace research Off", "/mypreferences/d/settings/policy-and-academic-research"));
    page.push(link("Data for Generative AI Improvement On", "/mypreferences/d/settings/data-for-ai-improvement"));
    let privacy = at("/mypreferences/d/categories/privacy", 3, page);
    assert_eq!((privacy.step, privacy.target, privacy.status), (4, Some(7), GuideStatus::OnPath));
    assert_eq!(privacy.section.as_deref(), Some("How LinkedIn uses your data"));
    let mut setting = rail();
    setting.push(switch("Use my data for training content creation AI models", true));
    let at_switch = at("/mypreferences/d/settings/data-for-ai-improvement", 4, setting.clone());
    assert_eq!((at_switch.step, at_switch.last, at_switch.target, at_switch.status), (5, true, Some(6), GuideStatus::OnPath));
    setting[6] = switch("Use my data for training content creation AI models", false);
    let done = at("/mypreferences/d/settings/data-for-ai-improvement", 5, setting);
    assert_eq!(done.status, GuideStatus::Done, "read back opted-out: the guide is finished");
}

#[test]
fn a_wrong_turn_says_off_the_path_and_points_back() {
    let mut ads = rail();
    ads.push(link("Ads beyond LinkedIn On", "/mypreferences/d/settings/ads-beyond-linkedin"));
    let plan = at("/mypreferences/d/categories/ads", 4, ads);
    assert_eq!((plan.status, plan.step, plan.target, plan.reached), (GuideStatus::OffPath, 3, Some(3), 4));
    // The wrong category page before any later step was taken is a wrong turn too.
    let mut ads = rail();
    ads.push(link("Age range On", "/mypreferences/d/settings/ads-by-age"));
    let early = at("/mypreferences/d/categories/ads", 3, ads);
    assert_eq!((early.status, early.step, early.target), (GuideStatus::OffPath, 3, Some(3)));
    // ...and another setting's page.
    let other = at("/mypreferences/d/settings/ads-by-age", 3, rail());
    assert_eq!((other.status, other.step), (GuideStatus::OffPath, 3));
    // Closing the Me menu again is no wrong turn: step 2's page is still this one.
    let closed = at("/feed/", 2, vec![button("Me"), menuitem("Settings & Privacy", true)]);
    assert_eq!((closed.status, closed.step), (GuideStatus::OnPath, 1));
    // Somewhere else on LinkedIn after reaching the settings: off the path, back through the Me menu.
    let jobs = at("/jobs/", 3, vec![button("Me"), link("Jobs", "/jobs/")]);
    assert_eq!((jobs.status, jobs.step, jobs.heading.as_str()), (GuideStatus::OffPath, 1, "somewhere"));
}

#[test]
fn an_element_that_never_appears_is_missing_after_a_few_seconds_with_the_direct_address() {
    let mut snap = GuideSnapshot {
        url: "https://www.linkedin.com/mypreferences/d/categories/account".into(),
        ui_lang: "en".into(),
        setting: AI.into(),
        reached: 2,
        elapsed_ms: 500,
        ..GuideSnapshot::default()
    };
    let early = guide(Catalog::embedded(), &snap).unwrap();
    assert_eq!((early.status, early.step, early.target), (GuideStatus::Pending, 3, None));
    assert_eq!(early.recheck_after_ms, Some(MISSING_AFTER_MS - 500), "a still page is looked at again when the wait is over");
    snap.elapsed_ms = MISSING_AFTER_MS;
    let late = guide(Catalog::embedded(), &snap).unwrap();
    assert_eq!((late.status, late.step, late.label.as_str()), (GuideStatus::Missing, 3, "Data privacy, in the left rail"));
    assert!(late.direct.ends_with("/data-for-ai-improvement"));
}

#[test]
fn a_reload_rederives_the_same_step_from_the_page_and_the_steps_reached() {
    let first = at("/mypreferences/d/categories/account", 2, rail());
    let again = at("/mypreferences/d/categories/account", first.reached, rail());
    assert_eq!((first.step, first.target, first.status), (again.step, again.target, again.status));
}

#[test]
fn labels_are_matched_in_german_and_a_lookalike_is_not_taken() {
    let mut snap = GuideSnapshot {
        url: "https://www.linkedin.com/feed/".into(),
        ui_lang: "de".into(),
        setting: AI.into(),
        candidates: vec![button("Mehr"), button("Ich")],
        ..GuideSnapshot::default()
    };
    let plan = guide(Catalog::embedded(), &snap).unwrap();
    assert_eq!((plan.target, plan.label.as_str()), (Some(1), "das Menü „Ich“ (Ihr Foto oben)"));
    snap.candidates = vec![button("Message")];
    assert_eq!(guide(Catalog::embedded(), &snap).unwrap().target, None, "\"Message\" is not \"Me\"");
}

#[test]
fn another_site_gets_no_guide() {
    let snap = GuideSnapshot { url: "https://x.com/home".into(), setting: AI.into(), ..GuideSnapshot::default() };
    assert!(guide(Catalog::embedded(), &snap).is_none());
}

#[test]
fn the_heading_crosses_to_javascript_as_here() {
    let js = serde_json::json!({"url": "https://www.linkedin.com/feed/", "setting": AI, "here": "Feed", "candidates": []});
    let snap: GuideSnapshot = JsonValue::deserialize(js).unwrap().read().unwrap();
    assert_eq!(snap.heading, "Feed");
    let plan = serde_json::to_value(guide(Catalog::embedded(), &snap).unwrap()).unwrap();
    assert_eq!((plan["here"].as_str(), plan.get("heading")), (Some("Feed"), None));
}
