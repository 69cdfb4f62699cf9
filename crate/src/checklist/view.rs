//! The popup's model of the checklist: one group per platform, its rows in the order the popup
//! shows them, the likely reasons a setting was unavailable, and the card of a platform without a
//! switch.

use super::dates::date_of;
use super::stored::{Seen, SeenState, Stored, TurnedBackOn, Verified};
use crate::batch;
use crate::catalog::{first_variant, instance_of, localized, setting_address, Catalog};
use crate::rules::{Card, CardKind, Instances, Position, RuleFile, Setting};
use serde::Serialize;

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
    /// How the state shown was read (None: not seen yet, or carried over from format 1).
    pub verified: Option<Verified>,
    /// For `opted-in`: when OptOut's click had shown it off in the page before a fresh load showed it
    /// on again (a Turn off that did not stick).
    pub did_not_stick: Option<f64>,
    /// For `opted-in`: the platform turned it back on after a page had shown it off (drift).
    pub turned_back_on: Option<TurnedBackOn>,
    pub address: String,
    /// For `unavailable`: the likely reasons, from the setting's regional history on the day it was seen.
    pub reasons: Vec<String>,
    /// Whether the setting has an opt-out guide.
    pub guide: bool,
    /// A setting per blog or per site: which ("per-blog", "per-site"); None for a single switch.
    pub per: Option<&'static str>,
    /// For a setting per blog or site: the one whose page showed the state (None: unknown, or not seen).
    pub seen_for: Option<String>,
    /// The position that protects ("on": the popup says "On: protected"). Read by the popup's
    /// renderer, not serialised.
    #[serde(skip)]
    pub protective: Position,
    /// Whether Turn off all can reach its switch (its own page is known: `batch::turn_off_plan`).
    pub batch_turn_off: bool,
    /// Whether Check now can read it (a category page lists it, or its own page is known:
    /// `batch::check_plan`); not a setting per blog or site, whose pages are the person's own.
    pub batch_check: bool,
}

/// The popup's card for a platform without a switch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CardView {
    pub kind: CardKind,
    pub summary: String,
    pub who: Option<String>,
    /// (service name, form address) per objection form.
    pub forms: Vec<(String, String)>,
    /// For an `email-request` card: where to write and the subject the platform asks for.
    pub email: Option<EmailView>,
    /// Where the card's facts come from, as links a person can open.
    pub sources: Vec<SourceView>,
}

/// The email of an `email-request` card, as the popup shows it (each with a copy button).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EmailView {
    pub address: String,
    pub subject: String,
}

/// A card's source as the popup shows it: the site's name, the address, when it was checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceView {
    pub address: String,
    /// The address's host without `www.` (e.g. `about.fb.com`).
    pub site: String,
    /// YYYY-MM-DD.
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

