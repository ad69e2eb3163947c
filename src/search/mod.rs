//! Index: one search document per section of every page (split at its headings and glossary
//! terms), indexed with elasticlunr-rs through our Swedish pipeline, then written as small files
//! the browser loads on demand: a meta file with the pipeline's data, term shards by
//! three-letter prefix, and chunks of documents. Every file is emitted as `.json` and as `.js`
//! (so search works opened from disk).

pub mod swedish;

use crate::markdown::{self, Rendered, slugify};
use crate::model::{PageKind, Theme};
use crate::render::Output;
use crate::site::RegionSite;
use elasticlunr::pipeline::{Pipeline, PipelineFn};
use elasticlunr::{IndexBuilder, Language};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use swedish::SWEDISH;

/// Fields in the order the browser scores them, with their weights.
pub const FIELDS: &[(&str, f64)] = &[("titel", 3.0), ("rubrik", 2.0), ("text", 1.0), ("delar", 0.6), ("exakt", 0.5)];
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

/// A region's index files, and their size for the build report.
pub struct RegionIndex {
    pub outputs: Vec<Output>,
    pub raw_bytes: usize,
    pub gzip_bytes: usize,
}

pub fn documents(site: &RegionSite, bodies: &[Rendered]) -> Vec<Document> {
    let roles: Vec<(String, Vec<String>)> = site
        .pages
        .iter()
        .filter(|p| p.source.front.kind == PageKind::Roll)
        .filter_map(|p| {
            let id = p.path().strip_prefix("roller/")?.strip_suffix(".md")?.to_owned();
            Some((id, SWEDISH.terms(&p.source.front.title)))
        })
        .collect();
    let mut docs = Vec::new();
    for (page, body) in site.pages.iter().zip(bodies) {
        let front = &page.source.front;
        let kind = match front.kind {
            PageKind::Sida => "sida",
            PageKind::Roll => "roll",
            PageKind::Checklista => "checklista",
            PageKind::Avtal => "avtal",
        };
        let own_role =
            (front.kind == PageKind::Roll).then(|| page.path().trim_start_matches("roller/").trim_end_matches(".md"));
        let mut sections = split_sections(&body.html);
        if !front.responsibilities.is_empty() {
            let mut themes: Vec<Theme> = front.responsibilities.iter().map(|r| r.theme).collect();
            themes.sort();
            themes.dedup();
            for theme in themes {
                let text: Vec<String> = front
                    .responsibilities
                    .iter()
                    .filter(|r| r.theme == theme)
                    .map(|r| format!("{}: {}", r.basis.label(), r.text))
                    .collect();
                let id = format!("ansvar-{}", slugify(theme.label()));
                sections.push((Some((id, format!("Ansvar: {}", theme.label()))), text.join(" ")));
            }
        }
        for point in &front.points {
            sections.push((Some((point.id.clone(), point.text.clone())), String::new()));
        }
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
            let terms: HashSet<String> = SWEDISH.terms(&format!("{section} {text}")).into_iter().collect();
            let mut concerned: Vec<String> = roles
                .iter()
                .filter(|(id, title)| Some(id.as_str()) == own_role || title.iter().all(|t| terms.contains(t)))
                .map(|(id, _)| id.clone())
                .collect();
            concerned.dedup();
            let url = if anchor.is_empty() { page.url.clone() } else { format!("{}#{anchor}", page.url) };
            docs.push(Document { url, title: front.title.clone(), section, kind, roles: concerned, text });
        }
    }
    docs
}

