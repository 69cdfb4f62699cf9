//! Tumblr's "Prevent third-party sharing for <blog>" against snapshots shaped like a blog's settings
//! page (`/settings/blog/<blog>`, its Visibility section): on protects, one switch per blog, the
//! blog's name after the label, beside the page's other switches.

use optout::evaluate::{Control, Finding};
use optout::page::PageKind;
use optout::{evaluate, Catalog, Plan, Snapshot, Status};

const ID: &str = "tumblr.third-party-sharing";

fn page(blog: &str) -> String {
    format!("https://www.tumblr.com/settings/blog/{blog}")
}

fn toggle(name: &str, on: bool) -> Control {
    Control {
        tag: "input".into(),
        input_type: "checkbox".into(),
        role: "switch".into(),
        checked: Some(on),
        name: name.into(),
        ..Control::default()
    }
}

fn plan(url: &str, switches: Vec<Control>) -> Plan {
    let snap = Snapshot { url: url.into(), ui_lang: "en".into(), elapsed_ms: 20_000, switches, ..Snapshot::default() };
    evaluate(Catalog::embedded(), &snap).expect("a Tumblr settings page")
}

fn sharing(p: &Plan) -> &Finding {
    p.findings.iter().find(|f| f.setting == ID).unwrap_or_else(|| panic!("no {ID} in {:?}", p.findings))
}

/// A blog's settings page as the web shows it: other Visibility toggles around the sharing one.
fn blog_page(blog: &str, sharing_on: bool) -> Vec<Control> {
    vec![
        toggle("Hide this blog from search results", false),
        toggle(&format!("Prevent third-party sharing for {blog}"), sharing_on),
        toggle("Let others see that you're active", true),
    ]
}

#[test]
fn a_blogs_settings_page_is_the_settings_page_whatever_the_blog() {
    for blog in ["staff", "art-by-kim", "my.side.blog"] {
        let p = plan(&page(blog), blog_page(blog, false));
        assert_eq!(p.page, PageKind::Setting { setting: ID.into() }, "{blog}");
    }
}

#[test]
fn off_exposes_and_turn_on_protection_is_offered() {
    let p = plan(&page("art-by-kim"), blog_page("art-by-kim", false));
    let f = sharing(&p);
    assert_eq!((f.status, f.can_turn_off, f.protective, f.per), (Status::OptedIn, true, "on", "per-blog"));
    assert_eq!(f.control.as_ref().map(|c| c.index), Some(1), "the sharing toggle, not search or activity");
    assert_eq!(f.instances.len(), 1);
}

#[test]
fn on_protects() {
    let p = plan(&page("art-by-kim"), blog_page("art-by-kim", true));
    assert_eq!((sharing(&p).status, sharing(&p).can_turn_off), (Status::OptedOut, false));
}

#[test]
fn a_long_blog_name_does_not_hide_the_label() {
    let blog = "the very long name of my collaborative fan art side blog";
    let p = plan(&page("x"), blog_page(blog, false));
    assert_eq!(sharing(&p).status, Status::OptedIn);
}

#[test]
fn a_page_listing_several_blogs_marks_each_and_exposes_while_any_blog_does() {
    let mut switches = blog_page("main-blog", true);
    switches.push(toggle("Prevent third-party sharing for side-blog", false));
    let p = plan("https://www.tumblr.com/settings/account", switches);
    assert_eq!(p.page, PageKind::Other);
    let f = sharing(&p);
    let states: Vec<Status> = f.instances.iter().map(|i| i.status).collect();
    assert_eq!(states, [Status::OptedOut, Status::OptedIn]);
    assert_eq!((f.status, f.control.as_ref().map(|c| c.index)), (Status::OptedIn, Some(3)));
}

#[test]
fn a_page_without_the_toggle_or_with_only_a_lookalike_is_never_guessed() {
    let p = plan(
        &page("kim"),
        vec![toggle("Hide this blog from search results", false), toggle("Allow third parties to feature your posts", false)],
    );
    assert_eq!(sharing(&p).status, Status::Ambiguous, "several switches and none is the setting's: nothing is claimed");
    let none = plan(&page("kim"), vec![]);
    assert_eq!(sharing(&none).status, Status::NotFound);
    let pending = Snapshot { url: page("kim"), ui_lang: "en".into(), elapsed_ms: 100, ..Snapshot::default() };
    assert_eq!(sharing(&evaluate(Catalog::embedded(), &pending).unwrap()).status, Status::Pending);
}

#[test]
fn the_guide_ends_at_the_toggle_and_the_popup_opens_the_blog_settings() {
    let (rules, s) = Catalog::embedded().setting(ID).unwrap();
    let guide = s.guide.as_ref().expect("a guide");
    assert_eq!(guide.steps.last().unwrap().page, "/settings/blog/");
    assert_eq!(optout::catalog::setting_address(rules, s), "https://www.tumblr.com/settings/blog");
}
