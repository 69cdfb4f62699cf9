//! The rule validator: what a rule file must satisfy beyond its types (see schema.rs), and the parser
//! that reads a rule file from JSON and names the file and the field when a rule is malformed.

use crate::schema::{Access, CardKind, Guide, Localized, LocalizedList, RuleFile, Setting, Source, StepRole};
use std::fmt;

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
/// Behind the `parse` feature: the wasm has the rules compiled in and no JSON library.
///
/// A rule file may name the guide steps its settings share in a top-level `guide_steps` map (name →
/// step); a setting's `guide.steps` then lists either such a name or a whole step. The names are
/// resolved here, before the file is typed, so everything after parsing sees whole steps only.
#[cfg(feature = "parse")]
pub fn parse_rule_file(file: &str, text: &str) -> Result<RuleFile, RuleError> {
    let error = |field: String, reason: String| RuleError { file: file.to_string(), field, reason };
    let mut value: serde_json::Value = serde_json::from_str(text).map_err(|e| error("(top level)".into(), e.to_string()))?;
    resolve_guide_steps(&mut value).map_err(|(field, reason)| error(field, reason))?;
    let rules: RuleFile = serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        error(if path == "." { "(top level)".into() } else { path }, e.into_inner().to_string())
    })?;
    validate(file, &rules)?;
    Ok(rules)
}

/// Takes the top-level `guide_steps` map out of a rule file and puts each named step in place of
/// its name in the settings' guides. Each named step must itself be a valid `GuideStep`.
#[cfg(feature = "parse")]
fn resolve_guide_steps(rules: &mut serde_json::Value) -> Result<(), (String, String)> {
    use crate::schema::GuideStep;
    use serde_json::Value;
    let Some(top) = rules.as_object_mut() else { return Ok(()) };
    let named = match top.remove("guide_steps") {
        None => serde_json::Map::new(),
        Some(Value::Object(named)) => named,
        Some(_) => return Err(("guide_steps".into(), "must be a map from a step's name to the step".into())),
    };
    for (name, step) in &named {
        let at = format!("guide_steps.{name}");
        let de: GuideStep = serde_path_to_error::deserialize(step).map_err(|e| {
            let path = e.path().to_string();
            (if path == "." { at.clone() } else { format!("{at}.{path}") }, e.into_inner().to_string())
        })?;
        if de.role != StepRole::Switch {
            require_en_list(&de.names).map_err(|r| (format!("{at}.names"), r.to_string()))?;
        }
        if let Some(label) = &de.label {
            require_languages(label).map_err(|r| (format!("{at}.label"), r))?;
        }
        if let Some(section) = &de.section {
            require_languages(section).map_err(|r| (format!("{at}.section"), r))?;
        }
    }
    let Some(Value::Array(settings)) = top.get_mut("settings") else { return Ok(()) };
    for (i, setting) in settings.iter_mut().enumerate() {
        let Some(Value::Array(steps)) = setting.pointer_mut("/guide/steps") else { continue };
        for (j, step) in steps.iter_mut().enumerate() {
            if let Value::String(name) = step {
                let Some(found) = named.get(name.as_str()) else {
                    return Err((format!("settings[{i}].guide.steps[{j}]"), format!("names no step `{name}` in `guide_steps`")));
                };
                *step = found.clone();
            }
        }
    }
    Ok(())
}

