//! OptOut's rules as data: the schema (the types of `crate/rules/<platform>.json`), the map they use
//! per language, the validator and, behind features, the JSON parser (`parse`) and the writer of
//! validated rules as Rust statics (`codegen`). The core (`optout`) depends on it for the types;
//! its build.rs depends on it to validate the rule files and compile them in.

pub mod schema;
pub mod sorted_map;
pub mod validate;

#[cfg(feature = "codegen")]
pub mod codegen;

pub use schema::*;
pub use sorted_map::{SortedMap, Text};
#[cfg(feature = "parse")]
pub use validate::parse_rule_file;
pub use validate::{validate, RuleError, LANGUAGES};
