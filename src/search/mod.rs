//! Index: one search document per section of every page (split at its headings and glossary
//! terms), indexed through our Swedish pipeline (each field's stems counted per document), then written as small files
//! the browser loads on demand: a meta file with the pipeline's data, term shards by
//! three-letter prefix, and chunks of documents. Every file is a script that hands its data to
//! the page (`sthandbokSok(name, data)`), so search works opened from disk as well as served,
//! and each is written once.

pub mod swedish;

use crate::ids;
use crate::model::{PageKind, Regulation, SearchWeight};
use crate::output::{Origin, Output};
use crate::page::{PageDoc, SectionKind};
use crate::site::Page;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::sync::{Arc, Mutex};
use swedish::SWEDISH;

/// Fields in the order the browser scores them, with their weights.
pub const FIELDS: &[(&str, f64)] = &[("titel", 3.0), ("rubrik", 2.0), ("text", 1.0), ("delar", 0.6), ("exakt", 0.5)];
/// The field of compound parts, which depend on every word of the region.
const PARTS: usize = 3;
/// Documents per chunk file: a first search loads only the chunks of its top hits.
const DOCS_PER_CHUNK: usize = 25;
/// Raw bytes a term shard grows to before a new one starts (a prefix is never split).
const SHARD_BYTES: usize = 48 * 1024;

/// One section of a page.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    /// Output path relative to the region root, with the section's anchor.
    pub url: String,
    pub title: String,
    pub section: String,
    pub kind: &'static str,
    pub roles: Vec<String>,
    pub text: String,
    /// Whether the page asks to come after other pages (`search: low`).
    pub low: bool,
}

/// A page's part of its region's index: its sections as documents, each with the terms of
/// every field but the compound parts, and its words, from which the parts are found once the
/// region's vocabulary is known. Made once per page document and kept by the preview.
pub struct PageEntries {
    docs: Vec<Document>,
    /// Per document, its terms and words.
    terms: Vec<Arc<DocTerms>>,
}

/// What one document is indexed under: per field, each term with how often it occurs, and
/// each folded word with its stem and how often it occurs.
pub struct DocTerms {
    fields: Vec<Counts>,
    words: Vec<(String, String, u32)>,
}

/// The terms of documents already analyzed in this build, by their text: a national page is
/// the same text in every region, and is analyzed once.
#[derive(Default)]
pub struct Analyzed(Mutex<HashMap<u64, Arc<DocTerms>>>);

impl Analyzed {
    fn terms(&self, title: &str, section: &str, text: &str) -> Arc<DocTerms> {
        let mut hasher = std::hash::DefaultHasher::new();
        (title, section, text).hash(&mut hasher);
        let key = hasher.finish();
        if let Some(found) = self.0.lock().expect("the analyzed terms").get(&key) {
            return found.clone();
        }
        let terms = Arc::new(document_terms(title, section, text));
        self.0.lock().expect("the analyzed terms").insert(key, terms.clone());
        terms
    }
}

/// Terms or words with how often each occurs, sorted.
type Counts = Vec<(String, u32)>;

/// What a region's search index weighs, all files together.
pub struct IndexSize {
    pub region: String,
    pub raw_bytes: usize,
    pub gzip_bytes: usize,
}

/// A region's index files, and their size for the build report.
pub struct RegionIndex {
    pub outputs: Vec<Output>,
    pub raw_bytes: usize,
    pub gzip_bytes: usize,
}

/// The roles of a region with the terms of their titles: a section whose terms include all of
/// a title's concerns that role.
pub fn roles(pages: &[Page]) -> Vec<(String, Vec<String>)> {
    pages
        .iter()
        .filter(|p| p.source.front.kind == PageKind::Roll)
        .filter_map(|p| Some((ids::role_id(p.path())?.to_owned(), SWEDISH.terms(&p.source.front.title))))
        .collect()
}

