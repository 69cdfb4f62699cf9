//! The rule schema: one JSON file per platform in `crate/rules/`, embedded at compile time.
//! The Rust types are the schema (unknown fields are errors); `parse_rule_file` names the file
//! and the field when a rule is malformed. `build.rs` includes this module to fail the build, and
//! writes the validated rules as Rust statics (catalog.rs), hence texts and lists are `Cow`s:
//! borrowed from the binary in the built-in catalog, owned when parsed from a file.

use crate::keyed::{Keyed, Text};
use serde::Deserialize;
use std::borrow::Cow;
use std::fmt;

/// A list in a rule (see the module comment).
pub type List<T> = Cow<'static, [T]>;
/// Text per language code ("en", "de", ...). English is required everywhere.
pub type Localized = Keyed<Text>;
/// Several variants per language code (labels drift; every known wording is kept).
pub type LocalizedList = Keyed<List<Text>>;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    pub platform: Platform,
    #[serde(default)]
    pub pages: List<CategoryPage>,
    pub settings: List<Setting>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Platform {
    /// Also the rule file's name, the fixture folder's name and the test file's name.
    pub id: Text,
    pub name: Text,
    /// Scheme and host that the settings' paths are relative to.
    pub origin: Text,
    /// Host names the content script runs on (must match manifest.json).
    pub hosts: List<Text>,
    /// Path prefixes of the pages that hold settings; elsewhere the content script stays idle.
    pub scope: List<Text>,
    /// The words a category page shows after a row's label for its switch's position.
    pub state_words: StateWords,
    /// What the page says when a setting does not exist for this member (region, age).
    #[serde(default)]
    pub unavailable_phrases: LocalizedList,
    /// How long a settings page may take to render its switch before it is called missing.
    pub render_grace_ms: u32,
    #[serde(default)]
    pub objection_form: Option<Text>,
    pub source: Text,
    pub checked: Text,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateWords {
    pub on: LocalizedList,
    pub off: LocalizedList,
}

/// A page that lists several settings as rows with their state word.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryPage {
    pub id: Text,
    pub path: Text,
    pub title: LocalizedList,
}

/// The position of a switch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Position {
    On,
    Off,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    High,
    Medium,
    Low,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionNote {
    /// ISO date from which the note holds.
    pub since: Text,
    pub regions: Text,
    pub note: Text,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Setting {
    /// `<platform>.<setting>`, lower-case, hyphens.
    pub id: Text,
    /// The row label and the page heading, per language.
    pub titles: LocalizedList,
    /// The switch's accessible name, per language.
    pub switch_labels: LocalizedList,
    /// The path of the setting's own page, when it is known.
    #[serde(default)]
    pub page: Option<Text>,
    /// Category pages (by id) that list the setting as a row.
    #[serde(default)]
    pub listed_on: List<Text>,
    /// Keys seen in the page's DOM (a hint only: `name`/`id` attributes).
    #[serde(default)]
    pub dom_keys: List<Text>,
    /// The switch position that protects the user.
    pub protective: Position,
    /// The platform's default position.
    pub default: Position,
    /// One sentence: what the setting lets the platform do.
    pub effect: Localized,
    /// What turning it off does and does not do.
    pub off_effect: Localized,
    /// The documented navigation path, as the platform's help words it.
    pub navigation: Localized,
    #[serde(default)]
    pub regions: List<RegionNote>,
    /// The platform's help articles that document the setting (none where none is known).
    #[serde(default)]
    pub help: List<Text>,
    pub source: Text,
    pub checked: Text,
    pub confidence: Confidence,
}

impl RuleFile {
    /// The rules without what only documents them (sources, check dates, page titles, navigation
    /// wording, region notes): validated with the file and read by people, but by nothing at run
    /// time. build.rs embeds this (a third fewer bytes in the wasm); see `Catalog::embedded`.
    pub fn without_documentation(mut self) -> RuleFile {
        self.platform.source = Text::default();
        self.platform.checked = Text::default();
        for page in self.pages.to_mut() {
            page.title = LocalizedList::default();
        }
        for setting in self.settings.to_mut() {
            setting.navigation = Localized::default();
            setting.regions = List::default();
            setting.source = Text::default();
            setting.checked = Text::default();
        }
        self
    }
}

/// A malformed rule: which file, which field, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub file: String,
    pub field: String,
    pub reason: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.file, self.field, self.reason)
    }
}

impl std::error::Error for RuleError {}

/// Parses and validates one rule file. `file` is the name used in errors (e.g. `crate/rules/linkedin.json`).
/// Not in the wasm: build.rs validates the rules and compiles them in (catalog.rs).
#[cfg(not(target_arch = "wasm32"))]
pub fn parse_rule_file(file: &str, text: &str) -> Result<RuleFile, RuleError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let rules: RuleFile = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        RuleError {
            file: file.to_string(),
            field: if path == "." { "(top level)".into() } else { path },
            reason: e.into_inner().to_string(),
        }
    })?;
    validate(file, &rules)?;
    Ok(rules)
}

