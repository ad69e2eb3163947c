//! Index: one search document per section of every page (split at its headings and glossary
//! terms), indexed through our Swedish pipeline (each field's stems counted per document), then written as small files
//! the browser loads on demand: a meta file with the pipeline's data, term shards by
//! three-letter prefix, and chunks of documents. Every file is a script that hands its data to
//! the page (`sthandbokSok(name, data)`), so search works opened from disk as well as served,
//! and each is written once.

pub mod swedish;
mod vocabulary;

use crate::ids;
use crate::model::{PageKind, Regulation, SearchWeight};
use crate::output::{Origin, Output};
use crate::page::{PageDoc, SectionKind};
use crate::site::Page;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde_json::{Value, json};
use std::cmp::Reverse;
use std::io::Write;
use std::sync::Arc;
use swedish::SWEDISH;
pub use vocabulary::Vocabulary;
use vocabulary::{DocTerms, Id, Word};

/// Fields in the order the browser scores them, with their weights.
pub const FIELDS: &[(&str, f64)] = &[("titel", 3.0), ("rubrik", 2.0), ("text", 1.0), ("delar", 0.6), ("exakt", 0.5)];
/// The field of compound parts, which depend on every word of the region.
const PARTS: usize = 3;
/// Documents per chunk file: a first search loads only the chunks of its top hits.
const DOCS_PER_CHUNK: usize = 25;
/// Raw bytes a term shard grows to before a new one starts (a prefix is never split).
const SHARD_BYTES: usize = 48 * 1024;

/// One section of a page; its text is in its terms.
pub struct Document {
    /// Output path relative to the region root, with the section's anchor.
    pub url: String,
    pub title: String,
    pub section: String,
    pub kind: &'static str,
    pub roles: Vec<String>,
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

/// What a region's search index weighs, all files together; gzipped when measured (`-v`).
pub struct IndexSize {
    pub region: String,
    pub raw_bytes: usize,
    pub gzip_bytes: Option<usize>,
}

impl IndexSize {
    /// Measures the index files gzipped, apart from the build so its time is not counted.
    pub fn measure_gzip<'a>(&mut self, files: impl ParallelIterator<Item = &'a Output>) {
        let prefix = format!("{}/sok/", self.region);
        let gzip = files.filter(|o| o.origin == Origin::SearchIndex && o.path.starts_with(&prefix));
        self.gzip_bytes = Some(gzip.map(|o| gzip_len(&o.bytes)).sum());
    }
}

/// A region's index files, and their size for the build report.
#[derive(Clone, Default)]
pub struct RegionIndex {
    pub outputs: Vec<Output>,
    pub raw_bytes: usize,
}

/// The roles of a region with the terms of their titles: a section whose terms include all of
/// a title's concerns that role.
pub fn roles(pages: &[Page], vocabulary: &Vocabulary) -> Vec<(String, Vec<Id>)> {
    pages
        .iter()
        .filter(|p| p.source.front.kind == PageKind::Roll)
        .filter_map(|p| {
            let terms = vocabulary.ids(&SWEDISH.terms(&p.source.front.title));
            Some((ids::role_id(p.path())?.to_owned(), terms))
        })
        .collect()
}

/// The search documents of one page: its sections (split at h2, h3 and glossary terms), then
/// a role's responsibilities by theme and the checklist's points. With `remember`, the
/// vocabulary keeps the analysis for the next region or build that shows the same section.
pub fn entries(
    page: &Page,
    doc: &PageDoc,
    roles: &[(String, Vec<Id>)],
    regulations: &[Regulation],
    vocabulary: &Vocabulary,
    remember: bool,
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
    for (theme, responsibilities) in crate::page::by_theme(page.source) {
        let text: Vec<String> = responsibilities
            .iter()
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
        let analysis = vocabulary.terms(&front.title, &section, &text, remember);
        // A section concerns a role whose title's terms all stand in its heading or text.
        let concerned: Vec<String> = roles
            .iter()
            .filter(|(id, title)| Some(id.as_str()) == own_role || title.iter().all(|&t| analysis.mentions(t)))
            .map(|(id, _)| id.clone())
            .collect();
        let url = if anchor.is_empty() { page.url.clone() } else { format!("{}#{anchor}", page.url) };
        let low = front.search == SearchWeight::Low;
        docs.push(Document { url, title: front.title.clone(), section, kind, roles: concerned, low });
        terms.push(analysis);
    }
    PageEntries { docs, terms }
}

