//! The checklist: what was last seen of each setting, kept in the browser's local storage.
//! Loading never fails: unreadable entries are dropped one by one (the rest is kept) and a
//! notice says so. Merging reports from several tabs is order-independent per setting (newest wins).
//!
//! What storage held arrives as a `JsonValue` tree (JSON's data model) and is checked field by field in
//! plain Rust, so that one bad entry costs only that entry.

use crate::catalog::{first_variant, localized, setting_address, Catalog};
use crate::json_value::JsonValue;
use crate::rules::{Card, CardKind, RuleFile, Setting, SortedMap};
use serde::{Deserialize, Serialize};

pub const FORMAT_VERSION: u32 = 1;

/// A state the checklist records: only what a page said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SeenState {
    OptedIn,
    OptedOut,
    Unavailable,
}

/// Read back from storage by `Seen::read` (exactly these fields, nothing else).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Seen {
    pub state: SeenState,
    /// Milliseconds since the epoch.
    pub at: f64,
    pub url: String,
}

/// Why the stored state was not taken as it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Notice {
    /// The whole stored value was unreadable and was started afresh.
    Reset,
    /// Some entries were unreadable and were dropped; the others were kept.
    Partial,
}

/// Written as JSON by the extension; read back with `Stored::recover`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stored {
    pub version: u32,
    /// By setting id.
    pub seen: SortedMap<Seen>,
    /// Shown in the popup until the person dismisses it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<Notice>,
}

/// One fact a content script reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub setting: String,
    pub state: SeenState,
    pub at: f64,
    pub url: String,
}

impl SeenState {
    fn read(value: &JsonValue) -> Option<SeenState> {
        match value.as_str()? {
            "opted-in" => Some(SeenState::OptedIn),
            "opted-out" => Some(SeenState::OptedOut),
            "unavailable" => Some(SeenState::Unavailable),
            _ => None,
        }
    }
}

impl Notice {
    /// The notice a value names; None for anything else (null included).
    fn read(value: &JsonValue) -> Option<Notice> {
        match value.as_str()? {
            "reset" => Some(Notice::Reset),
            "partial" => Some(Notice::Partial),
            _ => None,
        }
    }
}

impl Seen {
    /// An entry exactly as `Seen` is stored: `state`, `at` and `url`, each once, and nothing else.
    /// Also the array of those three: serde, which read entries before, reads a struct from that too.
    fn read(value: &JsonValue) -> Option<Seen> {
        let members = match value {
            JsonValue::Object(members) => members,
            JsonValue::List(fields) => {
                let [state, at, url] = fields.as_slice() else { return None };
                return Some(Seen { state: SeenState::read(state)?, at: at.as_number()?, url: url.as_str()?.to_owned() });
            }
            _ => return None,
        };
        let (mut state, mut at, mut url) = (None, None, None);
        for (key, value) in members {
            let slot_was_empty = match key.as_str() {
                "state" => state.replace(SeenState::read(value)?).is_none(),
                "at" => at.replace(value.as_number()?).is_none(),
                "url" => url.replace(value.as_str()?.to_owned()).is_none(),
                _ => false,
            };
            if !slot_was_empty {
                return None;
            }
        }
        Some(Seen { state: state?, at: at?, url: url? })
    }
}

impl Stored {
    /// Reads what storage held (`JsonValue::Null` when nothing). Never fails: see the module comment.
    pub fn recover(stored: &JsonValue) -> Stored {
        // A number JSON cannot hold (NaN, ±Infinity) is null to JSON, hence nothing stored too.
        if matches!(stored, JsonValue::Null) || matches!(stored, JsonValue::Number(n) if !n.is_finite()) {
            return Stored { version: FORMAT_VERSION, ..Stored::default() };
        }
        let version_ok = stored.get("version").and_then(JsonValue::as_u32) == Some(FORMAT_VERSION);
        let Some(JsonValue::Object(entries)) = stored.get("seen").filter(|_| version_ok) else {
            return Stored { version: FORMAT_VERSION, notice: Some(Notice::Reset), ..Stored::default() };
        };
        let mut seen = SortedMap::default();
        let mut dropped = false;
        for (id, entry) in entries {
            match Seen::read(entry) {
                Some(s) if s.at.is_finite() => {
                    seen.insert(id.clone(), s);
                }
                _ => dropped = true,
            }
        }
        let kept_notice = stored.get("notice").and_then(Notice::read);
        Stored { version: FORMAT_VERSION, seen, notice: if dropped { Some(Notice::Partial) } else { kept_notice } }
    }

