//! The batch planner: which pages Check now and Turn off all visit, for which settings, and how a
//! signed-out visit shows itself. Check now reads a platform's settings from as few pages as it can:
//! category pages that list many settings first (most settings first), a setting's own page only for
//! a setting that no list shows; Turn off all visits each setting's own page (the switch is there, a
//! category page only lists its state). Pure data in, data out: build.sh writes the plans for the
//! background (`optout-batch`), the popup reads which settings Turn off all can change.

use crate::catalog::{address, own_page_path, Catalog};
use crate::rules::{RuleFile, Setting};
use crate::text::normalize;
use serde::Serialize;

/// One page load of a run: the page's address and the settings it is expected to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Visit {
    pub url: String,
    pub settings: Vec<String>,
    /// The category page's id, for a page that lists settings (None: a setting's own page).
    pub category: Option<String>,
}

/// What Check now visits for a platform, and what no page it knows shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckPlan {
    pub visits: Vec<Visit>,
    /// Settings that neither a category page nor an own page shows (none for a complete rule).
    pub unreachable: Vec<String>,
}

/// What Turn off all visits for the settings asked, and which of them it cannot visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TurnOffPlan {
    pub visits: Vec<Visit>,
    /// Asked settings without a known page of their own (OptOut cannot reach their switch).
    pub without_page: Vec<String>,
}

/// Why a plan cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanError {
    UnknownPlatform,
    /// The platform has no switch (a card platform): there is nothing to check or turn off.
    NoSettings,
    /// A setting id that is not one of this platform's.
    ForeignSetting(String),
}

/// How a signed-out visit shows itself: the sign-in page's path prefixes, and the normalised phrases
/// of its title or main heading (every language the rule knows).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignedOutSigns {
    pub paths: Vec<String>,
    pub phrases: Vec<String>,
}

fn platform<'c>(catalog: &'c Catalog, id: &str) -> Result<&'c RuleFile, PlanError> {
    let rules = catalog.platforms().iter().find(|r| r.platform.id == id).ok_or(PlanError::UnknownPlatform)?;
    if rules.settings.is_empty() {
        return Err(PlanError::NoSettings);
    }
    Ok(rules)
}

/// Check now's visits for every setting of `platform_id`: a greedy cover, each time the category page
/// that lists the most settings not yet covered (rule order on a tie), then the own page of each
/// setting still uncovered.
pub fn check_plan(catalog: &Catalog, platform_id: &str) -> Result<CheckPlan, PlanError> {
    let rules = platform(catalog, platform_id)?;
    let mut uncovered: Vec<&str> = rules.settings.iter().map(|s| &*s.id).collect();
    let mut visits = Vec::new();
    loop {
        let listed = |page: &str| -> Vec<String> {
            rules
                .settings
                .iter()
                .filter(|s| uncovered.contains(&&*s.id) && s.listed_on.iter().any(|p| p == page))
                .map(|s| s.id.to_string())
                .collect()
        };
        let best = rules.pages.iter().map(|p| (p, listed(&p.id))).fold(None, |best: Option<(_, Vec<String>)>, (p, settings)| match best {
            Some((_, ref most)) if most.len() >= settings.len() => best,
            _ if settings.is_empty() => best,
            _ => Some((p, settings)),
        });
        let Some((page, settings)) = best else { break };
        uncovered.retain(|id| !settings.iter().any(|s| s == id));
        visits.push(Visit { url: address(rules, &page.path), settings, category: Some(page.id.to_string()) });
    }
    let mut unreachable = Vec::new();
    for id in uncovered {
        match own_page(rules, id) {
            Some(url) => visits.push(Visit { url, settings: vec![id.to_string()], category: None }),
            None => unreachable.push(id.to_string()),
        }
    }
    Ok(CheckPlan { visits, unreachable })
}

/// Check now's second pass: the own pages of the settings that the category pages did not show
/// (a row missing, or unread). Settings without an own page stay unread.
pub fn follow_up(catalog: &Catalog, platform_id: &str, unread: &[&str]) -> Result<Vec<Visit>, PlanError> {
    let rules = platform(catalog, platform_id)?;
    check_ids(rules, unread)?;
    Ok(unread
        .iter()
        .filter_map(|id| own_page(rules, id).map(|url| Visit { url, settings: vec![id.to_string()], category: None }))
        .collect())
}