/// Builds the region's index files under `<slug>/sok/` from its pages' entries.
pub fn index(slug: &str, pages: &[&PageEntries], vocabulary: &Vocabulary) -> RegionIndex {
    // The stems of the region's words are what compounds may be split into. Each stem is shown
    // to readers as its most frequent written form. (Maps, not tables by id: a region holds a
    // small part of the build's vocabulary.)
    let mut known: FxHashSet<Id> = FxHashSet::default();
    let mut seen: FxHashSet<Id> = FxHashSet::default();
    let mut distinct = Vec::new();
    let mut written: FxHashMap<Id, u32> = FxHashMap::default();
    let mut forms = Vec::new();
    for word in pages.iter().flat_map(|p| p.terms.iter().flat_map(|t| &t.words)) {
        known.insert(word.stem);
        if seen.insert(word.folded) {
            distinct.push(word.folded);
        }
        let count = written.entry(word.written).or_insert(0);
        if *count == 0 {
            forms.push(*word);
        }
        *count += word.count;
    }
    // A compound splits into stems of the region's words: its tail's stem, and its head by its
    // stem or as written. A stem begins its word, so no stem is made to look one up.
    let known: Vec<Id> = known.into_iter().collect();
    let known_texts = vocabulary.texts(known.iter().copied());
    let stems: FxHashMap<&str, Id> = known_texts.iter().map(|t| &**t).zip(known).collect();
    // A tail's stem begins the tail and is at least three letters long, so a tail whose first
    // three bytes begin no stem is passed over without stemming it.
    let beginnings: FxHashSet<&[u8]> = stems.keys().filter_map(|stem| stem.as_bytes().get(..3)).collect();
    let texts = vocabulary.texts(distinct.iter().copied());
    let mut found: Vec<(Id, &str, Id)> = Vec::new();
    for (&word, text) in distinct.iter().zip(&texts) {
        let split = SWEDISH.splits(text).find_map(|(head, tail)| {
            if !beginnings.contains(tail.as_bytes().get(..3)?) {
                return None;
            }
            let tail = *stems.get(SWEDISH.stem_of(tail))?;
            let head_stem = SWEDISH.stem_of(head);
            (stems.contains_key(head_stem) || stems.contains_key(head)).then_some((head_stem, tail))
        });
        found.extend(split.map(|(head, tail)| (word, head, tail)));
    }
    // A head known only as written may have a stem that no word has: it is numbered now.
    let heads: Vec<String> = found.iter().map(|&(_, head, _)| head.to_owned()).collect();
    let mut parts_of: FxHashMap<Id, [Id; 2]> = FxHashMap::default();
    for ((word, _, tail), head) in found.into_iter().zip(vocabulary.ids(&heads)) {
        parts_of.insert(word, [head, tail]);
    }
    // Each term's lists, in the order terms are first met. A part may be a head's stem that
    // the splits gave an id only now.
    let mut slot: FxHashMap<Id, u32> = FxHashMap::default();
    let mut postings: Vec<(Id, Lists)> = Vec::new();
    let mut docs = Vec::new();
    let mut parts: Vec<(Id, u32)> = Vec::new();
    for page in pages {
        for (doc, terms) in page.docs.iter().zip(&page.terms) {
            let n = docs.len() as u32;
            docs.push((doc, &**terms));
            // The compound parts of the document's words, counted as often as the words occur.
            parts.clear();
            for &Word { folded, count, .. } in &terms.words {
                for &stem in parts_of.get(&folded).into_iter().flatten() {
                    parts.push((stem, count));
                }
            }
            parts.sort_unstable();
            parts.dedup_by(|later, first| {
                later.0 == first.0 && {
                    first.1 += later.1;
                    true
                }
            });
            let fields = terms.fields.iter().enumerate().filter(|(f, _)| *f != PARTS);
            let own = fields.flat_map(|(f, counts)| counts.iter().map(move |&(t, c)| (f, t, c)));
            for (f, term, count) in own.chain(parts.iter().map(|&(t, c)| (PARTS, t, c))) {
                let at = *slot.entry(term).or_insert_with(|| {
                    postings.push((term, Default::default()));
                    postings.len() as u32 - 1
                });
                postings[at as usize].1[f].push((n, count));
            }
        }
    }
    let names = vocabulary.texts(postings.iter().map(|(term, _)| *term));
    drop_needless_exact(&mut postings, &names);
    let mut sorted: Vec<(&str, &Lists)> = names
        .iter()
        .map(|n| &**n)
        .zip(postings.iter().map(|(_, l)| l))
        .filter(|(_, lists)| lists.iter().any(|list| !list.is_empty()))
        .collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
    // Each stem as its most frequent written form, the first in alphabetical order on a tie.
    let texts = vocabulary.texts(forms.iter().map(|f| f.written));
    let mut shown: FxHashMap<Id, (u32, &str)> = FxHashMap::default();
    for (form, text) in forms.iter().zip(&texts) {
        let count = written[&form.written];
        let best = shown.entry(form.stem).or_insert((count, text));
        if (count, Reverse(&**text)) > (best.0, Reverse(best.1)) {
            *best = (count, text);
        }
    }
    let mut words: Vec<(&str, usize)> = postings
        .iter()
        .zip(&names)
        .filter(|((_, lists), _)| lists[..PARTS].iter().any(|list| !list.is_empty()))
        .filter_map(|((term, lists), name)| {
            let &(_, text) = shown.get(term)?;
            let documents = lists.iter().map(Vec::len).sum();
            (!name.bytes().any(|b| b.is_ascii_digit())).then_some((text, documents))
        })
        .collect();
    words.sort_unstable();
    export(slug, &docs, &sorted, &words)
}

