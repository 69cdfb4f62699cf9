//! The stored checklist: what was last seen of each setting, kept in the browser's local storage.
//! Loading never fails: unreadable entries are dropped one by one (the rest is kept) and a
//! notice says so; format 1 (before entries said how they were verified) is read and carried over.
//! Reports are recorded in the order the background receives them, stamped with its own clock and
//! the sender's page (never what the message says), and refused whole unless they come from a page
//! of the platform whose settings they report.
//!
//! What storage held arrives as a `JsonValue` tree (JSON's data model) and is checked field by field
//! in plain Rust, so that one bad entry costs only that entry.

use super::dates::has_date;
use crate::catalog::Catalog;
use crate::json_value::JsonValue;
use crate::limits::{truncate_chars, MAX_REPORTS, MAX_URL_CHARS};
use crate::page::parse_url;
use crate::rules::SortedMap;
use serde::{Deserialize, Serialize};

/// Format 2: entries say how they were verified (`verified`), keep the page's path (`path`) rather
/// than its URL, remember a Turn off that did not stick (`did_not_stick`) and a setting the platform
/// turned back on (`turned_back_on`, optional, so format 2 without it reads as it was). Format 1 had
/// `{state, at, url}` per entry.
pub const FORMAT_VERSION: u32 = 2;

/// A state the checklist records: only what a page said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SeenState {
    OptedIn,
    OptedOut,
    Unavailable,
}

/// How a state was read from the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verified {
    /// In the same page, after a click on the setting there (OptOut's Turn off, or the person's own):
    /// what the page shows, which is not yet what the site saved.
    ReadBack,
    /// On a page load or visit where the setting was not clicked: what the site serves.
    FreshLoad,
}

/// Read back from storage by `Seen::read` (exactly these fields, nothing else).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Seen {
    pub state: SeenState,
    /// Milliseconds since the epoch, by the background's clock; always a time with a calendar date.
    pub at: f64,
    /// The path of the page it was read on (no query, no fragment), at most `MAX_URL_CHARS` characters.
    pub path: String,
    /// How it was read; None for an entry carried over from format 1, which did not say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verified: Option<Verified>,
    /// While the setting is opted-in: when a click showed it off in the page that a fresh load then
    /// showed on again (the site did not keep it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub did_not_stick: Option<f64>,
    /// While the setting is opted-in: a page had shown it off (a fresh load, confirmed by the site)
    /// and a later fresh load showed it on: the platform turned it back on (drift).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub turned_back_on: Option<TurnedBackOn>,
}

/// A setting seen off, then on again on a later fresh load: when it was last seen off, and when it
/// was first seen on again.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TurnedBackOn {
    /// When a page last showed it off (the `at` of that reading).
    pub off: f64,
    /// When a fresh load first showed it on again.
    pub since: f64,
}

impl TurnedBackOn {
    /// Exactly `{off, since}`, both times with a calendar date.
    fn read(value: &JsonValue) -> Option<TurnedBackOn> {
        let JsonValue::Object(members) = value else { return None };
        let (mut off, mut since) = (None, None);
        for (key, value) in members {
            let slot = match key.as_str() {
                "off" => &mut off,
                "since" => &mut since,
                _ => return None,
            };
            if slot.replace(dated(value)?).is_some() {
                return None;
            }
        }
        Some(TurnedBackOn { off: off?, since: since? })
    }
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

/// One fact a content script reports: which setting, what the page shows, how it was read. When and
/// where are the background's to say (see `Stored::record`), so a report carrying them is malformed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub setting: String,
    pub state: SeenState,
    pub verified: Verified,
}

/// Why reports were refused; nothing of them was recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// More reports in one message than any page has settings to report.
    TooMany,
    /// The background's time has no calendar date (see `date_of`).
    NoTime,
    /// The sender's page is not on a site of a platform with settings.
    UnknownSite,
    /// A report names a setting that is not one of the sender's platform.
    ForeignSetting,
}

impl Refusal {
    /// What the background answers (plain text: no formatting code in the wasm).
    pub fn as_str(self) -> &'static str {
        match self {
            Refusal::TooMany => "report refused: more reports than settings",
            Refusal::NoTime => "report refused: the time has no calendar date",
            Refusal::UnknownSite => "report refused: the sender's page is not on a site the rules know",
            Refusal::ForeignSetting => "report refused: a setting that is not one of the sender's site",
        }
    }
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

