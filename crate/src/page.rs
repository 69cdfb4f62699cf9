//! URL → page recognition: which platform, which kind of settings page, which settings to expect,
//! and what the content script should collect there (CSS selectors). Structure (the URL) comes first;
//! labels only confirm.

use crate::catalog::Catalog;
use crate::rules::{RuleFile, Setting};
use serde::Serialize;

/// What kind of settings page a URL is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum PageKind {
    /// A setting's own page, known by its path.
    Setting { setting: String },
    /// A category page that lists settings as rows.
    Category { page: String },
    /// Another page in the settings area: settings are recognised there by label only.
    Other,
    /// A platform's objection form (there is no switch): the banner explains it and suggests a text.
    Form { form: String },
}

/// What the content script collects on a page: CSS selectors, each for one kind of candidate, and
/// only the kinds this page's evaluation reads (every scan of a large page costs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageSelectors {
    pub platform: String,
    pub page: PageKind,
    /// Controls that may be a setting's switch (setting pages and other pages of the settings area).
    pub switches: Option<String>,
    /// Links that may be a setting's row (category pages).
    pub rows: Option<String>,
    /// Whether the evaluation reads the page's text even when switches are there (a setting's
    /// page note depends on what the page says).
    pub context: bool,
}

/// Generic ARIA and HTML shapes of a two-position control (no platform knowledge): a checkbox, a
/// switch, a toggle button, a select or radio group, and a menu button (the core keeps only those
/// offering the platform's two positions, or showing one of its state words).
pub const SWITCH_SELECTOR: &str = "input[type=\"checkbox\"], [role=\"switch\"], button[aria-pressed], select, [role=\"radiogroup\"], \
     fieldset:has(input[type=\"radio\"]), button[aria-haspopup=\"menu\"], button[aria-haspopup=\"listbox\"], button[aria-haspopup=\"true\"]";

/// The parts of a URL the rules care about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location<'a> {
    pub host: &'a str,
    pub path: &'a str,
}

/// Splits `https://host[:port]/path?query#fragment` into host and path, without allocating. (No
/// string indexing here or in `href_path`: its panic message alone links kilobytes of formatting.)
pub fn parse_url(url: &str) -> Option<Location<'_>> {
    let rest = url.strip_prefix("https://")?;
    let (authority, after) = rest.split_at_checked(rest.find(['/', '?', '#']).unwrap_or(rest.len()))?;
    let host = authority.rsplit_once('@').map_or(authority, |(_, host)| host).split(':').next()?;
    if host.is_empty() {
        return None;
    }
    let path = without_query(after);
    Some(Location { host, path: if path.is_empty() { "/" } else { path } })
}

/// What comes before a `?query` or `#fragment`.
fn without_query(s: &str) -> &str {
    s.split(['?', '#']).next().unwrap_or(s)
}

/// Compares paths ignoring one trailing slash.
pub fn same_path(a: &str, b: &str) -> bool {
    a.trim_end_matches('/') == b.trim_end_matches('/')
}

/// Whether `path` is a page of `pattern`, a setting's page where a segment `*` stands for any one
/// non-empty segment (a blog's or a site's name); otherwise as `same_path`.
pub fn path_matches(pattern: &str, path: &str) -> bool {
    let (mut p, mut q) = (pattern.trim_end_matches('/').split('/'), path.trim_end_matches('/').split('/'));
    loop {
        match (p.next(), q.next()) {
            (None, None) => return true,
            (Some("*"), Some(segment)) if !segment.is_empty() => {}
            (Some(a), Some(b)) if a == b => {}
            _ => return false,
        }
    }
}

/// The path part of an `href` (absolute on the platform's origin, or root-relative); None for other sites.
pub fn href_path<'a>(href: &'a str, rules: &RuleFile) -> Option<&'a str> {
    if href.starts_with('/') && !href.starts_with("//") {
        return Some(without_query(href));
    }
    let loc = parse_url(href)?;
    rules.platform.hosts.iter().any(|h| h == loc.host).then_some(loc.path)
}

/// Recognises a URL; None when it is outside every platform's settings area and forms.
pub fn recognise<'c>(catalog: &'c Catalog, url: &str) -> Option<(&'c RuleFile, PageKind)> {
    let loc = parse_url(url)?;
    if let Some((rules, form)) =
        catalog.forms().find(|(_, f)| parse_url(&f.url).is_some_and(|at| at.host == loc.host && same_path(at.path, loc.path)))
    {
        return Some((rules, PageKind::Form { form: form.id.to_string() }));
    }
    let rules = catalog
        .platforms()
        .iter()
        .find(|r| r.platform.hosts.iter().any(|h| h == loc.host) && r.platform.scope.iter().any(|s| loc.path.starts_with(&**s)))?;
    if let Some(page) = rules.pages.iter().find(|p| same_path(&p.path, loc.path)) {
        return Some((rules, PageKind::Category { page: page.id.to_string() }));
    }
    if let Some(setting) = setting_at(rules, loc.path) {
        return Some((rules, PageKind::Setting { setting: setting.id.to_string() }));
    }
    Some((rules, PageKind::Other))
}

fn setting_at<'r>(rules: &'r RuleFile, path: &str) -> Option<&'r Setting> {
    rules.settings.iter().find(|s| s.page.as_deref().is_some_and(|p| path_matches(p, path)))
}

