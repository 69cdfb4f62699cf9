//! OptOut's core. Pure Rust with no browser types: rules (data), URL → page recognition, label
//! matching, reading a switch's state, the plan for the page and the checklist. The `wasm` module
//! is the thin layer that exposes it to the extension.

pub mod catalog;
pub mod checklist;
pub mod evaluate;
pub mod guide;
pub mod held;
pub mod keyed;
pub mod page;
pub mod rules;
pub mod text;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use catalog::Catalog;
pub use evaluate::{evaluate, Plan, Snapshot, Status};