    /// Records reports; per setting the newest report wins, so two tabs reporting at once lose nothing.
    /// Reports of settings no rule knows are ignored.
    pub fn merge(&mut self, catalog: &Catalog, reports: &[Report]) {
        for r in reports {
            if catalog.setting(&r.setting).is_none() || !r.at.is_finite() {
                continue;
            }
            let newer = self.seen.get(&r.setting).is_none_or(|old| r.at >= old.at);
            if newer {
                self.seen.insert(r.setting.clone(), Seen { state: r.state, at: r.at, url: r.url.clone() });
            }
        }
    }

    /// Whether `stored` (what storage holds) is exactly this checklist, so that nothing needs writing.
    /// Compared as typed values: JS numbers may be integers where the checklist has floats. `stored`
    /// must read as a whole: a bad entry or notice, or a missing field, means it differs.
    pub fn is_stored_as(&self, stored: &JsonValue) -> bool {
        let notice = match stored.get("notice") {
            None | Some(JsonValue::Null) => None,
            Some(named) => match Notice::read(named) {
                Some(notice) => Some(notice),
                None => return false,
            },
        };
        let Some(JsonValue::Object(entries)) = stored.get("seen") else { return false };
        stored.get("version").and_then(JsonValue::as_u32) == Some(self.version)
            && notice == self.notice
            && entries.len() == self.seen.len()
            && entries.iter().all(|(id, entry)| self.seen.get(id).is_some_and(|seen| Seen::read(entry).as_ref() == Some(seen)))
    }

    /// How many known settings were last seen exposing the user (the toolbar badge).
    pub fn exposed_count(&self, catalog: &Catalog) -> usize {
        catalog.settings().filter(|(_, s)| self.seen.get(&s.id).is_some_and(|seen| seen.state == SeenState::OptedIn)).count()
    }
}

/// A row's state in the popup: what a page last said of the setting, or not seen yet. Declared in
/// the popup's order: exposed first, then not yet seen, unavailable, protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemState {
    OptedIn,
    Unknown,
    Unavailable,
    OptedOut,
}

impl ItemState {
    /// The state of a setting last seen as `seen` (None: never).
    pub fn of(seen: Option<&Seen>) -> ItemState {
        match seen.map(|seen| seen.state) {
            Some(SeenState::OptedIn) => ItemState::OptedIn,
            Some(SeenState::OptedOut) => ItemState::OptedOut,
            Some(SeenState::Unavailable) => ItemState::Unavailable,
            None => ItemState::Unknown,
        }
    }

    /// Its serialised name, as the popup writes it in `data-state`.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemState::OptedIn => "opted-in",
            ItemState::Unknown => "unknown",
            ItemState::Unavailable => "unavailable",
            ItemState::OptedOut => "opted-out",
        }
    }
}

/// One row of the popup's checklist.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    pub setting: String,
    pub title: String,
    pub state: ItemState,
    pub seen_at: Option<f64>,
    pub address: String,
    /// For `unavailable`: the likely reasons, from the setting's regional history on the day it was seen.
    pub reasons: Vec<String>,
    /// Whether the setting has an opt-out guide.
    pub guide: bool,
}

/// The popup's card for a platform without a switch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CardView {
    pub kind: CardKind,
    pub summary: String,
    pub who: Option<String>,
    /// (service name, form address) per objection form.
    pub forms: Vec<(String, String)>,
    pub source: String,
    pub source_url: Option<String>,
    pub checked: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    pub platform: String,
    pub name: String,
    pub exposed: usize,
    /// Exposed settings first, then not yet seen, unavailable, protected; rule order within each.
    pub items: Vec<Item>,
    pub card: Option<CardView>,
}

/// The calendar date (UTC, YYYY-MM-DD) of a time in milliseconds since the epoch.
pub fn date_of(ms: f64) -> String {
    // Days to civil date (proleptic Gregorian), after Howard Hinnant's `civil_from_days`.
    let z = (ms / 86_400_000.0).floor() as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let mut date = String::with_capacity(10);
    padded(&mut date, year, 4);
    date.push('-');
    padded(&mut date, month, 2);
    date.push('-');
    padded(&mut date, day, 2);
    date
}

