//! The Swedish text pipeline shared by the index and the browser: tokenize, drop stop words,
//! fold å ä ö, stem, and split compounds. Its data lives in `sv.json`, which is also shipped to
//! the browser inside every index, and `sok.js` mirrors these functions line for line; the cases
//! in `tests/search_cases.json` are run against both.

use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

pub const DATA: &str = include_str!("sv.json");

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Swedish {
    fold: HashMap<char, char>,
    stop_words: HashSet<String>,
    /// Suffixes tried longest first, each with what replaces it.
    suffixes: Vec<(String, String)>,
    min_stem: usize,
    rounds: usize,
    /// Letters that join the parts of a compound (utbildning-s-plan).
    linking: Vec<char>,
    min_part: usize,
    // The data's `synonyms` (query stems that also look for other stems) and `filler` (words
    // of a question that are indexed but do not decide a query's ranking) are for queries
    // only: the browser reads them from the data shipped in the index.
}

pub static SWEDISH: LazyLock<Swedish> = LazyLock::new(|| {
    let mut sv: Swedish = serde_json::from_str(DATA).expect("src/search/sv.json is valid");
    sv.suffixes.sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then_with(|| a.0.cmp(&b.0)));
    sv
});

impl Swedish {
    /// Lower-cased words and numbers. Digit groups of a number are joined ("130 000" and
    /// "130.000" → `130000`), and references keep their colon or comma ("2021:8", "5,5").
    pub fn tokenize(&self, text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().flat_map(char::to_lowercase).collect();
        let mut tokens = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            if !chars[i].is_alphanumeric() {
                i += 1;
                continue;
            }
            let mut token = String::new();
            while i < chars.len() {
                let c = chars[i];
                if c.is_alphanumeric() {
                    token.push(c);
                    i += 1;
                } else if is_number_joint(&chars, i, &token) {
                    if c == ':' || c == ',' {
                        token.push(c);
                    }
                    i += 1;
                } else {
                    break;
                }
            }
            tokens.push(token);
        }
        tokens
    }

    pub fn is_stop_word(&self, token: &str) -> bool {
        self.stop_words.contains(token)
    }

    pub fn fold(&self, token: &str) -> String {
        token.chars().map(|c| *self.fold.get(&c).unwrap_or(&c)).collect()
    }

    pub fn has_diacritics(&self, token: &str) -> bool {
        token.chars().any(|c| self.fold.contains_key(&c))
    }

    /// Strips inflection suffixes, at most `rounds` times, keeping at least `min_stem` letters,
    /// then drops a doubled final consonant (timmar, timme → tim). Numbers are left alone.
    pub fn stem(&self, token: &str) -> String {
        if token.chars().any(|c| c.is_ascii_digit()) {
            return token.to_owned();
        }
        let mut word = token.to_owned();
        for _ in 0..self.rounds {
            let length = word.chars().count();
            let Some((suffix, replacement)) = self
                .suffixes
                .iter()
                .find(|(s, _)| word.ends_with(s.as_str()) && length - s.chars().count() >= self.min_stem)
            else {
                break;
            };
            word.truncate(word.len() - suffix.len());
            word.push_str(replacement);
        }
        let mut last = word.chars().rev();
        if let (Some(b), Some(a)) = (last.next(), last.next())
            && a == b
            && !"aeiouyåäö".contains(a)
            && word.chars().count() > self.min_stem
        {
            word.pop();
        }
        word
    }

    /// The terms a text is indexed and searched under: folded stems of its words.
    pub fn terms(&self, text: &str) -> Vec<String> {
        self.tokenize(text).iter().filter(|t| !self.is_stop_word(t)).map(|t| self.stem(&self.fold(t))).collect()
    }

    /// The ways a folded word may split into two words, in the order they are tried: at each
    /// point from the left, the tail's stem, then the head's stem and the head as written,
    /// first whole and then without a linking letter (`utbildning-s-plan`). A word splits at
    /// the first way whose tail and head a region knows (the head by its stem or as written):
    /// `handledarutbildning` → `handledar` + `utbildning`.
    pub fn splits(&self, word: &str) -> Vec<[String; 3]> {
        // Byte offsets of the characters, and the end.
        let bounds: Vec<usize> = word.char_indices().map(|(i, _)| i).chain([word.len()]).collect();
        let letters = bounds.len() - 1;
        let mut splits = Vec::new();
        if letters < 2 * self.min_part || word.bytes().any(|b| b.is_ascii_digit()) {
            return splits;
        }
        for split in self.min_part..=letters - self.min_part {
            let tail = self.stem(&word[bounds[split]..]);
            let head = &word[..bounds[split]];
            let link = &word[bounds[split - 1]..bounds[split]];
            let without_link = (split > self.min_part && link.chars().all(|c| self.linking.contains(&c)))
                .then(|| &word[..bounds[split - 1]]);
            for candidate in std::iter::once(head).chain(without_link) {
                splits.push([tail.clone(), self.stem(candidate), candidate.to_owned()]);
            }
        }
        splits
    }
}

