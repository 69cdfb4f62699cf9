//! The rule schema: the types of the JSON files in `crate/rules/`, one per platform. The Rust types
//! are the schema (unknown fields are errors, enums are closed). Texts and lists are `Cow`s: borrowed
//! from the binary in the core's built-in catalog (build.rs writes the rules as Rust statics), owned
//! when parsed from a file.

use crate::sorted_map::{SortedMap, Text};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// A list in a rule (see the module comment).
pub type List<T> = Cow<'static, [T]>;
/// Text per language code ("en", "de", ...). English is required everywhere.
pub type Localized = SortedMap<Text>;
/// Several variants per language code (labels drift; every known wording is kept).
pub type LocalizedList = SortedMap<List<Text>>;

/// One platform's rule file. In the file, a top-level `guide_steps` map may name the guide steps
/// that several settings share; `parse_rule_file` puts the steps in place of their names.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    pub platform: Platform,
    #[serde(default)]
    pub pages: List<CategoryPage>,
    #[serde(default)]
    pub settings: List<Setting>,
    /// Forms through which people object, where the platform offers a form instead of a switch.
    #[serde(default)]
    pub forms: List<Form>,
    /// What the popup says of a platform that has no switch (an objection form, or no opt-out at all).
    #[serde(default)]
    pub card: Option<Card>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Platform {
    /// Also the rule file's name, the fixture folder's name and the test file's name.
    pub id: Text,
    pub name: Text,
    /// Scheme and host that the settings' paths are relative to.
    pub origin: Text,
    /// Host names where the content script watches the whole site (must match manifest.json):
    /// settings pages are reached by in-app navigation. Empty for a platform without settings.
    #[serde(default)]
    pub hosts: List<Text>,
    /// Path prefixes of the pages that hold settings; elsewhere the content script stays idle.
    #[serde(default)]
    pub scope: List<Text>,
    /// The words a category page shows after a row's label for its switch's position (also a select's,
    /// a radio group's and a menu button's shown value), and the menu items that set each position.
    #[serde(default)]
    pub state_words: StateWords,
    /// What the page says when a setting does not exist for this member (region, age).
    #[serde(default)]
    pub unavailable_phrases: LocalizedList,
    /// How long a settings page may take to render its switch before it is called missing.
    #[serde(default = "default_grace")]
    pub render_grace_ms: u32,
    #[serde(default)]
    pub objection_form: Option<Text>,
    /// How the platform shows a signed-out visitor its sign-in page instead of a settings page
    /// (Check now and Turn off all stop there and touch nothing).
    #[serde(default)]
    pub signed_out: Option<SignedOut>,
    /// Where the platform-wide facts (hosts, pages, state words) come from. Required with settings.
    #[serde(default)]
    pub sources: List<Source>,
    /// When OptOut asks for the platform's sites: at install, or when the person switches it on.
    #[serde(default)]
    pub access: Access,
}

/// When the browser is asked for a platform's sites (its hosts and form pages).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Access {
    /// Asked for at install (the manifest's `host_permissions`): the platform is on from the start.
    AtInstall,
    /// Asked for only when the person switches the platform on (`optional_host_permissions`).
    #[default]
    OnRequest,
}

impl Access {
    /// Its name in the rule files.
    pub fn as_str(self) -> &'static str {
        match self {
            Access::AtInstall => "at-install",
            Access::OnRequest => "on-request",
        }
    }
}

/// What a signed-out visit to a settings page lands on: the sign-in page's path prefixes, and phrases
/// of its title or main heading (the platform's own wording; English required).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignedOut {
    pub paths: List<Text>,
    #[serde(default)]
    pub phrases: LocalizedList,
}

fn default_grace() -> u32 {
    8000
}