impl Verified {
    fn read(value: &JsonValue) -> Option<Verified> {
        match value.as_str()? {
            "read-back" => Some(Verified::ReadBack),
            "fresh-load" => Some(Verified::FreshLoad),
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

/// A time the checklist can hold: one with a calendar date (years 0000 to 9999), so that nothing
/// computed from it later can overflow.
fn dated(value: &JsonValue) -> Option<f64> {
    value.as_number().filter(|at| has_date(*at))
}

/// The path of a page's URL, capped: no query, no fragment, no host (the setting names its platform).
fn path_of(url: &str) -> String {
    let mut path = parse_url(url).map_or("", |at| at.path).to_owned();
    truncate_chars(&mut path, MAX_URL_CHARS);
    path
}

impl Seen {
    /// An entry exactly as `Seen` is stored: `state`, `at` and `path`, and `verified`,
    /// `did_not_stick` and `turned_back_on` when present, each once, and nothing else.
    fn read(value: &JsonValue) -> Option<Seen> {
        let JsonValue::Object(members) = value else { return None };
        let (mut state, mut at, mut path, mut verified, mut did_not_stick) = (None, None, None, None, None);
        let mut turned_back_on = None;
        for (key, value) in members {
            let slot_was_empty = match key.as_str() {
                "state" => state.replace(SeenState::read(value)?).is_none(),
                "at" => at.replace(dated(value)?).is_none(),
                "path" => path.replace(value.as_str().filter(|p| p.chars().count() <= MAX_URL_CHARS)?.to_owned()).is_none(),
                "verified" => verified.replace(Verified::read(value)?).is_none(),
                "did_not_stick" => did_not_stick.replace(dated(value)?).is_none(),
                "turned_back_on" => turned_back_on.replace(TurnedBackOn::read(value)?).is_none(),
                _ => false,
            };
            if !slot_was_empty {
                return None;
            }
        }
        Some(Seen { state: state?, at: at?, path: path?, verified, did_not_stick, turned_back_on })
    }

    /// An entry of format 1: `{state, at, url}` (or the array of those three, which serde read as
    /// that struct too). Carried over with the URL's path, its verification unknown.
    fn read_format_1(value: &JsonValue) -> Option<Seen> {
        let (state, at, url) = match value {
            JsonValue::List(fields) => {
                let [state, at, url] = fields.as_slice() else { return None };
                (state, at, url)
            }
            JsonValue::Object(members) => {
                let (mut state, mut at, mut url) = (None, None, None);
                for (key, value) in members {
                    let slot = match key.as_str() {
                        "state" => &mut state,
                        "at" => &mut at,
                        "url" => &mut url,
                        _ => return None,
                    };
                    if slot.replace(value).is_some() {
                        return None;
                    }
                }
                (state?, at?, url?)
            }
            _ => return None,
        };
        let (state, at, path) = (SeenState::read(state)?, dated(at)?, path_of(url.as_str()?));
        Some(Seen { state, at, path, verified: None, did_not_stick: None, turned_back_on: None })
    }
}

impl Stored {
    /// Reads what storage held (`JsonValue::Null` when nothing). Never fails: see the module comment.
    pub fn recover(stored: &JsonValue) -> Stored {
        // A number JSON cannot hold (NaN, ±Infinity) is null to JSON, hence nothing stored too.
        if matches!(stored, JsonValue::Null) || matches!(stored, JsonValue::Number(n) if !n.is_finite()) {
            return Stored { version: FORMAT_VERSION, ..Stored::default() };
        }
        let read_entry: fn(&JsonValue) -> Option<Seen> = match stored.get("version").and_then(JsonValue::as_u32) {
            Some(FORMAT_VERSION) => Seen::read,
            Some(1) => Seen::read_format_1,
            _ => return Stored { version: FORMAT_VERSION, notice: Some(Notice::Reset), ..Stored::default() },
        };
        let Some(JsonValue::Object(entries)) = stored.get("seen") else {
            return Stored { version: FORMAT_VERSION, notice: Some(Notice::Reset), ..Stored::default() };
        };
        let mut seen = SortedMap::default();
        let mut dropped = false;
        for (id, entry) in entries {
            match read_entry(entry) {
                Some(s) => {
                    seen.insert(id.clone(), s);
                }
                None => dropped = true,
            }
        }
        let kept_notice = stored.get("notice").and_then(Notice::read);
        Stored { version: FORMAT_VERSION, seen, notice: if dropped { Some(Notice::Partial) } else { kept_notice } }
    }

    /// Records the reports of one message, received by the background at `now` (its clock) from the
    /// page at `page_url` (the browser's word on the sender, not the message's). All or nothing: see
    /// `Refusal`. Each report replaces what was seen of its setting, since the background records
    /// messages in the order it receives them (a time stored earlier, even one in the future, does
    /// not hold a setting back). A fresh load that shows on a setting a click had shown off is kept
    /// as `did_not_stick`; one that shows on a setting seen off otherwise (a fresh load, or format 1's
    /// unknown way) as `turned_back_on`. A click in the page that shows it on (the person's own) is
    /// neither.
    pub fn record(&mut self, catalog: &Catalog, reports: &[Report], now: f64, page_url: &str) -> Result<(), Refusal> {
        if reports.len() > MAX_REPORTS {
            return Err(Refusal::TooMany);
        }
        if !has_date(now) {
            return Err(Refusal::NoTime);
        }
        let host = parse_url(page_url).ok_or(Refusal::UnknownSite)?.host;
        let rules = catalog
            .platforms()
            .iter()
            .find(|r| !r.settings.is_empty() && r.platform.hosts.iter().any(|h| h == host))
            .ok_or(Refusal::UnknownSite)?;
        if !reports.iter().all(|r| rules.settings.iter().any(|s| s.id == r.setting)) {
            return Err(Refusal::ForeignSetting);
        }
        let path = path_of(page_url);
        for r in reports {
            let before = self.seen.get(&r.setting);
            let did_not_stick = match (r.state, r.verified, before) {
                (SeenState::OptedIn, Verified::FreshLoad, Some(b))
                    if b.state == SeenState::OptedOut && b.verified == Some(Verified::ReadBack) =>
                {
                    Some(b.at)
                }
                // Still on: the note stays until the setting is seen off (or unavailable).
                (SeenState::OptedIn, _, Some(b)) if b.state == SeenState::OptedIn => b.did_not_stick,
                _ => None,
            };
            let turned_back_on = match (r.state, r.verified, before) {
                (SeenState::OptedIn, Verified::FreshLoad, Some(b))
                    if b.state == SeenState::OptedOut && b.verified != Some(Verified::ReadBack) =>
                {
                    Some(TurnedBackOn { off: b.at, since: now })
                }
                // Still on: it stays turned back on until seen off (or unavailable).
                (SeenState::OptedIn, _, Some(b)) if b.state == SeenState::OptedIn => b.turned_back_on,
                _ => None,
            };
            let seen = Seen { state: r.state, at: now, path: path.clone(), verified: Some(r.verified), did_not_stick, turned_back_on };
            self.seen.insert(r.setting.clone(), seen);
        }
        Ok(())
    }

    /// Whether `stored` (what storage holds) is exactly this checklist, so that nothing needs writing.
    /// Compared as typed values: JS numbers may be integers where the checklist has floats. `stored`
    /// must read as a whole in the current format: a bad entry or notice, a missing field or another
    /// version means it differs.
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

    /// How many known settings were last seen exposing the user (the toolbar badge), a Turn off
    /// that did not stick included: its state is the opted-in the fresh load showed.
    pub fn exposed_count(&self, catalog: &Catalog) -> usize {
        self.exposed_count_without(catalog, "")
    }

    /// The same, leaving out the platforms the person switched off (or whose sites the browser no
    /// longer grants): what they saw there stays in the checklist, but the badge does not count it.
    /// `disabled`: their ids, separated by spaces (a plain string: the cheapest to hand to the wasm).
    pub fn exposed_count_without(&self, catalog: &Catalog, disabled: &str) -> usize {
        catalog
            .settings()
            .filter(|(r, _)| !disabled.split(' ').any(|d| d == &*r.platform.id))
            .filter(|(_, s)| self.seen.get(&s.id).is_some_and(|seen| seen.state == SeenState::OptedIn))
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    const AI_PAGE: &str = "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement";
    /// 2026-11-30T12:00:00Z.
    const T: f64 = 1_796_040_000_000.0;

    /// A JSON value as storage would hand it over.
    fn json(value: Value) -> JsonValue {
        JsonValue::deserialize(value).unwrap()
    }

    fn report(setting: &str, state: SeenState, verified: Verified) -> Report {
        Report { setting: setting.into(), state, verified }
    }

    /// Records one report as the background does, from the AI-training page at `at`.
    fn seen_at(s: &mut Stored, setting: &str, state: SeenState, verified: Verified, at: f64) {
        s.record(Catalog::embedded(), &[report(setting, state, verified)], at, AI_PAGE).unwrap();
    }

    #[test]
    fn nothing_stored_is_a_fresh_checklist_without_notice() {
        let s = Stored::recover(&JsonValue::Null);
        assert!(s.seen.is_empty());
        assert_eq!((s.version, s.notice), (FORMAT_VERSION, None));
    }

    #[test]
    fn a_number_json_cannot_hold_is_nothing_stored() {
        for n in [f64::NAN, f64::INFINITY] {
            assert_eq!(Stored::recover(&JsonValue::Number(n)), Stored::recover(&JsonValue::Null));
        }
    }

    #[test]
    fn garbage_is_reset_with_a_notice() {
        for garbage in [json!("}{"), json!(42), json!([1, 2]), json!({"version": 2, "seen": "nope"}), json!({"version": 3, "seen": {}})] {
            let s = Stored::recover(&json(garbage.clone()));
            assert!(s.seen.is_empty());
            assert_eq!(s.notice, Some(Notice::Reset), "{garbage}");
        }
    }

    #[test]
    fn a_format_before_versions_is_reset_with_a_notice() {
        let s = Stored::recover(&json(json!({"linkedin.ai-training": "opted-in"})));
        assert_eq!(s.notice, Some(Notice::Reset));
        assert_eq!(s.version, FORMAT_VERSION);
    }

    #[test]
    fn format_1_is_carried_over_whole_with_its_verification_unknown_and_only_the_path_of_its_url() {
        let old = json(json!({"version": 1, "notice": "partial", "seen": {
            "linkedin.ai-training": {"state": "opted-out", "at": T, "url": format!("{AI_PAGE}?trk=mail#top")},
            "linkedin.ads-age": ["opted-in", T - 5.0, "https://www.linkedin.com/mypreferences/d/settings/ads-by-age"],
            "x.grok-training": {"state": "unavailable", "at": T, "url": "u"}
        }}));
        let s = Stored::recover(&old);
        assert_eq!((s.version, s.notice, s.seen.len()), (FORMAT_VERSION, Some(Notice::Partial), 3), "nothing lost, its notice kept");
        let ai = &s.seen["linkedin.ai-training"];
        assert_eq!(
            (ai.state, ai.at, ai.path.as_str(), ai.verified, ai.did_not_stick),
            (SeenState::OptedOut, T, "/mypreferences/d/settings/data-for-ai-improvement", None, None)
        );
        assert_eq!(
            (s.seen["linkedin.ads-age"].state, s.seen["linkedin.ads-age"].path.as_str()),
            (SeenState::OptedIn, "/mypreferences/d/settings/ads-by-age")
        );
        assert_eq!(s.seen["x.grok-training"].path, "", "a URL that is none has no path");
        assert!(!s.is_stored_as(&old), "carried over, it is written in the current format");
        let written = json(serde_json::to_value(&s).unwrap());
        assert_eq!(Stored::recover(&written), s);
        assert!(Stored::recover(&written).is_stored_as(&written));
        assert_eq!(
            serde_json::to_value(&s).unwrap()["seen"]["linkedin.ai-training"],
            json!({"state": "opted-out", "at": T, "path": "/mypreferences/d/settings/data-for-ai-improvement"})
        );
    }

    #[test]
    fn a_format_1_entry_of_megabytes_keeps_a_capped_path() {
        let url = format!("{AI_PAGE}/{}?{}", "p".repeat(3_000_000), "q".repeat(1_000_000));
        let s = Stored::recover(&json(json!({"version": 1, "seen": {"linkedin.ai-training": {"state": "opted-in", "at": T, "url": url}}})));
        assert_eq!(s.seen["linkedin.ai-training"].path.chars().count(), MAX_URL_CHARS);
    }

    #[test]
    fn one_bad_entry_is_dropped_and_the_rest_kept() {
        let s = Stored::recover(&json(json!({"version": 2, "seen": {
            "linkedin.ai-training": {"state": "opted-in", "at": 5.0, "path": "/p"},
            "linkedin.ads-age": {"state": "sideways", "at": 5.0, "path": "/p"},
            "linkedin.ads-gender": {"state": "opted-out", "at": 5.0, "path": "/p", "verified": "trust-me"},
            "linkedin.research": {"state": "opted-out", "at": 5.0, "path": "/p", "verified": "read-back", "extra": 1},
            "linkedin.ads-interests": ["opted-in", 5, "/p"]
        }})));
        assert_eq!(s.seen.len(), 1);
        assert_eq!(s.seen["linkedin.ai-training"].state, SeenState::OptedIn);
        assert_eq!(s.notice, Some(Notice::Partial));
    }

    #[test]
    fn an_entry_whose_time_has_no_date_or_whose_path_is_over_the_cap_is_dropped() {
        for entry in [
            json!({"state": "opted-out", "at": 1e300, "path": "/p"}),
            json!({"state": "opted-out", "at": -8.64e15, "path": "/p"}),
            json!({"state": "opted-in", "at": T, "path": "/p", "did_not_stick": 1e300}),
            json!({"state": "opted-in", "at": T, "path": "/".repeat(MAX_URL_CHARS + 1)}),
        ] {
            let s = Stored::recover(&json(json!({"version": 2, "seen": {"linkedin.ai-training": entry.clone()}})));
            assert_eq!((s.seen.len(), s.notice), (0, Some(Notice::Partial)), "{entry}");
        }
        let old = json!({"version": 1, "seen": {"linkedin.ai-training": {"state": "opted-out", "at": 8.64e15 * 2.0, "url": AI_PAGE}}});
        assert_eq!(Stored::recover(&json(old)).notice, Some(Notice::Partial), "format 1 too");
    }

    #[test]
    fn reports_round_trip_through_storage() {
        let mut s = Stored::recover(&JsonValue::Null);
        seen_at(&mut s, "linkedin.ai-training", SeenState::OptedOut, Verified::ReadBack, T);
        let back = Stored::recover(&json(serde_json::to_value(&s).unwrap()));
        assert_eq!(back, s);
    }

    #[test]
    fn a_clean_store_read_back_needs_no_write_even_with_integer_times() {
        let stored = json(
            json!({"version": 2, "seen": {"linkedin.ai-training": {"state": "opted-in", "at": 1732350000000u64, "path": "/p", "verified": "fresh-load"}}}),
        );
        assert!(Stored::recover(&stored).is_stored_as(&stored));
    }

    #[test]
    fn a_recovered_merged_or_empty_store_needs_writing() {
        let garbage = json(json!("}{"));
        assert!(!Stored::recover(&garbage).is_stored_as(&garbage));
        assert!(!Stored::recover(&JsonValue::Null).is_stored_as(&JsonValue::Null), "first run writes the empty checklist");
        let empty = json(json!({"version": 2, "seen": {}}));
        let mut s = Stored::recover(&empty);
        assert!(s.is_stored_as(&empty));
        seen_at(&mut s, "linkedin.ai-training", SeenState::OptedIn, Verified::FreshLoad, T);
        assert!(!s.is_stored_as(&empty));
    }

    #[test]
    fn the_background_stamps_the_time_and_keeps_only_the_senders_path() {
        let mut s = Stored::recover(&JsonValue::Null);
        let page = format!("{AI_PAGE}?trk=a&token={}#section", "t".repeat(5000));
        s.record(Catalog::embedded(), &[report("linkedin.ai-training", SeenState::OptedIn, Verified::FreshLoad)], T, &page).unwrap();
        let seen = &s.seen["linkedin.ai-training"];
        assert_eq!((seen.at, seen.path.as_str()), (T, "/mypreferences/d/settings/data-for-ai-improvement"));
        let long = format!("https://www.linkedin.com/{}", "a".repeat(5_000_000));
        s.record(Catalog::embedded(), &[report("linkedin.ai-training", SeenState::OptedIn, Verified::FreshLoad)], T, &long).unwrap();
        assert_eq!(s.seen["linkedin.ai-training"].path.chars().count(), MAX_URL_CHARS);
    }

    #[test]
    fn a_report_is_refused_whole_unless_it_comes_from_a_page_of_the_settings_platform() {
        let c = Catalog::embedded();
        let ai = report("linkedin.ai-training", SeenState::OptedOut, Verified::FreshLoad);
        let grok = report("x.grok-training", SeenState::OptedOut, Verified::FreshLoad);
        let mut s = Stored::recover(&JsonValue::Null);
        let before = s.clone();
        for (reports, page, refusal) in [
            (vec![ai.clone()], "https://evil.example/mypreferences/d/settings/data-for-ai-improvement", Refusal::UnknownSite),
            (vec![ai.clone()], "http://www.linkedin.com/mypreferences/", Refusal::UnknownSite),
            (vec![ai.clone()], "chrome-extension://abcdef/popup/popup.html", Refusal::UnknownSite),
            (vec![ai.clone()], "", Refusal::UnknownSite),
            (vec![ai.clone()], "https://www.facebook.com/help/contact/712876720715583", Refusal::UnknownSite),
            (vec![ai.clone(), grok.clone()], AI_PAGE, Refusal::ForeignSetting),
            (vec![grok.clone()], AI_PAGE, Refusal::ForeignSetting),
            (vec![report("linkedin.nope", SeenState::OptedIn, Verified::FreshLoad)], AI_PAGE, Refusal::ForeignSetting),
            (vec![ai.clone(); MAX_REPORTS + 1], AI_PAGE, Refusal::TooMany),
        ] {
            assert_eq!(s.record(c, &reports, T, page), Err(refusal), "{page}");
            assert_eq!(s, before, "nothing recorded from {page}");
        }
        assert_eq!(s.record(c, &[grok], T, "https://x.com/settings/grok_settings"), Ok(()));
    }

    #[test]
    fn a_time_without_a_calendar_date_is_refused() {
        let mut s = Stored::recover(&JsonValue::Null);
        for now in [f64::NAN, f64::INFINITY, 1e300, -1e300, 8.64e15 * 2.0] {
            let r =
                s.record(Catalog::embedded(), &[report("linkedin.ai-training", SeenState::OptedOut, Verified::FreshLoad)], now, AI_PAGE);
            assert_eq!(r, Err(Refusal::NoTime), "{now}");
        }
        assert!(s.seen.is_empty());
    }

    #[test]
    fn two_tabs_reporting_different_settings_are_both_kept() {
        let mut s = Stored::recover(&JsonValue::Null);
        seen_at(&mut s, "linkedin.ai-training", SeenState::OptedIn, Verified::FreshLoad, T);
        seen_at(&mut s, "linkedin.ads-age", SeenState::OptedOut, Verified::FreshLoad, T);
        assert_eq!(s.seen.len(), 2);
    }

    #[test]
    fn a_time_stored_in_the_future_does_not_hold_a_setting_back() {
        // Format 1 took the time from the content script's message: one far ahead froze the entry.
        let mut s = Stored::recover(&json(
            json!({"version": 1, "seen": {"linkedin.ai-training": {"state": "opted-out", "at": 2.5e14, "url": AI_PAGE}}}),
        ));
        assert_eq!(s.seen["linkedin.ai-training"].at, 2.5e14, "year 9891: it has a date and is carried over");
        seen_at(&mut s, "linkedin.ai-training", SeenState::OptedIn, Verified::FreshLoad, T);
        assert_eq!((s.seen["linkedin.ai-training"].state, s.seen["linkedin.ai-training"].at), (SeenState::OptedIn, T));
    }

    #[test]
    fn read_back_off_then_fresh_load_off_is_confirmed() {
        let mut s = Stored::recover(&JsonValue::Null);
        seen_at(&mut s, "linkedin.ai-training", SeenState::OptedIn, Verified::FreshLoad, T);
        seen_at(&mut s, "linkedin.ai-training", SeenState::OptedOut, Verified::ReadBack, T + 1.0);
        assert_eq!(
            (s.seen["linkedin.ai-training"].state, s.seen["linkedin.ai-training"].verified),
            (SeenState::OptedOut, Some(Verified::ReadBack))
        );
        seen_at(&mut s, "linkedin.ai-training", SeenState::OptedOut, Verified::FreshLoad, T + 2.0);
        let seen = &s.seen["linkedin.ai-training"];
        assert_eq!((seen.state, seen.verified, seen.did_not_stick), (SeenState::OptedOut, Some(Verified::FreshLoad), None));
        assert_eq!(s.exposed_count(Catalog::embedded()), 0);
    }

    #[test]
    fn read_back_off_then_fresh_load_on_did_not_stick_and_counts_as_exposing() {
        let c = Catalog::embedded();
        let mut s = Stored::recover(&JsonValue::Null);
        seen_at(&mut s, "linkedin.ai-training", SeenState::OptedOut, Verified::ReadBack, T);
        assert_eq!(s.exposed_count(c), 0);
        seen_at(&mut s, "linkedin.ai-training", SeenState::OptedIn, Verified::FreshLoad, T + 1000.0);
        let seen = &s.seen["linkedin.ai-training"];
        assert_eq!((seen.state, seen.verified, seen.did_not_stick), (SeenState::OptedIn, Some(Verified::FreshLoad), Some(T)));
        assert_eq!(s.exposed_count(c), 1);
        // Seen on again: the note stays. Seen off: it goes.
        seen_at(&mut s, "linkedin.ai-training", SeenState::OptedIn, Verified::FreshLoad, T + 2000.0);
        assert_eq!(s.seen["linkedin.ai-training"].did_not_stick, Some(T));
        seen_at(&mut s, "linkedin.ai-training", SeenState::OptedOut, Verified::ReadBack, T + 3000.0);
        assert_eq!(s.seen["linkedin.ai-training"].did_not_stick, None);
        let back = Stored::recover(&json(serde_json::to_value(&s).unwrap()));
        assert_eq!(back, s);
    }

    #[test]
    fn a_setting_seen_off_on_a_fresh_load_then_on_on_a_later_one_was_turned_back_on() {
        let c = Catalog::embedded();
        let mut s = Stored::recover(&JsonValue::Null);
        seen_at(&mut s, "linkedin.ai-training", SeenState::OptedOut, Verified::FreshLoad, T);
        seen_at(&mut s, "linkedin.ai-training", SeenState::OptedOut, Verified::FreshLoad, T + 10.0);
        assert_eq!(s.seen["linkedin.ai-training"].turned_back_on, None, "off and off again: no drift");
        seen_at(&mut s, "linkedin.ai-training", SeenState::OptedIn, Verified::FreshLoad, T + 20.0);
        let seen = &s.seen["linkedin.ai-training"];
        assert_eq!((seen.turned_back_on, seen.did_not_stick), (Some(TurnedBackOn { off: T + 10.0, since: T + 20.0 }), None));
        assert_eq!(s.exposed_count(c), 1, "it exposes the person again");
        // Still on at the next load: since when stays the first time it was seen on again.
        seen_at(&mut s, "linkedin.ai-training", SeenState::OptedIn, Verified::FreshLoad, T + 30.0);
        assert_eq!(s.seen["linkedin.ai-training"].turned_back_on, Some(TurnedBackOn { off: T + 10.0, since: T + 20.0 }));
        let back = Stored::recover(&json(serde_json::to_value(&s).unwrap()));
        assert_eq!(back, s, "it round-trips through storage");
        assert!(back.is_stored_as(&json(serde_json::to_value(&s).unwrap())));
        // Turned off again: the drift is over.
        seen_at(&mut s, "linkedin.ai-training", SeenState::OptedOut, Verified::ReadBack, T + 40.0);
        assert_eq!(s.seen["linkedin.ai-training"].turned_back_on, None);
    }

    #[test]
    fn drift_is_neither_a_turn_off_that_did_not_stick_nor_the_persons_own_click() {
        // Read back off then a fresh load on: the click did not stick (not the platform turning it back on).
        let mut s = Stored::recover(&JsonValue::Null);
        seen_at(&mut s, "linkedin.ai-training", SeenState::OptedOut, Verified::ReadBack, T);
        seen_at(&mut s, "linkedin.ai-training", SeenState::OptedIn, Verified::FreshLoad, T + 1.0);
        assert_eq!((s.seen["linkedin.ai-training"].did_not_stick, s.seen["linkedin.ai-training"].turned_back_on), (Some(T), None));
        // Seen off on a load, then turned on by a click in the page (read back): the person's doing.
        let mut s = Stored::recover(&JsonValue::Null);
        seen_at(&mut s, "linkedin.ai-training", SeenState::OptedOut, Verified::FreshLoad, T);
        seen_at(&mut s, "linkedin.ai-training", SeenState::OptedIn, Verified::ReadBack, T + 1.0);
        assert_eq!(s.seen["linkedin.ai-training"].turned_back_on, None);
        // Unavailable, then on: never seen off.
        let mut s = Stored::recover(&JsonValue::Null);
        seen_at(&mut s, "linkedin.ai-training", SeenState::Unavailable, Verified::FreshLoad, T);
        seen_at(&mut s, "linkedin.ai-training", SeenState::OptedIn, Verified::FreshLoad, T + 1.0);
        assert_eq!(s.seen["linkedin.ai-training"].turned_back_on, None);
    }

    #[test]
    fn a_format_1_opted_out_seen_on_again_on_a_load_was_turned_back_on() {
        // How it was read is unknown, but a page did show it off on that day.
        let mut s = Stored::recover(&json(
            json!({"version": 1, "seen": {"linkedin.ai-training": {"state": "opted-out", "at": T, "url": AI_PAGE}}}),
        ));
        seen_at(&mut s, "linkedin.ai-training", SeenState::OptedIn, Verified::FreshLoad, T + 1.0);
        assert_eq!(s.seen["linkedin.ai-training"].turned_back_on, Some(TurnedBackOn { off: T, since: T + 1.0 }));
    }

    #[test]
    fn a_bad_turned_back_on_drops_only_its_entry() {
        for bad in [json!({"off": T}), json!({"off": T, "since": 1e300}), json!({"off": T, "since": T, "more": 1}), json!([T, T])] {
            let s = Stored::recover(&json(json!({"version": 2, "seen": {
                "linkedin.ai-training": {"state": "opted-in", "at": T, "path": "/p", "turned_back_on": bad.clone()},
                "linkedin.ads-age": {"state": "opted-in", "at": T, "path": "/p", "turned_back_on": {"off": T - 1.0, "since": T}}
            }})));
            assert_eq!((s.seen.len(), s.notice), (1, Some(Notice::Partial)), "{bad}");
            assert_eq!(s.seen["linkedin.ads-age"].turned_back_on, Some(TurnedBackOn { off: T - 1.0, since: T }));
        }
    }

    #[test]
    fn a_revert_read_back_in_the_same_page_is_opted_in_without_the_note() {
        // The Turn off itself reported it, in the page; "did not stick" is for what a fresh load shows.
        let mut s = Stored::recover(&JsonValue::Null);
        seen_at(&mut s, "linkedin.ai-training", SeenState::OptedOut, Verified::ReadBack, T);
        seen_at(&mut s, "linkedin.ai-training", SeenState::OptedIn, Verified::ReadBack, T + 1.0);
        assert_eq!((s.seen["linkedin.ai-training"].state, s.seen["linkedin.ai-training"].did_not_stick), (SeenState::OptedIn, None));
    }

    #[test]
    fn fresh_load_only_is_recorded_as_such() {
        let mut s = Stored::recover(&JsonValue::Null);
        seen_at(&mut s, "linkedin.ai-training", SeenState::OptedOut, Verified::FreshLoad, T);
        seen_at(&mut s, "linkedin.ads-age", SeenState::OptedIn, Verified::FreshLoad, T);
        assert_eq!(s.seen["linkedin.ai-training"].verified, Some(Verified::FreshLoad));
        assert_eq!(
            (s.seen["linkedin.ads-age"].state, s.seen["linkedin.ads-age"].did_not_stick),
            (SeenState::OptedIn, None),
            "never clicked: nothing to stick"
        );
    }

    #[test]
    fn a_format_1_opted_out_seen_on_again_is_not_called_did_not_stick() {
        // How format 1's entry was read is unknown: it may well have been a fresh load.
        let mut s = Stored::recover(&json(
            json!({"version": 1, "seen": {"linkedin.ai-training": {"state": "opted-out", "at": T, "url": AI_PAGE}}}),
        ));
        seen_at(&mut s, "linkedin.ai-training", SeenState::OptedIn, Verified::FreshLoad, T + 1.0);
        assert_eq!(s.seen["linkedin.ai-training"].did_not_stick, None);
    }

    #[test]
    fn a_report_carrying_its_own_time_or_address_is_malformed() {
        let good = json(json!([{"setting": "linkedin.ai-training", "state": "opted-out", "verified": "read-back"}]));
        assert_eq!(good.read::<Vec<Report>>().unwrap()[0].verified, Verified::ReadBack);
        for forged in [
            json!([{"setting": "linkedin.ai-training", "state": "opted-out", "verified": "read-back", "at": 1e15}]),
            json!([{"setting": "linkedin.ai-training", "state": "opted-out", "verified": "read-back", "url": "https://www.linkedin.com/"}]),
            json!([{"setting": "linkedin.ai-training", "state": "opted-out"}]),
            json!([{"setting": "linkedin.ai-training", "state": "opted-out", "verified": "trust-me"}]),
        ] {
            assert!(json(forged.clone()).read::<Vec<Report>>().is_err(), "{forged}");
        }
    }

    #[test]
    fn badge_counts_only_settings_seen_opted_in() {
        let c = Catalog::embedded();
        let mut s = Stored::recover(&JsonValue::Null);
        let reports = [
            report("linkedin.ai-training", SeenState::OptedIn, Verified::FreshLoad),
            report("linkedin.ads-age", SeenState::OptedIn, Verified::FreshLoad),
            report("linkedin.ads-gender", SeenState::OptedOut, Verified::FreshLoad),
            report("linkedin.research", SeenState::Unavailable, Verified::FreshLoad),
        ];
        s.record(c, &reports, T, AI_PAGE).unwrap();
        assert_eq!(s.exposed_count(c), 2);
    }

    #[test]
    fn badge_leaves_out_the_platforms_switched_off_and_keeps_what_they_showed() {
        let c = Catalog::embedded();
        let mut s = Stored::recover(&JsonValue::Null);
        let linkedin = [
            report("linkedin.ai-training", SeenState::OptedIn, Verified::FreshLoad),
            report("linkedin.ads-age", SeenState::OptedIn, Verified::FreshLoad),
        ];
        s.record(c, &linkedin, T, AI_PAGE).unwrap();
        let grok = [report("x.grok-training", SeenState::OptedIn, Verified::FreshLoad)];
        s.record(c, &grok, T, "https://x.com/settings/grok_settings").unwrap();
        assert_eq!(s.exposed_count_without(c, ""), 3);
        assert_eq!(s.exposed_count_without(c, "x"), 2);
        assert_eq!(s.exposed_count_without(c, "linkedin meta"), 1);
        assert_eq!(s.exposed_count_without(c, "linkedin x"), 0);
        assert_eq!(s.exposed_count_without(c, "unknown lin"), 3, "an unknown id, or part of one, leaves out nothing");
        assert_eq!(s.seen.len(), 3, "the checklist keeps every state");
    }
}