/// Leaves out the exact spelling's postings of a term with å, ä or ö where every document
/// that has the term folded has it spelt so: the exact field ranks an exact spelling above a
/// folded one, and where there is no folded one it changes nothing.
fn drop_needless_exact(postings: &mut [(Id, Lists)], names: &[Arc<str>]) {
    const EXACT: usize = FIELDS.len() - 1;
    let by_name: FxHashMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (&**n, i)).collect();
    let documents = |lists: &Lists| -> Vec<u32> {
        let mut documents: Vec<u32> = lists[..PARTS].iter().flatten().map(|&(doc, _)| doc).collect();
        documents.sort_unstable();
        documents.dedup();
        documents
    };
    for i in 0..postings.len() {
        if postings[i].1[EXACT].is_empty() {
            continue;
        }
        let Some(&folded) = by_name.get(SWEDISH.fold(&names[i]).as_str()) else { continue };
        let exact: Vec<u32> = postings[i].1[EXACT].iter().map(|&(doc, _)| doc).collect();
        if exact == documents(&postings[folded].1) {
            postings[i].1[EXACT].clear();
        }
    }
}

/// Per field, (document, how many times the term occurs in it), by document.
type Lists = [Vec<(u32, u32)>; FIELDS.len()];

/// Each term with its lists, by term.
type Postings<'a> = [(&'a str, &'a Lists)];

/// The prefix a term is filed under: its first three letters. Query words of three letters or
/// more need one shard; shorter ones are looked up whole.
fn shard_key(term: &str) -> &str {
    term.char_indices().nth(3).map_or(term, |(end, _)| &term[..end])
}

