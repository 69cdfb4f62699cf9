//! What only the wasm build shows, run in a JS engine: the browser's Unicode tables agree with
//! Rust's for every code point (text.rs uses the browser's in the wasm), and the allocator aligns
//! blocks as asked beyond a 64 KiB page. In node (wasm-bindgen-test-runner, the wasm runner set in
//! `.cargo/config.toml`; ./build.sh installs it):
//!   cargo test --target wasm32-unknown-unknown -p optout --test wasm
//! and in headless Chromium, the same with `CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_USE_BROWSER=1`.
#![cfg(target_arch = "wasm32")]

use optout::text::{browser_tables, normalize, rust_tables};
use wasm_bindgen_test::wasm_bindgen_test;

/// What `normalize` reads of a lower-cased text: its words (one space or several between them).
fn words(text: &str) -> Vec<&str> {
    text.split(' ').filter(|w| !w.is_empty()).collect()
}

#[wasm_bindgen_test]
fn the_browsers_unicode_tables_lower_case_and_tell_letters_as_rusts_do_for_every_code_point() {
    let chars: Vec<char> = (0..=char::MAX as u32).filter_map(char::from_u32).collect();
    // Many code points per call (JavaScript's lower-casing is context-free but for a final Σ, which
    // is tested below), each between spaces and after a letter: alone, and inside a word.
    for batch in chars.chunks(2048) {
        let text: String = batch.iter().flat_map(|&c| [' ', c, ' ', 'a', c]).collect();
        let (browser, rust) = (browser_tables::lower_case_words(&text), rust_tables::lower_case_words(&text));
        if words(&browser) != words(&rust) {
            let c = batch.iter().find(|c| {
                let one = format!(" {c} a{c}");
                words(&browser_tables::lower_case_words(&one)) != words(&rust_tables::lower_case_words(&one))
            });
            panic!("the browser and Rust disagree on {c:?}");
        }
    }
}

#[wasm_bindgen_test]
fn a_capital_sigma_lower_cases_alike_wherever_it_stands() {
    for text in ["Σ", "ΣΑ", "ΑΣ", "ΑΣ Β", "ΟΔΥΣΣΕΥΣ", "aΣ.", "Σ1"] {
        assert_eq!(words(&browser_tables::lower_case_words(text)), words(&rust_tables::lower_case_words(text)), "{text}");
    }
    assert_eq!(normalize("ΟΔΥΣΣΕΥΣ"), "οδυσσευσ");
}

/// A value that must lie on a 128 KiB boundary, twice a wasm page.
#[repr(align(131072))]
struct TwoPagesAligned(#[allow(dead_code)] u8);

#[wasm_bindgen_test]
fn the_allocator_aligns_beyond_a_page() {
    let small: Vec<Box<u8>> = (0..100).map(Box::new).collect();
    for _ in 0..4 {
        let big = Box::new(TwoPagesAligned(1));
        assert_eq!(&*big as *const TwoPagesAligned as usize % 131_072, 0);
    }
    drop(small);
}