/// A public page a person can open that supports one fact of a rule: the platform's help, a
/// regulator, the press, or open source that automates the live site.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// An `https://` address.
    pub url: Text,
    /// When the page was last read and found to say `fact` (YYYY-MM-DD).
    pub checked: Text,
    /// Which fact of the rule the page supports (English; for the people who maintain the rules).
    pub fact: Text,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateWords {
    pub on: LocalizedList,
    pub off: LocalizedList,
    /// For a menu button (a button that opens a menu of choices): the items, besides the word `on`
    /// itself, whose choice sets the position on ("Turn on"). Only an item whose text is exactly one
    /// of these words (or of `on`) is ever chosen.
    #[serde(default)]
    pub turn_on: LocalizedList,
    /// As `turn_on`, for the position off: Gemini's menu item "Turn off" (never its "Turn off and
    /// delete activity", which is no word of the list).
    #[serde(default)]
    pub turn_off: LocalizedList,
}

/// A page that lists several settings as rows with their state word.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryPage {
    pub id: Text,
    pub path: Text,
    pub title: LocalizedList,
}

/// The position of a switch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Position {
    On,
    Off,
}

impl Position {
    /// Its name in the rule files ("on", "off"), as plans give it (a `str`: no serialiser of its own
    /// in the wasm).
    pub fn as_str(self) -> &'static str {
        match self {
            Position::On => "on",
            Position::Off => "off",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    High,
    Medium,
    Low,
}

/// What held for a setting in some regions (or for some members) over a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RegionStatus {
    /// The setting exists there with its default.
    Applies,
    /// Members there are not used for this purpose; the page may show no switch.
    Exempt,
    /// The platform paused the use there (e.g. after a regulator intervened); the page may show no switch.
    Paused,
    /// The setting is not offered there at all.
    NotOffered,
}

impl RegionStatus {
    /// Whether this explains a settings page that shows no switch.
    pub fn explains_absence(self) -> bool {
        !matches!(self, RegionStatus::Applies)
    }
}

/// One entry of a setting's regional history.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionNote {
    /// ISO date from which the note holds.
    pub since: Text,
    /// Last ISO date on which it held (open-ended when absent).
    #[serde(default)]
    pub until: Option<Text>,
    /// The regions, or the group of members, it concerns.
    pub regions: Localized,
    pub status: RegionStatus,
    pub note: Localized,
}

impl RegionNote {
    /// Whether the note held on `date` (YYYY-MM-DD; such dates compare as strings).
    pub fn holds_on(&self, date: &str) -> bool {
        &*self.since <= date && self.until.as_deref().is_none_or(|u| date <= u)
    }
}

/// A sentence the banner adds when the setting's page says something (e.g. X's switch also covering
/// third-party collaborators): only when the page itself says so.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageNote {
    /// Phrases, any of which on the page makes the note apply.
    pub when_page_says: LocalizedList,
    pub note: Localized,
}

/// The button that saves a setting's change on its page: its accessible names, exactly as the page
/// words it (English required). Turn off presses only a visible button named exactly so.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaveButton {
    pub names: LocalizedList,
}

/// The role of the element a guide step points at, as assistive technology names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StepRole {
    /// A button, such as a menu that must be opened first.
    Button,
    /// A link (or a menu item that navigates).
    Link,
    /// The setting's own switch: the last step.
    Switch,
}

/// One step of the documented path: the element to click next and the page where it appears.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuideStep {
    pub role: StepRole,
    /// The element's accessible name, per language (the switch step uses the setting's switch labels).
    #[serde(default)]
    pub names: LocalizedList,
    /// Path prefix of the pages where the element appears (`/` for every page of the platform).
    pub page: Text,
    /// The section of the page it sits in, as the platform's help names it.
    #[serde(default)]
    pub section: Option<Localized>,
    /// How the guide names the step when not by the element's name (e.g. "the switch").
    #[serde(default)]
    pub label: Option<Localized>,
}

