//! Grammarly's "Product Improvement and Training" against snapshots shaped like its account privacy
//! page (`account.grammarly.com/security/privacy`) and the single-user Pro data settings
//! (`/admin/data_settings`, recognised by label).

mod common;

use common::controls::{checkbox, role_switch};
use common::{only, plan, snap};
use optout::page::PageKind;
use optout::Status;

const PAGE: &str = "https://account.grammarly.com/security/privacy";
const ID: &str = "grammarly.product-improvement";

#[test]
fn the_toggle_reads_as_a_checkbox_or_a_switch() {
    for (control, status) in [
        (checkbox("Product Improvement and Training", true), Status::OptedIn),
        (checkbox("Product Improvement and Training", false), Status::OptedOut),
        (role_switch("Product Improvement and Training", Some("true")), Status::OptedIn),
    ] {
        let p = plan(&optout::Snapshot { switches: vec![control], ..snap(PAGE) });
        assert_eq!(only(&p).status, status);
    }
}

#[test]
fn the_pro_data_settings_page_is_recognised_by_the_business_wording() {
    let s = optout::Snapshot {
        switches: vec![checkbox("Product Improvement & Training", true)],
        ..snap("https://account.grammarly.com/admin/data_settings")
    };
    let p = plan(&s);
    assert_eq!(p.page, PageKind::Other);
    assert_eq!((only(&p).setting.as_str(), only(&p).status), (ID, Status::OptedIn));
}

#[test]
fn an_unrelated_switch_on_the_data_settings_page_is_no_setting() {
    let s = optout::Snapshot { switches: vec![checkbox("Show tips", true)], ..snap("https://account.grammarly.com/admin/data_settings") };
    assert!(plan(&s).findings.is_empty());
}
