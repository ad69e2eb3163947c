//! Index: one search document per section of every page (split at its headings and glossary
//! terms), indexed through our Swedish pipeline (each field's stems counted per document), then written as small files
//! the browser loads on demand: a meta file with the pipeline's data, term shards by
//! three-letter prefix, and chunks of documents. Every file is emitted as `.json` and as `.js`
//! (so search works opened from disk).

pub mod swedish;

use crate::ids;
use crate::model::PageKind;
use crate::output::{Origin, Output};
use crate::page::{PageDoc, SectionKind};
use crate::site::Page;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use swedish::SWEDISH;

/// Fields in the order the browser scores them, with their weights.
pub const FIELDS: &[(&str, f64)] = &[("titel", 3.0), ("rubrik", 2.0), ("text", 1.0), ("delar", 0.6), ("exakt", 0.5)];
/// The field of compound parts, which depend on every word of the region.
const PARTS: usize = 3;
/// Documents per chunk file: a first search loads only the chunks of its top hits.
const DOCS_PER_CHUNK: usize = 25;
/// Raw bytes a term shard grows to before a new one starts (a prefix is never split).
const SHARD_BYTES: usize = 48 * 1024;
/// Characters of a section's text shipped for its snippet (all of it is indexed).
const TEXT_CHARS: usize = 800;

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
}

/// A page's part of its region's index: its sections as documents, each with the terms of
/// every field but the compound parts, and its words, from which the parts are found once the
/// region's vocabulary is known. Made once per page document and kept by the preview.
pub struct PageEntries {
    docs: Vec<Document>,
    /// Per document and field, each term with how often it occurs.
    terms: Vec<Vec<Counts>>,
    /// Per document, each folded word with its stem and how often it occurs.
    words: Vec<Vec<(String, String, u32)>>,
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
pub fn entries(page: &Page, doc: &PageDoc, roles: &[(String, Vec<String>)]) -> PageEntries {
    let front = &page.source.front;
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
            .map(|r| format!("{}: {}", r.basis.label(), r.text))
            .collect();
        sections.push((Some((theme.anchor(), format!("Ansvar: {}", theme.label()))), text.join(" ")));
    }
    for point in &front.points {
        sections.push((Some((point.id.clone(), point.text.clone())), String::new()));
    }
    let (mut docs, mut terms, mut all_words) = (Vec::new(), Vec::new(), Vec::new());
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
        let (fields, words) = document_terms(&front.title, &section, &text);
        // A section concerns a role whose title's terms all stand in its heading or text.
        let own: HashSet<&str> = fields[1].iter().chain(&fields[2]).map(|(term, _)| term.as_str()).collect();
        let concerned: Vec<String> = roles
            .iter()
            .filter(|(id, title)| Some(id.as_str()) == own_role || title.iter().all(|t| own.contains(t.as_str())))
            .map(|(id, _)| id.clone())
            .collect();
        let url = if anchor.is_empty() { page.url.clone() } else { format!("{}#{anchor}", page.url) };
        docs.push(Document { url, title: front.title.clone(), section, kind, roles: concerned, text });
        terms.push(fields);
        all_words.push(words);
    }
    PageEntries { docs, terms, words: all_words }
}

/// Counts terms, sorted by term.
fn counted(terms: impl IntoIterator<Item = String>) -> Counts {
    let mut counts: BTreeMap<String, u32> = BTreeMap::new();
    for term in terms {
        *counts.entry(term).or_insert(0) += 1;
    }
    counts.into_iter().collect()
}

/// A document's terms per field (the compound parts left empty), and its folded words with
/// their stems.
fn document_terms(title: &str, section: &str, text: &str) -> (Vec<Counts>, Vec<(String, String, u32)>) {
    let all = format!("{title} {section} {text}");
    let fields = vec![
        counted(SWEDISH.terms(title)),
        counted(SWEDISH.terms(section)),
        counted(SWEDISH.terms(text)),
        Vec::new(),
        counted(SWEDISH.exact_words(&all).iter().map(|w| SWEDISH.stem(w))),
    ];
    let folded = SWEDISH.tokenize(&all).into_iter().filter(|t| !SWEDISH.is_stop_word(t)).map(|t| SWEDISH.fold(&t));
    let words = counted(folded).into_iter().map(|(word, n)| (word.clone(), SWEDISH.stem(&word), n)).collect();
    (fields, words)
}