/// The opt-out guide of a setting: where the path starts and its steps.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    /// The path where the guide opens a tab (e.g. `/feed/`).
    pub start: Text,
    /// In the file, each step is a whole step or the name of one in the file's `guide_steps`.
    pub steps: List<GuideStep>,
}

/// An objection form a platform offers instead of a switch. OptOut explains it and suggests a text;
/// it never fills in or submits anything.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Form {
    /// `<platform>.<form>`, lower-case, hyphens.
    pub id: Text,
    /// The service the form is for (e.g. "Instagram").
    pub name: Localized,
    /// The form's full address.
    pub url: Text,
    /// What to write in the form, in a few sentences.
    pub what_to_write: Localized,
    /// A suggested objection text the person may copy.
    pub suggested_text: Localized,
}

/// What a platform without a switch offers; serialised (in the popup's model) as in the rule files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CardKind {
    /// No switch: the platform takes objections through forms.
    ObjectionForm,
    /// No way for a person to opt out.
    NoOptOut,
    /// No switch: someone (e.g. a workspace owner) asks by email, to an address with a subject.
    EmailRequest,
}

impl CardKind {
    /// Its name in the rule files (the popup writes it in `data-kind`).
    pub fn as_str(self) -> &'static str {
        match self {
            CardKind::ObjectionForm => "objection-form",
            CardKind::NoOptOut => "no-opt-out",
            CardKind::EmailRequest => "email-request",
        }
    }
}

/// The email of an `email-request` card: where to write and the subject the platform asks for
/// (quoted as the platform words it, in every language, where it must be sent as written).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmailRequest {
    pub address: Text,
    pub subject: Localized,
}

/// How many controls of a setting a page may show: one, or one per blog or per site the person has
/// (Tumblr's blogs, WordPress.com's sites). The setting exposes the person while any instance does.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Instances {
    #[default]
    Single,
    PerBlog,
    PerSite,
}

impl Instances {
    /// Its name in the rule files, as plans give it.
    pub fn as_str(self) -> &'static str {
        match self {
            Instances::Single => "single",
            Instances::PerBlog => "per-blog",
            Instances::PerSite => "per-site",
        }
    }
}

/// The popup's card for a platform without a switch.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    pub kind: CardKind,
    /// What the platform does with people's data.
    pub summary: Localized,
    /// Who can object (objection forms).
    #[serde(default)]
    pub who: Option<Localized>,
    /// Where to write, for `email-request` (and only there).
    #[serde(default)]
    pub email: Option<EmailRequest>,
    /// Where the facts come from: the popup shows these as links with their dates.
    pub sources: List<Source>,
    pub confidence: Confidence,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Setting {
    /// `<platform>.<setting>`, lower-case, hyphens.
    pub id: Text,
    /// The row label and the page heading, per language.
    pub titles: LocalizedList,
    /// The switch's accessible name, per language.
    pub switch_labels: LocalizedList,
    /// The path of the setting's own page, when it is known. A segment `*` stands for any one
    /// segment (a blog's or a site's name: `/settings/blog/*`).
    #[serde(default)]
    pub page: Option<Text>,
    /// Category pages (by id) that list the setting as a row.
    #[serde(default)]
    pub listed_on: List<Text>,
    /// Keys seen in the page's DOM (a hint only: `name`/`id` attributes).
    #[serde(default)]
    pub dom_keys: List<Text>,
    /// The switch position that protects the user.
    pub protective: Position,
    /// The platform's default position.
    pub default: Position,
    /// One control per page, or one per blog or site listed there.
    #[serde(default)]
    pub instances: Instances,
    /// One sentence: what the setting lets the platform do.
    pub effect: Localized,
    /// What turning it off does and does not do.
    pub off_effect: Localized,
    /// The documented navigation path, as the platform's help words it.
    pub navigation: Localized,
    /// The setting's regional history, oldest first.
    #[serde(default)]
    pub regions: List<RegionNote>,
    #[serde(default)]
    pub page_notes: List<PageNote>,
    /// Where the page keeps a change only once a button is pressed (Pinterest's "Done", WordPress.com's
    /// "Save settings"): Turn off presses it after the control shows the protective position.
    #[serde(default)]
    pub save_button: Option<SaveButton>,
    /// The documented navigation path as steps the guide walks.
    #[serde(default)]
    pub guide: Option<Guide>,
    /// The platform's help articles that document the setting (none where none is known).
    #[serde(default)]
    pub help: List<Text>,
    /// Where the setting's facts come from (documentation only: not embedded).
    pub sources: List<Source>,
    pub confidence: Confidence,
}

