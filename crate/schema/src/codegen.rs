//! Writes validated rules as Rust: an expression for a `&'static [RuleFile]` that build.rs hands to
//! the core (its catalog includes it), so that compiled-in rules need no decoder in the wasm and no
//! work at start-up. The expression names the schema's types unqualified, and `Cow` and `SortedMap`:
//! the including module imports them.

use crate::schema::{
    Access, Card, CardKind, CategoryPage, Confidence, EmailRequest, Form, Guide, GuideStep, Instances, List, PageNote, Platform, Position,
    RegionNote, RegionStatus, RuleFile, SaveButton, Setting, SignedOut, Source, StateWords, StepRole,
};
use crate::sorted_map::{SortedMap, Text};

/// Every rule file as one Rust expression: `&[RuleFile { .. }, ..]`.
pub fn platforms(rules: &[RuleFile]) -> String {
    format!("&[{}]", rules.iter().map(ToRust::rust).collect::<Vec<_>>().join(", "))
}

/// A rule value as a Rust expression that can initialise a static. Structs are destructured in full,
/// so that a field added to the schema and not written here fails the build.
trait ToRust {
    fn rust(&self) -> String;
}

impl ToRust for Text {
    fn rust(&self) -> String {
        // Debug writes a string as a Rust literal (quotes and escapes).
        format!("Cow::Borrowed({:?})", &**self)
    }
}

impl<T: ToRust + Clone> ToRust for List<T> {
    fn rust(&self) -> String {
        format!("Cow::Borrowed(&[{}])", self.iter().map(ToRust::rust).collect::<Vec<_>>().join(", "))
    }
}

impl<T: ToRust> ToRust for Option<T> {
    fn rust(&self) -> String {
        self.as_ref().map_or("None".into(), |value| format!("Some({})", value.rust()))
    }
}

impl<T: ToRust + Clone> ToRust for SortedMap<T> {
    fn rust(&self) -> String {
        let entries: Vec<String> = self.iter().map(|(key, value)| format!("(Cow::Borrowed({key:?}), {})", value.rust())).collect();
        format!("SortedMap::from_static(&[{}])", entries.join(", "))
    }
}

impl ToRust for u32 {
    fn rust(&self) -> String {
        self.to_string()
    }
}

impl ToRust for Position {
    fn rust(&self) -> String {
        format!("Position::{self:?}")
    }
}

impl ToRust for Confidence {
    fn rust(&self) -> String {
        format!("Confidence::{self:?}")
    }
}

impl ToRust for RegionStatus {
    fn rust(&self) -> String {
        format!("RegionStatus::{self:?}")
    }
}

impl ToRust for StepRole {
    fn rust(&self) -> String {
        format!("StepRole::{self:?}")
    }
}

impl ToRust for Instances {
    fn rust(&self) -> String {
        format!("Instances::{self:?}")
    }
}

impl ToRust for EmailRequest {
    fn rust(&self) -> String {
        let EmailRequest { address, subject } = self;
        format!("EmailRequest {{ address: {}, subject: {} }}", address.rust(), subject.rust())
    }
}

impl ToRust for Access {
    fn rust(&self) -> String {
        format!("Access::{self:?}")
    }
}

impl ToRust for CardKind {
    fn rust(&self) -> String {
        format!("CardKind::{self:?}")
    }
}

impl ToRust for RuleFile {
    fn rust(&self) -> String {
        let RuleFile { platform, pages, settings, forms, card } = self;
        format!(
            "RuleFile {{ platform: {}, pages: {}, settings: {}, forms: {}, card: {} }}",
            platform.rust(),
            pages.rust(),
            settings.rust(),
            forms.rust(),
            card.rust()
        )
    }
}

impl ToRust for Platform {
    fn rust(&self) -> String {
        let Platform {
            id,
            name,
            origin,
            hosts,
            scope,
            state_words,
            unavailable_phrases,
            render_grace_ms,
            objection_form,
            signed_out,
            sources,
            access,
        } = self;
        format!(
            "Platform {{ id: {}, name: {}, origin: {}, hosts: {}, scope: {}, state_words: {}, unavailable_phrases: {}, \
             render_grace_ms: {}, objection_form: {}, signed_out: {}, sources: {}, access: {} }}",
            id.rust(),
            name.rust(),
            origin.rust(),
            hosts.rust(),
            scope.rust(),
            state_words.rust(),
            unavailable_phrases.rust(),
            render_grace_ms.rust(),
            objection_form.rust(),
            signed_out.rust(),
            sources.rust(),
            access.rust()
        )
    }
}