/// Splits a page body's HTML at its `<h2>` and `<h3>` headings and glossary terms (`<dt>`)
/// into (anchor and heading, text).
fn split_sections(html: &str) -> Vec<(Option<(String, String)>, String)> {
    const STARTS: [&str; 3] = ["<h2 id=\"", "<h3 id=\"", "<dt id=\""];
    let mut sections = vec![(None, String::new())];
    let mut rest = html;
    while let Some((start, tag)) = STARTS.iter().filter_map(|tag| Some((rest.find(tag)?, tag))).min() {
        sections.last_mut().unwrap().1.push_str(&markdown::text_of_html(&rest[..start]));
        let after = &rest[start + tag.len()..];
        let id = after[..after.find('"').unwrap_or(0)].to_owned();
        let close = after.find(&format!("</{}>", &tag[1..3])).unwrap_or(after.len());
        let heading_html = &after[after.find('>').map_or(0, |i| i + 1)..close];
        sections.push((Some((id, markdown::text_of_html(heading_html))), String::new()));
        rest = after.get(close..).unwrap_or_default();
    }
    sections.last_mut().unwrap().1.push_str(&markdown::text_of_html(rest));
    let collapse = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    sections.into_iter().map(|(h, t)| (h.map(|(id, heading)| (id, collapse(&heading))), collapse(&t))).collect()
}

/// elasticlunr's language hooks, filled with our Swedish pipeline. Stop words and folding
/// happen in the tokenizer because `år` must survive although `är` is a stop word; the
/// pipeline stems.
struct SwedishLanguage;

impl Language for SwedishLanguage {
    fn name(&self) -> String {
        "Swedish".into()
    }
    fn code(&self) -> String {
        "sv".into()
    }
    fn tokenize(&self, text: &str) -> Vec<String> {
        SWEDISH.tokenize(text).into_iter().filter(|t| !SWEDISH.is_stop_word(t)).map(|t| SWEDISH.fold(&t)).collect()
    }
    fn make_pipeline(&self) -> Pipeline {
        Pipeline { queue: vec![Box::new(Stemmer)] }
    }
}

struct Stemmer;

impl PipelineFn for Stemmer {
    fn name(&self) -> String {
        "stemmer-sv-sthandbok".into()
    }
    fn filter(&self, token: String) -> Option<String> {
        Some(SWEDISH.stem(&token))
    }
}

/// Builds the region's index files under `<slug>/sok/`.
pub fn index(slug: &str, docs: &[Document]) -> RegionIndex {
    // The folded words of each document, once; their stems are the words compounds may be
    // split into, and each distinct word is tried for a split once.
    let words: Vec<Vec<String>> = docs
        .par_iter()
        .map(|d| {
            let all = format!("{} {} {}", d.title, d.section, d.text);
            SWEDISH.tokenize(&all).into_iter().filter(|t| !SWEDISH.is_stop_word(t)).map(|t| SWEDISH.fold(&t)).collect()
        })
        .collect();
    let distinct: HashSet<&str> = words.iter().flatten().map(String::as_str).collect();
    let known: HashSet<String> = distinct.par_iter().map(|w| SWEDISH.stem(w)).collect();
    let splits: HashMap<&str, (String, String)> =
        distinct.par_iter().filter_map(|w| Some((*w, SWEDISH.decompound(w, &known)?))).collect();
    // elasticlunr-rs builds one index at a time; give each core a slice of the documents and
    // merge the slices' postings, which keeps them ordered by document.
    let slice = docs.len().div_ceil(rayon::current_num_threads()).max(64);
    let slices: Vec<Postings> = (0..docs.len())
        .step_by(slice)
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|first| {
            let mut index = elasticlunr_index();
            for n in first..(first + slice).min(docs.len()) {
                let doc = &docs[n];
                let all = format!("{} {} {}", doc.title, doc.section, doc.text);
                let parts: Vec<&str> = words[n]
                    .iter()
                    .filter_map(|w| splits.get(w.as_str()))
                    .flat_map(|(head, tail)| [head.as_str(), tail.as_str()])
                    .collect();
                index.add_doc(&n.to_string(), [&doc.title, &doc.section, &doc.text, &parts.join(" "), &all]);
            }
            postings(&serde_json::to_value(&index).expect("an index serializes"))
        })
        .collect();
    let mut merged = Postings::new();
    for slice in slices {
        for (term, fields) in slice {
            let entry = merged.entry(term).or_insert_with(|| vec![Vec::new(); FIELDS.len()]);
            for (all, more) in entry.iter_mut().zip(fields) {
                all.extend(more);
            }
        }
    }
    export(slug, docs, &merged)
}

