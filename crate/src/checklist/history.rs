//! The history (receipts): every state OptOut read of a setting and every change it saw, kept in the
//! browser's local storage apart from the checklist (key `history`), so that either can be recovered
//! without the other. At most `MAX_RECEIPTS` entries, the oldest dropped first. Recovery never fails:
//! an unreadable entry is dropped (the rest kept) and a notice says so. Exported as JSON and as CSV.
//!
//! An unchanged re-read is kept without growing the history: a reading (from = to) of a setting
//! whose latest receipt is a reading of the same state, verified the same way, adds one to that
//! receipt's `reads` and moves its `last_at`. So every state read is counted, with its first and
//! last time, and the 1,000 entries hold changes and distinct readings, not page loads.

use super::dates::{has_date, iso_of};
use super::stored::{Notice, Report, SeenState, Stored, Verified};
use crate::json_value::JsonValue;
use crate::limits::MAX_URL_CHARS;
use serde::Serialize;

/// The history's own format, independent of the checklist's.
pub const HISTORY_VERSION: u32 = 1;
/// The most receipts kept; the oldest go first.
pub const MAX_RECEIPTS: usize = 1_000;
/// A setting id is lower-case letters, digits, dots and hyphens (`linkedin.ai-training`), this long at most.
const MAX_ID_CHARS: usize = 100;

/// What a setting was before a reading: a state a page showed, or `unknown` (never seen).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Prior {
    Unknown,
    OptedIn,
    OptedOut,
    Unavailable,
}

/// One entry of the history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Receipt {
    pub setting: String,
    pub from: Prior,
    pub to: SeenState,
    /// When it was read (the background's clock, ms since the epoch).
    pub at: f64,
    pub verified: Verified,
    /// The page's path it was read on.
    pub path: String,
    /// How many times this state was read in a row, verified the same way (1 for a change).
    pub reads: u32,
    /// When it was last read so (equal to `at` for one read).
    pub last_at: f64,
}

/// What storage holds under `history`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct History {
    pub version: u32,
    /// Oldest first.
    pub receipts: Vec<Receipt>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<Notice>,
}

/// A receipt as exported and as the options page shows it: times in ISO 8601 (UTC).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReceiptView {
    pub setting: String,
    pub from: Prior,
    pub to: SeenState,
    pub at: String,
    pub verified: Verified,
    pub path: String,
    pub reads: u32,
    pub last_at: String,
}

impl Prior {
    fn of(state: Option<SeenState>) -> Prior {
        match state {
            None => Prior::Unknown,
            Some(SeenState::OptedIn) => Prior::OptedIn,
            Some(SeenState::OptedOut) => Prior::OptedOut,
            Some(SeenState::Unavailable) => Prior::Unavailable,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Prior::Unknown => "unknown",
            Prior::OptedIn => "opted-in",
            Prior::OptedOut => "opted-out",
            Prior::Unavailable => "unavailable",
        }
    }

    fn read(value: &JsonValue) -> Option<Prior> {
        Some(match value.as_str()? {
            "unknown" => Prior::Unknown,
            "opted-in" => Prior::OptedIn,
            "opted-out" => Prior::OptedOut,
            "unavailable" => Prior::Unavailable,
            _ => return None,
        })
    }

    /// Whether this is the same state as `to` (the receipt is a reading, not a change).
    fn is(self, to: SeenState) -> bool {
        self == Prior::of(Some(to))
    }
}

fn state_name(state: SeenState) -> &'static str {
    match state {
        SeenState::OptedIn => "opted-in",
        SeenState::OptedOut => "opted-out",
        SeenState::Unavailable => "unavailable",
    }
}

fn verified_name(verified: Verified) -> &'static str {
    match verified {
        Verified::ReadBack => "read-back",
        Verified::FreshLoad => "fresh-load",
    }
}

fn read_state(value: &JsonValue) -> Option<SeenState> {
    Some(match value.as_str()? {
        "opted-in" => SeenState::OptedIn,
        "opted-out" => SeenState::OptedOut,
        "unavailable" => SeenState::Unavailable,
        _ => return None,
    })
}

fn read_verified(value: &JsonValue) -> Option<Verified> {
    Some(match value.as_str()? {
        "read-back" => Verified::ReadBack,
        "fresh-load" => Verified::FreshLoad,
        _ => return None,
    })
}