impl Group {
    /// What Turn off all would change: the settings exposing the person whose switch it can reach
    /// (each on its own page), and the exposed ones it cannot (their page is not known).
    pub fn turn_off_all(&self) -> (Vec<&Item>, Vec<&Item>) {
        self.items.iter().filter(|i| i.state == ItemState::OptedIn).partition(|i| i.batch_turn_off)
    }
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
        email: card.email.as_ref().map(|e| EmailView { address: e.address.to_string(), subject: localized(&e.subject, lang).to_string() }),
        sources: card
            .sources
            .iter()
            .map(|s| {
                let host = s.url.strip_prefix("https://").unwrap_or(&s.url).split(['/', '?', '#']).next().unwrap_or("");
                let site = host.strip_prefix("www.").unwrap_or(host).to_string();
                SourceView { address: s.url.to_string(), site, checked: s.checked.to_string() }
            })
            .collect(),
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
                // A time with no calendar date (see `date_of`) has no likely reason: the popup says it is unknown.
                Some(seen) if seen.state == SeenState::Unavailable => {
                    date_of(seen.at).map_or_else(Vec::new, |day| likely_reasons(s, &day, lang))
                }
                _ => Vec::new(),
            };
            let item = Item {
                setting: s.id.to_string(),
                title: first_variant(&s.titles, lang).to_string(),
                state,
                seen_at: seen.map(|x| x.at),
                verified: seen.and_then(|x| x.verified),
                did_not_stick: seen.and_then(|x| x.did_not_stick).filter(|_| state == ItemState::OptedIn),
                turned_back_on: seen.and_then(|x| x.turned_back_on).filter(|_| state == ItemState::OptedIn),
                address: setting_address(rules, s),
                reasons,
                guide: s.guide.is_some(),
                per: (s.instances != Instances::Single).then(|| s.instances.as_str()),
                seen_for: seen.and_then(|x| instance_of(s, &x.path)).map(str::to_string),
                protective: s.protective,
                batch_turn_off: batch::turns_off(s),
                batch_check: batch::checks(s),
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

    /// What the checklist holds after a fresh load showed `state` at `at`.
    fn report(setting: &str, state: SeenState, at: f64) -> (String, Seen) {
        (
            setting.into(),
            Seen { state, at, path: "/x".into(), verified: Some(Verified::FreshLoad), did_not_stick: None, turned_back_on: None },
        )
    }

    fn hold(stored: &mut Stored, seen: &[(String, Seen)]) {
        for (id, s) in seen {
            stored.seen.insert(id.clone(), s.clone());
        }
    }

    #[test]
    fn checklist_lists_every_setting_with_unknown_until_seen() {
        let c = Catalog::embedded();
        let mut s = Stored::default();
        hold(&mut s, &[report("linkedin.ai-training", SeenState::OptedIn, 7.0)]);
        let groups = checklist(c, &s, "de");
        let linkedin = groups.iter().find(|g| g.platform == "linkedin").unwrap();
        assert_eq!(linkedin.items.len(), c.platforms().iter().find(|r| r.platform.id == "linkedin").unwrap().settings.len());
        let ai = &linkedin.items[0];
        assert_eq!((ai.setting.as_str(), ai.state, ai.seen_at), ("linkedin.ai-training", ItemState::OptedIn, Some(7.0)));
        assert_eq!((ai.verified, ai.did_not_stick), (Some(Verified::FreshLoad), None));
        assert_eq!((linkedin.items[1].verified, linkedin.items[1].seen_at), (None, None), "not seen yet");
        assert_eq!(ai.title, "Daten zur Verbesserung generativer KI");
        assert!(linkedin.items[1..].iter().all(|i| i.state == ItemState::Unknown));
        assert_eq!(linkedin.exposed, 1);
        let listed: usize = groups.iter().map(|g| g.items.len()).sum();
        assert_eq!(listed, c.settings().count(), "every setting of every platform is listed once");
    }

    #[test]
    fn a_setting_per_blog_or_site_says_whose_page_showed_its_state() {
        let c = Catalog::embedded();
        let mut s = Stored::default();
        let (id, mut seen) = report("tumblr.third-party-sharing", SeenState::OptedOut, 1.0);
        seen.path = "/settings/blog/artblog".into();
        hold(&mut s, &[(id, seen)]);
        let (id, mut seen) = report("wordpress.third-party-sharing", SeenState::OptedIn, 1.0);
        seen.path = "/settings/general".into(); // the page that asks which site: no site's own
        hold(&mut s, &[(id, seen)]);
        let groups = checklist(c, &s, "en");
        let item = |id: &str| groups.iter().flat_map(|g| &g.items).find(|i| i.setting == id).unwrap().clone();
        let tumblr = item("tumblr.third-party-sharing");
        assert_eq!((tumblr.per, tumblr.seen_for.as_deref()), (Some("per-blog"), Some("artblog")));
        let wordpress = item("wordpress.third-party-sharing");
        assert_eq!((wordpress.per, wordpress.seen_for), (Some("per-site"), None));
        let linkedin = item("linkedin.ai-training");
        assert_eq!((linkedin.per, linkedin.seen_for), (None, None), "a single switch is nobody's instance");
        // A run opens no page per blog or site (their names are the person's): neither Check now nor Turn off all.
        assert_eq!((tumblr.batch_check, tumblr.batch_turn_off, wordpress.batch_check), (false, false, false));
        assert_eq!((linkedin.batch_check, linkedin.batch_turn_off), (true, true));
    }

    #[test]
    fn exposed_settings_and_platforms_come_first_and_cards_last() {
        let c = Catalog::embedded();
        let mut s = Stored::default();
        hold(
            &mut s,
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
        // Then the other platforms with settings (none exposed), then the cards.
        let with_settings = c.platforms().iter().filter(|r| !r.settings.is_empty()).count();
        assert!(groups[2..with_settings].iter().all(|g| !g.items.is_empty() && g.exposed == 0), "{order:?}");
        assert!(groups[with_settings..].iter().all(|g| g.items.is_empty() && g.card.is_some()), "{order:?}");
        let states: Vec<ItemState> = groups[0].items.iter().map(|i| i.state).collect();
        let first_other = states.iter().position(|s| *s != ItemState::OptedIn).unwrap();
        assert_eq!(first_other, 2);
        assert_eq!(states.last(), Some(&ItemState::OptedOut));
        assert_eq!(groups[0].items[0].setting, "linkedin.ads-age", "rule order within a state");
        // With nothing exposed anywhere, rule order (the rule files' order), cards last.
        let calm = checklist(c, &Stored::default(), "en");
        let calm: Vec<&str> = calm.iter().map(|g| g.platform.as_str()).collect();
        let rule_order: Vec<&str> = c.platforms().iter().filter(|r| !r.settings.is_empty()).map(|r| &*r.platform.id).collect();
        assert_eq!(calm[..with_settings], rule_order[..]);
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
    fn an_unavailable_setting_gets_its_likely_reason_from_the_regional_history() {
        let c = Catalog::embedded();
        let at = |date: &str| {
            let mut s = Stored::default();
            // Noon UTC of the day.
            let days = (0..30_000).find(|d| date_of(*d as f64 * 86_400_000.0).as_deref() == Some(date)).unwrap();
            hold(&mut s, &[report("linkedin.ai-training", SeenState::Unavailable, days as f64 * 86_400_000.0 + 43_200_000.0)]);
            let groups = checklist(c, &s, "en");
            groups.iter().flat_map(|g| &g.items).find(|i| i.setting == "linkedin.ai-training").unwrap().reasons.clone()
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

    #[test]
    fn an_unavailable_setting_seen_at_a_time_without_a_date_has_no_likely_reason() {
        let c = Catalog::embedded();
        for at in [1e300, -1e300, 8.64e15] {
            let mut s = Stored::default();
            hold(&mut s, &[report("linkedin.ai-training", SeenState::Unavailable, at)]);
            let item = checklist(c, &s, "en").into_iter().flat_map(|g| g.items).find(|i| i.setting == "linkedin.ai-training").unwrap();
            assert_eq!((item.state, item.reasons.len()), (ItemState::Unavailable, 0), "{at}");
        }
    }

    #[test]
    fn a_setting_turned_back_on_is_an_exposed_row_that_says_since_when() {
        let c = Catalog::embedded();
        let mut s = Stored::default();
        let page = "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement";
        let read = |state| crate::checklist::Report { setting: "linkedin.ai-training".into(), state, verified: Verified::FreshLoad };
        s.record(c, &[read(SeenState::OptedOut)], 1_000.0, page).unwrap();
        s.record(c, &[read(SeenState::OptedIn)], 2_000.0, page).unwrap();
        let row = checklist(c, &s, "en")[0].items.iter().find(|i| i.setting == "linkedin.ai-training").cloned().unwrap();
        assert_eq!((row.state, row.did_not_stick), (ItemState::OptedIn, None));
        assert_eq!(row.turned_back_on, Some(TurnedBackOn { off: 1_000.0, since: 2_000.0 }));
        // A stored entry that says so while not opted-in (written by hand) shows no drift.
        let mut odd = s.clone();
        let mut entry = odd.seen["linkedin.ai-training"].clone();
        entry.state = SeenState::Unavailable;
        odd.seen.insert("linkedin.ai-training".into(), entry);
        let row = checklist(c, &odd, "en").into_iter().flat_map(|g| g.items).find(|i| i.setting == "linkedin.ai-training").unwrap();
        assert_eq!(row.turned_back_on, None);
    }

    #[test]
    fn a_turn_off_that_did_not_stick_is_an_exposed_row_that_says_so() {
        let c = Catalog::embedded();
        let mut s = Stored::default();
        let page = "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement";
        let off =
            crate::checklist::Report { setting: "linkedin.ai-training".into(), state: SeenState::OptedOut, verified: Verified::ReadBack };
        s.record(c, &[off], 1_000.0, page).unwrap();
        let row =
            |s: &Stored| checklist(c, s, "en").into_iter().flat_map(|g| g.items).find(|i| i.setting == "linkedin.ai-training").unwrap();
        let shown_off = row(&s);
        assert_eq!((shown_off.state, shown_off.verified, shown_off.did_not_stick), (ItemState::OptedOut, Some(Verified::ReadBack), None));
        let on =
            crate::checklist::Report { setting: "linkedin.ai-training".into(), state: SeenState::OptedIn, verified: Verified::FreshLoad };
        s.record(c, &[on], 2_000.0, page).unwrap();
        let again = row(&s);
        assert_eq!((again.state, again.verified, again.did_not_stick), (ItemState::OptedIn, Some(Verified::FreshLoad), Some(1_000.0)));
        let linkedin = &checklist(c, &s, "en")[0];
        assert_eq!(
            (linkedin.platform.as_str(), linkedin.exposed, linkedin.items[0].setting.as_str()),
            ("linkedin", 1, "linkedin.ai-training"),
            "exposed, and first"
        );
    }

    #[test]
    fn turn_off_all_changes_the_exposed_settings_it_can_reach_on_their_own_pages() {
        let c = Catalog::embedded();
        let mut s = Stored::default();
        hold(
            &mut s,
            &[
                report("linkedin.ai-training", SeenState::OptedIn, 1.0),
                report("linkedin.affiliates-sharing", SeenState::OptedIn, 1.0),
                report("linkedin.ads-age", SeenState::OptedOut, 1.0),
                report("linkedin.research", SeenState::Unavailable, 1.0),
                report("linkedin.ads-gender", SeenState::OptedIn, 1.0),
            ],
        );
        let linkedin = checklist(c, &s, "en").remove(0);
        let (included, excluded) = linkedin.turn_off_all();
        let ids = |items: &[&Item]| items.iter().map(|i| i.setting.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&included), ["linkedin.ai-training", "linkedin.ads-gender"], "exposed, with a page of their own");
        assert_eq!(ids(&excluded), ["linkedin.affiliates-sharing"], "its page is not known");
        let calm = checklist(c, &Stored::default(), "en").remove(0);
        assert!(calm.turn_off_all().0.is_empty(), "nothing seen exposing: nothing to turn off");
    }
}
