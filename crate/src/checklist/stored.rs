//! The stored checklist: what was last seen of each setting, kept in the browser's local storage.
//! Loading never fails: unreadable entries are dropped one by one (the rest is kept) and a
//! notice says so. Merging reports from several tabs is order-independent per setting (newest wins).
//!
//! What storage held arrives as a `JsonValue` tree (JSON's data model) and is checked field by field
//! in plain Rust, so that one bad entry costs only that entry.

use crate::catalog::Catalog;
use crate::json_value::JsonValue;
use crate::rules::SortedMap;
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
}
