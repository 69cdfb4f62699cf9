//! Label normalisation and fuzzy matching. Labels drift (LinkedIn reworded its AI switch between
//! 2024 and 2025) and are translated, so matching compares stemmed word sets, not strings.
//!
//! Lower-casing and telling letters and numbers apart need Unicode's tables. Native builds use
//! Rust's (`rust_tables`); the wasm uses the browser's (`browser_tables`: `toLowerCase` and a
//! `\p{Alphabetic}\p{N}` regular expression), because Rust's would add 15.7 KB raw, 7 KB gzipped, to
//! the module pages load (its budget is 50 KB gzipped). All else is the same code in both. That the
//! shipped path agrees with Rust's tables for every code point is tested where it runs, in a JS
//! engine: `tests/wasm.rs` (in node, or in headless Chromium: see there).

/// Lower-cases, folds Latin diacritics, and turns everything but letters and digits into single spaces.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in lower_case_words(text).chars() {
        if c != ' ' {
            let folded = fold(c);
            if folded.is_empty() {
                out.push(c);
            } else {
                out.push_str(folded);
            }
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

// `lower_case_words(text)`: every character lower-cased (Unicode's full mapping, so a final Σ too
// becomes σ), and the characters that are not alphanumeric (Alphabetic or a Number) made spaces (one
// or several: `normalize` reads them the same). With the build's Unicode tables (module comment).
#[cfg(target_arch = "wasm32")]
use browser_tables::lower_case_words;
#[cfg(not(target_arch = "wasm32"))]
use rust_tables::lower_case_words;

/// `lower_case_words` with Rust's Unicode tables: what native builds run, and what the browser's
/// tables are tested against.
pub mod rust_tables {
    /// Each character lower-cased on its own; each one that is not alphanumeric becomes a space.
    pub fn lower_case_words(text: &str) -> String {
        text.chars().flat_map(char::to_lowercase).map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect()
    }
}

/// `lower_case_words` with the browser's Unicode tables: what the wasm runs.
#[cfg(target_arch = "wasm32")]
pub mod browser_tables {
    use js_sys::{JsString, RegExp};

    /// `toLowerCase` maps each character as `char::to_lowercase` does except a word-final Σ (to ς),
    /// hence Σ is made σ first; then each run of other characters than letters and numbers becomes
    /// one space.
    pub fn lower_case_words(text: &str) -> String {
        thread_local! {
            static NOT_ALPHANUMERIC: RegExp = RegExp::new("[^\\p{Alphabetic}\\p{N}]+", "gu");
        }
        let lower = JsString::from(text.replace('Σ', "σ").as_str()).to_lower_case();
        NOT_ALPHANUMERIC.with(|re| lower.replace_by_pattern(re, " ")).into()
    }
}

/// Folds the accented letters of the languages the rules carry to their base letters.
fn fold(c: char) -> &'static str {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
        'æ' => "ae",
        'ç' => "c",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => "o",
        'œ' => "oe",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        'ý' | 'ÿ' => "y",
        'ß' => "ss",
        _ => "",
    }
}

/// Word stems: the first five letters of each word, a crude but language-neutral stemmer that
/// makes "training"/"train" and "creation"/"create" meet.
pub fn stems(text: &str) -> Vec<String> {
    // Kept sorted and unique as they come (labels have few words; a generic sort is kilobytes of wasm).
    let mut out: Vec<String> = Vec::new();
    for word in normalize(text).split(' ').filter(|w| !w.is_empty()) {
        let stem: String = word.chars().take(5).collect();
        if let Err(at) = out.binary_search(&stem) {
            out.insert(at, stem);
        }
    }
    out
}

