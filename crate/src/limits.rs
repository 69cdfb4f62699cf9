//! The most the core takes from a page: how many candidates and how many characters of each text a
//! snapshot may carry, and how long a stored path may be. Applied where values cross into the core
//! (the wasm exports, in the content script and the background alike), so that no page, however
//! large or hostile, makes an evaluation or the stored checklist grow without bound.

use crate::evaluate::{Control, Snapshot};
use crate::guide::GuideSnapshot;

/// Switches, and rows, per snapshot: settings pages show a handful; the rest is not a settings page.
pub const MAX_CONTROLS: usize = 200;
/// The guide's candidates (every link and button of the page: a feed has hundreds).
pub const MAX_GUIDE_CANDIDATES: usize = 2_000;
/// An accessible name, a text, a heading, a role, a key: labels are short.
pub const MAX_TEXT_CHARS: usize = 300;
/// The page's text read for notices ("not available in your region") and page notes.
pub const MAX_PAGE_TEXT_CHARS: usize = 4_000;
/// A URL or link address, and a stored path.
pub const MAX_URL_CHARS: usize = 2_000;
/// A control's keys (the content script sends its `id` and `name`).
pub const MAX_KEYS: usize = 8;
/// The choices of one select or radio group (an on/off setting offers two).
pub const MAX_OPTIONS: usize = 50;
/// Reports in one message (a page reports each of its platform's settings at most once).
pub const MAX_REPORTS: usize = 200;

/// Keeps the first `max` characters of `s` (whole characters: never half of one).
pub fn truncate_chars(s: &mut String, max: usize) {
    if let Some((end, _)) = s.char_indices().nth(max) {
        s.truncate(end);
    }
}

impl Control {
    fn cap(&mut self) {
        for text in [&mut self.tag, &mut self.role, &mut self.input_type, &mut self.name, &mut self.text] {
            truncate_chars(text, MAX_TEXT_CHARS);
        }
        for text in [&mut self.aria_checked, &mut self.aria_pressed, &mut self.data_state].into_iter().flatten() {
            truncate_chars(text, MAX_TEXT_CHARS);
        }
        self.keys.truncate(MAX_KEYS);
        for key in &mut self.keys {
            truncate_chars(key, MAX_TEXT_CHARS);
        }
        truncate_chars(&mut self.href, MAX_URL_CHARS);
        self.options.truncate(MAX_OPTIONS);
        for option in &mut self.options {
            truncate_chars(&mut option.text, MAX_TEXT_CHARS);
            truncate_chars(&mut option.value, MAX_TEXT_CHARS);
        }
    }
}

impl Snapshot {
    /// The snapshot within the limits above: the first `MAX_CONTROLS` switches and rows (the plan's
    /// indexes into them stay the page's), each text cut at its limit.
    pub fn capped(mut self) -> Snapshot {
        truncate_chars(&mut self.url, MAX_URL_CHARS);
        truncate_chars(&mut self.ui_lang, MAX_TEXT_CHARS);
        truncate_chars(&mut self.heading, MAX_TEXT_CHARS);
        truncate_chars(&mut self.page_text, MAX_PAGE_TEXT_CHARS);
        for list in [&mut self.switches, &mut self.rows] {
            list.truncate(MAX_CONTROLS);
            list.iter_mut().for_each(Control::cap);
        }
        self
    }
}

impl GuideSnapshot {
    /// The guide's snapshot within the limits above (its first `MAX_GUIDE_CANDIDATES` candidates).
    pub fn capped(mut self) -> GuideSnapshot {
        truncate_chars(&mut self.url, MAX_URL_CHARS);
        truncate_chars(&mut self.ui_lang, MAX_TEXT_CHARS);
        truncate_chars(&mut self.setting, MAX_TEXT_CHARS);
        truncate_chars(&mut self.heading, MAX_TEXT_CHARS);
        self.candidates.truncate(MAX_GUIDE_CANDIDATES);
        self.candidates.iter_mut().for_each(Control::cap);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{evaluate, Catalog, Status};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn a_cut_text_is_the_first_max_characters_of_the_text(text in "\\PC{0,40}", max in 0usize..50) {
            let mut cut = text.clone();
            truncate_chars(&mut cut, max);
            prop_assert!(text.starts_with(&cut));
            prop_assert_eq!(cut.chars().count(), text.chars().count().min(max));
        }
    }

