//! The Swedish text pipeline shared by the index and the browser: tokenize, drop stop words,
//! fold å ä ö, stem, and split compounds. Its data lives in `sv.json`, which is also shipped to
//! the browser inside every index, and `sok.js` mirrors these functions line for line; the cases
//! in `tests/search_cases.json` are run against both.

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

pub const DATA: &str = include_str!("sv.json");

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Swedish {
    fold: FxHashMap<char, char>,
    stop_words: FxHashSet<String>,
    /// Suffixes tried longest first, each with what replaces it.
    suffixes: Vec<(String, String)>,
    min_stem: usize,
    rounds: usize,
    /// Letters that join the parts of a compound (utbildning-s-plan).
    linking: Vec<char>,
    min_part: usize,
    /// The suffixes by their last letter, in the order they are tried, with their length in
    /// letters: a word is compared only with the suffixes it may end in.
    #[serde(skip)]
    endings: FxHashMap<char, Vec<(String, String, usize)>>,
    // The data's `synonyms` (query stems that also look for other stems) and `filler` (words
    // of a question that are indexed but do not decide a query's ranking) are for queries
    // only: the browser reads them from the data shipped in the index.
}

pub static SWEDISH: LazyLock<Swedish> = LazyLock::new(|| {
    let mut sv: Swedish = serde_json::from_str(DATA).expect("src/search/sv.json is valid");
    // The index passes over a compound's tail by its first three bytes, which its stem begins.
    assert!(sv.min_stem >= 3 && sv.min_part >= 3, "sv.json: stems and compound parts have at least three letters");
    sv.suffixes.sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then_with(|| a.0.cmp(&b.0)));
    for (suffix, replacement) in &sv.suffixes {
        assert!(suffix.starts_with(replacement.as_str()), "sv.json: the replacement of -{suffix} begins it");
        let last = suffix.chars().next_back().expect("sv.json: no suffix is empty");
        sv.endings.entry(last).or_default().push((suffix.clone(), replacement.clone(), suffix.chars().count()));
    }
    sv
});

impl Swedish {
    /// Lower-cased words and numbers. Digit groups of a number are joined ("130 000" and
    /// "130.000" → `130000`), and references keep their colon or comma ("2021:8", "5,5").
    pub fn tokenize(&self, text: &str) -> Vec<String> {
        let mut tokens = Vec::new();
        self.each_token(text, |token| tokens.push(token.to_owned()));
        tokens
    }

    /// Hands each token of `tokenize` to `found`, without keeping them.
    pub fn each_token(&self, text: &str, mut found: impl FnMut(&str)) {
        let mut chars = Lowered { chars: text.chars(), pending: None };
        let mut token = String::new();
        let mut previous = ' ';
        loop {
            // A run of ASCII letters and digits is taken whole.
            if chars.pending.is_none() {
                let rest = chars.chars.as_str();
                let run = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
                if run > 0 {
                    let from = token.len();
                    token.push_str(&rest[..run]);
                    token[from..].make_ascii_lowercase();
                    previous = char::from(rest.as_bytes()[run - 1]);
                    chars.chars = rest[run..].chars();
                    continue;
                }
            }
            let Some(c) = chars.next() else { break };
            if is_alphanumeric(c) {
                token.push(c);
            } else if !token.is_empty() && is_number_joint(previous, c, &token, chars.clone()) {
                if c == ':' || c == ',' {
                    token.push(c);
                }
            } else if !token.is_empty() {
                found(&token);
                token.clear();
            }
            previous = c;
        }
        if !token.is_empty() {
            found(&token);
        }
    }

    pub fn is_stop_word(&self, token: &str) -> bool {
        self.stop_words.contains(token)
    }

    pub fn fold(&self, token: &str) -> String {
        let mut folded = String::with_capacity(token.len());
        folded.extend(token.chars().map(|c| *self.fold.get(&c).unwrap_or(&c)));
        folded
    }

    pub fn has_diacritics(&self, token: &str) -> bool {
        token.chars().any(|c| self.fold.contains_key(&c))
    }

    /// Strips inflection suffixes, at most `rounds` times, keeping at least `min_stem` letters,
    /// then drops a doubled final consonant (timmar, timme → tim). Numbers are left alone.
    pub fn stem(&self, token: &str) -> String {
        self.stem_of(token).to_owned()
    }