fn is_setting_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= MAX_ID_CHARS && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
}

impl Receipt {
    /// A receipt exactly as stored: every field once, nothing else; times with a calendar date, a
    /// setting id's characters, a path (empty or from `/`) within the cap, `reads` from 1.
    pub fn read(value: &JsonValue) -> Option<Receipt> {
        let JsonValue::Object(members) = value else { return None };
        let (mut setting, mut from, mut to, mut at, mut verified, mut path, mut reads, mut last_at) =
            (None, None, None, None, None, None, None, None);
        for (key, value) in members {
            let slot_was_empty = match key.as_str() {
                "setting" => setting.replace(value.as_str().filter(|id| is_setting_id(id))?.to_owned()).is_none(),
                "from" => from.replace(Prior::read(value)?).is_none(),
                "to" => to.replace(read_state(value)?).is_none(),
                "at" => at.replace(value.as_number().filter(|t| has_date(*t))?).is_none(),
                "verified" => verified.replace(read_verified(value)?).is_none(),
                "path" => {
                    let ok = value.as_str().filter(|p| (p.is_empty() || p.starts_with('/')) && p.chars().count() <= MAX_URL_CHARS)?;
                    path.replace(ok.to_owned()).is_none()
                }
                "reads" => reads.replace(value.as_u32().filter(|n| *n >= 1)?).is_none(),
                "last_at" => last_at.replace(value.as_number().filter(|t| has_date(*t))?).is_none(),
                _ => false,
            };
            if !slot_was_empty {
                return None;
            }
        }
        let (at, last_at) = (at?, last_at?);
        if last_at < at {
            return None;
        }
        let (from, to) = (from?, to?);
        let reads = reads?;
        // Only a reading is ever read more than once.
        if reads > 1 && !from.is(to) {
            return None;
        }
        Some(Receipt { setting: setting?, from, to, at, verified: verified?, path: path?, reads, last_at })
    }

    fn view(&self) -> ReceiptView {
        ReceiptView {
            setting: self.setting.clone(),
            from: self.from,
            to: self.to,
            at: iso_of(self.at).unwrap_or_default(),
            verified: self.verified,
            path: self.path.clone(),
            reads: self.reads,
            last_at: iso_of(self.last_at).unwrap_or_default(),
        }
    }
}

impl History {
    /// An empty history in the current format.
    pub fn empty() -> History {
        History { version: HISTORY_VERSION, ..History::default() }
    }

    /// Reads what storage held (`JsonValue::Null` when nothing). Never fails: a value that is not a
    /// history starts afresh with the notice `Reset`; bad receipts are dropped with `Partial`; more
    /// than `MAX_RECEIPTS` keeps the newest.
    pub fn recover(stored: &JsonValue) -> History {
        if matches!(stored, JsonValue::Null) || matches!(stored, JsonValue::Number(n) if !n.is_finite()) {
            return History::empty();
        }
        let receipts = match (stored.get("version").and_then(JsonValue::as_u32), stored.get("receipts")) {
            (Some(HISTORY_VERSION), Some(JsonValue::List(receipts))) => receipts,
            _ => return History { notice: Some(Notice::Reset), ..History::empty() },
        };
        let mut kept: Vec<Receipt> = receipts.iter().filter_map(Receipt::read).collect();
        let dropped = kept.len() < receipts.len();
        if kept.len() > MAX_RECEIPTS {
            kept.drain(..kept.len() - MAX_RECEIPTS);
        }
        let notice = match stored.get("notice").and_then(|n| n.as_str()) {
            _ if dropped => Some(Notice::Partial),
            Some("reset") => Some(Notice::Reset),
            Some("partial") => Some(Notice::Partial),
            _ => None,
        };
        History { version: HISTORY_VERSION, receipts: kept, notice }
    }

    /// The receipts of one message's reports, already recorded in the checklist: `before` is the
    /// checklist as it was, `after` as it is now (each reported setting is in it, with the
    /// background's time and the sender's path). Each is one reading (`reads` 1).
    pub fn receipts_of(before: &Stored, after: &Stored, reports: &[Report]) -> Vec<Receipt> {
        let mut receipts = Vec::with_capacity(reports.len());
        for r in reports {
            let Some(seen) = after.seen.get(&r.setting) else { continue };
            let Some(verified) = seen.verified else { continue };
            receipts.push(Receipt {
                setting: r.setting.clone(),
                from: Prior::of(before.seen.get(&r.setting).map(|b| b.state)),
                to: seen.state,
                at: seen.at,
                verified,
                path: seen.path.clone(),
                reads: 1,
                last_at: seen.at,
            });
        }
        receipts
    }

