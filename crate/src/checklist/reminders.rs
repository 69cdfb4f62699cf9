//! What the toolbar badge says beyond the count, and the person's preferences it depends on: the
//! settings a platform turned back on (drift), and the platforms whose re-check is due (no setting
//! of theirs read for the reminder interval). The time is always handed in (the background's clock,
//! or a test's), never read here.

use super::stored::{SeenState, Stored};
use crate::catalog::{first_variant, Catalog};
use crate::json_value::JsonValue;
use serde::Serialize;

pub const DAY_MS: f64 = 86_400_000.0;
/// The reminder intervals the options offer, in days (0: off).
const REMINDER_DAYS: [u32; 4] = [0, 7, 30, 90];
const DEFAULT_REMINDER_DAYS: u32 = 30;

/// The person's preferences (storage.local `preferences`): anything missing or not one of the
/// offered values reads as the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Preferences {
    /// Whether the on-page banner shows (default true).
    pub banner: bool,
    /// Days without a check after which a platform's re-check is due: 0 (off), 7, 30 or 90 (default 30).
    pub reminder_days: u32,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences { banner: true, reminder_days: DEFAULT_REMINDER_DAYS }
    }
}

impl Preferences {
    pub fn read(value: &JsonValue) -> Preferences {
        let banner = value.get("banner").and_then(JsonValue::as_bool).unwrap_or(true);
        let reminder_days =
            value.get("reminderDays").and_then(JsonValue::as_u32).filter(|d| REMINDER_DAYS.contains(d)).unwrap_or(DEFAULT_REMINDER_DAYS);
        Preferences { banner, reminder_days }
    }
}

/// A platform whose re-check is due.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Due {
    pub platform: String,
    pub name: String,
    /// When any of its settings was last read.
    pub last: f64,
}

/// A setting turned back on, as the badge's title and the banner name it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TurnedBackOnSetting {
    pub setting: String,
    pub title: String,
    pub platform: String,
    pub off: f64,
    pub since: f64,
}

/// What the badge shows: its text and what its title spells out.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Badge {
    /// The count of settings exposing the person (a setting turned back on is one of them), then `!`
    /// when one was turned back on, then `?` when a re-check is due; empty when none of these.
    pub text: String,
    pub exposed: usize,
    pub turned_back_on: Vec<TurnedBackOnSetting>,
    pub due: Vec<Due>,
}

/// The platforms with settings, not disabled, that were read at least once and not since
/// `days` days before `now`. A platform never read has nothing to re-check (its rows say
/// "not checked yet"); `days` 0 is off.
pub fn due_platforms(catalog: &Catalog, stored: &Stored, now: f64, days: u32, disabled: &[String]) -> Vec<Due> {
    if days == 0 || !now.is_finite() {
        return Vec::new();
    }
    let mut due = Vec::new();
    for rules in catalog.platforms() {
        if rules.settings.is_empty() || disabled.iter().any(|d| *d == rules.platform.id) {
            continue;
        }
        let last = rules.settings.iter().filter_map(|s| stored.seen.get(&s.id).map(|seen| seen.at)).reduce(f64::max);
        if let Some(last) = last.filter(|last| now - last >= f64::from(days) * DAY_MS) {
            due.push(Due { platform: rules.platform.id.to_string(), name: rules.platform.name.to_string(), last });
        }
    }
    due
}