/// The search documents of one page: its sections (split at h2, h3 and glossary terms), then
/// a role's responsibilities by theme and the checklist's points.
pub fn entries(
    page: &Page,
    doc: &PageDoc,
    roles: &[(String, Vec<String>)],
    regulations: &[Regulation],
    analyzed: &Analyzed,
) -> PageEntries {
    let front = &page.source.front;
    if front.search == SearchWeight::Off {
        return PageEntries { docs: Vec::new(), terms: Vec::new() };
    }
    let kind = front.kind.name();
    let own_role = (front.kind == PageKind::Roll).then(|| ids::role_id(page.path())).flatten();
    let mut sections: Vec<(Option<(String, String)>, String)> = Vec::new();
    for section in &doc.sections {
        let split = matches!(section.kind, SectionKind::Lead | SectionKind::Term | SectionKind::Heading(2 | 3));
        match (split, sections.last_mut()) {
            (false, Some((_, text))) => {
                for part in [&section.heading, &section.text] {
                    if !part.is_empty() {
                        if !text.is_empty() {
                            text.push(' ');
                        }
                        text.push_str(part);
                    }
                }
            }
            _ => {
                let heading = section.anchor.clone().map(|id| (id, section.heading.clone()));
                sections.push((heading, section.text.clone()));
            }
        }
    }
    for theme in crate::page::themes_of(page.source) {
        let text: Vec<String> = front
            .responsibilities
            .iter()
            .filter(|r| r.theme == theme)
            .map(|r| format!("{}: {}", r.basis.shown(r.regulation.as_deref(), regulations), r.text))
            .collect();
        sections.push((Some((theme.anchor(), format!("Ansvar: {}", theme.label()))), text.join(" ")));
    }
    for point in &front.points {
        sections.push((Some((point.id.clone(), point.text.clone())), String::new()));
    }
    let (mut docs, mut terms) = (Vec::new(), Vec::new());
    for (heading, text) in sections {
        if heading.is_none() && text.trim().is_empty() && front.description.is_none() {
            continue;
        }
        let (anchor, section) = heading.unwrap_or_default();
        let text = if anchor.is_empty() && text.trim().is_empty() {
            front.description.clone().unwrap_or_default()
        } else {
            text
        };
        let analysis = analyzed.terms(&front.title, &section, &text);
        let fields = &analysis.fields;
        // A section concerns a role whose title's terms all stand in its heading or text.
        let own: HashSet<&str> = fields[1].iter().chain(&fields[2]).map(|(term, _)| term.as_str()).collect();
        let concerned: Vec<String> = roles
            .iter()
            .filter(|(id, title)| Some(id.as_str()) == own_role || title.iter().all(|t| own.contains(t.as_str())))
            .map(|(id, _)| id.clone())
            .collect();
        let url = if anchor.is_empty() { page.url.clone() } else { format!("{}#{anchor}", page.url) };
        let low = front.search == SearchWeight::Low;
        docs.push(Document { url, title: front.title.clone(), section, kind, roles: concerned, text, low });
        terms.push(analysis);
    }
    PageEntries { docs, terms }
}

/// Counts terms, sorted by term.
fn counted(terms: impl IntoIterator<Item = String>) -> Counts {
    let mut counts: BTreeMap<String, u32> = BTreeMap::new();
    for term in terms {
        *counts.entry(term).or_insert(0) += 1;
    }
    counts.into_iter().collect()
}

thread_local! {
    /// Each token's folded form and stem, once per thread: a handbook's vocabulary is small and
    /// its words recur on every page.
    static ANALYZED: std::cell::RefCell<HashMap<String, (String, String)>> = std::cell::RefCell::new(HashMap::new());
}

/// A document's terms per field (the compound parts left empty), and its folded words with
/// their stems. Each part is tokenized once, and each distinct token folded and stemmed once.
fn document_terms(title: &str, section: &str, text: &str) -> DocTerms {
    let analyze = |token: &str| -> (String, String) {
        ANALYZED.with_borrow_mut(|known| {
            if let Some(found) = known.get(token) {
                return found.clone();
            }
            let folded = SWEDISH.fold(token);
            let stem = SWEDISH.stem(&folded);
            known.insert(token.to_owned(), (folded.clone(), stem.clone()));
            (folded, stem)
        })
    };
    let mut fields = vec![Vec::new(); FIELDS.len()];
    let mut exact: Vec<String> = Vec::new();
    let mut words: BTreeMap<String, (String, u32)> = BTreeMap::new();
    for (f, part) in [title, section, text].into_iter().enumerate() {
        let tokens: Vec<String> = SWEDISH.tokenize(part).into_iter().filter(|t| !SWEDISH.is_stop_word(t)).collect();
        let mut terms = Vec::with_capacity(tokens.len());
        for token in &tokens {
            let (folded, stem) = analyze(token);
            if SWEDISH.has_diacritics(token) {
                exact.push(SWEDISH.stem(token));
            }
            words.entry(folded).or_insert_with(|| (stem.clone(), 0)).1 += 1;
            terms.push(stem);
        }
        fields[f] = counted(terms);
    }
    fields[FIELDS.len() - 1] = counted(exact);
    let words = words.into_iter().map(|(word, (stem, n))| (word, stem, n)).collect();
    DocTerms { fields, words }
}