/// Writes the term shards, the document chunks and the word list, each as a script that hands
/// its data to the page. A term's postings are a string per field (trailing empty ones left
/// out) of numbers `8 × (document − previous document) + min(count, 8) − 1`, in base 36,
/// separated by spaces. The word list (`v`), loaded only to mend a query word that matches
/// nothing, gives each stem of the text as the word it is shown as (whose folded stem it is),
/// followed by its number of postings: `["word", 12, "other", 3, …]`.
fn export(slug: &str, docs: &[(&Document, &DocTerms)], postings: &Postings, words: &[(&str, usize)]) -> RegionIndex {
    let mut shards: Vec<String> = Vec::new();
    // Each prefix with its shard. Terms come sorted, so the terms of a prefix follow each other.
    let mut keys: Vec<(&str, usize)> = Vec::new();
    let mut shard = String::new();
    for (term, fields) in postings {
        let key = shard_key(term);
        if keys.last().is_none_or(|&(last, _)| last != key) {
            if shard.len() > SHARD_BYTES {
                shard.push('}');
                shards.push(std::mem::take(&mut shard));
            }
            keys.push((key, shards.len()));
        }
        shard.push(if shard.is_empty() { '{' } else { ',' });
        push_json_string(&mut shard, term);
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
                let code = 8 * (doc - previous) as usize + count.clamp(1, 8) as usize - 1;
                previous = doc;
                push_base36(&mut shard, code);
            }
            shard.push('"');
        }
        shard.push(']');
    }
    shard.push_str(if shard.is_empty() { "{}" } else { "}" });
    shards.push(shard);
    let chunks = docs.chunks(DOCS_PER_CHUNK).map(|chunk| {
        // A row names its page's title and address only where they change: the sections of one
        // page follow each other, so most rows give `0` for the title and `#anchor` for the
        // address. Its kind is in the meta file. The whole text is shipped, so a snippet can
        // show the passage where the query's words meet.
        let mut rows = String::from("[");
        let mut previous: Option<(&str, &str)> = None;
        for (d, terms) in chunk {
            let (page, anchor) = d.url.split_once('#').map_or((d.url.as_str(), None), |(p, a)| (p, Some(a)));
            let same = previous.is_some_and(|(p, t)| p == page && t == d.title);
            previous = Some((page, &d.title));
            rows.push_str(if rows.len() > 1 { ",[" } else { "[" });
            match (same, anchor) {
                (true, Some(anchor)) => push_json_string(&mut rows, &format!("#{anchor}")),
                _ => push_json_string(&mut rows, &d.url),
            }
            rows.push(',');
            if same {
                rows.push('0');
            } else {
                push_json_string(&mut rows, &d.title);
            }
            rows.push(',');
            push_json_string(&mut rows, &d.section);
            rows.push_str(",[");
            for (i, role) in d.roles.iter().enumerate() {
                if i > 0 {
                    rows.push(',');
                }
                push_json_string(&mut rows, role);
            }
            rows.push_str("],");
            rows.push_str(&terms.text_json);
            rows.push(']');
        }
        rows.push(']');
        rows
    });
    let chunks: Vec<String> = chunks.collect();
    let sv: Value = serde_json::from_str(swedish::DATA).expect("sv.json is valid");
    let meta = json!({
        "version": 3,
        "documents": docs.len(),
        "docsPerChunk": DOCS_PER_CHUNK,
        "chunks": chunks.len(),
        "fields": FIELDS.iter().map(|(n, b)| json!([n, b])).collect::<Vec<_>>(),
        "shards": keys.iter().map(|&(key, shard)| (key.to_owned(), Value::from(shard))).collect::<serde_json::Map<_, _>>(),
        // One letter per document, so a filter by kind applies before any document is loaded.
        "kinds": docs.iter().map(|(d, _)| d.kind.chars().next().unwrap_or('s')).collect::<String>(),
        // The documents of pages that ask to come after others (`search: low`).
        "low": docs.iter().enumerate().filter(|(_, (d, _))| d.low).map(|(i, _)| i).collect::<Vec<_>>(),
        "swedish": sv,
    });
    let mut list = String::from("[");
    for (i, (shown, documents)) in words.iter().enumerate() {
        if i > 0 {
            list.push(',');
        }
        push_json_string(&mut list, shown);
        list.push(',');
        list.push_str(&documents.to_string());
    }
    list.push(']');
    let mut files = vec![("meta".to_owned(), meta.to_string()), ("v".to_owned(), list)];
    files.extend(shards.into_iter().enumerate().map(|(i, s)| (format!("t{i}"), s)));
    files.extend(chunks.into_iter().enumerate().map(|(i, c)| (format!("d{i}"), c)));
    let mut result = RegionIndex { outputs: Vec::new(), raw_bytes: 0 };
    for (name, data) in files {
        let mut script = String::with_capacity(data.len() + name.len() + 20);
        script.push_str("sthandbokSok(");
        push_json_string(&mut script, &name);
        script.push(',');
        script.push_str(&data);
        script.push_str(");\n");
        result.raw_bytes += script.len();
        result.outputs.push(Output::new(format!("{slug}/sok/{name}.js"), script.into_bytes(), Origin::SearchIndex));
    }
    result
}

/// Whether `path` is one of the index files of the region `slug` (`<slug>/sok/<name>.js`, as
/// `export` names them), not the search page beside them.
pub fn is_index_file(slug: &str, path: &str) -> bool {
    path.strip_prefix(slug)
        .and_then(|p| p.strip_prefix("/sok/"))
        .is_some_and(|name| name.ends_with(".js") && !name.contains('/'))
}