    /// Adds receipts in the order they happened, then drops the oldest beyond `MAX_RECEIPTS`. A
    /// reading repeated as its setting's latest receipt counts on that receipt (see the module comment).
    pub fn add(&mut self, receipts: impl IntoIterator<Item = Receipt>) {
        for receipt in receipts {
            if receipt.from.is(receipt.to) {
                let latest = self.receipts.iter_mut().rev().find(|x| x.setting == receipt.setting);
                if let Some(latest) = latest.filter(|x| x.from.is(receipt.to) && x.to == receipt.to && x.verified == receipt.verified) {
                    latest.reads = latest.reads.saturating_add(receipt.reads);
                    latest.last_at = receipt.last_at.max(latest.last_at);
                    continue;
                }
            }
            self.receipts.push(receipt);
        }
        if self.receipts.len() > MAX_RECEIPTS {
            self.receipts.drain(..self.receipts.len() - MAX_RECEIPTS);
        }
    }

    /// `receipts_of` then `add`.
    pub fn note(&mut self, before: &Stored, after: &Stored, reports: &[Report]) {
        self.add(History::receipts_of(before, after, reports));
    }

    /// Whether `stored` is exactly this history (nothing to write).
    pub fn is_stored_as(&self, stored: &JsonValue) -> bool {
        let Some(JsonValue::List(receipts)) = stored.get("receipts") else { return false };
        let notice = match stored.get("notice") {
            None | Some(JsonValue::Null) => None,
            Some(n) => match n.as_str() {
                Some("reset") => Some(Notice::Reset),
                Some("partial") => Some(Notice::Partial),
                _ => return false,
            },
        };
        stored.get("version").and_then(JsonValue::as_u32) == Some(self.version)
            && notice == self.notice
            && receipts.len() == self.receipts.len()
            && receipts.iter().zip(&self.receipts).all(|(stored, mine)| Receipt::read(stored).as_ref() == Some(mine))
    }

    /// The receipts as the options page shows them and the JSON export writes them, newest first.
    pub fn views(&self) -> Vec<ReceiptView> {
        self.receipts.iter().rev().map(Receipt::view).collect()
    }

    /// The CSV export (RFC 4180: CRLF line ends, a field quoted when it holds a comma, a quote, CR
    /// or LF, its quotes doubled), newest first, after a header row.
    pub fn csv(&self) -> String {
        let mut out = String::from("setting,from,to,at,verified,path,reads,last_at\r\n");
        for r in self.views() {
            let reads = r.reads.to_string();
            let fields =
                [r.setting.as_str(), r.from.as_str(), state_name(r.to), &r.at, verified_name(r.verified), &r.path, &reads, &r.last_at];
            for (i, field) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_csv_field(&mut out, field);
            }
            out.push_str("\r\n");
        }
        out
    }
}