/// Builds the region's index files under `<slug>/sok/` from its pages' entries.
pub fn index(slug: &str, pages: &[&PageEntries]) -> RegionIndex {
    // The stems of every word are the words compounds may be split into; each distinct word
    // is tried for a split once, and its parts stemmed once.
    let mut distinct: HashSet<&str> = HashSet::new();
    let mut known: HashSet<&str> = HashSet::new();
    for (word, stem, _) in pages.iter().flat_map(|p| p.terms.iter().flat_map(|t| &t.words)) {
        distinct.insert(word);
        known.insert(stem);
    }
    let splits: HashMap<&str, [String; 2]> = distinct
        .par_iter()
        .filter_map(|w| {
            let (head, tail) = SWEDISH.decompound(w, &known)?;
            Some((*w, [SWEDISH.stem(&head), SWEDISH.stem(&tail)]))
        })
        .collect();
    let mut postings: HashMap<&str, Lists> = HashMap::new();
    let mut docs = Vec::new();
    let mut parts: BTreeMap<&str, u32> = BTreeMap::new();
    for page in pages {
        for (doc, terms) in page.docs.iter().zip(&page.terms) {
            let n = docs.len();
            docs.push(doc);
            // The compound parts of the document's words, counted as often as the words occur.
            parts.clear();
            for (word, _, count) in &terms.words {
                for stem in splits.get(word.as_str()).into_iter().flatten() {
                    *parts.entry(stem).or_insert(0) += count;
                }
            }
            let fields = terms.fields.iter().enumerate().filter(|(f, _)| *f != PARTS);
            let own = fields.flat_map(|(f, counts)| counts.iter().map(move |(t, c)| (f, t.as_str(), *c)));
            for (f, term, count) in own.chain(parts.iter().map(|(t, c)| (PARTS, *t, *c))) {
                let entry = postings.entry(term).or_insert_with(|| vec![Vec::new(); FIELDS.len()]);
                entry[f].push((n, count));
            }
        }
    }
    let mut postings: Vec<(&str, Lists)> = postings.into_iter().collect();
    postings.sort_unstable_by(|a, b| a.0.cmp(b.0));
    export(slug, &docs, &postings)
}

/// Per field, (document, how many times the term occurs in it), by document.
type Lists = Vec<Vec<(usize, u32)>>;

/// Each term with its lists, by term.
type Postings<'a> = [(&'a str, Lists)];

/// The prefix a term is filed under: its first three letters. Query words of three letters or
/// more need one shard; shorter ones are looked up whole.
fn shard_key(term: &str) -> String {
    term.chars().take(3).collect()
}

