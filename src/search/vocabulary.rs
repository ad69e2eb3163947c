//! The vocabulary of a build: every word, stem and compound part numbered once, and every
//! section analyzed once. Regions then index by number: a national page is the same text in
//! every region, and a preview keeps the numbers from one build to the next, so the entries it
//! reuses stay valid.

use super::FIELDS;
use super::swedish::SWEDISH;
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard};

/// A word's or term's number in the vocabulary.
pub type Id = u32;

/// Terms or words with how often each occurs, by id.
pub type Counts = Vec<(Id, u32)>;

/// What one document is indexed under: per field, each term with how often it occurs (the
/// compound parts left empty: they depend on the region's words), and its words; and its text
/// as a JSON string, written into every region's index as it is.
pub struct DocTerms {
    pub fields: Vec<Counts>,
    pub words: Vec<Word>,
    pub text_json: String,
}

/// A word of a document: as written (lower-cased), folded, its stem, and how often it occurs.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Word {
    pub written: Id,
    pub folded: Id,
    pub stem: Id,
    pub count: u32,
}

impl DocTerms {
    /// Whether a term stands in the document's heading or text.
    pub fn mentions(&self, term: Id) -> bool {
        self.fields[1..3].iter().any(|counts| counts.binary_search_by_key(&term, |&(t, _)| t).is_ok())
    }
}

#[derive(Default)]
pub struct Vocabulary {
    strings: RwLock<Strings>,
    /// Sections analyzed so far, by a hash of their title, heading and text.
    sections: Mutex<HashMap<u64, Arc<DocTerms>>>,
}

#[derive(Default)]
struct Strings {
    ids: FxHashMap<Arc<str>, Id>,
    text: Vec<Arc<str>>,
    /// Each token seen.
    tokens: FxHashMap<Box<str>, Token>,
}

/// What a token is: a word with its own stem if it has å, ä or ö, or nothing (a stop word).
type Token = Option<(Word, Option<Id>)>;

impl Strings {
    fn id(&mut self, text: &str) -> Id {
        if let Some(&id) = self.ids.get(text) {
            return id;
        }
        let id = Id::try_from(self.text.len()).expect("fewer than 2^32 distinct words");
        let text: Arc<str> = Arc::from(text);
        self.text.push(text.clone());
        self.ids.insert(text, id);
        id
    }

    fn token(&mut self, token: &str) -> Token {
        if let Some(&found) = self.tokens.get(token) {
            return found;
        }
        if SWEDISH.is_stop_word(token) {
            self.tokens.insert(token.into(), None);
            return None;
        }
        let folded = SWEDISH.fold(token);
        let stem = SWEDISH.stem(&folded);
        let exact = SWEDISH.has_diacritics(token).then(|| self.id(&SWEDISH.stem(token)));
        let word = Word { written: self.id(token), folded: self.id(&folded), stem: self.id(&stem), count: 0 };
        let found = Some((word, exact));
        self.tokens.insert(token.into(), found);
        found
    }
}

impl Vocabulary {
    /// The ids of terms, giving new ones where needed.
    pub fn ids(&self, terms: &[String]) -> Vec<Id> {
        let mut strings = self.write();
        terms.iter().map(|t| strings.id(t)).collect()
    }

    /// The text of each id.
    pub fn texts(&self, ids: impl Iterator<Item = Id>) -> Vec<Arc<str>> {
        let strings = self.read();
        ids.map(|id| strings.text[id as usize].clone()).collect()
    }

    /// The terms of a section, analyzed once however many regions show it; kept for later
    /// only if asked to `remember`.
    pub fn terms(&self, title: &str, section: &str, text: &str, remember: bool) -> Arc<DocTerms> {
        if !remember {
            return Arc::new(self.analyze([title, section, text]));
        }
        let mut hasher = std::hash::DefaultHasher::new();
        (title, section, text).hash(&mut hasher);
        let key = hasher.finish();
        if let Some(found) = self.sections.lock().expect("the analyzed sections").get(&key) {
            return found.clone();
        }
        let terms = Arc::new(self.analyze([title, section, text]));
        self.sections.lock().expect("the analyzed sections").insert(key, terms.clone());
        terms
    }

    /// Tokenizes each part, then looks the tokens up under a shared lock, numbering the ones
    /// never seen before under an exclusive one.
    fn analyze(&self, parts: [&str; 3]) -> DocTerms {
        // Every part's tokens, one after the other in one buffer, and where each ends.
        let mut tokens = String::with_capacity(parts.iter().map(|p| p.len()).sum());
        let mut ends: [Vec<usize>; 3] = parts.map(|p| Vec::with_capacity(p.len() / 6));
        for (part, ends) in parts.iter().zip(&mut ends) {
            SWEDISH.each_token(part, |token| {
                tokens.push_str(token);
                ends.push(tokens.len());
            });
        }
        let spans = || {
            let mut start = 0;
            ends.iter().flatten().map(move |&end| std::mem::replace(&mut start, end)..end)
        };
        let mut known: Vec<Option<Token>> = {
            let strings = self.read();
            spans().map(|span| strings.tokens.get(&tokens[span]).copied()).collect()
        };
        if known.iter().any(Option::is_none) {
            let mut strings = self.write();
            for (known, span) in known.iter_mut().zip(spans()).filter(|(k, _)| k.is_none()) {
                *known = Some(strings.token(&tokens[span]));
            }
        }
        let mut fields = vec![Vec::new(); FIELDS.len()];
        let mut exact = Vec::new();
        let mut words: Vec<Word> = Vec::with_capacity(known.len());
        let mut known = known.into_iter().flatten();
        for (f, ends) in ends.iter().enumerate() {
            let mut terms = Vec::with_capacity(ends.len());
            for (word, own) in known.by_ref().take(ends.len()).flatten() {
                exact.extend(own);
                words.push(Word { count: 1, ..word });
                terms.push(word.stem);
            }
            fields[f] = counted(terms);
        }
        fields[FIELDS.len() - 1] = counted(exact);
        // Each word once, with how often it occurs; a written form decides the rest, so the
        // words are sorted by it alone.
        words.sort_unstable_by_key(|word| word.written);
        words.dedup_by(|later, first| {
            later.written == first.written && {
                first.count += later.count;
                true
            }
        });
        let mut text_json = String::new();
        super::push_json_string(&mut text_json, parts[2]);
        DocTerms { fields, words, text_json }
    }

    fn read(&self) -> RwLockReadGuard<'_, Strings> {
        self.strings.read().expect("the vocabulary")
    }

    fn write(&self) -> RwLockWriteGuard<'_, Strings> {
        self.strings.write().expect("the vocabulary")
    }
}

/// Counts ids, sorted by id.
fn counted(mut ids: Vec<Id>) -> Counts {
    ids.sort_unstable();
    let mut counts: Counts = Vec::new();
    for id in ids {
        match counts.last_mut() {
            Some((last, n)) if *last == id => *n += 1,
            _ => counts.push((id, 1)),
        }
    }
    counts
}