/// The badge at `now` for the interval `days`, leaving out the platforms the person disabled.
pub fn badge(catalog: &Catalog, stored: &Stored, now: f64, days: u32, disabled: &[String], lang: &str) -> Badge {
    let mut exposed = 0;
    let mut turned_back_on = Vec::new();
    for rules in catalog.platforms() {
        if disabled.iter().any(|d| *d == rules.platform.id) {
            continue;
        }
        for s in rules.settings.iter() {
            let Some(seen) = stored.seen.get(&s.id).filter(|seen| seen.state == SeenState::OptedIn) else { continue };
            exposed += 1;
            if let Some(drift) = seen.turned_back_on {
                turned_back_on.push(TurnedBackOnSetting {
                    setting: s.id.to_string(),
                    title: first_variant(&s.titles, lang).to_string(),
                    platform: rules.platform.id.to_string(),
                    off: drift.off,
                    since: drift.since,
                });
            }
        }
    }
    let due = due_platforms(catalog, stored, now, days, disabled);
    let mut text = if exposed > 0 { exposed.to_string() } else { String::new() };
    if !turned_back_on.is_empty() {
        text.push('!');
    }
    if !due.is_empty() {
        text.push('?');
    }
    Badge { text, exposed, turned_back_on, due }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist::{Report, Verified};
    use serde::Deserialize;
    use serde_json::json;

    const AI_PAGE: &str = "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement";
    const T: f64 = 1_796_040_000_000.0;

    fn seen(stored: &mut Stored, setting: &str, state: SeenState, at: f64, page: &str) {
        let r = Report { setting: setting.into(), state, verified: Verified::FreshLoad };
        stored.record(Catalog::embedded(), &[r], at, page).unwrap();
    }

    #[test]
    fn a_re_check_falls_due_after_the_interval_and_not_before() {
        let c = Catalog::embedded();
        let mut s = Stored::recover(&JsonValue::Null);
        seen(&mut s, "linkedin.ai-training", SeenState::OptedOut, T, AI_PAGE);
        seen(&mut s, "linkedin.ads-age", SeenState::OptedOut, T + 5.0 * DAY_MS, AI_PAGE);
        let due_of =
            |s: &Stored, now: f64, days: u32| due_platforms(c, s, now, days, &[]).into_iter().map(|d| d.platform).collect::<Vec<_>>();
        let due = |now: f64, days: u32| due_of(&s, now, days);
        assert_eq!(due(T + 5.0 * DAY_MS, 30), Vec::<String>::new());
        assert_eq!(due(T + 34.9 * DAY_MS, 30), Vec::<String>::new(), "counted from the platform's latest reading");
        assert_eq!(due(T + 35.0 * DAY_MS, 30), ["linkedin"]);
        assert_eq!(due(T + 12.0 * DAY_MS, 7), ["linkedin"]);
        assert_eq!(due(T + 94.0 * DAY_MS, 90), Vec::<String>::new());
        assert_eq!(due(T + 95.0 * DAY_MS, 90), ["linkedin"]);
        assert_eq!(due(T + 9_999.0 * DAY_MS, 0), Vec::<String>::new(), "off");
        assert_eq!(due(T - 100.0 * DAY_MS, 7), Vec::<String>::new(), "a clock set back: nothing due");
        assert_eq!(due_platforms(c, &s, T + 40.0 * DAY_MS, 30, &["linkedin".into()]), [], "a disabled platform: none");
        assert_eq!(due_platforms(c, &s, T + 40.0 * DAY_MS, 30, &[])[0].last, T + 5.0 * DAY_MS);
        // X was never read: nothing to re-check there. A reading of it starts its clock.
        seen(&mut s, "x.grok-training", SeenState::OptedIn, T + 40.0 * DAY_MS, "https://x.com/settings/grok_settings");
        assert_eq!(due_of(&s, T + 40.0 * DAY_MS, 30), ["linkedin"]);
        assert_eq!(due_of(&s, T + 71.0 * DAY_MS, 30), ["linkedin", "x"]);
        // A check of LinkedIn puts it back at the start.
        seen(&mut s, "linkedin.ads-age", SeenState::OptedOut, T + 71.0 * DAY_MS, AI_PAGE);
        assert_eq!(due_of(&s, T + 71.0 * DAY_MS, 30), ["x"]);
    }

    #[test]
    fn the_badge_counts_exposed_marks_turned_back_on_and_re_checks_due() {
        let c = Catalog::embedded();
        let mut s = Stored::recover(&JsonValue::Null);
        assert_eq!(badge(c, &s, T, 30, &[], "en").text, "");
        seen(&mut s, "linkedin.ads-age", SeenState::OptedIn, T, AI_PAGE);
        seen(&mut s, "linkedin.ai-training", SeenState::OptedOut, T, AI_PAGE);
        assert_eq!(badge(c, &s, T, 30, &[], "en").text, "1");
        seen(&mut s, "linkedin.ai-training", SeenState::OptedIn, T + DAY_MS, AI_PAGE);
        let b = badge(c, &s, T + DAY_MS, 30, &[], "en");
        assert_eq!((b.text.as_str(), b.exposed), ("2!", 2), "the count keeps its meaning: settings exposing you");
        assert_eq!(b.turned_back_on.len(), 1);
        let drift = &b.turned_back_on[0];
        assert_eq!(
            (drift.setting.as_str(), drift.title.as_str(), drift.off, drift.since),
            ("linkedin.ai-training", "Data for Generative AI Improvement", T, T + DAY_MS)
        );
        assert_eq!(badge(c, &s, T + 31.0 * DAY_MS, 30, &[], "en").text, "2!?");
        assert_eq!(badge(c, &s, T + 31.0 * DAY_MS, 0, &[], "en").text, "2!");
        assert_eq!(badge(c, &s, T + 31.0 * DAY_MS, 30, &["linkedin".into()], "en").text, "", "a disabled platform shows nothing");
        seen(&mut s, "linkedin.ai-training", SeenState::OptedOut, T + 2.0 * DAY_MS, AI_PAGE);
        seen(&mut s, "linkedin.ads-age", SeenState::OptedOut, T + 2.0 * DAY_MS, AI_PAGE);
        assert_eq!(badge(c, &s, T + 40.0 * DAY_MS, 30, &[], "en").text, "?", "only a re-check due");
    }

    #[test]
    fn preferences_read_their_defaults_for_anything_else() {
        let read = |v: serde_json::Value| Preferences::read(&JsonValue::deserialize(v).unwrap());
        assert_eq!(read(json!(null)), Preferences { banner: true, reminder_days: 30 });
        assert_eq!(read(json!({"banner": false, "reminderDays": 7})), Preferences { banner: false, reminder_days: 7 });
        assert_eq!(read(json!({"banner": false, "reminderDays": 0})).reminder_days, 0);
        assert_eq!(read(json!({"banner": false, "reminderDays": 90})).reminder_days, 90);
        for bad in [json!({"banner": "no", "reminderDays": 14}), json!({"reminderDays": -7}), json!({"reminderDays": 30.5}), json!("x")] {
            assert_eq!(read(bad.clone()), Preferences::default(), "{bad}");
        }
    }
}