/// Turn off all's visits: the own page of each asked setting, in rule order (each once).
pub fn turn_off_plan(catalog: &Catalog, platform_id: &str, settings: &[&str]) -> Result<TurnOffPlan, PlanError> {
    let rules = platform(catalog, platform_id)?;
    check_ids(rules, settings)?;
    let mut visits = Vec::new();
    let mut without_page = Vec::new();
    for setting in rules.settings.iter().filter(|s| settings.contains(&&*s.id)) {
        match own_page(rules, &setting.id) {
            Some(url) => visits.push(Visit { url, settings: vec![setting.id.to_string()], category: None }),
            None => without_page.push(setting.id.to_string()),
        }
    }
    Ok(TurnOffPlan { visits, without_page })
}

fn check_ids(rules: &RuleFile, ids: &[&str]) -> Result<(), PlanError> {
    match ids.iter().find(|id| !rules.settings.iter().any(|s| &*s.id == **id)) {
        Some(foreign) => Err(PlanError::ForeignSetting(foreign.to_string())),
        None => Ok(()),
    }
}

/// A setting's own page, when its rule knows its address (not a page per blog or site).
fn own_page(rules: &RuleFile, id: &str) -> Option<String> {
    own_page_path(rules.settings.iter().find(|s| &*s.id == id)?).map(|path| address(rules, path))
}

/// Whether Turn off all can reach a setting's switch (its own page's address is known).
pub fn can_turn_off(catalog: &Catalog, setting: &str) -> bool {
    catalog.setting(setting).is_some_and(|(_, s)| turns_off(s))
}

/// Whether Turn off all visits the setting: its own page's address is known (`turn_off_plan`).
pub fn turns_off(setting: &Setting) -> bool {
    own_page_path(setting).is_some()
}

/// Whether Check now reads the setting: a category page lists it, or its own page's address is known
/// (`check_plan`).
pub fn checks(setting: &Setting) -> bool {
    !setting.listed_on.is_empty() || turns_off(setting)
}

/// The signs of a signed-out visit on `platform_id` (None: the rule names none).
pub fn signed_out_signs(catalog: &Catalog, platform_id: &str) -> Option<SignedOutSigns> {
    let rules = catalog.platforms().iter().find(|r| r.platform.id == platform_id)?;
    let signs = rules.platform.signed_out.as_ref()?;
    Some(SignedOutSigns {
        paths: signs.paths.iter().map(|p| p.to_string()).collect(),
        phrases: signs.phrases.variants().map(|p| normalize(p)).collect(),
    })
}