/// Writes `text` as a JSON string: runs that need no escape are copied whole.
fn push_json_string(out: &mut String, text: &str) {
    out.reserve(text.len() + 2);
    out.push('"');
    // Most strings need no escape: found by a scan without a branch per byte, and copied whole.
    let clean = text.bytes().fold(true, |clean, b| clean & (b >= 0x20) & (b != b'"') & (b != b'\\'));
    if clean {
        out.push_str(text);
        out.push('"');
        return;
    }
    let mut rest = text;
    while let Some(at) = rest.bytes().position(|b| b == b'"' || b == b'\\' || b < 0x20) {
        out.push_str(&rest[..at]);
        // The escapes serde_json writes, so the index is the same whichever wrote a string.
        match rest.as_bytes()[at] {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\t' => out.push_str("\\t"),
            b'\r' => out.push_str("\\r"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            control => out.push_str(&format!("\\u{control:04x}")),
        }
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
    out.push('"');
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
    out.push_str(std::str::from_utf8(&buffer[at..]).expect("base-36 digits are ASCII"));
}

fn gzip_len(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let _ = encoder.write_all(bytes);
    encoder.finish().map_or(0, |v| v.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// Strings are escaped exactly as serde_json escapes them: every control character, quotes,
    /// backslashes, and letters beyond ASCII left as they are.
    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut text: String = (0u8..0x20).map(char::from).collect();
        text.push_str("\"citat\" \\ snedstreck \u{7f} åäö é – \u{2028} 😀");
        for sample in [text.as_str(), "", "vanlig text", "\n"] {
            let mut ours = String::new();
            push_json_string(&mut ours, sample);
            assert_eq!(ours, serde_json::to_string(sample).unwrap(), "{sample:?}");
        }
    }

    /// Every file is a script handing one JSON value to the page, and every term is in the
    /// shard the meta file names for its prefix, also when the terms fill many shards.
    #[test]
    fn every_file_hands_valid_data_and_every_term_is_in_its_shard() {
        let document = Document {
            url: "sidor/a/index.html#del".into(),
            title: "A \"citat\" och \\ snedstreck".into(),
            section: "Del\nett\u{1}\t".into(),
            kind: "sida",
            roles: vec!["st-lakare".into()],
            low: false,
        };
        let terms = DocTerms { fields: Vec::new(), words: Vec::new(), text_json: "\"text\"".into() };
        let docs = vec![(&document, &terms); 60];
        let names: Vec<String> = (0..6000).map(|i| format!("{}{i:05}", ["ab", "abc", "åäö", "x"][i % 4])).collect();
        let mut names: Vec<&str> = names.iter().map(String::as_str).collect();
        names.sort_unstable();
        let lists: Lists = [vec![(0, 1), (3, 9)], Vec::new(), vec![(59, 2)], Vec::new(), Vec::new()];
        let postings: Vec<(&str, &Lists)> = names.iter().map(|n| (*n, &lists)).collect();
        let index = export("r", &docs, &postings, &[("läkare", 2), ("ålder", 1)]);
        let mut data: HashMap<String, Value> = HashMap::new();
        for output in &index.outputs {
            let script = std::str::from_utf8(&output.bytes).unwrap();
            let name = output.path.trim_start_matches("r/sok/").trim_end_matches(".js");
            let inner = script.strip_prefix(&format!("sthandbokSok(\"{name}\",")).and_then(|s| s.strip_suffix(");\n"));
            let value = serde_json::from_str(inner.unwrap_or_else(|| panic!("{name} is not one call")));
            data.insert(name.to_owned(), value.unwrap_or_else(|e| panic!("{name}: {e}")));
        }
        let shards = data["meta"]["shards"].as_object().unwrap();
        assert!(shards.values().any(|s| s != 0), "the terms fill more than one shard");
        for name in &names {
            let shard = &data[&format!("t{}", shards[shard_key(name)])];
            assert_eq!(shard[name], json!(["0 v", "", "d5"]), "{name}");
        }
        let row = &data["d0"][0];
        assert_eq!(row, &json!(["sidor/a/index.html#del", document.title, document.section, ["st-lakare"], "text"]));
        assert_eq!(data["d0"][1][0], "#del");
        assert_eq!(data["v"], json!(["läkare", 2, "ålder", 1]));
        for output in &index.outputs {
            assert!(is_index_file("r", &output.path), "{}", output.path);
        }
        for other in ["r/sok/index.html", "r2/sok/t0.js", "r/sok/a/t0.js", "sok/t0.js"] {
            assert!(!is_index_file("r", other), "{other}");
        }
    }
}