/// Writes the term shards and document chunks. A term's postings are a string per field
/// (trailing empty ones left out) of numbers `8 × (document − previous document) + min(count, 8)
/// − 1`, in base 36, separated by spaces.
fn export(slug: &str, docs: &[&Document], postings: &Postings) -> RegionIndex {
    let mut shards: Vec<String> = vec![String::new()];
    let mut keys: BTreeMap<String, usize> = BTreeMap::new();
    let mut last_key = String::new();
    for (term, fields) in postings {
        let key = shard_key(term);
        let current = shards.last_mut().unwrap();
        if key != last_key && current.len() > SHARD_BYTES {
            shards.push(String::new());
        }
        let shard = shards.last_mut().unwrap();
        shard.push(if shard.is_empty() { '{' } else { ',' });
        shard.push_str(&serde_json::to_string(term).unwrap_or_default());
        shard.push_str(":[");
        // Trailing empty fields are left out.
        let used = fields.iter().rposition(|list| !list.is_empty()).map_or(0, |last| last + 1);
        for (f, list) in fields[..used].iter().enumerate() {
            if f > 0 {
                shard.push(',');
            }
            shard.push('"');
            let mut previous = 0;
            for (i, &(doc, count)) in list.iter().enumerate() {
                if i > 0 {
                    shard.push(' ');
                }
                let code = 8 * (doc - previous) + count.clamp(1, 8) as usize - 1;
                previous = doc;
                push_base36(shard, code);
            }
            shard.push('"');
        }
        shard.push(']');
        keys.insert(key.clone(), shards.len() - 1);
        last_key = key;
    }
    for shard in &mut shards {
        shard.push(if shard.is_empty() { '{' } else { '}' });
        if shard == "{" {
            shard.push('}');
        }
    }
    let chunks: Vec<String> = docs
        .chunks(DOCS_PER_CHUNK)
        .map(|chunk| {
            // A row names its page's title and address only where they change: the sections of
            // one page follow each other, so most rows give `0` for the title and `#anchor` for
            // the address. Its kind is in the meta file. The whole text is shipped, so a
            // snippet can show the passage where the query's words meet.
            let mut previous: Option<(&str, &str)> = None;
            let rows: Vec<Value> = chunk
                .iter()
                .map(|d| {
                    let (page, anchor) = d.url.split_once('#').map_or((d.url.as_str(), None), |(p, a)| (p, Some(a)));
                    let same = previous.is_some_and(|(p, t)| p == page && t == d.title);
                    previous = Some((page, &d.title));
                    let url = match (same, anchor) {
                        (true, Some(anchor)) => Value::from(format!("#{anchor}")),
                        _ => Value::from(d.url.as_str()),
                    };
                    let title = if same { Value::from(0) } else { Value::from(d.title.as_str()) };
                    json!([url, title, d.section, d.roles, d.text])
                })
                .collect();
            serde_json::to_string(&rows).expect("JSON serializes")
        })
        .collect();
    let sv: Value = serde_json::from_str(swedish::DATA).expect("sv.json is valid");
    let meta = json!({
        "version": 3,
        "documents": docs.len(),
        "docsPerChunk": DOCS_PER_CHUNK,
        "chunks": chunks.len(),
        "fields": FIELDS.iter().map(|(n, b)| json!([n, b])).collect::<Vec<_>>(),
        "shards": keys,
        // One letter per document, so a filter by kind applies before any document is loaded.
        "kinds": docs.iter().map(|d| d.kind.chars().next().unwrap_or('s')).collect::<String>(),
        // The documents of pages that ask to come after others (`search: low`).
        "low": docs.iter().enumerate().filter(|(_, d)| d.low).map(|(i, _)| i).collect::<Vec<_>>(),
        "swedish": sv,
    });
    let mut files = vec![("meta".to_owned(), meta.to_string())];
    files.extend(shards.into_iter().enumerate().map(|(i, s)| (format!("t{i}"), s)));
    files.extend(chunks.into_iter().enumerate().map(|(i, c)| (format!("d{i}"), c)));
    let mut result = RegionIndex { outputs: Vec::new(), raw_bytes: 0, gzip_bytes: 0 };
    for (name, data) in files {
        let script = format!("sthandbokSok({},{data});\n", serde_json::to_string(&name).unwrap_or_default());
        result.raw_bytes += script.len();
        result.outputs.push(Output::new(format!("{slug}/sok/{name}.js"), script.into_bytes(), Origin::SearchIndex));
    }
    result
}

impl RegionIndex {
    /// Measures what the files weigh gzipped, for the detailed build report.
    pub fn measure_gzip(&mut self) {
        self.gzip_bytes = self.outputs.par_iter().map(|o| gzip_len(&o.bytes)).sum();
    }
}

/// Writes `n` in base 36 (digits, then a–z), as JavaScript's `parseInt(text, 36)` reads it.
fn push_base36(out: &mut String, mut n: usize) {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut buffer = [0u8; 16];
    let mut at = buffer.len();
    loop {
        at -= 1;
        buffer[at] = DIGITS[n % 36];
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&buffer[at..]).expect("ASCII digits"));
}

fn gzip_len(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let _ = encoder.write_all(bytes);
    encoder.finish().map_or(0, |v| v.len())
}