    const AI_PAGE: &str = "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement";

    fn control(name: &str) -> Control {
        Control {
            tag: "input".into(),
            input_type: "checkbox".into(),
            role: "switch".into(),
            checked: Some(true),
            name: name.into(),
            ..Control::default()
        }
    }

    #[test]
    fn text_is_cut_at_whole_characters() {
        let mut s = "aé😀b".to_string();
        truncate_chars(&mut s, 3);
        assert_eq!(s, "aé😀");
        let mut short = "ab".to_string();
        truncate_chars(&mut short, 300);
        assert_eq!(short, "ab");
        let mut none = "abc".to_string();
        truncate_chars(&mut none, 0);
        assert_eq!(none, "");
    }

    #[test]
    fn a_snapshot_keeps_at_most_200_switches_and_rows_and_each_text_within_its_limit() {
        let huge = "ü".repeat(100_000);
        let mut big = control(&huge);
        big.text = huge.clone();
        big.href = huge.clone();
        big.keys = vec![huge.clone(); 50];
        big.aria_checked = Some(huge.clone());
        let mut switches = vec![control("a switch"); 5_000];
        switches[0] = big;
        let snap = Snapshot {
            url: format!("{AI_PAGE}?{huge}"),
            ui_lang: huge.clone(),
            heading: huge.clone(),
            page_text: huge.clone(),
            switches,
            rows: vec![control("a row"); 300],
            ..Snapshot::default()
        }
        .capped();
        assert_eq!((snap.switches.len(), snap.rows.len()), (MAX_CONTROLS, MAX_CONTROLS));
        let chars = |s: &str| s.chars().count();
        assert_eq!((chars(&snap.url), chars(&snap.ui_lang), chars(&snap.heading), chars(&snap.page_text)), (2_000, 300, 300, 4_000));
        let c = &snap.switches[0];
        assert_eq!((chars(&c.name), chars(&c.text), chars(&c.href), c.keys.len(), chars(&c.keys[7])), (300, 300, 2_000, 8, 300));
        assert_eq!(chars(c.aria_checked.as_deref().unwrap()), 300);
        assert!(snap.url.starts_with(AI_PAGE), "the page is still recognised by its address");
    }

    #[test]
    fn a_snapshot_within_the_limits_is_unchanged_and_still_evaluates_the_same() {
        let snap = Snapshot {
            url: AI_PAGE.into(),
            ui_lang: "en".into(),
            switches: vec![control("Use my data for training content creation AI models")],
            ..Snapshot::default()
        };
        let capped = snap.clone().capped();
        assert_eq!(format!("{capped:?}"), format!("{snap:?}"));
        let plan = evaluate(Catalog::embedded(), &capped).unwrap();
        assert_eq!(plan.findings[0].status, Status::OptedIn);
    }

    #[test]
    fn a_switch_past_the_first_200_is_not_seen() {
        // A page stuffed with 200 unrelated switches before the real one: the core reads no further.
        let mut switches = vec![control("Something else entirely"); MAX_CONTROLS];
        switches.push(control("Use my data for training content creation AI models"));
        let snap = Snapshot { url: AI_PAGE.into(), ui_lang: "en".into(), switches, ..Snapshot::default() }.capped();
        let plan = evaluate(Catalog::embedded(), &snap).unwrap();
        assert!(plan.findings[0].control.as_ref().is_none_or(|c| c.index < MAX_CONTROLS));
        assert_ne!(plan.findings[0].status, Status::OptedIn);
    }

    #[test]
    fn a_guide_snapshot_keeps_at_most_2000_candidates_and_each_text_within_its_limit() {
        let huge = "x".repeat(100_000);
        let mut candidates = vec![control("a link"); 3_000];
        candidates[0] = control(&huge);
        let snap = GuideSnapshot {
            url: huge.clone(),
            ui_lang: huge.clone(),
            setting: huge.clone(),
            heading: huge.clone(),
            candidates,
            ..GuideSnapshot::default()
        }
        .capped();
        assert_eq!((snap.url.len(), snap.ui_lang.len(), snap.setting.len(), snap.heading.len()), (2_000, 300, 300, 300));
        assert_eq!((snap.candidates.len(), snap.candidates[0].name.len()), (MAX_GUIDE_CANDIDATES, 300));
    }
}