#[cfg(not(target_arch = "wasm32"))]
fn validate(file: &str, rules: &RuleFile) -> Result<(), RuleError> {
    let err = |field: String, reason: &str| RuleError { file: file.to_string(), field, reason: reason.to_string() };
    let p = &rules.platform;
    let stem = file.rsplit('/').next().unwrap_or(file).trim_end_matches(".json");
    if p.id != stem {
        return Err(err("platform.id".into(), &format!("must equal the file name `{stem}`")));
    }
    if !p.origin.starts_with("https://") || p.origin.ends_with('/') {
        return Err(err("platform.origin".into(), "must be `https://host` without a trailing slash"));
    }
    if p.hosts.is_empty() {
        return Err(err("platform.hosts".into(), "must list at least one host"));
    }
    if p.scope.is_empty() || p.scope.iter().any(|s| !s.starts_with('/')) {
        return Err(err("platform.scope".into(), "must list path prefixes starting with `/`"));
    }
    check_date(&p.checked).map_err(|r| err("platform.checked".into(), r))?;
    require_en_list(&p.state_words.on).map_err(|r| err("platform.state_words.on".into(), r))?;
    require_en_list(&p.state_words.off).map_err(|r| err("platform.state_words.off".into(), r))?;
    let mut page_ids = Vec::new();
    for (i, page) in rules.pages.iter().enumerate() {
        if !page.path.starts_with('/') {
            return Err(err(format!("pages[{i}].path"), "must start with `/`"));
        }
        require_en_list(&page.title).map_err(|r| err(format!("pages[{i}].title"), r))?;
        page_ids.push(&*page.id);
    }
    let mut ids: Vec<&str> = Vec::new();
    for (i, s) in rules.settings.iter().enumerate() {
        let at = |f: &str| format!("settings[{i}].{f}");
        if !valid_setting_id(&p.id, &s.id) {
            return Err(err(at("id"), &format!("must be `{}.<name>` in lower case with hyphens", p.id)));
        }
        if ids.contains(&&*s.id) {
            return Err(err(at("id"), "is not unique"));
        }
        ids.push(&s.id);
        require_en_list(&s.titles).map_err(|r| err(at("titles"), r))?;
        require_en_list(&s.switch_labels).map_err(|r| err(at("switch_labels"), r))?;
        require_en(&s.effect).map_err(|r| err(at("effect"), r))?;
        require_en(&s.off_effect).map_err(|r| err(at("off_effect"), r))?;
        require_en(&s.navigation).map_err(|r| err(at("navigation"), r))?;
        if let Some(page) = &s.page {
            if !page.starts_with('/') {
                return Err(err(at("page"), "must be a path starting with `/`"));
            }
        }
        for (j, listed) in s.listed_on.iter().enumerate() {
            if !page_ids.contains(&&**listed) {
                return Err(err(at(&format!("listed_on[{j}]")), "names no page in `pages`"));
            }
        }
        if s.page.is_none() && s.listed_on.is_empty() {
            return Err(err(at("page"), "a setting needs its own page or a category page that lists it"));
        }
        if s.help.iter().any(|h| !h.starts_with("https://")) {
            return Err(err(at("help"), "must list https addresses"));
        }
        check_date(&s.checked).map_err(|r| err(at("checked"), r))?;
        for (j, note) in s.regions.iter().enumerate() {
            check_date(&note.since).map_err(|r| err(at(&format!("regions[{j}].since")), r))?;
        }
    }
    Ok(())
}

#[cfg(not(target_arch = "wasm32"))]
fn valid_setting_id(platform: &str, id: &str) -> bool {
    match id.strip_prefix(platform).and_then(|rest| rest.strip_prefix('.')) {
        Some(name) => {
            !name.is_empty()
                && !name.starts_with('-')
                && !name.ends_with('-')
                && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        }
        None => false,
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn require_en(text: &Localized) -> Result<(), &'static str> {
    match text.get("en") {
        Some(t) if !t.trim().is_empty() => Ok(()),
        _ => Err("needs non-empty English (`en`) text"),
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn require_en_list(text: &LocalizedList) -> Result<(), &'static str> {
    if text.variants().any(|t| t.trim().is_empty()) {
        return Err("has an empty text");
    }
    match text.get("en") {
        Some(list) if !list.is_empty() => Ok(()),
        _ => Err("needs at least one English (`en`) text"),
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn check_date(date: &str) -> Result<(), &'static str> {
    let b = date.as_bytes();
    let shape = b.len() == 10 && b[4] == b'-' && b[7] == b'-' && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if shape {
        Ok(())
    } else {
        Err("must be a date written YYYY-MM-DD")
    }
}
