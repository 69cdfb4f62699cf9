//! Validates every rule file in `rules/` with the same schema the core uses, so that a malformed
//! rule fails the build naming the file and the field, and writes the validated rules (without what
//! only documents them) as postcard bytes for the runtime (`include_bytes!` in catalog.rs).

#[path = "src/keyed.rs"]
#[allow(dead_code)]
mod keyed;
#[path = "src/rules.rs"]
#[allow(dead_code)]
mod rules;

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
    let bytes = postcard::to_allocvec(&platforms).expect("rules serialise");
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("rules.postcard"), bytes).expect("write rules");
}
