//! OptOut's core. Pure Rust with no browser types: rules (data), URL → page recognition, label
//! matching, reading a switch's state, the plan for the page and the checklist. The `wasm` module
//! is the thin layer that exposes it to the extension.

pub mod batch;
pub mod catalog;
pub mod checklist;
pub mod evaluate;
pub mod guide;
pub mod json_value;
pub mod limits;
pub mod page;
pub mod text;

#[cfg(target_arch = "wasm32")]
mod wasm;

/// The rule schema and its sorted map, from the rule crate (build.rs validates the rule files with it).
pub use optout_rules as rules;

pub use catalog::Catalog;
pub use evaluate::{evaluate, Plan, Snapshot, Status};