/// Whether the character at `i` joins two parts of one number token.
fn is_number_joint(chars: &[char], i: usize, token: &str) -> bool {
    let digits_before = !token.is_empty() && token.chars().all(|c| c.is_ascii_digit() || c == ':' || c == ',');
    if !digits_before || !chars[i - 1].is_ascii_digit() {
        return false;
    }
    let digits_after = chars[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
    match chars[i] {
        ':' | ',' => digits_after > 0,
        // A thousands separator: exactly three digits follow.
        ' ' | '\u{a0}' | '\u{202f}' | '.' => digits_after == 3 && chars.get(i + 4).is_none_or(|c| !c.is_alphanumeric()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Case {
        input: String,
        terms: Vec<String>,
    }

    /// The same cases run in the browser against `sok.js` (tests/search_browser.rs).
    #[test]
    fn shared_cases() {
        let cases: Vec<Case> = serde_json::from_str(include_str!("../../tests/search_cases.json")).unwrap();
        for case in cases {
            assert_eq!(SWEDISH.terms(&case.input), case.terms, "terms of {:?}", case.input);
        }
    }

    #[test]
    fn inflections_meet() {
        for group in [
            &["kompetens", "kompetensen", "kompetenser", "kompetenserna"][..],
            &["läkare", "läkaren", "läkarens", "läkarna"],
            &["handledare", "handledaren", "handledarna", "handledarens"],
            &["utbildningsplan", "utbildningsplanen", "utbildningsplaner"],
            &["timme", "timmar", "timmarna"],
            &["studierektor", "studierektorn", "studierektorns", "studierektorer"],
            &["hemvändardag", "hemvändardagar", "hemvändardagarna"],
        ] {
            let stems: HashSet<String> = group.iter().map(|w| SWEDISH.stem(&SWEDISH.fold(w))).collect();
            assert_eq!(stems.len(), 1, "{group:?} → {stems:?}");
        }
    }

    #[test]
    fn folding_lets_plain_letters_find_swedish_ones() {
        assert_eq!(SWEDISH.terms("hemvandardagar"), SWEDISH.terms("hemvändardagar"));
        assert_eq!(SWEDISH.terms("atgardsplan"), SWEDISH.terms("åtgärdsplan"));
        assert!(SWEDISH.has_diacritics("åtgärdsplan") && !SWEDISH.has_diacritics("plan"));
    }

    #[test]
    fn numbers_survive() {
        assert_eq!(SWEDISH.tokenize("högst 130 000 kr, 130.000 kronor"), ["högst", "130000", "kr", "130000", "kronor"]);
        assert_eq!(SWEDISH.tokenize("HSLF-FS 2021:8 och 5,5 år"), ["hslf", "fs", "2021:8", "och", "5,5", "år"]);
        assert_eq!(SWEDISH.tokenize("4 timmar, 10 veckor 2022"), ["4", "timmar", "10", "veckor", "2022"]);
        assert_eq!(SWEDISH.terms("år 2021"), ["ar", "2021"], "år is no stop word even though är is");
    }

    #[test]
    fn compounds_split_into_known_words() {
        let known: HashSet<&str> = ["utbildning", "handled", "plan", "tid", "studie"].into_iter().collect();
        let split = |word: &str| {
            SWEDISH
                .splits(word)
                .into_iter()
                .find(|[tail, stem, head]| {
                    known.contains(tail.as_str()) && (known.contains(stem.as_str()) || known.contains(head.as_str()))
                })
                .map(|[tail, _, head]| (head, tail))
        };
        assert_eq!(split("handledarutbildning"), Some(("handledar".into(), "utbildning".into())));
        assert_eq!(split("utbildningsplan"), Some(("utbildning".into(), "plan".into())));
        assert_eq!(split("kompetens"), None);
    }
}
