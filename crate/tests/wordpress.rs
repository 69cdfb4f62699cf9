//! WordPress.com's "Prevent third-party sharing for <site>" against snapshots shaped like its
//! open-source client: a native checkbox named `wpcom_data_sharing_opt_out` in its label, under the
//! Privacy radios of Settings → General (`/settings/general/<site>`), or "…for this site" in the newer
//! dashboard; on protects, one per site; kept only once the form's Save settings is pressed (Turn off presses it).

use optout::evaluate::{Choice, Control, Finding};
use optout::page::PageKind;
use optout::{evaluate, Catalog, Plan, Snapshot, Status};

const ID: &str = "wordpress.third-party-sharing";
const GENERAL: &str = "https://wordpress.com/settings/general/example.wordpress.com";
const EXPLANATION: &str = "This option will prevent this site’s content from being shared with our licensed network of content and research partners, including those that train AI models. Learn more.";

fn checkbox(name: &str, key: &str, checked: bool) -> Control {
    Control {
        tag: "input".into(),
        input_type: "checkbox".into(),
        checked: Some(checked),
        name: name.into(),
        keys: if key.is_empty() { vec![] } else { vec![key.into()] },
        ..Control::default()
    }
}

/// The Privacy section: its radios (a fieldset) and its two checkboxes, the label holding the explanation.
fn privacy(site: &str, discourage: bool, sharing: bool) -> Vec<Control> {
    let radios = ["Coming Soon", "Public", "Private"]
        .iter()
        .map(|t| Choice { text: t.to_string(), value: String::new(), selected: *t == "Public", disabled: false })
        .collect();
    vec![
        Control { tag: "fieldset".into(), name: "Privacy".into(), options: radios, ..Control::default() },
        checkbox("Discourage search engines from indexing this site", "blog_public", discourage),
        checkbox(&format!("Prevent third-party sharing for {site} {EXPLANATION}"), "wpcom_data_sharing_opt_out", sharing),
    ]
}

fn plan(url: &str, switches: Vec<Control>, page_text: &str) -> Plan {
    let snap = Snapshot {
        url: url.into(),
        ui_lang: "en".into(),
        elapsed_ms: 20_000,
        switches,
        page_text: page_text.into(),
        ..Snapshot::default()
    };
    evaluate(Catalog::embedded(), &snap).expect("a WordPress.com settings page")
}

fn sharing(p: &Plan) -> &Finding {
    p.findings.iter().find(|f| f.setting == ID).unwrap_or_else(|| panic!("no {ID} in {:?}", p.findings))
}

#[test]
fn the_general_settings_of_any_site_are_the_settings_page() {
    for site in ["example.wordpress.com", "my-shop.com"] {
        let p = plan(&format!("https://wordpress.com/settings/general/{site}"), privacy(site, false, false), "");
        assert_eq!(p.page, PageKind::Setting { setting: ID.into() });
    }
}

#[test]
fn unchecked_exposes_beside_the_privacy_radios_and_search_checkbox() {
    let p = plan(GENERAL, privacy("example.wordpress.com", false, false), "");
    let f = sharing(&p);
    assert_eq!((f.status, f.can_turn_off, f.protective, f.per), (Status::OptedIn, true, "on", "per-site"));
    assert_eq!(f.control.as_ref().map(|c| c.index), Some(2), "neither the radios nor the search checkbox");
}

#[test]
fn checked_protects_also_when_forced_by_discouraging_search_engines() {
    let p = plan(GENERAL, privacy("example.wordpress.com", true, true), "");
    assert_eq!((sharing(&p).status, sharing(&p).can_turn_off), (Status::OptedOut, false));
}

#[test]
fn the_newer_dashboard_wording_is_recognised_by_label() {
    let url = "https://wordpress.com/sites/example.wordpress.com/settings/site-visibility";
    let switches = vec![
        checkbox("Discourage search engines from indexing this site", "", false),
        checkbox("Prevent third-party sharing for this site", "", false),
    ];
    let p = plan(url, switches, "");
    assert_eq!(p.page, PageKind::Other);
    let f = sharing(&p);
    assert_eq!((f.status, f.control.as_ref().map(|c| c.index)), (Status::OptedIn, Some(1)));
}

#[test]
fn turn_off_is_told_to_press_save_settings_and_no_note_says_otherwise() {
    let p = plan(GENERAL, privacy("example.wordpress.com", false, false), "Privacy … Save settings");
    let f = sharing(&p);
    assert_eq!(f.save, vec!["Save settings".to_string()]);
    assert!(f.notes.is_empty(), "no note says OptOut leaves the button to the person: {:?}", f.notes);
    assert!(f.instances.iter().all(|i| i.save.is_empty()), "the setting names the button once, not per site");
}

#[test]
fn a_hidden_decoy_checkbox_is_never_the_setting() {
    let mut switches = privacy("example.wordpress.com", false, true);
    let mut decoy = checkbox("Prevent third-party sharing for example.wordpress.com", "", false);
    decoy.hidden = true;
    switches.insert(0, decoy);
    let f = sharing(&plan(GENERAL, switches, "")).clone();
    assert_eq!((f.status, f.instances.len()), (Status::OptedOut, 1), "only the visible checkbox counts: {:?}", f.instances);
}

#[test]
fn the_popup_opens_the_general_settings_where_wordpress_asks_which_site() {
    let (rules, s) = Catalog::embedded().setting(ID).unwrap();
    assert_eq!(optout::catalog::setting_address(rules, s), "https://wordpress.com/settings/general");
}