/// The checks the types cannot express: ids, addresses, dates, every text shown to people in every
/// language of `LANGUAGES` (the platform's own labels need English only), references
/// between settings and pages, guides and cards. `file` is the name used in errors.
pub fn validate(file: &str, rules: &RuleFile) -> Result<(), RuleError> {
    let err = |field: String, reason: &str| RuleError { file: file.to_string(), field, reason: reason.to_string() };
    let p = &rules.platform;
    let stem = file.rsplit('/').next().unwrap_or(file).trim_end_matches(".json");
    if p.id != stem {
        return Err(err("platform.id".into(), &format!("must equal the file name `{stem}`")));
    }
    if !p.origin.starts_with("https://") || p.origin.ends_with('/') {
        return Err(err("platform.origin".into(), "must be `https://host` without a trailing slash"));
    }
    check_sources(&p.sources).map_err(|(f, r)| err(format!("platform.sources{f}"), r))?;
    if p.scope.iter().any(|s| !s.starts_with('/')) {
        return Err(err("platform.scope".into(), "must list path prefixes starting with `/`"));
    }
    if !rules.settings.is_empty() {
        // A platform with switches needs the content script's hosts, its settings area and its state words.
        if p.hosts.is_empty() {
            return Err(err("platform.hosts".into(), "must list at least one host for a platform with settings"));
        }
        if p.scope.is_empty() {
            return Err(err("platform.scope".into(), "must list path prefixes for a platform with settings"));
        }
        if p.sources.is_empty() {
            return Err(err("platform.sources".into(), "must list at least one source for a platform with settings"));
        }
        require_en_list(&p.state_words.on).map_err(|r| err("platform.state_words.on".into(), r))?;
        require_en_list(&p.state_words.off).map_err(|r| err("platform.state_words.off".into(), r))?;
    }
    if p.access == Access::AtInstall && p.hosts.is_empty() && rules.forms.is_empty() {
        return Err(err("platform.access".into(), "`at-install` asks for the platform's sites: it needs `hosts` or `forms`"));
    }
    if let Some(signed_out) = &p.signed_out {
        if signed_out.paths.is_empty() || signed_out.paths.iter().any(|s| !s.starts_with('/') || s.contains(char::is_whitespace)) {
            return Err(err("platform.signed_out.paths".into(), "must list the sign-in page's path prefixes, each starting with `/`"));
        }
        if !signed_out.phrases.is_empty() {
            require_en_list(&signed_out.phrases).map_err(|r| err("platform.signed_out.phrases".into(), r))?;
        }
    }
    let words = &p.state_words;
    for (field, turn, other, other_turn) in
        [("turn_on", &words.turn_on, &words.off, &words.turn_off), ("turn_off", &words.turn_off, &words.on, &words.turn_on)]
    {
        let at = format!("platform.state_words.{field}");
        if turn.variants().any(|t| t.trim().is_empty()) {
            return Err(err(at, "has an empty text"));
        }
        // A menu item that would set one position must never be a word of the other.
        if turn.variants().any(|t| other.variants().chain(other_turn.variants()).any(|o| o.trim().eq_ignore_ascii_case(t.trim()))) {
            return Err(err(at, "has a word of the other position"));
        }
    }
    if rules.settings.is_empty() && rules.card.is_none() {
        return Err(err("card".into(), "a platform without settings needs a card saying what it offers instead"));
    }
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
        require_languages(&s.effect).map_err(|r| err(at("effect"), &r))?;
        require_languages(&s.off_effect).map_err(|r| err(at("off_effect"), &r))?;
        require_languages(&s.navigation).map_err(|r| err(at("navigation"), &r))?;
        if let Some(page) = &s.page {
            // `*` stands for one whole segment (a blog's or a site's name), nowhere else.
            if !page.starts_with('/') || page.split('/').any(|segment| segment != "*" && segment.contains('*')) {
                return Err(err(at("page"), "must be a path starting with `/` (a `*` only as a whole segment)"));
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
        if s.sources.is_empty() {
            return Err(err(at("sources"), "must list at least one source"));
        }
        check_sources(&s.sources).map_err(|(f, r)| err(at(&format!("sources{f}")), r))?;
        for (j, note) in s.regions.iter().enumerate() {
            let at = |f: &str| at(&format!("regions[{j}].{f}"));
            check_date(&note.since).map_err(|r| err(at("since"), r))?;
            if let Some(until) = &note.until {
                check_date(until).map_err(|r| err(at("until"), r))?;
                if until < &note.since {
                    return Err(err(at("until"), "is before `since`"));
                }
            }
            require_languages(&note.regions).map_err(|r| err(at("regions"), &r))?;
            require_languages(&note.note).map_err(|r| err(at("note"), &r))?;
        }
        if let Some(guide) = &s.guide {
            validate_guide(guide, s).map_err(|(f, r)| err(at(&format!("guide{f}")), &r))?;
        }
        for (j, note) in s.page_notes.iter().enumerate() {
            require_en_list(&note.when_page_says).map_err(|r| err(at(&format!("page_notes[{j}].when_page_says")), r))?;
            require_languages(&note.note).map_err(|r| err(at(&format!("page_notes[{j}].note")), &r))?;
        }
        if let Some(save) = &s.save_button {
            require_en_list(&save.names).map_err(|r| err(at("save_button.names"), r))?;
            if save.names.variants().any(|n| n.trim() != &**n) {
                return Err(err(at("save_button.names"), "must be the button's exact name (no spaces around it)"));
            }
        }
    }
    for (i, form) in rules.forms.iter().enumerate() {
        let at = |f: &str| format!("forms[{i}].{f}");
        if !valid_setting_id(&p.id, &form.id) || ids.contains(&&*form.id) {
            return Err(err(at("id"), &format!("must be a unique `{}.<name>` in lower case with hyphens", p.id)));
        }
        ids.push(&form.id);
        if !form.url.starts_with("https://") || form.url.contains(['?', '#']) {
            return Err(err(at("url"), "must be an https address without query or fragment"));
        }
        require_languages(&form.name).map_err(|r| err(at("name"), &r))?;
        require_languages(&form.what_to_write).map_err(|r| err(at("what_to_write"), &r))?;
        require_languages(&form.suggested_text).map_err(|r| err(at("suggested_text"), &r))?;
    }
    if let Some(card) = &rules.card {
        require_languages(&card.summary).map_err(|r| err("card.summary".into(), &r))?;
        if let Some(who) = &card.who {
            require_languages(who).map_err(|r| err("card.who".into(), &r))?;
        }
        if card.sources.is_empty() {
            return Err(err("card.sources".into(), "must list at least one source"));
        }
        check_sources(&card.sources).map_err(|(f, r)| err(format!("card.sources{f}"), r))?;
        if (card.kind == CardKind::ObjectionForm) == rules.forms.is_empty() {
            return Err(err("card.kind".into(), "`objection-form` needs `forms`, and only it may have them"));
        }
        match (&card.email, card.kind == CardKind::EmailRequest) {
            (None, true) => return Err(err("card.email".into(), "`email-request` needs `email` (address and subject)")),
            (Some(_), false) => return Err(err("card.email".into(), "only an `email-request` card has `email`")),
            (Some(email), true) => {
                if !valid_address(&email.address) {
                    return Err(err("card.email.address".into(), "must be an email address (`name@host.tld`)"));
                }
                require_languages(&email.subject).map_err(|r| err("card.email.subject".into(), &r))?;
            }
            (None, false) => {}
        }
    }
    Ok(())
}

/// A guide's start and steps; the last step, and only it, is the setting's switch, on the setting's page.
fn validate_guide(guide: &Guide, setting: &Setting) -> Result<(), (String, String)> {
    if !guide.start.starts_with('/') {
        return Err((".start".into(), "must be a path starting with `/`".into()));
    }
    let Some(last) = guide.steps.len().checked_sub(1) else { return Err((".steps".into(), "must list at least one step".into())) };
    for (i, step) in guide.steps.iter().enumerate() {
        let at = |f: &str| format!(".steps[{i}].{f}");
        if !step.page.starts_with('/') {
            return Err((at("page"), "must be a path prefix starting with `/`".into()));
        }
        if (step.role == StepRole::Switch) != (i == last) {
            return Err((at("role"), "the last step, and only it, must be the setting's `switch`".into()));
        }
        if step.role == StepRole::Switch {
            if setting.page.as_deref().is_some_and(|p| !p.starts_with(&*step.page)) {
                return Err((at("page"), "must cover the setting's own page".into()));
            }
        } else {
            require_en_list(&step.names).map_err(|r| (at("names"), r.to_string()))?;
        }
        if let Some(label) = &step.label {
            require_languages(label).map_err(|r| (at("label"), r))?;
        }
        if let Some(section) = &step.section {
            require_languages(section).map_err(|r| (at("section"), r))?;
        }
    }
    Ok(())
}

/// `name@host.tld`: one `@`, a dotted host, no spaces (what a person can paste into a mail program).
fn valid_address(address: &str) -> bool {
    match address.split_once('@') {
        Some((name, host)) => {
            !name.is_empty()
                && !host.contains('@')
                && host.contains('.')
                && !host.starts_with('.')
                && !host.ends_with('.')
                && !address.contains(|c: char| c.is_whitespace() || c == '<' || c == '>' || c == ',' || c == ';')
        }
        None => false,
    }
}

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

/// The languages every text shown to people is written in: the interface's languages
/// (`extension/_locales/`). English is the fallback for any other browser language.
pub const LANGUAGES: [&str; 7] = ["en", "de", "fr", "es", "pt", "nl", "it"];

/// A text shown to people: non-empty in every language of `LANGUAGES`; the error names the first
/// language missing (English first, the fallback).
fn require_languages(text: &Localized) -> Result<(), String> {
    match LANGUAGES.iter().find(|lang| text.get(lang).is_none_or(|t| t.trim().is_empty())) {
        None => Ok(()),
        Some(&"en") => Err("needs non-empty English (`en`) text".into()),
        Some(lang) => Err(format!("lacks the `{lang}` text (every text shown to people is in {})", LANGUAGES.join(", "))),
    }
}

fn require_en_list(text: &LocalizedList) -> Result<(), &'static str> {
    if text.variants().any(|t| t.trim().is_empty()) {
        return Err("has an empty text");
    }
    match text.get("en") {
        Some(list) if !list.is_empty() => Ok(()),
        _ => Err("needs at least one English (`en`) text"),
    }
}

