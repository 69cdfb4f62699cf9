//! Prints one browser's `manifest.json`: the committed root `manifest.json`, which lists no site, with
//! the sites filled in from the rules, only the background key that browser reads, and in Chrome's the
//! wasm at a per-session address (`use_dynamic_url`). The platforms a rule file says are asked for
//! `at-install` (LinkedIn, X) get `host_permissions` and the static content script; every other
//! platform's sites are `optional_host_permissions`, which the person grants when switching the
//! platform on (its content script is then registered at run time, with the static one's files).
//! build.sh runs it as `optout-manifest manifest.json chrome` (or `firefox`).

/// A host tool (build.sh runs it natively); built for wasm along with the library, it does nothing
/// there, as the wasm carries no JSON library.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path, browser] = &args[..] else { panic!("usage: optout-manifest <manifest.json> <chrome|firefox>") };
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let manifest: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let generated = generate(manifest, browser, optout::Catalog::embedded()).unwrap_or_else(|e| panic!("{path}: {e}"));
    println!("{}", serde_json::to_string_pretty(&generated).expect("manifest serialises"));
}

/// The root manifest with `catalog`'s sites filled in for `browser`; an error says what is wrong with
/// the root manifest (or the browser's name).
#[cfg(not(target_arch = "wasm32"))]
fn generate(mut manifest: serde_json::Value, browser: &str, catalog: &optout::Catalog) -> Result<serde_json::Value, String> {
    use optout::rules::Access;
    use serde_json::json;

    if !matches!(browser, "chrome" | "firefox") {
        return Err(format!("unknown browser {browser:?}: chrome or firefox"));
    }
    // The sites come from the rules only: a site written in the root manifest would be a second source.
    let listed = manifest.get("host_permissions").is_some()
        || manifest.get("optional_host_permissions").is_some()
        || manifest["content_scripts"].as_array().into_iter().flatten().any(|s| s.get("matches").is_some())
        || manifest["web_accessible_resources"].as_array().into_iter().flatten().any(|r| r.get("matches").is_some());
    if listed {
        return Err("lists sites; they are generated from crate/rules/: remove them".into());
    }

    // Asked for at install: the static content script runs there from the start.
    let at_install = catalog.host_patterns_asked(Access::AtInstall);
    // Asked for when the person switches the platform on (permissions.request in the popup or the
    // options page): the background then registers the same content script there.
    let on_request = catalog.host_patterns_asked(Access::OnRequest);
    // Everywhere the content script may run: a platform's whole site, or only an objection form's page.
    let patterns: Vec<String> = at_install.iter().chain(&on_request).cloned().collect();
    // The wasm is fetched by the content script wherever it runs, so it must be web-accessible there
    // (both browsers refuse the content script's fetch otherwise), and then a page there can load it too.
    // Chromium refuses a web-accessible match with a path other than `/*` (it checks only the requesting
    // origin: https://developer.chrome.com/docs/extensions/reference/manifest/web-accessible-resources),
    // so Chrome gets those pages' origins, the narrowest it accepts; Firefox takes the content script's
    // own patterns, paths included, and checks the requesting page's whole URL against them.
    let web_accessible = if browser == "chrome" {
        let mut origins: Vec<String> = Vec::new();
        for p in &patterns {
            let origin = format!("{}/*", p.splitn(4, '/').take(3).collect::<Vec<_>>().join("/"));
            if !origins.contains(&origin) {
                origins.push(origin);
            }
        }
        origins
    } else {
        patterns.clone()
    };
    manifest["host_permissions"] = json!(at_install);
    // Both browsers read optional_host_permissions in manifest version 3 (Chrome:
    // https://developer.chrome.com/docs/extensions/reference/api/permissions; Firefox since 128, below
    // the manifest's strict_min_version:
    // https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/manifest.json/optional_host_permissions).
    if !on_request.is_empty() {
        manifest["optional_host_permissions"] = json!(on_request);
    }
    let scripts = manifest["content_scripts"].as_array_mut().ok_or("content_scripts is missing")?;
    // One list of the content script's files: the background registers an enabled platform's script
    // with exactly content_scripts[0]'s js, css and run_at.
    if scripts.len() != 1 {
        return Err("content_scripts must hold exactly one entry (the background reuses its files)".into());
    }
    scripts[0]["matches"] = json!(at_install);
    for resource in manifest["web_accessible_resources"].as_array_mut().ok_or("web_accessible_resources is missing")? {
        // Chrome's extension id is the same for everyone who installs from the store, so a file at
        // chrome-extension://<id>/… would tell any page there that OptOut is installed. With
        // use_dynamic_url Chromium serves it only at a per-session random address, which runtime.getURL
        // returns to the extension, and refuses the fixed one. Firefox has no fixed address
        // (moz-extension:// carries a random per-install UUID) and its schema does not know the key: it
        // would warn on loading it. So Chrome's manifest only, and never written in the root one.
        if resource.get("use_dynamic_url").is_some() {
            return Err("use_dynamic_url is set per browser here: remove it".into());
        }
        resource["matches"] = json!(web_accessible);
        if browser == "chrome" {
            resource["use_dynamic_url"] = json!(true);
        }
    }

    // The root manifest names both backgrounds. Chromium runs the service worker and warns that
    // `background.scripts` needs manifest version 2; Firefox runs the scripts as an event page and
    // ignores the service worker (web-ext lint: BACKGROUND_SERVICE_WORKER_IGNORED). Each gets its own.
    let background = manifest["background"].as_object_mut().ok_or("background is missing")?;
    let other = if browser == "chrome" { "scripts" } else { "service_worker" };
    if background.remove(other).is_none() {
        return Err(format!("background.{other} is missing"));
    }
    Ok(manifest)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::generate;
    use optout::Catalog;
    use serde_json::{json, Value};

    fn root() -> Value {
        serde_json::from_str(include_str!("../../../manifest.json")).unwrap()
    }

    /// A catalog of the shipped LinkedIn and Meta files, and a third platform made up here (on request,
    /// as a new rule file is unless it says otherwise), to show the manifest follows the rules' data.
    fn catalog(extra_access: Option<&str>) -> Catalog {
        let mut extra: Value = serde_json::from_str(include_str!("../../rules/x.json")).unwrap();
        extra["platform"]["id"] = "example".into();
        extra["platform"]["hosts"] = json!(["app.example.com", "example.com"]);
        let platform = extra["platform"].as_object_mut().unwrap();
        match extra_access {
            Some(access) => platform.insert("access".into(), access.into()),
            None => platform.remove("access"),
        };
        for setting in extra["settings"].as_array_mut().unwrap() {
            let id = setting["id"].as_str().unwrap().replacen("x.", "example.", 1);
            setting["id"] = id.into();
        }
        let extra = extra.to_string();
        Catalog::from_files(&[
            ("example.json", &extra),
            ("linkedin.json", include_str!("../../rules/linkedin.json")),
            ("meta.json", include_str!("../../rules/meta.json")),
        ])
        .unwrap()
    }

    #[test]
    fn at_install_sites_get_host_permissions_and_the_static_content_script_the_others_are_optional() {
        for browser in ["chrome", "firefox"] {
            let m = generate(root(), browser, &catalog(None)).unwrap();
            assert_eq!(m["host_permissions"], json!(["https://www.linkedin.com/*"]), "{browser}");
            assert_eq!(m["content_scripts"][0]["matches"], json!(["https://www.linkedin.com/*"]), "{browser}");
            assert_eq!(
                m["optional_host_permissions"],
                json!([
                    "https://app.example.com/*",
                    "https://example.com/*",
                    "https://www.facebook.com/help/contact/712876720715583*",
                    "https://help.instagram.com/contact/767264225370182*"
                ]),
                "{browser}: a new rule file without `access` is asked for on request, and a form only its page"
            );
            assert!(m["permissions"].as_array().unwrap().contains(&json!("scripting")), "registering content scripts needs it");
        }
    }

    #[test]
    fn a_platform_that_says_at_install_moves_to_the_install_time_permissions() {
        let m = generate(root(), "firefox", &catalog(Some("at-install"))).unwrap();
        let install = json!(["https://app.example.com/*", "https://example.com/*", "https://www.linkedin.com/*"]);
        assert_eq!(m["host_permissions"], install);
        assert_eq!(m["content_scripts"][0]["matches"], install);
        let optional =
            json!(["https://www.facebook.com/help/contact/712876720715583*", "https://help.instagram.com/contact/767264225370182*"]);
        assert_eq!(m["optional_host_permissions"], optional);
    }

    #[test]
    fn the_wasm_is_web_accessible_wherever_the_content_script_may_run_enabled_or_not() {
        let firefox = generate(root(), "firefox", &catalog(None)).unwrap();
        let mut every: Vec<Value> = firefox["host_permissions"].as_array().unwrap().clone();
        every.extend(firefox["optional_host_permissions"].as_array().unwrap().iter().cloned());
        let mut war = firefox["web_accessible_resources"][0]["matches"].as_array().unwrap().clone();
        let key = |v: &Value| v.as_str().unwrap().to_string();
        every.sort_by_key(key);
        war.sort_by_key(key);
        assert_eq!(war, every);
        let chrome = generate(root(), "chrome", &catalog(None)).unwrap();
        let origins = chrome["web_accessible_resources"][0]["matches"].as_array().unwrap();
        assert!(
            origins.contains(&json!("https://www.facebook.com/*")) && origins.contains(&json!("https://app.example.com/*")),
            "{origins:?}"
        );
        assert_eq!(chrome["web_accessible_resources"][0]["use_dynamic_url"], json!(true));
    }

    #[test]
    fn without_on_request_platforms_there_is_no_optional_key() {
        let only = Catalog::from_files(&[("linkedin.json", include_str!("../../rules/linkedin.json"))]).unwrap();
        let m = generate(root(), "chrome", &only).unwrap();
        assert!(m.get("optional_host_permissions").is_none());
    }

    #[test]
    fn a_root_manifest_that_lists_sites_or_several_content_scripts_is_refused() {
        let c = catalog(None);
        let mut listed = root();
        listed["optional_host_permissions"] = json!(["https://example.com/*"]);
        assert!(generate(listed, "chrome", &c).unwrap_err().contains("lists sites"));
        let mut two = root();
        let first = two["content_scripts"][0].clone();
        two["content_scripts"].as_array_mut().unwrap().push(first);
        assert!(generate(two, "chrome", &c).unwrap_err().contains("exactly one"));
        assert!(generate(root(), "safari", &c).unwrap_err().contains("unknown browser"));
    }
}