/// `{value:0width$}`, digit by digit (integer formatting with a width is code the wasm does without).
fn padded(out: &mut String, value: i64, width: usize) {
    let mut digits = Vec::new();
    let mut rest = value.unsigned_abs();
    loop {
        digits.push(char::from(b'0' + (rest % 10) as u8));
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let sign = usize::from(value < 0);
    if sign == 1 {
        out.push('-');
    }
    for _ in sign + digits.len()..width {
        out.push('0');
    }
    out.extend(digits.iter().rev());
}

/// Why a page may have shown no switch for `setting` on `date`: the entries of its regional history
/// that held that day and explain an absence (exempt, paused, not offered), as "regions: note".
pub fn likely_reasons(setting: &Setting, date: &str, lang: &str) -> Vec<String> {
    setting
        .regions
        .iter()
        .filter(|n| n.status.explains_absence() && n.holds_on(date))
        .map(|n| format!("{}: {}", localized(&n.regions, lang), localized(&n.note, lang)))
        .collect()
}

fn card_view(rules: &RuleFile, card: &Card, lang: &str) -> CardView {
    CardView {
        kind: card.kind,
        summary: localized(&card.summary, lang).to_string(),
        who: card.who.as_ref().map(|w| localized(w, lang).to_string()),
        forms: rules.forms.iter().map(|f| (localized(&f.name, lang).to_string(), f.url.to_string())).collect(),
        source: card.source.to_string(),
        source_url: card.source_url.as_deref().map(str::to_string),
        checked: card.checked.to_string(),
    }
}

/// The popup's model: one group per platform. Platforms with exposed settings come first (most
/// exposed first), then the other platforms with settings, then the cards; rule order otherwise.
/// (Ordered by insertion, not with a generic sort: that is kilobytes of wasm, and the lists are short.)
pub fn checklist(catalog: &Catalog, stored: &Stored, lang: &str) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for rules in catalog.platforms() {
        let mut items: Vec<Item> = Vec::with_capacity(rules.settings.len());
        for s in rules.settings.iter() {
            let seen = stored.seen.get(&s.id);
            let state = ItemState::of(seen);
            let reasons = match seen {
                Some(seen) if seen.state == SeenState::Unavailable => likely_reasons(s, &date_of(seen.at), lang),
                _ => Vec::new(),
            };
            let item = Item {
                setting: s.id.to_string(),
                title: first_variant(&s.titles, lang).to_string(),
                state,
                seen_at: seen.map(|x| x.at),
                address: setting_address(rules, s),
                reasons,
                guide: s.guide.is_some(),
            };
            // By state rank, rule order within a state.
            let at = items.iter().position(|i| i.state > state).unwrap_or(items.len());
            items.insert(at, item);
        }
        let group = Group {
            platform: rules.platform.id.to_string(),
            name: rules.platform.name.to_string(),
            exposed: items.iter().filter(|i| i.state == ItemState::OptedIn).count(),
            items,
            card: rules.card.as_ref().map(|c| card_view(rules, c, lang)),
        };
        // After every group that comes before it or ties with it.
        let at = groups.iter().position(|g| group_rank(g) > group_rank(&group)).unwrap_or(groups.len());
        groups.insert(at, group);
    }
    groups
}