impl RuleFile {
    /// The rules without what only documents them (the sources of the platform and its settings,
    /// what each card source supports, category page titles, navigation wording, help articles): validated with the
    /// file and read by people, but by nothing at run time. What the popup, the banner or the guide
    /// shows stays: the regional history (likely reasons), page notes, guides, forms and cards (with
    /// their sources' addresses and check dates). build.rs embeds this; see `Catalog::embedded`.
    pub fn without_documentation(mut self) -> RuleFile {
        self.platform.sources = List::default();
        for page in self.pages.to_mut() {
            page.title = LocalizedList::default();
        }
        for setting in self.settings.to_mut() {
            setting.navigation = Localized::default();
            setting.sources = List::default();
            setting.help = List::default();
        }
        if let Some(card) = &mut self.card {
            for source in card.sources.to_mut() {
                source.fact = Text::default();
            }
        }
        self
    }
}

impl RuleFile {
    /// The rules as the module that pages load needs them (the content script and the background:
    /// the banner, the guide, the form banner), without what only the popup shows: the settings'
    /// regional history (its likely reasons), who may object and the card's sources, and the card
    /// of a platform without forms (the form banner shows its platform's card summary). Every text
    /// is in seven languages, and these would cost that module some kilobytes (its size budget, see
    /// README); the popup's module keeps everything. build.rs embeds this in the module pages load.
    pub fn for_pages(mut self) -> RuleFile {
        // Read by the batch runs only (the background's generated plan, the popup), never by a page.
        self.platform.signed_out = None;
        for setting in self.settings.to_mut() {
            setting.regions = List::default();
        }
        if self.forms.is_empty() {
            self.card = None;
        }
        if let Some(card) = &mut self.card {
            card.who = None;
            card.sources = List::default();
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::value::{Error, StrDeserializer};
    use serde::de::IntoDeserializer;

    #[test]
    fn an_access_is_named_as_in_the_rule_files_and_on_request_by_default() {
        for access in [Access::AtInstall, Access::OnRequest] {
            let named: StrDeserializer<Error> = access.as_str().into_deserializer();
            assert_eq!(Access::deserialize(named), Ok(access));
        }
        assert_eq!(Access::default(), Access::OnRequest);
        let unknown: StrDeserializer<Error> = "always".into_deserializer();
        assert!(Access::deserialize(unknown).is_err());
    }

    #[test]
    fn a_card_kind_is_named_as_in_the_rule_files() {
        for kind in [CardKind::ObjectionForm, CardKind::NoOptOut, CardKind::EmailRequest] {
            let named: StrDeserializer<Error> = kind.as_str().into_deserializer();
            assert_eq!(CardKind::deserialize(named), Ok(kind));
        }
    }

    #[test]
    fn positions_and_instances_are_named_as_in_the_rule_files() {
        for position in [Position::On, Position::Off] {
            let named: StrDeserializer<Error> = position.as_str().into_deserializer();
            assert_eq!(Position::deserialize(named), Ok(position));
        }
        for instances in [Instances::Single, Instances::PerBlog, Instances::PerSite] {
            let named: StrDeserializer<Error> = instances.as_str().into_deserializer();
            assert_eq!(Instances::deserialize(named), Ok(instances));
        }
    }
}