/// term → per field, (document, how many times the term occurs in it), by document.
type Postings = BTreeMap<String, Vec<Vec<(usize, u32)>>>;

fn elasticlunr_index() -> elasticlunr::Index {
    let mut builder = IndexBuilder::with_language(Box::new(SwedishLanguage)).save_docs(false).set_ref("id");
    for (name, _) in FIELDS {
        builder = match *name {
            "exakt" => builder.add_field_with_tokenizer(name, Box::new(|text: &str| SWEDISH.exact_words(text))),
            // Parts are folded words already; the tokenizer only splits them.
            "delar" => builder.add_field_with_tokenizer(
                name,
                Box::new(|text: &str| text.split(' ').filter(|s| !s.is_empty()).map(str::to_owned).collect()),
            ),
            _ => builder.add_field(name),
        };
    }
    builder.build()
}

/// Reads the postings out of elasticlunr's serialized index, a character trie per field.
fn postings(index: &Value) -> Postings {
    let mut postings = Postings::new();
    for (f, (name, _)) in FIELDS.iter().enumerate() {
        let mut stack: Vec<(String, &Value)> = vec![(String::new(), &index["index"][name]["root"])];
        while let Some((term, node)) = stack.pop() {
            let Some(object) = node.as_object() else { continue };
            for (key, child) in object {
                match key.as_str() {
                    "docs" => {
                        let Some(list) = child.as_object().filter(|l| !l.is_empty()) else {
                            continue;
                        };
                        let entry = postings.entry(term.clone()).or_insert_with(|| vec![Vec::new(); FIELDS.len()]);
                        // elasticlunr stores √count as the term frequency.
                        entry[f].extend(list.iter().map(|(r, tf)| {
                            let tf = tf["tf"].as_f64().unwrap_or(1.0);
                            (r.parse().unwrap_or(0), (tf * tf).round() as u32)
                        }));
                        entry[f].sort_unstable();
                    }
                    "df" => {}
                    letter => stack.push((format!("{term}{letter}"), child)),
                }
            }
        }
    }
    postings
}

/// The prefix a term is filed under: its first three letters. Query words of three letters or
/// more need one shard; shorter ones are looked up whole.
fn shard_key(term: &str) -> String {
    term.chars().take(3).collect()
}

/// Writes the term shards and document chunks. A field's postings are numbers
/// `8 × (document − previous document) + min(count, 8) − 1`.
fn export(slug: &str, docs: &[Document], postings: &Postings) -> RegionIndex {
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
            let gz = gzip_len(data.as_bytes());
            (name, data, gz)
        })
        .collect();
    let mut result = RegionIndex { outputs: Vec::new(), raw_bytes: 0, gzip_bytes: 0 };
    for (name, data, gz) in measured {
        let script = format!("sthandbokSok({},{data});\n", serde_json::to_string(&name).unwrap_or_default());
        result.raw_bytes += data.len();
        result.gzip_bytes += gz;
        result.outputs.push(Output { path: format!("{slug}/sok/{name}.json"), bytes: data.into_bytes() });
        result.outputs.push(Output { path: format!("{slug}/sok/{name}.js"), bytes: script.into_bytes() });
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_split_at_headings() {
        let html = "<p>Intro &amp; mer</p>\n<h2 id=\"a\">Första <em>rubriken</em> här</h2>\n<p>Text A</p><h3 id=\"b\">Under</h3><ul><li>B</li></ul><dl><dt id=\"c\">Ord</dt><dd>Betydelse</dd></dl>";
        let sections = split_sections(html);
        assert_eq!(sections[0], (None, "Intro & mer".to_owned()));
        assert_eq!(sections[1], (Some(("a".into(), "Första rubriken här".into())), "Text A".to_owned()));
        assert_eq!(sections[2], (Some(("b".into(), "Under".into())), "B".to_owned()));
        assert_eq!(sections[3], (Some(("c".into(), "Ord".into())), "Betydelse".to_owned()));
    }
}