fn check_date(date: &str) -> Result<(), &'static str> {
    let b = date.as_bytes();
    let shape = b.len() == 10 && b[4] == b'-' && b[7] == b'-' && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    let number = |at: usize| (b[at] - b'0') * 10 + (b[at + 1] - b'0');
    if shape && (1..=12).contains(&number(5)) && (1..=31).contains(&number(8)) {
        Ok(())
    } else {
        Err("must be a date written YYYY-MM-DD")
    }
}

/// Every source: an https address a person can open (a host, no spaces), its check date, and the
/// fact it supports. The error names the entry and its field (`[1].url`).
fn check_sources(sources: &[Source]) -> Result<(), (String, &'static str)> {
    for (i, source) in sources.iter().enumerate() {
        let host = source.url.strip_prefix("https://").map(|rest| rest.split(['/', '?', '#']).next().unwrap_or(""));
        if !host.is_some_and(|h| h.contains('.') && !h.starts_with('.') && !h.ends_with('.')) || source.url.contains(char::is_whitespace) {
            return Err((format!("[{i}].url"), "must be an https address a person can open (`https://host/...`)"));
        }
        check_date(&source.checked).map_err(|r| (format!("[{i}].checked"), r))?;
        if source.fact.trim().is_empty() {
            return Err((format!("[{i}].fact"), "must say which fact of the rule the page supports"));
        }
    }
    Ok(())
}
