//! Validates every rule file in `rules/` with the rule crate's validator (`optout_rules`), so that a
//! malformed rule fails the build naming the file and the field, and writes the validated rules
//! (without what only documents them) as Rust for the runtime (`rules.rs`, a static in catalog.rs):
//! compiled-in data needs no decoder in the wasm and no work at start-up. The module that pages load
//! (the wasm without the `popup` feature) gets the rules `for_pages`: what only the popup shows is
//! left to the popup's module.
//! With `OPTOUT_PLATFORM=<platform id>` (build.sh, once per platform) only that platform's rules are
//! compiled in: the module a page of that platform loads (`core/pages/<id>_bg.wasm`) carries no other
//! platform's rules. Without it, every platform's (the background's and the popup's modules, native).

use optout_rules::{codegen, parse_rule_file};
use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new("rules");
    println!("cargo:rerun-if-changed=rules");
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
    println!("cargo:rerun-if-env-changed=CARGO_FEATURE_POPUP");
    let for_pages = env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") && env::var_os("CARGO_FEATURE_POPUP").is_none();
    println!("cargo:rerun-if-env-changed=OPTOUT_PLATFORM");
    let only = env::var("OPTOUT_PLATFORM").ok().filter(|id| !id.is_empty());
    let mut platforms = Vec::new();
    for name in &names {
        let path = dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("crate/rules/{name}: cannot read: {e}"));
        let parsed = match parse_rule_file(&format!("crate/rules/{name}"), &text) {
            Ok(parsed) => parsed,
            Err(e) => {
                // One clear line, then stop the build.
                eprintln!("error: malformed rule: {e}");
                println!("cargo:warning=malformed rule: {e}");
                std::process::exit(1);
            }
        };
        if only.as_deref().is_some_and(|id| id != parsed.platform.id) {
            continue;
        }
        let embedded = parsed.without_documentation();
        platforms.push(if for_pages { embedded.for_pages() } else { embedded });
    }
    if let (Some(id), true) = (&only, platforms.is_empty()) {
        eprintln!("error: OPTOUT_PLATFORM={id}: no rule file in crate/rules/ has that platform id");
        std::process::exit(1);
    }
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("rules.rs"), codegen::platforms(&platforms)).expect("write rules");
}