/// What to collect on the page at `url`; None outside every settings area.
pub fn selectors(catalog: &Catalog, url: &str) -> Option<PageSelectors> {
    let (rules, page) = recognise(catalog, url)?;
    let origin = &rules.platform.origin;
    let rows = rules
        .platform
        .scope
        .iter()
        .flat_map(|s| [format!("a[href^=\"{s}\"]"), format!("a[href^=\"{origin}{s}\"]")])
        .collect::<Vec<_>>()
        .join(", ");
    let (switches, rows, context) = match &page {
        PageKind::Category { .. } => (None, Some(rows), false),
        PageKind::Form { .. } => (None, None, false),
        PageKind::Setting { setting } => {
            (Some(SWITCH_SELECTOR), None, rules.settings.iter().any(|s| s.id == *setting && !s.page_notes.is_empty()))
        }
        PageKind::Other => (Some(SWITCH_SELECTOR), None, rules.settings.iter().any(|s| !s.page_notes.is_empty())),
    };
    Some(PageSelectors { platform: rules.platform.id.to_string(), switches: switches.map(str::to_string), rows, context, page })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_host_and_path_and_drops_query_fragment_and_port() {
        let loc = parse_url("https://www.linkedin.com:443/mypreferences/d/settings/x?lang=de#top").unwrap();
        assert_eq!(loc, Location { host: "www.linkedin.com", path: "/mypreferences/d/settings/x" });
        assert_eq!(parse_url("https://www.linkedin.com").unwrap().path, "/");
        assert_eq!(parse_url("http://www.linkedin.com/mypreferences/"), None, "plain http is never a settings page");
        assert_eq!(parse_url("https:///x"), None);
    }

    #[test]
    fn recognises_setting_category_and_other_pages() {
        let c = Catalog::embedded();
        let page = |u: &str| recognise(c, u).map(|(_, p)| p);
        assert_eq!(
            page("https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement/"),
            Some(PageKind::Setting { setting: "linkedin.ai-training".into() })
        );
        assert_eq!(page("https://www.linkedin.com/mypreferences/d/categories/ads?trk=x"), Some(PageKind::Category { page: "ads".into() }));
        assert_eq!(page("https://www.linkedin.com/mypreferences/d/settings/share-data-affiliates-partners"), Some(PageKind::Other));
        assert_eq!(page("https://www.linkedin.com/feed/"), None, "the feed is not a settings page");
        assert_eq!(page("https://evil.example/mypreferences/d/categories/ads"), None);
    }

    #[test]
    fn the_slugs_seen_in_third_party_tools_are_not_the_ai_page() {
        let c = Catalog::embedded();
        for wrong in ["data-for-generative-ai-improvement", "data-for-generative-ai"] {
            let url = format!("https://www.linkedin.com/mypreferences/d/settings/{wrong}");
            assert_eq!(recognise(c, &url).map(|(_, p)| p), Some(PageKind::Other));
        }
    }

    #[test]
    fn row_selector_covers_relative_and_absolute_links_in_scope() {
        let s = selectors(Catalog::embedded(), "https://www.linkedin.com/mypreferences/d/categories/privacy").unwrap();
        let rows = s.rows.unwrap();
        assert!(rows.contains("a[href^=\"/mypreferences/\"]"));
        assert!(rows.contains("a[href^=\"https://www.linkedin.com/mypreferences/\"]"));
    }

    #[test]
    fn each_page_kind_is_scanned_only_for_what_its_evaluation_reads() {
        let c = Catalog::embedded();
        let category = selectors(c, "https://www.linkedin.com/mypreferences/d/categories/ads").unwrap();
        assert_eq!((category.switches.is_some(), category.rows.is_some()), (false, true));
        let setting = selectors(c, "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement").unwrap();
        assert_eq!((setting.switches.is_some(), setting.rows.is_some()), (true, false));
        let other = selectors(c, "https://www.linkedin.com/mypreferences/d/settings/somewhere-else").unwrap();
        assert_eq!((other.switches.is_some(), other.rows.is_some()), (true, false));
        assert!(!setting.context, "LinkedIn's pages say nothing the banner depends on");
        let grok = selectors(c, "https://x.com/settings/grok_settings").unwrap();
        assert!(grok.context, "X's page is read for what it says about third-party collaborators");
        let form = selectors(c, "https://help.instagram.com/contact/767264225370182").unwrap();
        assert_eq!((form.switches, form.rows, form.context), (None, None, false));
    }

    #[test]
    fn recognises_x_settings_and_meta_forms() {
        let c = Catalog::embedded();
        let page = |u: &str| recognise(c, u).map(|(r, p)| (r.platform.id.to_string(), p));
        assert_eq!(
            page("https://x.com/settings/grok_settings"),
            Some(("x".into(), PageKind::Setting { setting: "x.grok-training".into() }))
        );
        assert_eq!(page("https://x.com/settings/privacy_and_safety"), Some(("x".into(), PageKind::Other)));
        assert_eq!(page("https://x.com/home"), None, "X's timeline is not a settings page");
        assert_eq!(
            page("https://www.facebook.com/help/contact/712876720715583?ref=x"),
            Some(("meta".into(), PageKind::Form { form: "meta.facebook-objection".into() }))
        );
        assert_eq!(page("https://www.facebook.com/help/contact/1"), None, "another contact form is not Meta's objection form");
        assert_eq!(page("https://www.reddit.com/settings/"), None, "Reddit has nothing to act on");
    }
}
