//! The catalog: every platform's rules, validated and compiled in by build.rs, and look-ups over
//! them (a setting by id, text in the user's language).

#[cfg(not(target_arch = "wasm32"))]
use crate::rules::{parse_rule_file, RuleError};
use crate::rules::{Access, Form, List, Localized, RuleFile, Setting};

/// Every rule file, validated by build.rs and written there as Rust.
static PLATFORMS: &[RuleFile] = {
    use crate::rules::*;
    use std::borrow::Cow;
    include!(concat!(env!("OUT_DIR"), "/rules.rs"))
};

#[derive(Debug)]
pub struct Catalog {
    platforms: List<RuleFile>,
}

impl Catalog {
    /// The rules built into this binary: the rule files as build.rs validated them with
    /// `parse_rule_file`, `without_documentation` (the platforms' and settings' sources, page titles
    /// and navigation are empty). Compiled in as statics: no JSON parser, validator or decoder in the
    /// wasm, and nothing to do at start-up.
    /// In the module pages load, the rules are also `for_pages` (build.rs): what only the popup shows
    /// is in the popup's module.
    pub fn embedded() -> &'static Catalog {
        static CATALOG: Catalog = Catalog { platforms: List::Borrowed(PLATFORMS) };
        &CATALOG
    }

    /// Parses rule files given as (file name, JSON text). Native only, like `parse_rule_file`.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_files(files: &[(&str, &str)]) -> Result<Catalog, RuleError> {
        let platforms = files.iter().map(|(name, text)| parse_rule_file(&format!("crate/rules/{name}"), text)).collect::<Result<_, _>>()?;
        Ok(Catalog { platforms: List::Owned(platforms) })
    }

    pub fn platforms(&self) -> &[RuleFile] {
        &self.platforms
    }

    /// A setting and the platform it belongs to.
    pub fn setting(&self, id: &str) -> Option<(&RuleFile, &Setting)> {
        self.platforms.iter().find_map(|r| r.settings.iter().find(|s| s.id == id).map(|s| (r, s)))
    }

    /// Every objection form of every platform.
    pub fn forms(&self) -> impl Iterator<Item = (&RuleFile, &Form)> {
        self.platforms.iter().flat_map(|r| r.forms.iter().map(move |f| (r, f)))
    }

    /// The browser's match patterns for everywhere the content script runs: the whole site of a
    /// platform with settings (its settings are reached by in-app navigation), only the form's page
    /// of a platform with forms.
    pub fn host_patterns(&self) -> Vec<String> {
        self.platforms.iter().flat_map(platform_patterns).collect()
    }

    /// The match patterns of the platforms whose sites the browser is asked for `when`: at install
    /// (the manifest's `host_permissions` and content script) or on request (its
    /// `optional_host_permissions`, and a content script registered when the person switches it on).
    pub fn host_patterns_asked(&self, when: Access) -> Vec<String> {
        self.platforms.iter().filter(|r| r.platform.access == when).flat_map(platform_patterns).collect()
    }

    /// Every setting of every platform, in rule order.
    pub fn settings(&self) -> impl Iterator<Item = (&RuleFile, &Setting)> {
        self.platforms.iter().flat_map(|r| r.settings.iter().map(move |s| (r, s)))
    }
}

/// One platform's match patterns: its whole sites (its settings are reached by in-app navigation),
/// and only the page of each of its objection forms. Empty for a platform with neither (a card only).
pub fn platform_patterns(rules: &RuleFile) -> Vec<String> {
    let sites = rules.platform.hosts.iter().map(|h| format!("https://{h}/*"));
    sites.chain(rules.forms.iter().map(|f| format!("{}*", f.url))).collect()
}

/// The language part of a tag such as `de-DE` or `pt_BR`, lower-cased.
pub fn primary_language(tag: &str) -> String {
    tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase()
}

/// Text in the user's language, else English (validated to exist).
pub fn localized<'a>(text: &'a Localized, lang: &str) -> &'a str {
    text.get(&primary_language(lang)).or_else(|| text.get("en")).map(|text| &**text).unwrap_or("")
}

/// The first variant in the user's language, else the first English one.
pub fn first_variant<'a>(list: &'a crate::rules::LocalizedList, lang: &str) -> &'a str {
    list.get(&primary_language(lang))
        .and_then(|v| v.first())
        .or_else(|| list.get("en").and_then(|v| v.first()))
        .map(|text| &**text)
        .unwrap_or("")
}