impl ToRust for SignedOut {
    fn rust(&self) -> String {
        let SignedOut { paths, phrases } = self;
        format!("SignedOut {{ paths: {}, phrases: {} }}", paths.rust(), phrases.rust())
    }
}

impl ToRust for Source {
    fn rust(&self) -> String {
        let Source { url, checked, fact } = self;
        format!("Source {{ url: {}, checked: {}, fact: {} }}", url.rust(), checked.rust(), fact.rust())
    }
}

impl ToRust for StateWords {
    fn rust(&self) -> String {
        let StateWords { on, off, turn_on, turn_off } = self;
        format!("StateWords {{ on: {}, off: {}, turn_on: {}, turn_off: {} }}", on.rust(), off.rust(), turn_on.rust(), turn_off.rust())
    }
}

impl ToRust for CategoryPage {
    fn rust(&self) -> String {
        let CategoryPage { id, path, title } = self;
        format!("CategoryPage {{ id: {}, path: {}, title: {} }}", id.rust(), path.rust(), title.rust())
    }
}

impl ToRust for RegionNote {
    fn rust(&self) -> String {
        let RegionNote { since, until, regions, status, note } = self;
        format!(
            "RegionNote {{ since: {}, until: {}, regions: {}, status: {}, note: {} }}",
            since.rust(),
            until.rust(),
            regions.rust(),
            status.rust(),
            note.rust()
        )
    }
}

impl ToRust for PageNote {
    fn rust(&self) -> String {
        let PageNote { when_page_says, note } = self;
        format!("PageNote {{ when_page_says: {}, note: {} }}", when_page_says.rust(), note.rust())
    }
}

impl ToRust for SaveButton {
    fn rust(&self) -> String {
        let SaveButton { names } = self;
        format!("SaveButton {{ names: {} }}", names.rust())
    }
}

impl ToRust for Guide {
    fn rust(&self) -> String {
        let Guide { start, steps } = self;
        format!("Guide {{ start: {}, steps: {} }}", start.rust(), steps.rust())
    }
}

impl ToRust for GuideStep {
    fn rust(&self) -> String {
        let GuideStep { role, names, page, section, label } = self;
        format!(
            "GuideStep {{ role: {}, names: {}, page: {}, section: {}, label: {} }}",
            role.rust(),
            names.rust(),
            page.rust(),
            section.rust(),
            label.rust()
        )
    }
}

impl ToRust for Form {
    fn rust(&self) -> String {
        let Form { id, name, url, what_to_write, suggested_text } = self;
        format!(
            "Form {{ id: {}, name: {}, url: {}, what_to_write: {}, suggested_text: {} }}",
            id.rust(),
            name.rust(),
            url.rust(),
            what_to_write.rust(),
            suggested_text.rust()
        )
    }
}

impl ToRust for Card {
    fn rust(&self) -> String {
        let Card { kind, summary, who, email, sources, confidence } = self;
        format!(
            "Card {{ kind: {}, summary: {}, who: {}, email: {}, sources: {}, confidence: {} }}",
            kind.rust(),
            summary.rust(),
            who.rust(),
            email.rust(),
            sources.rust(),
            confidence.rust()
        )
    }
}

impl ToRust for Setting {
    fn rust(&self) -> String {
        let Setting {
            id,
            titles,
            switch_labels,
            page,
            listed_on,
            dom_keys,
            protective,
            default,
            instances,
            effect,
            off_effect,
            navigation,
            regions,
            page_notes,
            save_button,
            guide,
            help,
            sources,
            confidence,
        } = self;
        format!(
            "Setting {{ id: {}, titles: {}, switch_labels: {}, page: {}, listed_on: {}, dom_keys: {}, protective: {}, default: {}, \
             instances: {}, effect: {}, off_effect: {}, navigation: {}, regions: {}, page_notes: {}, save_button: {}, guide: {}, help: {}, sources: {}, confidence: {} }}",
            id.rust(),
            titles.rust(),
            switch_labels.rust(),
            page.rust(),
            listed_on.rust(),
            dom_keys.rust(),
            protective.rust(),
            default.rust(),
            instances.rust(),
            effect.rust(),
            off_effect.rust(),
            navigation.rust(),
            regions.rust(),
            page_notes.rust(),
            save_button.rust(),
            guide.rust(),
            help.rust(),
            sources.rust(),
            confidence.rust()
        )
    }
}
