//! Prints one browser's `manifest.json`: the committed root `manifest.json`, which lists no site, with
//! the sites filled in from the rules (host permissions, content-script matches, the wasm's
//! web-accessible matches), only the background key that browser reads, and in Chrome's the wasm at a
//! per-session address (`use_dynamic_url`). build.sh runs it as
//! `optout-manifest manifest.json chrome` (or `firefox`).

/// A host tool (build.sh runs it natively); built for wasm along with the library, it does nothing
/// there, as the wasm carries no JSON library.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use serde_json::{json, Value};

    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path, browser] = &args[..] else { panic!("usage: optout-manifest <manifest.json> <chrome|firefox>") };
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut manifest: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));

    // The sites come from the rules only: a site written in the root manifest would be a second source.
    let listed = manifest.get("host_permissions").is_some()
        || manifest["content_scripts"].as_array().into_iter().flatten().any(|s| s.get("matches").is_some())
        || manifest["web_accessible_resources"].as_array().into_iter().flatten().any(|r| r.get("matches").is_some());
    assert!(!listed, "{path} lists sites; they are generated from crate/rules/: remove them");

    // Everywhere the content script runs: a platform's whole site, or only an objection form's page.
    let patterns = optout::Catalog::embedded().host_patterns();
    // The wasm is fetched by the content script wherever it runs, so it must be web-accessible there
    // (both browsers refuse the content script's fetch otherwise), and then a page there can load it too.
    // Chromium refuses a web-accessible match with a path other than `/*` (it checks only the requesting
    // origin: https://developer.chrome.com/docs/extensions/reference/manifest/web-accessible-resources),
    // so Chrome gets those pages' origins, the narrowest it accepts; Firefox takes the content script's
    // own patterns, paths included, and checks the requesting page's whole URL against them.
    let web_accessible = match browser.as_str() {
        "chrome" => {
            let mut origins: Vec<String> = Vec::new();
            for p in &patterns {
                let origin = format!("{}/*", p.splitn(4, '/').take(3).collect::<Vec<_>>().join("/"));
                if !origins.contains(&origin) {
                    origins.push(origin);
                }
            }
            origins
        }
        "firefox" => patterns.clone(),
        other => panic!("unknown browser {other:?}: chrome or firefox"),
    };
    manifest["host_permissions"] = json!(patterns);
    for script in manifest["content_scripts"].as_array_mut().expect("content_scripts") {
        script["matches"] = json!(patterns);
    }
    for resource in manifest["web_accessible_resources"].as_array_mut().expect("web_accessible_resources") {
        // Chrome's extension id is the same for everyone who installs from the store, so a file at
        // chrome-extension://<id>/… would tell any page there that OptOut is installed. With
        // use_dynamic_url Chromium serves it only at a per-session random address, which runtime.getURL
        // returns to the extension, and refuses the fixed one. Firefox has no fixed address
        // (moz-extension:// carries a random per-install UUID) and its schema does not know the key: it
        // would warn on loading it. So Chrome's manifest only, and never written in the root one.
        assert!(resource.get("use_dynamic_url").is_none(), "{path}: use_dynamic_url is set per browser here: remove it");
        resource["matches"] = json!(web_accessible);
        if browser == "chrome" {
            resource["use_dynamic_url"] = json!(true);
        }
    }

    // The root manifest names both backgrounds. Chromium runs the service worker and warns that
    // `background.scripts` needs manifest version 2; Firefox runs the scripts as an event page and
    // ignores the service worker (web-ext lint: BACKGROUND_SERVICE_WORKER_IGNORED). Each gets its own.
    let background = manifest["background"].as_object_mut().expect("background");
    let other = if browser == "chrome" { "scripts" } else { "service_worker" };
    assert!(background.remove(other).is_some(), "{path}: background.{other} is missing");
    println!("{}", serde_json::to_string_pretty(&manifest).expect("manifest serialises"));
}