/// The full address of a path on a platform.
pub fn address(rules: &RuleFile, path: &str) -> String {
    format!("{}{}", rules.platform.origin, path)
}

/// Where a person goes to see a setting: its own page, else the first category page that lists it.
/// A page per blog or site (`/settings/general/*`) is reached through the part before its name,
/// where the platform asks which one (`/settings/general`).
pub fn setting_address(rules: &RuleFile, setting: &Setting) -> String {
    let path = setting
        .page
        .as_deref()
        .map(|p| p.split_once('*').map_or(p, |(before, _)| before.trim_end_matches('/')))
        .or_else(|| setting.listed_on.first().and_then(|id| rules.pages.iter().find(|p| &p.id == id)).map(|p| &*p.path))
        .unwrap_or("/");
    address(rules, path)
}

/// A setting's own page, where the rule knows its address: not a page per blog or site
/// (`/settings/blog/*`), whose name OptOut does not know (the person reaches it from the platform's list).
pub fn own_page_path(setting: &Setting) -> Option<&str> {
    setting.page.as_deref().filter(|p| !p.contains('*'))
}

/// The blog or site a page per instance (`/settings/blog/*`) was for: the segment of `path` in the
/// place of the `*`; None for a setting without such a page, or a path that is not one of its pages.
pub fn instance_of<'a>(setting: &Setting, path: &'a str) -> Option<&'a str> {
    let (before, after) = setting.page.as_deref()?.split_once('*')?;
    let name = path.strip_prefix(before)?.strip_suffix(after)?;
    (!name.is_empty() && !name.contains('/')).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_rules_hold_every_linkedin_setting_id() {
        let ids: Vec<&str> = Catalog::embedded().settings().map(|(_, s)| &*s.id).collect();
        for id in [
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
        ] {
            assert!(ids.contains(&id), "{id} missing from the rules");
        }
    }

    #[test]
    fn embedded_rules_are_the_rule_files_without_their_documentation() {
        // In file-name order, as build.rs reads them.
        let files = [
            ("adobe.json", include_str!("../rules/adobe.json")),
            ("chatgpt.json", include_str!("../rules/chatgpt.json")),
            ("claude.json", include_str!("../rules/claude.json")),
            ("figma.json", include_str!("../rules/figma.json")),
            ("gemini.json", include_str!("../rules/gemini.json")),
            ("github.json", include_str!("../rules/github.json")),
            ("grammarly.json", include_str!("../rules/grammarly.json")),
            ("linkedin.json", include_str!("../rules/linkedin.json")),
            ("meta.json", include_str!("../rules/meta.json")),
            ("perplexity.json", include_str!("../rules/perplexity.json")),
            ("pinterest.json", include_str!("../rules/pinterest.json")),
            ("quora.json", include_str!("../rules/quora.json")),
            ("reddit.json", include_str!("../rules/reddit.json")),
            ("slack.json", include_str!("../rules/slack.json")),
            ("stackoverflow.json", include_str!("../rules/stackoverflow.json")),
            ("substack.json", include_str!("../rules/substack.json")),
            ("tumblr.json", include_str!("../rules/tumblr.json")),
            ("wordpress.json", include_str!("../rules/wordpress.json")),
            ("x.json", include_str!("../rules/x.json")),
        ];
        let parsed = Catalog::from_files(&files).unwrap();
        assert_eq!(parsed.platforms().len(), std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/rules")).unwrap().count());
        assert!(parsed.platforms().iter().all(|r| r.settings.iter().all(|s| !s.navigation.get("en").unwrap().is_empty())));
        let stripped: Vec<RuleFile> = parsed.platforms().iter().cloned().map(RuleFile::without_documentation).collect();
        assert_eq!(Catalog::embedded().platforms(), stripped);
        // What the popup, the banner and the guide show at run time is kept.
        let (_, ai) = Catalog::embedded().setting("linkedin.ai-training").unwrap();
        assert!(!ai.regions.is_empty() && ai.guide.is_some());
        assert!(Catalog::embedded().settings().any(|(_, s)| !s.page_notes.is_empty()));
        let card = Catalog::embedded().platforms().iter().find_map(|r| r.card.as_ref()).unwrap();
        assert!(!card.sources.is_empty() && card.sources.iter().all(|s| s.url.starts_with("https://") && s.checked.len() == 10));
        // What only documents the rules is not: what a card source supports, the settings' sources.
        assert!(card.sources.iter().all(|s| s.fact.is_empty()));
        assert!(Catalog::embedded().settings().all(|(r, s)| s.sources.is_empty() && r.platform.sources.is_empty()));
        assert!(Catalog::embedded().forms().count() > 0);
    }

    #[test]
    fn the_rules_pages_load_give_the_same_banners_guides_and_form_banners() {
        // The module pages load embeds `for_pages` (build.rs): it must answer every page as the full rules do.
        let full = Catalog::embedded();
        let pages = Catalog { platforms: List::Owned(full.platforms().iter().cloned().map(RuleFile::for_pages).collect()) };
        /// Plans compared as the JSON they become.
        fn json(value: &impl serde::Serialize) -> serde_json::Value {
            serde_json::to_value(value).unwrap()
        }
        let mut urls: Vec<String> = full.settings().map(|(r, s)| setting_address(r, s)).collect();
        urls.extend(full.forms().map(|(_, f)| f.url.to_string()));
        for lang in crate::rules::LANGUAGES.into_iter().chain(["pt-BR", "ja"]) {
            for url in &urls {
                let snap = crate::Snapshot { url: url.clone(), ui_lang: lang.into(), ..crate::Snapshot::default() };
                assert_eq!(json(&crate::evaluate(full, &snap)), json(&crate::evaluate(&pages, &snap)), "{url} in {lang}");
            }
            for (rules, setting) in full.settings() {
                let Some(guide) = &setting.guide else { continue };
                for step in guide.steps.iter() {
                    let snap = crate::guide::GuideSnapshot {
                        url: address(rules, &step.page),
                        ui_lang: lang.into(),
                        setting: setting.id.to_string(),
                        ..Default::default()
                    };
                    assert_eq!(
                        json(&crate::guide::guide(full, &snap)),
                        json(&crate::guide::guide(&pages, &snap)),
                        "{} in {lang}",
                        setting.id
                    );
                }
            }
        }
        // What only the popup shows is not there.
        assert!(pages.settings().all(|(_, s)| s.regions.is_empty()));
        assert!(pages
            .platforms()
            .iter()
            .all(|r| r.card.as_ref().is_none_or(|c| !r.forms.is_empty() && c.who.is_none() && c.sources.is_empty())));
    }

    #[test]
    fn the_sites_asked_at_install_and_on_request_are_every_site_once() {
        let c = Catalog::embedded();
        let at_install = c.host_patterns_asked(Access::AtInstall);
        let on_request = c.host_patterns_asked(Access::OnRequest);
        assert_eq!(at_install, ["https://www.linkedin.com/*", "https://x.com/*"]);
        assert!(on_request.contains(&"https://www.facebook.com/help/contact/712876720715583*".to_string()), "{on_request:?}");
        assert!(on_request.contains(&"https://help.instagram.com/contact/767264225370182*".to_string()), "{on_request:?}");
        let mut both: Vec<String> = at_install.iter().chain(&on_request).cloned().collect();
        let mut all = c.host_patterns();
        both.sort();
        all.sort();
        assert_eq!(both, all);
    }

    #[test]
    fn text_falls_back_to_english() {
        let (_, s) = Catalog::embedded().setting("linkedin.ai-training").unwrap();
        assert!(localized(&s.effect, "de-DE").starts_with("Erlaubt LinkedIn"));
        assert!(localized(&s.effect, "ja").starts_with("Lets LinkedIn"));
    }

    #[test]
    fn ai_training_is_reached_at_its_documented_page() {
        let (r, s) = Catalog::embedded().setting("linkedin.ai-training").unwrap();
        assert_eq!(setting_address(r, s), "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement");
        let (r, s) = Catalog::embedded().setting("linkedin.affiliates-sharing").unwrap();
        assert_eq!(setting_address(r, s), "https://www.linkedin.com/mypreferences/d/categories/ads", "no known page: its category page");
    }

    #[test]
    fn an_instance_is_the_segment_in_place_of_the_star() {
        let c = Catalog::embedded();
        let setting = |id: &str| c.settings().find(|(_, s)| &*s.id == id).unwrap().1;
        let tumblr = setting("tumblr.third-party-sharing");
        assert_eq!(instance_of(tumblr, "/settings/blog/mainblog"), Some("mainblog"));
        for other in ["/settings/blog/", "/settings/blog/a/b", "/settings/account", "/settings/blog"] {
            assert_eq!(instance_of(tumblr, other), None, "{other}");
        }
        assert_eq!(instance_of(setting("linkedin.ai-training"), "/mypreferences/d/settings/data-for-ai-improvement"), None);
    }
}