/// Builds the region's index files under `<slug>/sok/` from its pages' entries; `sizes` also
/// measures what they weigh gzipped, for the build report.
pub fn index(slug: &str, pages: &[&PageEntries], sizes: bool) -> RegionIndex {
    // The stems of every word are the words compounds may be split into; each distinct word
    // is tried for a split once, and its parts stemmed once.
    let mut distinct: HashSet<&str> = HashSet::new();
    let mut known: HashSet<&str> = HashSet::new();
    for (word, stem, _) in pages.iter().flat_map(|p| p.words.iter().flatten()) {
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
    let mut parts: Vec<Counts> = Vec::new();
    let mut docs = Vec::new();
    for page in pages {
        for (doc, words) in page.docs.iter().zip(&page.words) {
            docs.push(doc);
            parts.push(counted(
                words.iter().filter_map(|(w, _, count)| Some((splits.get(w.as_str())?, *count))).flat_map(
                    |(stems, count)| {
                        stems.iter().flat_map(move |stem| std::iter::repeat_n(stem.clone(), count as usize))
                    },
                ),
            ));
        }
    }
    let mut n = 0;
    for page in pages {
        for fields in &page.terms {
            for (f, terms) in fields.iter().enumerate() {
                let terms = if f == PARTS { &parts[n] } else { terms };
                for (term, count) in terms {
                    let entry = postings.entry(term).or_insert_with(|| vec![Vec::new(); FIELDS.len()]);
                    entry[f].push((n, *count));
                }
            }
            n += 1;
        }
    }
    let mut postings: Vec<(&str, Lists)> = postings.into_iter().collect();
    postings.sort_unstable_by(|a, b| a.0.cmp(b.0));
    export(slug, &docs, &postings, sizes)
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

/// Writes the term shards and document chunks. A field's postings are numbers
/// `8 × (document − previous document) + min(count, 8) − 1`.
fn export(slug: &str, docs: &[&Document], postings: &Postings, sizes: bool) -> RegionIndex {
    let mut shards: Vec<String> = vec![String::new()];
    let mut keys: BTreeMap<String, usize> = BTreeMap::new();
    let mut last_key = String::new();
    for (term, fields) in postings {
        let key = shard_key(term);
        let current = shards.last_mut().unwrap();
        if key != last_key && current.len() > SHARD_BYTES {
            shards.push(String::new());
        }
        let lists: Vec<String> = fields
            .iter()
            .map(|list| {
                let mut previous = 0;
                let numbers: Vec<String> = list
                    .iter()
                    .map(|&(doc, count)| {
                        let code = 8 * (doc - previous) + count.clamp(1, 8) as usize - 1;
                        previous = doc;
                        code.to_string()
                    })
                    .collect();
                format!("[{}]", numbers.join(","))
            })
            .collect();
        let shard = shards.last_mut().unwrap();
        shard.push(if shard.is_empty() { '{' } else { ',' });
        shard.push_str(&format!("{}:[{}]", serde_json::to_string(term).unwrap_or_default(), lists.join(",")));
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
            let rows: Vec<Value> = chunk
                .iter()
                .map(|d| json!([d.url, d.title, d.section, d.kind, d.roles, snippet_text(&d.text)]))
                .collect();
            serde_json::to_string(&rows).expect("JSON serializes")
        })
        .collect();
    let sv: Value = serde_json::from_str(swedish::DATA).expect("sv.json is valid");
    let meta = json!({
        "version": 2,
        "documents": docs.len(),
        "docsPerChunk": DOCS_PER_CHUNK,
        "chunks": chunks.len(),
        "fields": FIELDS.iter().map(|(n, b)| json!([n, b])).collect::<Vec<_>>(),
        "shards": keys,
        // One letter per document, so a filter by kind applies before any document is loaded.
        "kinds": docs.iter().map(|d| d.kind.chars().next().unwrap_or('s')).collect::<String>(),
        "swedish": sv,
    });
    let mut files = vec![("meta".to_owned(), meta.to_string())];
    files.extend(shards.into_iter().enumerate().map(|(i, s)| (format!("t{i}"), s)));
    files.extend(chunks.into_iter().enumerate().map(|(i, c)| (format!("d{i}"), c)));
    let measured: Vec<(String, String, usize)> = files
        .into_par_iter()
        .map(|(name, data)| {
            let gz = if sizes { gzip_len(data.as_bytes()) } else { 0 };
            (name, data, gz)
        })
        .collect();
    let mut result = RegionIndex { outputs: Vec::new(), raw_bytes: 0, gzip_bytes: 0 };
    for (name, data, gz) in measured {
        let script = format!("sthandbokSok({},{data});\n", serde_json::to_string(&name).unwrap_or_default());
        result.raw_bytes += data.len();
        result.gzip_bytes += gz;
        result.outputs.push(Output::new(format!("{slug}/sok/{name}.json"), data.into_bytes(), Origin::SearchIndex));
        result.outputs.push(Output::new(format!("{slug}/sok/{name}.js"), script.into_bytes(), Origin::SearchIndex));
    }
    result
}

fn snippet_text(text: &str) -> String {
    text.chars().take(TEXT_CHARS).collect()
}

fn gzip_len(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let _ = encoder.write_all(bytes);
    encoder.finish().map_or(0, |v| v.len())
}