/// Whether a page at `path` whose title or main heading reads `heading` is the platform's sign-in
/// page: its path starts with a sign-in path, or the heading holds a sign-in phrase (whole words).
pub fn is_signed_out(signs: &SignedOutSigns, path: &str, heading: &str) -> bool {
    let heading = format!(" {} ", normalize(heading));
    signs.paths.iter().any(|p| path.starts_with(p.as_str()))
        || signs.phrases.iter().any(|p| !p.is_empty() && heading.contains(&format!(" {p} ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINKEDIN: [&str; 10] = [
        "linkedin.ai-training",
        "linkedin.affiliates-sharing",
        "linkedin.research",
        "linkedin.ads-beyond-linkedin",
        "linkedin.ads-business-interactions",
        "linkedin.ads-measurement",
        "linkedin.ads-inferred-location",
        "linkedin.ads-interests",
        "linkedin.ads-age",
        "linkedin.ads-gender",
    ];

    /// A rule file with three pages: `a` lists two settings, `b` lists three (one shared with `a`),
    /// `c` lists one already on `b`; one setting only on its own page. (A setting on no page at all is
    /// refused by the rule validator.)
    fn catalog() -> Catalog {
        let setting = |id: &str, page: Option<&str>, listed: &[&str]| {
            let mut s = serde_json::json!({
                "id": id, "titles": { "en": [id] }, "switch_labels": { "en": [id] },
                "listed_on": listed, "protective": "off", "default": "on",
                "effect": langs(), "off_effect": langs(), "navigation": langs(),
                "sources": [{ "url": "https://example.org/help", "checked": "2026-11-30", "fact": "f" }], "confidence": "high"
            });
            if let Some(page) = page {
                s["page"] = page.into();
            }
            s
        };
        let rule = serde_json::json!({
            "platform": {
                "id": "demo", "name": "Demo", "origin": "https://demo.example", "hosts": ["demo.example"], "scope": ["/s/"],
                "state_words": { "on": { "en": ["On"] }, "off": { "en": ["Off"] } },
                "signed_out": { "paths": ["/login", "/uas/login"], "phrases": { "en": ["Sign in to Demo"], "de": ["Bei Demo anmelden"] } },
                "sources": [{ "url": "https://example.org/help", "checked": "2026-11-30", "fact": "f" }]
            },
            "pages": [
                { "id": "a", "path": "/s/a", "title": { "en": ["A"] } },
                { "id": "b", "path": "/s/b", "title": { "en": ["B"] } },
                { "id": "c", "path": "/s/c", "title": { "en": ["C"] } }
            ],
            "settings": [
                setting("demo.one", Some("/s/one"), &["a"]),
                setting("demo.two", Some("/s/two"), &["a", "b"]),
                setting("demo.three", None, &["b"]),
                setting("demo.four", Some("/s/four"), &["b", "c"]),
                setting("demo.five", Some("/s/five"), &[])
            ]
        });
        Catalog::from_files(&[("demo.json", &rule.to_string())]).expect("the demo rule is valid")
    }

    fn langs() -> serde_json::Value {
        serde_json::json!({ "en": "x", "de": "x", "fr": "x", "es": "x", "pt": "x", "nl": "x", "it": "x" })
    }

    fn ids(visit: &Visit) -> Vec<&str> {
        visit.settings.iter().map(String::as_str).collect()
    }

    #[test]
    fn check_prefers_the_list_with_most_settings_then_own_pages_for_the_rest() {
        let plan = check_plan(&catalog(), "demo").unwrap();
        let urls: Vec<&str> = plan.visits.iter().map(|v| v.url.as_str()).collect();
        // b covers three (two, three, four); then a covers the one left on it (one); c covers nothing new.
        assert_eq!(urls, ["https://demo.example/s/b", "https://demo.example/s/a", "https://demo.example/s/five"]);
        assert_eq!(ids(&plan.visits[0]), ["demo.two", "demo.three", "demo.four"]);
        assert_eq!(ids(&plan.visits[1]), ["demo.one"]);
        assert_eq!((plan.visits[2].category.as_deref(), ids(&plan.visits[2])), (None, vec!["demo.five"]));
        assert!(plan.unreachable.is_empty());
    }

    #[test]
    fn every_setting_is_planned_once() {
        let plan = check_plan(&catalog(), "demo").unwrap();
        let mut all: Vec<&str> = plan.visits.iter().flat_map(ids).chain(plan.unreachable.iter().map(String::as_str)).collect();
        all.sort_unstable();
        assert_eq!(all, ["demo.five", "demo.four", "demo.one", "demo.three", "demo.two"]);
    }

    #[test]
    fn linkedin_is_checked_from_its_two_category_pages() {
        let plan = check_plan(Catalog::embedded(), "linkedin").unwrap();
        assert!(plan.visits.len() <= 3, "the aim: at most 3 page loads, got {:?}", plan.visits);
        let urls: Vec<&str> = plan.visits.iter().map(|v| v.url.as_str()).collect();
        assert_eq!(
            urls,
            ["https://www.linkedin.com/mypreferences/d/categories/ads", "https://www.linkedin.com/mypreferences/d/categories/privacy"]
        );
        let mut covered: Vec<&str> = plan.visits.iter().flat_map(ids).collect();
        covered.sort_unstable();
        let mut all = LINKEDIN.to_vec();
        all.sort_unstable();
        assert_eq!(covered, all);
        assert!(plan.unreachable.is_empty());
        assert_eq!(ids(&plan.visits[1]), ["linkedin.ai-training", "linkedin.research"]);
    }

    #[test]
    fn x_is_checked_on_the_settings_own_page() {
        let plan = check_plan(Catalog::embedded(), "x").unwrap();
        assert_eq!(plan.visits.len(), 1);
        assert_eq!((plan.visits[0].url.as_str(), ids(&plan.visits[0])), ("https://x.com/settings/grok_settings", vec!["x.grok-training"]));
    }

    #[test]
    fn a_platform_without_switches_or_unknown_has_no_plan() {
        assert_eq!(check_plan(Catalog::embedded(), "meta"), Err(PlanError::NoSettings));
        assert_eq!(check_plan(Catalog::embedded(), "reddit"), Err(PlanError::NoSettings));
        assert_eq!(check_plan(Catalog::embedded(), "nope"), Err(PlanError::UnknownPlatform));
        assert_eq!(turn_off_plan(Catalog::embedded(), "nope", &[]), Err(PlanError::UnknownPlatform));
    }

    #[test]
    fn follow_up_visits_the_own_pages_of_what_the_lists_did_not_show() {
        let c = catalog();
        let visits = follow_up(&c, "demo", &["demo.three", "demo.four"]).unwrap();
        assert_eq!(visits.len(), 1, "three has no page of its own");
        assert_eq!((visits[0].url.as_str(), ids(&visits[0])), ("https://demo.example/s/four", vec!["demo.four"]));
        assert_eq!(follow_up(&c, "demo", &["x.grok-training"]), Err(PlanError::ForeignSetting("x.grok-training".into())));
    }

    #[test]
    fn turn_off_visits_each_own_page_in_rule_order_and_names_those_without_one() {
        let c = catalog();
        let plan = turn_off_plan(&c, "demo", &["demo.four", "demo.one", "demo.three", "demo.one"]).unwrap();
        let urls: Vec<&str> = plan.visits.iter().map(|v| v.url.as_str()).collect();
        assert_eq!(urls, ["https://demo.example/s/one", "https://demo.example/s/four"]);
        assert!(plan.visits.iter().all(|v| v.settings.len() == 1 && v.category.is_none()));
        assert_eq!(plan.without_page, ["demo.three"]);
        assert_eq!(turn_off_plan(&c, "demo", &["linkedin.ai-training"]), Err(PlanError::ForeignSetting("linkedin.ai-training".into())));
        assert_eq!(turn_off_plan(&c, "demo", &[]).unwrap().visits, vec![]);
    }

    #[test]
    fn a_setting_per_blog_or_site_has_no_address_a_run_could_open() {
        // `/settings/blog/*`: the blog's name is the person's, unknown to OptOut; never a visit to a `*`.
        for (platform, id) in [("tumblr", "tumblr.third-party-sharing"), ("wordpress", "wordpress.third-party-sharing")] {
            let check = check_plan(Catalog::embedded(), platform).unwrap();
            assert!(check.visits.iter().all(|v| !v.url.contains('*')), "{:?}", check.visits);
            assert_eq!(check.unreachable, [id]);
            let off = turn_off_plan(Catalog::embedded(), platform, &[id]).unwrap();
            assert_eq!((off.visits.len(), off.without_page.as_slice()), (0, [id.to_string()].as_slice()));
            assert!(!can_turn_off(Catalog::embedded(), id));
        }
    }

    #[test]
    fn linkedin_turns_off_nine_settings_on_their_own_pages() {
        let plan = turn_off_plan(Catalog::embedded(), "linkedin", &LINKEDIN).unwrap();
        assert_eq!(plan.visits.len(), 9);
        assert_eq!(plan.without_page, ["linkedin.affiliates-sharing"], "its page's address is not known");
        assert!(plan.visits.iter().all(|v| v.url.starts_with("https://www.linkedin.com/mypreferences/d/")));
        assert!(can_turn_off(Catalog::embedded(), "linkedin.ai-training"));
        assert!(!can_turn_off(Catalog::embedded(), "linkedin.affiliates-sharing"));
        assert!(!can_turn_off(Catalog::embedded(), "nope"));
    }

    #[test]
    fn a_sign_in_page_is_known_by_its_path_or_its_heading() {
        let signs = signed_out_signs(&catalog(), "demo").unwrap();
        assert_eq!(signs.phrases, ["bei demo anmelden", "sign in to demo"], "every language, normalised");
        assert!(is_signed_out(&signs, "/login", ""));
        assert!(is_signed_out(&signs, "/uas/login", "Whatever"));
        assert!(is_signed_out(&signs, "/s/a", "Sign in to Demo | Demo"));
        assert!(is_signed_out(&signs, "/s/a", "Bei Demo anmelden"));
        assert!(!is_signed_out(&signs, "/s/a", "Sign in & security"), "a settings page about signing in is no sign-in page");
        assert!(!is_signed_out(&signs, "/s/a", "Sign in to Demonstrations"), "whole words only");
        assert!(!is_signed_out(&signs, "/s/login", ""), "a prefix of the path, not anywhere in it");
    }

    #[test]
    fn linkedin_and_x_name_their_sign_in_pages() {
        let linkedin = signed_out_signs(Catalog::embedded(), "linkedin").unwrap();
        assert!(is_signed_out(&linkedin, "/login", ""));
        assert!(is_signed_out(&linkedin, "/uas/login", ""));
        assert!(is_signed_out(&linkedin, "/authwall", ""));
        assert!(!is_signed_out(&linkedin, "/mypreferences/d/categories/privacy", "Data privacy"));
        assert!(is_signed_out(&linkedin, "/mypreferences/d/categories/privacy", "LinkedIn Login, Sign in | LinkedIn"));
        let x = signed_out_signs(Catalog::embedded(), "x").unwrap();
        assert!(is_signed_out(&x, "/i/flow/login", ""));
        assert!(!is_signed_out(&x, "/settings/grok_settings", "Grok & Third-party Collaborators"));
        assert_eq!(signed_out_signs(Catalog::embedded(), "meta"), None);
    }
}
