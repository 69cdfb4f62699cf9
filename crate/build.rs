//! Validates every rule file in `rules/` with the rule crate's validator (`optout_rules`), so that a
//! malformed rule fails the build naming the file and the field, and writes the validated rules
//! (without what only documents them) as Rust for the runtime (`rules.rs`, a static in catalog.rs):
//! compiled-in data needs no decoder in the wasm and no work at start-up.

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
        platforms.push(parsed.without_documentation());
    }
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("rules.rs"), codegen::platforms(&platforms)).expect("write rules");
}
