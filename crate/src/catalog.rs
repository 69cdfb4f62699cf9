//! The catalog: every platform's rules, parsed once from the files embedded at compile time,
//! and look-ups over them (a setting by id, text in the user's language).

use crate::rules::{parse_rule_file, Form, Localized, RuleError, RuleFile, Setting};
use std::sync::OnceLock;

/// Every rule file, validated and encoded by build.rs.
static RULES_POSTCARD: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/rules.postcard"));

#[derive(Debug)]
pub struct Catalog {
    platforms: Vec<RuleFile>,
}

impl Catalog {
    /// The rules built into this binary. build.rs validated them with the same parser, so a
    /// failure here is impossible short of a compiler bug.
    pub fn embedded() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        // build.rs validated these files with `parse_rule_file` and encoded them; decoding keeps the
        // JSON parser, the validator and their error paths out of the wasm.
        CATALOG.get_or_init(|| Catalog {
            platforms: postcard::from_bytes(RULES_POSTCARD).expect("rules were validated and encoded by build.rs"),
        })
    }

    /// Parses rule files given as (file name, JSON text).
    pub fn from_files(files: &[(&str, &str)]) -> Result<Catalog, RuleError> {
        let platforms = files.iter().map(|(name, text)| parse_rule_file(&format!("crate/rules/{name}"), text)).collect::<Result<_, _>>()?;
        Ok(Catalog { platforms })
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
        let sites = self.platforms.iter().flat_map(|r| r.platform.hosts.iter().map(|h| format!("https://{h}/*")));
        let forms = self.forms().map(|(_, f)| format!("{}*", f.url));
        sites.chain(forms).collect()
    }

    /// Every setting of every platform, in rule order.
    pub fn settings(&self) -> impl Iterator<Item = (&RuleFile, &Setting)> {
        self.platforms.iter().flat_map(|r| r.settings.iter().map(move |s| (r, s)))
    }
}

/// The language part of a tag such as `de-DE` or `pt_BR`, lower-cased.
pub fn primary_language(tag: &str) -> String {
    tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase()
}

/// Text in the user's language, else English (validated to exist).
pub fn localized<'a>(text: &'a Localized, lang: &str) -> &'a str {
    text.get(&primary_language(lang)).or_else(|| text.get("en")).map(String::as_str).unwrap_or("")
}

/// The first variant in the user's language, else the first English one.
pub fn first_variant<'a>(list: &'a crate::rules::LocalizedList, lang: &str) -> &'a str {
    list.get(&primary_language(lang))
        .and_then(|v| v.first())
        .or_else(|| list.get("en").and_then(|v| v.first()))
        .map(String::as_str)
        .unwrap_or("")
}

/// The full address of a path on a platform.
pub fn address(rules: &RuleFile, path: &str) -> String {
    format!("{}{}", rules.platform.origin, path)
}

/// Where a person goes to see a setting: its own page, else the first category page that lists it.
pub fn setting_address(rules: &RuleFile, setting: &Setting) -> String {
    let path = setting
        .page
        .as_deref()
        .or_else(|| setting.listed_on.first().and_then(|id| rules.pages.iter().find(|p| &p.id == id)).map(|p| p.path.as_str()))
        .unwrap_or("/");
    address(rules, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_rules_hold_every_linkedin_setting_id() {
        let ids: Vec<&str> = Catalog::embedded().settings().map(|(_, s)| s.id.as_str()).collect();
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
}