/// Similarity of two texts from 0 (nothing shared) to 1 (same stems): the Dice coefficient of their stem sets.
pub fn similarity(a: &str, b: &str) -> f32 {
    let (a, b) = (stems(a), stems(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.iter().filter(|s| b.binary_search(s).is_ok()).count();
    (2 * shared) as f32 / (a.len() + b.len()) as f32
}

/// The best similarity of `text` to any of `variants`.
pub fn best_similarity<'a, V: AsRef<str> + 'a>(text: &str, variants: impl IntoIterator<Item = &'a V>) -> f32 {
    variants.into_iter().map(|v| similarity(text, v.as_ref())).fold(0.0, f32::max)
}

/// Whether normalised `text` contains normalised `phrase` on word boundaries.
pub fn contains_phrase(text: &str, phrase: &str) -> bool {
    let (t, p) = (normalize(text), normalize(phrase));
    let (t, p) = (words(&t), words(&p));
    !p.is_empty() && t.windows(p.len()).any(|run| run == p)
}

/// Whether normalised `text` begins with normalised `phrase`, word for word, and says more after it
/// (a label followed by a name: "Prevent third-party sharing for myblog").
pub fn starts_with_phrase(text: &str, phrase: &str) -> bool {
    let (t, p) = (normalize(text), normalize(phrase));
    let (t, p) = (words(&t), words(&p));
    !p.is_empty() && t.len() > p.len() && t[..p.len()] == p[..]
}

/// What `text` says besides `phrases`: its normalised words with every whole-word run of a phrase
/// taken out, as the stretches between those runs (so that no phrase is read across a removed one).
pub fn beside_phrases<'a, V: AsRef<str> + 'a>(text: &str, phrases: impl IntoIterator<Item = &'a V>) -> Vec<String> {
    let normalized = normalize(text);
    let t = words(&normalized);
    let mut taken = vec![false; t.len()];
    for phrase in phrases {
        let p = normalize(phrase.as_ref());
        let p = words(&p);
        if p.is_empty() || p.len() > t.len() {
            continue;
        }
        for start in 0..=t.len() - p.len() {
            if t[start..start + p.len()] == p[..] {
                taken[start..start + p.len()].iter_mut().for_each(|w| *w = true);
            }
        }
    }
    let mut out: Vec<String> = Vec::new();
    let mut stretch = String::new();
    for (word, taken) in t.iter().zip(taken) {
        if taken {
            if !stretch.is_empty() {
                out.push(core::mem::take(&mut stretch));
            }
            continue;
        }
        if !stretch.is_empty() {
            stretch.push(' ');
        }
        stretch.push_str(word);
    }
    if !stretch.is_empty() {
        out.push(stretch);
    }
    out
}

/// The words of a normalised text. Phrases are compared as word lists, not by substring search:
/// the same result (normalised text has single spaces), and no string searcher in the wasm.
fn words(normalized: &str) -> Vec<&str> {
    normalized.split(' ').filter(|w| !w.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_case_accents_and_punctuation() {
        assert_eq!(normalize("  Données pour l'amélioration de l'IA générative "), "donnees pour l amelioration de l ia generative");
        assert_eq!(normalize("Daten zur Verbesserung generativer KI"), "daten zur verbesserung generativer ki");
        assert_eq!(normalize("Straße—Größe"), "strasse grosse");
    }

    #[test]
    fn reworded_label_still_matches_closely() {
        let known = "Use my data for training content creation AI models";
        assert!(similarity(known, "Use my data to train AI models that create content") > 0.75);
        assert!(similarity(known, "Allow LinkedIn to show me ads beyond LinkedIn") < 0.3);
    }

    #[test]
    fn identical_texts_score_one_and_empty_texts_zero() {
        assert_eq!(similarity("Age range", "age  RANGE"), 1.0);
        assert_eq!(similarity("", "Age range"), 0.0);
    }

    #[test]
    fn beside_phrases_takes_the_phrases_out_as_whole_words() {
        let labels = ["Ads off LinkedIn", "Ads beyond LinkedIn"];
        assert_eq!(beside_phrases("Ads off LinkedIn Change On ›", &labels), ["change on"]);
        assert_eq!(beside_phrases("Status: Ads off LinkedIn (On)", &labels), ["status", "on"]);
        assert_eq!(beside_phrases("Offline ads", &labels), ["offline ads"]);
        assert!(beside_phrases("Ads beyond LinkedIn", &labels).is_empty());
        assert_eq!(beside_phrases("Données … Désactivé", &["Données"]), ["desactive"]);
    }

    #[test]
    fn phrases_match_on_word_boundaries() {
        assert!(contains_phrase("This setting is not available in your region.", "not available in your region"));
        assert!(!contains_phrase("unavailable", "available"));
    }
}