    /// The stem of a token as the part of it the stem is: every suffix's replacement begins
    /// the suffix (`igt` → `ig`), so a stem always begins its word.
    pub fn stem_of<'t>(&self, token: &'t str) -> &'t str {
        if token.bytes().any(|b| b.is_ascii_digit()) {
            return token;
        }
        let mut word = token;
        let mut length = word.chars().count();
        for _ in 0..self.rounds {
            let Some(last) = word.chars().next_back() else { break };
            let Some((suffix, replacement, letters)) = self.endings.get(&last).and_then(|suffixes| {
                suffixes.iter().find(|(s, _, n)| word.ends_with(s.as_str()) && length - n >= self.min_stem)
            }) else {
                break;
            };
            word = &word[..word.len() - suffix.len() + replacement.len()];
            length = length - letters + replacement.chars().count();
        }
        let mut last = word.chars().rev();
        if let (Some(b), Some(a)) = (last.next(), last.next())
            && a == b
            && !"aeiouyåäö".contains(a)
            && length > self.min_stem
        {
            word = &word[..word.len() - b.len_utf8()];
        }
        word
    }

    /// The terms a text is indexed and searched under: folded stems of its words.
    pub fn terms(&self, text: &str) -> Vec<String> {
        self.tokenize(text).iter().filter(|t| !self.is_stop_word(t)).map(|t| self.stem(&self.fold(t))).collect()
    }

    /// The ways a folded word may split into two words, as (head, tail), in the order they are
    /// tried: at each point from the left, the head first whole and then without a linking
    /// letter (`utbildning-s-plan`). A word splits at the first way whose tail's stem a region
    /// knows, and its head by its stem or as written: `handledarutbildning` → `handledar` +
    /// `utbildning`.
    pub fn splits<'a>(&'a self, word: &'a str) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        let letters = word.chars().count();
        let last = if letters < 2 * self.min_part || word.bytes().any(|b| b.is_ascii_digit()) {
            0
        } else {
            letters - self.min_part
        };
        // Each split point with the start of the letter before it, counted in letters from 1.
        let starts = word.char_indices().map(|(at, _)| at);
        let points = starts.clone().zip(starts.skip(1)).enumerate().map(|(before, bounds)| (before + 1, bounds));
        points.filter(move |&(split, _)| split >= self.min_part && split <= last).flat_map(
            move |(split, (link, at))| {
                let tail = &word[at..];
                let linked = split > self.min_part && word[link..at].chars().all(|c| self.linking.contains(&c));
                std::iter::once((&word[..at], tail)).chain(linked.then(|| (&word[..link], tail)))
            },
        )
    }
}

/// The lower-cased characters of a text, one by one.
#[derive(Clone)]
struct Lowered<'t> {
    chars: std::str::Chars<'t>,
    /// The rest of a character that lower-cases to more than one.
    pending: Option<std::char::ToLowercase>,
}

impl Iterator for Lowered<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        if let Some(rest) = &mut self.pending {
            match rest.next() {
                Some(c) => return Some(c),
                None => self.pending = None,
            }
        }
        let c = self.chars.next()?;
        if c.is_ascii() {
            return Some(c.to_ascii_lowercase());
        }
        // Latin-1's letters (å, ä, ö, é): each capital lies 32 below its small letter.
        match c {
            'ß'..='ÿ' => return Some(c),
            'À'..='Þ' if c != '×' => return char::from_u32(c as u32 + 32),
            _ => {}
        }
        let mut lower = c.to_lowercase();
        let first = lower.next();
        self.pending = Some(lower);
        first
    }
}

/// `char::is_alphanumeric`, answered at once for ASCII and Latin-1's letters.
fn is_alphanumeric(c: char) -> bool {
    match c {
        c if c.is_ascii() => c.is_ascii_alphanumeric(),
        'À'..='ÿ' => c != '×' && c != '÷',
        c => c.is_alphanumeric(),
    }
}

/// Whether `c`, after `previous` and followed by `after`, joins two parts of one number token.
fn is_number_joint(previous: char, c: char, token: &str, mut after: Lowered) -> bool {
    if !previous.is_ascii_digit() || !token.bytes().all(|b| b.is_ascii_digit() || b == b':' || b == b',') {
        return false;
    }
    let mut digits_after = 0;
    let mut next = after.next();
    while next.is_some_and(|c| c.is_ascii_digit()) {
        digits_after += 1;
        next = after.next();
        if digits_after == 3 && c != ':' && c != ',' {
            break;
        }
    }
    match c {
        ':' | ',' => digits_after > 0,
        // A thousands separator: exactly three digits follow.
        ' ' | '\u{a0}' | '\u{202f}' | '.' => digits_after == 3 && next.is_none_or(|c| !c.is_alphanumeric()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

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

    /// The shortcuts for ASCII and Latin-1 answer as the standard library does, for every
    /// character that has them.
    #[test]
    fn shortcuts_agree_with_unicode() {
        for c in ('\0'..='\u{17f}').chain(['İ', 'Σ', 'ẞ']) {
            let text = c.to_string();
            let lowered: String = Lowered { chars: text.chars(), pending: None }.collect();
            assert_eq!(lowered, c.to_lowercase().to_string(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
        assert_eq!(SWEDISH.tokenize("ÅTGÄRDSPLAN Über ÉN"), ["åtgärdsplan", "über", "én"]);
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
                .find(|(head, tail)| {
                    known.contains(SWEDISH.stem(tail).as_str())
                        && (known.contains(SWEDISH.stem(head).as_str()) || known.contains(head))
                })
                .map(|(head, tail)| (head.to_owned(), SWEDISH.stem(tail)))
        };
        assert_eq!(split("handledarutbildning"), Some(("handledar".into(), "utbildning".into())));
        assert_eq!(split("utbildningsplan"), Some(("utbildning".into(), "plan".into())));
        assert_eq!(split("kompetens"), None);
    }
}