/// One CSV field: as it is, or quoted with its quotes doubled. A field a spreadsheet would take for a
/// formula (starting with `=`, `+`, `-`, `@`, a tab or CR) is prefixed with `'` (OWASP's advice on CSV
/// injection, https://owasp.org/www-community/attacks/CSV_Injection); the stored values never start so.
fn push_csv_field(out: &mut String, field: &str) {
    let formula = field.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if field.contains([',', '"', '\r', '\n']) || formula {
        out.push('"');
        if formula {
            out.push('\'');
        }
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Catalog;
    use serde::Deserialize;
    use serde_json::{json, Value};

    const AI_PAGE: &str = "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement";
    /// 2026-11-30T12:00:00Z.
    const T: f64 = 1_796_040_000_000.0;

    fn json(value: Value) -> JsonValue {
        JsonValue::deserialize(value).unwrap()
    }

    /// Records one report in the checklist and its receipt in the history, as the background does.
    fn read(checklist: &mut Stored, history: &mut History, setting: &str, state: SeenState, verified: Verified, at: f64) {
        let before = checklist.clone();
        let reports = [Report { setting: setting.into(), state, verified }];
        checklist.record(Catalog::embedded(), &reports, at, AI_PAGE).unwrap();
        history.note(&before, checklist, &reports);
    }

    fn fresh() -> (Stored, History) {
        (Stored::recover(&JsonValue::Null), History::recover(&JsonValue::Null))
    }

    #[test]
    fn a_change_is_a_receipt_with_from_to_when_and_how() {
        let (mut c, mut h) = fresh();
        read(&mut c, &mut h, "linkedin.ai-training", SeenState::OptedIn, Verified::FreshLoad, T);
        read(&mut c, &mut h, "linkedin.ai-training", SeenState::OptedOut, Verified::ReadBack, T + 1000.0);
        read(&mut c, &mut h, "linkedin.ai-training", SeenState::OptedOut, Verified::FreshLoad, T + 2000.0);
        let got: Vec<(Prior, SeenState, f64, Verified)> = h.receipts.iter().map(|r| (r.from, r.to, r.at, r.verified)).collect();
        assert_eq!(
            got,
            [
                (Prior::Unknown, SeenState::OptedIn, T, Verified::FreshLoad),
                (Prior::OptedIn, SeenState::OptedOut, T + 1000.0, Verified::ReadBack),
                (Prior::OptedOut, SeenState::OptedOut, T + 2000.0, Verified::FreshLoad),
            ]
        );
        assert_eq!(h.receipts[0].path, "/mypreferences/d/settings/data-for-ai-improvement");
        let view = &h.views()[0];
        assert_eq!((view.at.as_str(), view.last_at.as_str()), ("2026-11-30T12:00:02.000Z", "2026-11-30T12:00:02.000Z"), "newest first");
    }

    #[test]
    fn an_unchanged_re_read_counts_on_the_latest_reading_and_a_change_starts_a_new_one() {
        let (mut c, mut h) = fresh();
        read(&mut c, &mut h, "linkedin.ads-age", SeenState::OptedOut, Verified::FreshLoad, T);
        read(&mut c, &mut h, "linkedin.ads-age", SeenState::OptedOut, Verified::FreshLoad, T + 1.0);
        assert_eq!(h.receipts.len(), 2, "the first reading (from unknown) is a change; the re-read is a reading");
        for i in 2..50 {
            read(&mut c, &mut h, "linkedin.ads-age", SeenState::OptedOut, Verified::FreshLoad, T + i as f64);
        }
        assert_eq!(h.receipts.len(), 2);
        assert_eq!((h.receipts[1].reads, h.receipts[1].at, h.receipts[1].last_at), (49, T + 1.0, T + 49.0));
        // Another setting read in between does not split it; another verification does.
        read(&mut c, &mut h, "linkedin.ads-gender", SeenState::OptedIn, Verified::FreshLoad, T + 50.0);
        read(&mut c, &mut h, "linkedin.ads-age", SeenState::OptedOut, Verified::FreshLoad, T + 51.0);
        assert_eq!((h.receipts.len(), h.receipts[1].reads), (3, 50));
        read(&mut c, &mut h, "linkedin.ads-age", SeenState::OptedOut, Verified::ReadBack, T + 52.0);
        assert_eq!(h.receipts.len(), 4);
        read(&mut c, &mut h, "linkedin.ads-age", SeenState::OptedIn, Verified::FreshLoad, T + 53.0);
        read(&mut c, &mut h, "linkedin.ads-age", SeenState::OptedOut, Verified::FreshLoad, T + 54.0);
        read(&mut c, &mut h, "linkedin.ads-age", SeenState::OptedOut, Verified::FreshLoad, T + 55.0);
        assert_eq!(h.receipts.len(), 7, "after a change, a re-read is a new reading");
    }

    #[test]
    fn the_history_holds_at_most_a_thousand_receipts_dropping_the_oldest() {
        let (mut c, mut h) = fresh();
        for i in 0..1_500 {
            let state = if i % 2 == 0 { SeenState::OptedIn } else { SeenState::OptedOut };
            read(&mut c, &mut h, "linkedin.ai-training", state, Verified::FreshLoad, T + i as f64);
        }
        assert_eq!(h.receipts.len(), MAX_RECEIPTS);
        assert_eq!((h.receipts[0].at, h.receipts[MAX_RECEIPTS - 1].at), (T + 500.0, T + 1_499.0), "the newest thousand");
        let back = History::recover(&json(serde_json::to_value(&h).unwrap()));
        assert_eq!(back, h);
        // A stored history over the bound (written by hand) keeps its newest thousand too.
        let mut long = serde_json::to_value(&h).unwrap();
        let first = long["receipts"][0].clone();
        long["receipts"].as_array_mut().unwrap().insert(0, first);
        let back = History::recover(&json(long));
        assert_eq!((back.receipts.len(), back.receipts[0].at, back.notice), (MAX_RECEIPTS, T + 500.0, None));
    }

    #[test]
    fn a_corrupt_history_starts_afresh_with_a_notice_and_a_bad_receipt_costs_only_itself() {
        for garbage in [json!("}{"), json!(7), json!({"version": 2, "receipts": []}), json!({"version": 1, "receipts": {}})] {
            let h = History::recover(&json(garbage.clone()));
            assert_eq!((h.receipts.len(), h.notice), (0, Some(Notice::Reset)), "{garbage}");
        }
        let good = json!({"setting": "linkedin.ai-training", "from": "opted-in", "to": "opted-out", "at": T,
            "verified": "read-back", "path": "/p", "reads": 1, "last_at": T});
        let mut bad = Vec::new();
        for (key, value) in [
            ("setting", json!("=HYPERLINK(\"x\")")),
            ("setting", json!("")),
            ("from", json!("sideways")),
            ("to", json!("unknown")),
            ("at", json!(1e300)),
            ("verified", json!("trust-me")),
            ("path", json!("https://evil.example/")),
            ("reads", json!(0)),
            ("last_at", json!(T - 1.0)),
        ] {
            let mut r = good.clone();
            r[key] = value;
            bad.push(r);
        }
        let mut extra = good.clone();
        extra["more"] = json!(1);
        bad.push(extra);
        let mut repeated_change = good.clone();
        repeated_change["reads"] = json!(3);
        bad.push(repeated_change);
        for b in &bad {
            let h = History::recover(&json(json!({"version": 1, "receipts": [good.clone(), b.clone(), good.clone()]})));
            assert_eq!((h.receipts.len(), h.notice), (2, Some(Notice::Partial)), "{b}");
        }
        let clean = json(json!({"version": 1, "receipts": [good]}));
        let h = History::recover(&clean);
        assert_eq!(h.notice, None);
        assert!(h.is_stored_as(&clean), "a clean history needs no write");
        assert!(!History::recover(&JsonValue::Null).is_stored_as(&JsonValue::Null));
    }

    #[test]
    fn the_csv_export_has_a_header_a_row_per_receipt_and_escapes_what_needs_it() {
        let (mut c, mut h) = fresh();
        read(&mut c, &mut h, "linkedin.ai-training", SeenState::OptedIn, Verified::FreshLoad, T);
        read(&mut c, &mut h, "linkedin.ai-training", SeenState::OptedOut, Verified::ReadBack, T + 1000.0);
        let csv = h.csv();
        assert_eq!(
            csv,
            "setting,from,to,at,verified,path,reads,last_at\r\n\
             linkedin.ai-training,opted-in,opted-out,2026-11-30T12:00:01.000Z,read-back,/mypreferences/d/settings/data-for-ai-improvement,1,2026-11-30T12:00:01.000Z\r\n\
             linkedin.ai-training,unknown,opted-in,2026-11-30T12:00:00.000Z,fresh-load,/mypreferences/d/settings/data-for-ai-improvement,1,2026-11-30T12:00:00.000Z\r\n"
        );
        let mut field = String::new();
        for (raw, written) in [
            ("/a,b", "\"/a,b\""),
            ("/say \"hi\"", "\"/say \"\"hi\"\"\""),
            ("/line\nbreak", "\"/line\nbreak\""),
            ("/cr\rhere", "\"/cr\rhere\""),
            ("=1+1", "\"'=1+1\""),
            ("-2", "\"'-2\""),
            ("@SUM(A1)", "\"'@SUM(A1)\""),
            ("/plain", "/plain"),
        ] {
            field.clear();
            push_csv_field(&mut field, raw);
            assert_eq!(field, written, "{raw:?}");
        }
    }

    #[test]
    fn the_csv_of_an_empty_history_is_its_header() {
        assert_eq!(History::empty().csv(), "setting,from,to,at,verified,path,reads,last_at\r\n");
    }
}