/// Groups with settings before cards, and among them the most exposed first.
fn group_rank(group: &Group) -> (bool, usize) {
    (group.items.is_empty(), usize::MAX - group.exposed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    /// A JSON value as storage would hand it over.
    fn json(value: Value) -> JsonValue {
        JsonValue::deserialize(value).unwrap()
    }

    fn report(setting: &str, state: SeenState, at: f64) -> Report {
        Report { setting: setting.into(), state, at, url: "https://www.linkedin.com/x".into() }
    }

    #[test]
    fn nothing_stored_is_a_fresh_checklist_without_notice() {
        let s = Stored::recover(&JsonValue::Null);
        assert!(s.seen.is_empty());
        assert_eq!(s.notice, None);
    }

    #[test]
    fn a_number_json_cannot_hold_is_nothing_stored() {
        for n in [f64::NAN, f64::INFINITY] {
            assert_eq!(Stored::recover(&JsonValue::Number(n)), Stored::recover(&JsonValue::Null));
        }
    }

    #[test]
    fn garbage_is_reset_with_a_notice() {
        for garbage in [json!("}{"), json!(42), json!([1, 2]), json!({"version": 1, "seen": "nope"})] {
            let s = Stored::recover(&json(garbage.clone()));
            assert!(s.seen.is_empty());
            assert_eq!(s.notice, Some(Notice::Reset), "{garbage}");
        }
    }

    #[test]
    fn an_older_format_is_reset_with_a_notice() {
        let s = Stored::recover(&json(json!({"linkedin.ai-training": "opted-in"})));
        assert_eq!(s.notice, Some(Notice::Reset));
        assert_eq!(s.version, FORMAT_VERSION);
    }

    #[test]
    fn one_bad_entry_is_dropped_and_the_rest_kept() {
        let s = Stored::recover(&json(json!({"version": 1, "seen": {
            "linkedin.ai-training": {"state": "opted-in", "at": 5.0, "url": "u"},
            "linkedin.ads-age": {"state": "sideways", "at": 5.0, "url": "u"}
        }})));
        assert_eq!(s.seen.len(), 1);
        assert_eq!(s.seen["linkedin.ai-training"].state, SeenState::OptedIn);
        assert_eq!(s.notice, Some(Notice::Partial));
    }

    #[test]
    fn an_entry_written_as_the_array_of_its_fields_is_kept() {
        let s = Stored::recover(&json(json!({"version": 1, "seen": {"linkedin.ai-training": ["opted-in", 5, "u"]}})));
        assert_eq!((s.seen["linkedin.ai-training"].state, s.notice), (SeenState::OptedIn, None));
    }

    #[test]
    fn reports_round_trip_through_storage() {
        let c = Catalog::embedded();
        let mut s = Stored::recover(&JsonValue::Null);
        s.merge(c, &[report("linkedin.ai-training", SeenState::OptedOut, 10.0)]);
        let back = Stored::recover(&json(serde_json::to_value(&s).unwrap()));
        assert_eq!(back, s);
    }

    #[test]
    fn a_clean_store_read_back_needs_no_write_even_with_integer_times() {
        let stored =
            json(json!({"version": 1, "seen": {"linkedin.ai-training": {"state": "opted-in", "at": 1732350000000u64, "url": "u"}}}));
        assert!(Stored::recover(&stored).is_stored_as(&stored));
    }

    #[test]
    fn a_recovered_merged_or_empty_store_needs_writing() {
        let garbage = json(json!("}{"));
        assert!(!Stored::recover(&garbage).is_stored_as(&garbage));
        assert!(!Stored::recover(&JsonValue::Null).is_stored_as(&JsonValue::Null), "first run writes the empty checklist");
        let empty = json(json!({"version": 1, "seen": {}}));
        let mut s = Stored::recover(&empty);
        assert!(s.is_stored_as(&empty));
        s.merge(Catalog::embedded(), &[report("linkedin.ai-training", SeenState::OptedIn, 1.0)]);
        assert!(!s.is_stored_as(&empty));
    }

    #[test]
    fn two_tabs_reporting_different_settings_are_both_kept() {
        let c = Catalog::embedded();
        let mut s = Stored::default();
        s.merge(c, &[report("linkedin.ai-training", SeenState::OptedIn, 10.0)]);
        s.merge(c, &[report("linkedin.ads-age", SeenState::OptedOut, 10.0)]);
        assert_eq!(s.seen.len(), 2);
    }

    #[test]
    fn an_older_report_never_overwrites_a_newer_one() {
        let c = Catalog::embedded();
        let mut s = Stored::default();
        s.merge(c, &[report("linkedin.ai-training", SeenState::OptedOut, 20.0)]);
        s.merge(c, &[report("linkedin.ai-training", SeenState::OptedIn, 10.0)]);
        assert_eq!(s.seen["linkedin.ai-training"].state, SeenState::OptedOut);
    }

    #[test]
    fn unknown_settings_are_ignored() {
        let mut s = Stored::default();
        s.merge(Catalog::embedded(), &[report("linkedin.nope", SeenState::OptedIn, 1.0)]);
        assert!(s.seen.is_empty());
    }

    #[test]
    fn badge_counts_only_settings_seen_opted_in() {
        let c = Catalog::embedded();
        let mut s = Stored::default();
        s.merge(
            c,
            &[
                report("linkedin.ai-training", SeenState::OptedIn, 1.0),
                report("linkedin.ads-age", SeenState::OptedIn, 1.0),
                report("linkedin.ads-gender", SeenState::OptedOut, 1.0),
                report("linkedin.research", SeenState::Unavailable, 1.0),
            ],
        );
        assert_eq!(s.exposed_count(c), 2);
    }

    #[test]
    fn checklist_lists_every_setting_with_unknown_until_seen() {
        let c = Catalog::embedded();
        let mut s = Stored::default();
        s.merge(c, &[report("linkedin.ai-training", SeenState::OptedIn, 7.0)]);
        let groups = checklist(c, &s, "de");
        let linkedin = groups.iter().find(|g| g.platform == "linkedin").unwrap();
        assert_eq!(linkedin.items.len(), c.platforms().iter().find(|r| r.platform.id == "linkedin").unwrap().settings.len());
        let ai = &linkedin.items[0];
        assert_eq!((ai.setting.as_str(), ai.state, ai.seen_at), ("linkedin.ai-training", ItemState::OptedIn, Some(7.0)));
        assert_eq!(ai.title, "Daten zur Verbesserung generativer KI");
        assert!(linkedin.items[1..].iter().all(|i| i.state == ItemState::Unknown));
        assert_eq!(linkedin.exposed, 1);
        let listed: usize = groups.iter().map(|g| g.items.len()).sum();
        assert_eq!(listed, c.settings().count(), "every setting of every platform is listed once");
    }

    #[test]
    fn exposed_settings_and_platforms_come_first_and_cards_last() {
        let c = Catalog::embedded();
        let mut s = Stored::default();
        s.merge(
            c,
            &[
                report("linkedin.ads-gender", SeenState::OptedIn, 1.0),
                report("linkedin.ai-training", SeenState::OptedOut, 1.0),
                report("linkedin.research", SeenState::Unavailable, 1.0),
                report("x.grok-training", SeenState::OptedIn, 1.0),
                report("linkedin.ads-age", SeenState::OptedIn, 1.0),
            ],
        );
        let groups = checklist(c, &s, "en");
        let order: Vec<&str> = groups.iter().map(|g| g.platform.as_str()).collect();
        assert_eq!(&order[..2], ["linkedin", "x"], "two exposed on LinkedIn, one on X");
        assert!(groups[2..].iter().all(|g| g.items.is_empty() && g.card.is_some()), "{order:?}");
        let states: Vec<ItemState> = groups[0].items.iter().map(|i| i.state).collect();
        let first_other = states.iter().position(|s| *s != ItemState::OptedIn).unwrap();
        assert_eq!(first_other, 2);
        assert_eq!(states.last(), Some(&ItemState::OptedOut));
        assert_eq!(groups[0].items[0].setting, "linkedin.ads-age", "rule order within a state");
        // With nothing exposed anywhere, rule order: LinkedIn, then X.
        let calm = checklist(c, &Stored::default(), "en");
        assert_eq!((calm[0].platform.as_str(), calm[1].platform.as_str()), ("linkedin", "x"));
    }

    #[test]
    fn states_and_card_kinds_serialise_as_the_popup_names_them() {
        for state in [ItemState::OptedIn, ItemState::Unknown, ItemState::Unavailable, ItemState::OptedOut] {
            assert_eq!(serde_json::to_value(state).unwrap(), state.as_str());
        }
        for kind in [CardKind::ObjectionForm, CardKind::NoOptOut] {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
    }

    #[test]
    fn dates_are_civil_utc_days() {
        assert_eq!(date_of(0.0), "1970-01-01");
        assert_eq!(date_of(1_762_128_000_000.0), "2025-11-03");
        assert_eq!(date_of(1_762_127_999_999.0), "2025-11-02");
        assert_eq!(date_of(951_782_400_000.0), "2000-02-29");
        assert_eq!(date_of(-86_400_000.0), "1969-12-31");
        for (value, width) in [(0, 4), (7, 2), (12, 2), (2025, 4), (12345, 4), (-1, 4), (-12345, 4), (i64::MIN, 4)] {
            let mut out = String::new();
            padded(&mut out, value, width);
            assert_eq!(out, format!("{value:0width$}"));
        }
    }

    #[test]
    fn an_unavailable_setting_gets_its_likely_reason_from_the_regional_history() {
        let c = Catalog::embedded();
        let at = |date: &str| {
            let mut s = Stored::default();
            // Noon UTC of the day.
            let days = (0..30_000).find(|d| date_of(*d as f64 * 86_400_000.0) == date).unwrap();
            s.merge(c, &[report("linkedin.ai-training", SeenState::Unavailable, days as f64 * 86_400_000.0 + 43_200_000.0)]);
            let groups = checklist(c, &s, "en");
            groups[0].items.iter().find(|i| i.setting == "linkedin.ai-training").unwrap().reasons.clone()
        };
        let before = at("2025-06-01");
        assert!(before.iter().any(|r| r.starts_with("EU, EEA and Switzerland")), "{before:?}");
        assert!(before.iter().any(|r| r.starts_with("United Kingdom")), "{before:?}");
        assert!(before.iter().any(|r| r.starts_with("members under 18")), "{before:?}");
        let after = at("2025-11-03");
        assert_eq!(after.len(), 1, "from 2025-11-03 only the age exemption remains: {after:?}");
        assert!(after[0].starts_with("members under 18"));
        let uk_day_one = at("2024-09-19");
        assert!(!uk_day_one.iter().any(|r| r.starts_with("United Kingdom")), "the UK pause began on 2024-09-20");
    }
}
