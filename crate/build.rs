//! Validates every rule file in `rules/` with the same schema the core uses, so that a malformed
//! rule fails the build naming the file and the field, and writes the validated rules (without what
//! only documents them) as Rust for the runtime (`rules.rs`, a static in catalog.rs): compiled-in
//! data needs no decoder in the wasm and no work at start-up.

#[path = "src/keyed.rs"]
#[allow(dead_code)]
mod keyed;
#[path = "src/rules.rs"]
#[allow(dead_code)]
mod rules;

use keyed::{Keyed, Text};
use rules::{
    Card, CardKind, CategoryPage, Confidence, Form, Guide, GuideStep, List, PageNote, Platform, Position, RegionNote, RegionStatus,
    RuleFile, Setting, Source, StateWords, StepRole,
};
use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new("rules");
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=src/rules.rs");
    println!("cargo:rerun-if-changed=src/keyed.rs");
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("crate/rules/ must exist")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    if names.is_empty() {
        panic!("crate/rules/ holds no rule file");
    }
    let mut platforms = Vec::new();
    for name in &names {
        let path = dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("crate/rules/{name}: cannot read: {e}"));
        let parsed = match rules::parse_rule_file(&format!("crate/rules/{name}"), &text) {
            Ok(parsed) => parsed,
            Err(e) => {
                // One clear line, then stop the build.
                eprintln!("error: malformed rule: {e}");
                println!("cargo:warning=malformed rule: {e}");
                std::process::exit(1);
            }
        };
        platforms.push(parsed.without_documentation());
    }
    let code = format!("&[{}]", platforms.iter().map(Rust::rust).collect::<Vec<_>>().join(", "));
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("rules.rs"), code).expect("write rules");
}

/// A rule value as a Rust expression that can initialise a static. Structs are destructured in full,
/// so that a field added to the schema and not written here fails the build.
trait Rust {
    fn rust(&self) -> String;
}

impl Rust for Text {
    fn rust(&self) -> String {
        // Debug writes a string as a Rust literal (quotes and escapes).
        format!("Cow::Borrowed({:?})", &**self)
    }
}

impl<T: Rust + Clone> Rust for List<T> {
    fn rust(&self) -> String {
        format!("Cow::Borrowed(&[{}])", self.iter().map(Rust::rust).collect::<Vec<_>>().join(", "))
    }
}

impl<T: Rust> Rust for Option<T> {
    fn rust(&self) -> String {
        self.as_ref().map_or("None".into(), |value| format!("Some({})", value.rust()))
    }
}

impl<T: Rust + Clone> Rust for Keyed<T> {
    fn rust(&self) -> String {
        let entries: Vec<String> = self.iter().map(|(key, value)| format!("(Cow::Borrowed({key:?}), {})", value.rust())).collect();
        format!("Keyed::from_static(&[{}])", entries.join(", "))
    }
}

impl Rust for u32 {
    fn rust(&self) -> String {
        self.to_string()
    }
}

impl Rust for Position {
    fn rust(&self) -> String {
        format!("Position::{self:?}")
    }
}

impl Rust for Confidence {
    fn rust(&self) -> String {
        format!("Confidence::{self:?}")
    }
}

impl Rust for RegionStatus {
    fn rust(&self) -> String {
        format!("RegionStatus::{self:?}")
    }
}

impl Rust for StepRole {
    fn rust(&self) -> String {
        format!("StepRole::{self:?}")
    }
}

impl Rust for CardKind {
    fn rust(&self) -> String {
        format!("CardKind::{self:?}")
    }
}

impl Rust for RuleFile {
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

impl Rust for Platform {
    fn rust(&self) -> String {
        let Platform { id, name, origin, hosts, scope, state_words, unavailable_phrases, render_grace_ms, objection_form, sources } = self;
        format!(
            "Platform {{ id: {}, name: {}, origin: {}, hosts: {}, scope: {}, state_words: {}, unavailable_phrases: {}, \
             render_grace_ms: {}, objection_form: {}, sources: {} }}",
            id.rust(),
            name.rust(),
            origin.rust(),
            hosts.rust(),
            scope.rust(),
            state_words.rust(),
            unavailable_phrases.rust(),
            render_grace_ms.rust(),
            objection_form.rust(),
            sources.rust()
        )
    }
}

impl Rust for Source {
    fn rust(&self) -> String {
        let Source { url, checked, fact } = self;
        format!("Source {{ url: {}, checked: {}, fact: {} }}", url.rust(), checked.rust(), fact.rust())
    }
}

impl Rust for StateWords {
    fn rust(&self) -> String {
        let StateWords { on, off } = self;
        format!("StateWords {{ on: {}, off: {} }}", on.rust(), off.rust())
    }
}

impl Rust for CategoryPage {
    fn rust(&self) -> String {
        let CategoryPage { id, path, title } = self;
        format!("CategoryPage {{ id: {}, path: {}, title: {} }}", id.rust(), path.rust(), title.rust())
    }
}

impl Rust for RegionNote {
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

impl Rust for PageNote {
    fn rust(&self) -> String {
        let PageNote { when_page_says, note } = self;
        format!("PageNote {{ when_page_says: {}, note: {} }}", when_page_says.rust(), note.rust())
    }
}

impl Rust for Guide {
    fn rust(&self) -> String {
        let Guide { start, steps } = self;
        format!("Guide {{ start: {}, steps: {} }}", start.rust(), steps.rust())
    }
}

impl Rust for GuideStep {
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

impl Rust for Form {
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

impl Rust for Card {
    fn rust(&self) -> String {
        let Card { kind, summary, who, sources, confidence } = self;
        format!(
            "Card {{ kind: {}, summary: {}, who: {}, sources: {}, confidence: {} }}",
            kind.rust(),
            summary.rust(),
            who.rust(),
            sources.rust(),
            confidence.rust()
        )
    }
}

impl Rust for Setting {
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
            effect,
            off_effect,
            navigation,
            regions,
            page_notes,
            guide,
            help,
            sources,
            confidence,
        } = self;
        format!(
            "Setting {{ id: {}, titles: {}, switch_labels: {}, page: {}, listed_on: {}, dom_keys: {}, protective: {}, default: {}, \
             effect: {}, off_effect: {}, navigation: {}, regions: {}, page_notes: {}, guide: {}, help: {}, sources: {}, confidence: {} }}",
            id.rust(),
            titles.rust(),
            switch_labels.rust(),
            page.rust(),
            listed_on.rust(),
            dom_keys.rust(),
            protective.rust(),
            default.rust(),
            effect.rust(),
            off_effect.rust(),
            navigation.rust(),
            regions.rust(),
            page_notes.rust(),
            guide.rust(),
            help.rust(),
            sources.rust(),
            confidence.rust()
        )
    }
}
