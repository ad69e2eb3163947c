//! Markdown → HTML for one page in one region: CommonMark with tables, footnotes and heading
//! ids; data placeholders (`{{ fakta.KEY }}`, `{{ roll.ID }}`, `{{ fält.ID }}`) filled in;
//! links between source files rewritten to output URLs and recorded for the link check.

use crate::diagnostics::{Diagnostic, LineIndex};
use crate::forms;
use crate::model::{FieldKind, FormField, RegionConfig};
use crate::placeholder::{self, Placeholder, Segment};
use crate::site::{relative_url, url_for};
use crate::source::SourcePage;
use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd, html};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::fmt::Write;
use std::ops::Range;

/// What a page body may refer to.
pub struct Data<'a> {
    pub region: &'a RegionConfig,
    /// Title of every page in the region, by content path.
    pub titles: &'a HashMap<&'a str, &'a str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A link to another page (or a heading on one) in the same region, for the link check.
#[derive(Debug, Clone)]
pub struct InternalLink {
    /// Content path of the target, e.g. `roller/handledare.md`.
    pub target: String,
    pub anchor: Option<String>,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub anchors: Vec<String>,
    pub links: Vec<InternalLink>,
    /// Non-page files the body links to, by content path.
    pub assets: Vec<InternalLink>,
    pub placed_fields: Vec<String>,
    /// How many times `{{ underskrifter }}` was placed.
    pub placed_signatures: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// Ids the theme uses on every page; headings never take them.
pub const RESERVED_IDS: &[&str] = &[
    "huvudinnehall",
    "sidhuvud",
    "meny",
    "innehall",
    "innehall-rubrik",
    "sidfot",
    "ansvar",
    "punkter",
    "underskrifter",
];

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
        | Options::ENABLE_DEFINITION_LIST
}

pub fn render(page: &SourcePage, data: &Data) -> Rendered {
    Renderer::new(page, data).run()
}

struct Renderer<'p> {
    page: &'p SourcePage,
    data: &'p Data<'p>,
    url: String,
    lines: LineIndex,
    out: Rendered,
    used_ids: HashSet<String>,
    footnotes: HashMap<String, usize>,
    /// Whether the text being filled in is a paragraph of its own: a blank there shows its
    /// label, while a blank inside a sentence or a table cell is read in context.
    standalone: bool,
}

impl<'p> Renderer<'p> {
    fn new(page: &'p SourcePage, data: &'p Data<'p>) -> Self {
        Renderer {
            page,
            data,
            url: url_for(&page.path),
            lines: LineIndex::new(&page.body),
            out: Rendered::default(),
            used_ids: RESERVED_IDS.iter().map(|s| (*s).to_owned()).collect(),
            footnotes: HashMap::new(),
            standalone: false,
        }
    }

    fn run(mut self) -> Rendered {
        let body = self.page.body.as_str();
        let events: Vec<(Event, Range<usize>)> = merge_text(Parser::new_ext(body, options()).into_offset_iter());
        let mut output: Vec<Event> = Vec::with_capacity(events.len());
        let mut in_code = false;
        let mut i = 0;
        while i < events.len() {
            let (event, range) = &events[i];
            match event {
                Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                    let end = events[i..]
                        .iter()
                        .position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_))))
                        .map_or(events.len(), |p| i + p);
                    let inner = &events[i + 1..end];
                    let text = plain_text(inner);
                    let id = self.heading_id(id.as_deref(), &text);
                    if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
                        self.out.toc.push(TocEntry { level: *level as u8, id: id.clone(), text: text.clone() });
                    }
                    output.push(Event::Start(Tag::Heading {
                        level: *level,
                        id: Some(id.into()),
                        classes: classes.clone(),
                        attrs: attrs.clone(),
                    }));
                    for (e, r) in inner {
                        self.push(e.clone(), r.clone(), in_code, &mut output);
                    }
                    i = end;
                    continue;
                }
                // A glossary term gets an id like a heading, so links and search hits can land on it.
                Event::Start(Tag::DefinitionListTitle) => {
                    let end = events[i..]
                        .iter()
                        .position(|(e, _)| matches!(e, Event::End(TagEnd::DefinitionListTitle)))
                        .map_or(events.len(), |p| i + p);
                    let id = self.heading_id(None, &plain_text(&events[i + 1..end]));
                    output.push(Event::Html(format!("<dt id=\"{id}\">").into()));
                    for (e, r) in &events[i + 1..end] {
                        self.push(e.clone(), r.clone(), in_code, &mut output);
                    }
                    output.push(Event::Html("</dt>\n".into()));
                    i = end + 1;
                    continue;
                }
                // A paragraph that is only a block placeholder (the signatures) becomes that
                // block, not a paragraph around it.
                Event::Start(Tag::Paragraph)
                    if matches!(events.get(i + 2), Some((Event::End(TagEnd::Paragraph), _)))
                        && matches!(&events.get(i + 1), Some((Event::Text(t), _)) if is_block_placeholder(t)) =>
                {
                    let (text, range) = &events[i + 1];
                    let mut block = Vec::new();
                    self.push(text.clone(), range.clone(), in_code, &mut block);
                    output.extend(block.into_iter().map(|e| match e {
                        Event::InlineHtml(html) => Event::Html(html),
                        other => other,
                    }));
                    i += 3;
                    continue;
                }
                Event::Start(Tag::CodeBlock(_)) => in_code = true,
                Event::End(TagEnd::CodeBlock) => in_code = false,
                _ => {}
            }
            self.standalone = i > 0
                && matches!(events[i - 1].0, Event::Start(Tag::Paragraph))
                && matches!(events.get(i + 1), Some((Event::End(TagEnd::Paragraph), _)))
                && matches!(event, Event::Text(t) if t.trim().starts_with("{{") && t.trim().ends_with("}}") && t.matches("{{").count() == 1);
            self.push(event.clone(), range.clone(), in_code, &mut output);
            i += 1;
        }
        html::push_html(&mut self.out.html, output.into_iter());
        self.out
    }

    /// Rewrites one event into `output`: links, images, footnotes and placeholders.
    fn push<'e>(&mut self, event: Event<'e>, range: Range<usize>, in_code: bool, output: &mut Vec<Event<'e>>) {
        match event {
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest_url = self.rewrite_link(link_type, dest_url, range.start);
                output.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest_url = self.rewrite_link(link_type, dest_url, range.start);
                output.push(Event::Start(Tag::Image { link_type, dest_url, title, id }));
            }
            Event::FootnoteReference(name) => {
                let next = self.footnotes.len() + 1;
                let n = *self.footnotes.entry(name.to_string()).or_insert(next);
                let id = slugify(&name);
                output.push(Event::Html(
                    format!("<sup class=\"fotnot-ref\"><a href=\"#fotnot-{id}\" id=\"fotnotref-{id}\" aria-label=\"Fotnot {n}\">{n}</a></sup>").into(),
                ));
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let id = slugify(&name);
                let n = self.footnotes.get(name.as_ref()).copied().unwrap_or(0);
                self.out.anchors.push(format!("fotnot-{id}"));
                output.push(Event::Html(
                    format!("<div class=\"fotnot\" id=\"fotnot-{id}\"><span class=\"fotnot-nr\">{n}.</span>").into(),
                ));
            }
            Event::End(TagEnd::FootnoteDefinition) => output.push(Event::Html("</div>".into())),
            // A wide table scrolls in a region of its own that the keyboard can reach too.
            Event::Start(Tag::Table(alignments)) => {
                output.push(Event::Html(
                    "<div class=\"tabell-rulla\" role=\"region\" aria-label=\"Tabell\" tabindex=\"0\">\n".into(),
                ));
                output.push(Event::Start(Tag::Table(alignments)));
            }
            Event::End(TagEnd::Table) => {
                output.push(Event::End(TagEnd::Table));
                output.push(Event::Html("</div>\n".into()));
            }
            Event::Text(text) if !in_code && text.contains("{{") => self.fill_placeholders(&text, range.start, output),
            other => output.push(other),
        }
    }

    fn heading_id(&mut self, explicit: Option<&str>, text: &str) -> String {
        let base = explicit.map(str::to_owned).unwrap_or_else(|| slugify(text));
        let base = if base.is_empty() { "rubrik".to_owned() } else { base };
        let mut id = base.clone();
        let mut n = 1;
        while !self.used_ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.out.anchors.push(id.clone());
        id
    }

    fn position(&self, offset: usize) -> (usize, usize) {
        let (line, column) = self.lines.position(&self.page.body, offset);
        (line + self.page.body_line - 1, column)
    }

    fn rewrite_link<'e>(&mut self, link_type: LinkType, dest: CowStr<'e>, offset: usize) -> CowStr<'e> {
        if matches!(link_type, LinkType::Email | LinkType::Autolink) || is_external(&dest) {
            return dest;
        }
        let (line, column) = self.position(offset);
        let (path, anchor) = match dest.split_once('#') {
            Some((p, a)) => (p, Some(a.to_owned())),
            None => (dest.as_ref(), None),
        };
        if path.is_empty() {
            self.out.links.push(InternalLink { target: self.page.path.clone(), anchor, line, column });
            return dest;
        }
        let Some(target) = join_path(&self.page.path, path) else {
            self.out.diagnostics.push(
                Diagnostic::error("trasig-lank", &self.page.file, format!("länken `{dest}` pekar utanför handboken"))
                    .at(line, column),
            );
            return dest;
        };
        let link = InternalLink { target: target.clone(), anchor: anchor.clone(), line, column };
        if target.ends_with(".md") {
            self.out.links.push(link);
            let url = relative_url(&self.url, &url_for(&target));
            return match anchor {
                Some(a) => format!("{url}#{a}").into(),
                None => url.into(),
            };
        }
        self.out.assets.push(link);
        relative_url(&self.url, &target).into()
    }

    fn fill_placeholders<'e>(&mut self, text: &str, offset: usize, output: &mut Vec<Event<'e>>) {
        for segment in placeholder::split(text) {
            let (inner, at) = match segment {
                Segment::Text(t) => {
                    output.push(Event::Text(t.to_owned().into()));
                    continue;
                }
                Segment::Placeholder { inner, offset: at } => (inner, at),
            };
            let (line, column) = self.position(offset + at);
            match placeholder::resolve(inner, self.page, self.data, line, column) {
                Ok(resolved) => {
                    let html = self.placeholder_html(resolved, line, column);
                    output.push(Event::InlineHtml(html.into()));
                }
                Err(d) => {
                    self.out.diagnostics.push(d);
                    output.push(Event::Text(format!("{{{{ {inner} }}}}").into()));
                }
            }
        }
    }

    fn placeholder_html(&mut self, resolved: Placeholder, line: usize, column: usize) -> String {
        match resolved {
            Placeholder::Text(text) => escape(&text),
            Placeholder::Role { title, target } => {
                let url = relative_url(&self.url, &url_for(&target));
                self.out.links.push(InternalLink { target, anchor: None, line, column });
                format!("<a href=\"{}\">{}</a>", escape(&url), escape(&title))
            }
            Placeholder::Field(field) => {
                self.out.placed_fields.push(field.id.clone());
                self.out.anchors.push(format!("falt-{}", field.id));
                field_html(field, self.standalone, None)
            }
            Placeholder::Signatures(signers) => {
                self.out.placed_signatures += 1;
                signatures_html(signers)
            }
        }
    }
}

/// The signature block: for every signer a line to sign on, then name and date.
pub fn signatures_html(signers: &[String]) -> String {
    let mut out = String::from(
        "<section class=\"underskrifter\" aria-labelledby=\"underskrifter\">\n<h2 id=\"underskrifter\">Underskrifter</h2>\n",
    );
    let _ = writeln!(
        out,
        "<p class=\"underskrift-ort\">{}</p>\n<ul class=\"underskriftslista\">",
        field_html(&forms::signature_place(), true, None)
    );
    for signer in signers {
        let _ = writeln!(
            out,
            "<li class=\"underskrift\"><span class=\"underskrift-linje\" aria-hidden=\"true\"></span><span class=\"underskrift-roll\">Underskrift, {}</span>",
            escape(signer)
        );
        for (shown, field) in forms::signature_fields(signer) {
            let _ = writeln!(out, "{}", field_html(&field, true, Some(shown)));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n</section>\n");
    out
}

/// An input for a contract blank, labelled (visibly when it stands alone), the hint as its
/// description. `shown` is the part of the label shown when the rest is evident from the
/// layout (a signer's name field shows "Namnförtydligande"; a screen reader also hears whose).
pub fn field_html(field: &FormField, standalone: bool, shown: Option<&str>) -> String {
    let id = escape(&field.id);
    let label = match shown.and_then(|s| Some((s, field.label.strip_prefix(s)?))) {
        Some((shown, rest)) => format!("{}<span class=\"dold\">{}</span>", escape(shown), escape(rest)),
        None => escape(&field.label),
    };
    let label_class = if standalone || field.kind == FieldKind::Checkbox { "" } else { " class=\"dold\"" };
    let required = if field.required { " required" } else { "" };
    let mut out = format!("<span class=\"falt falt-{:?}\">", field.kind).to_lowercase();
    if standalone {
        out = out.replacen("falt ", "falt falt-ensam ", 1);
    }
    let described = field.hint.as_ref().map_or(String::new(), |_| format!(" aria-describedby=\"falt-{id}-tips\""));
    match field.kind {
        FieldKind::Checkbox => {
            let _ = write!(
                out,
                "<input type=\"checkbox\" id=\"falt-{id}\" name=\"{id}\"{required}{described}> <label for=\"falt-{id}\">{label}</label>"
            );
        }
        FieldKind::Multiline => {
            let _ = write!(
                out,
                "<label for=\"falt-{id}\"{label_class}>{label}</label> <textarea id=\"falt-{id}\" name=\"{id}\" rows=\"3\"{required}{described}></textarea>"
            );
        }
        kind => {
            let (input_type, extra) = match kind {
                // A text box rather than a date picker: it works the same in every browser and
                // prints without a picker's placeholder.
                FieldKind::Date => ("text", " inputmode=\"numeric\" title=\"ÅÅÅÅ-MM-DD\" autocomplete=\"off\""),
                FieldKind::Number => ("text", " inputmode=\"numeric\""),
                _ => ("text", ""),
            };
            let _ = write!(
                out,
                "<label for=\"falt-{id}\"{label_class}>{label}</label> <input type=\"{input_type}\"{extra} id=\"falt-{id}\" name=\"{id}\"{required}{described}>"
            );
        }
    }
    if let Some(hint) = &field.hint {
        let class = if standalone { "falt-tips" } else { "falt-tips dold" };
        let _ = write!(out, " <span class=\"{class}\" id=\"falt-{id}-tips\">{}</span>", escape(hint));
    }
    out.push_str("</span>");
    out
}

fn is_block_placeholder(text: &str) -> bool {
    let text = text.trim();
    text.strip_prefix("{{").and_then(|t| t.strip_suffix("}}")).is_some_and(|inner| inner.trim() == "underskrifter")
}

/// Markdown without data or links to check, such as the "Om webbplatsen" text from config.
pub fn to_html(text: &str) -> String {
    let mut out = String::new();
    html::push_html(&mut out, Parser::new_ext(text, options()));
    out
}

/// pulldown-cmark splits text at characters that might start markup; join the pieces so a
/// placeholder is seen whole.
fn merge_text<'a>(events: impl Iterator<Item = (Event<'a>, Range<usize>)>) -> Vec<(Event<'a>, Range<usize>)> {
    let mut out: Vec<(Event<'a>, Range<usize>)> = Vec::new();
    for (event, range) in events {
        if let (Event::Text(next), Some((Event::Text(prev), prev_range))) = (&event, out.last_mut())
            && (prev_range.end == range.start || next.is_empty())
        {
            *prev = format!("{prev}{next}").into();
            prev_range.end = range.end;
            continue;
        }
        out.push((event, range));
    }
    out
}

fn plain_text(events: &[(Event, Range<usize>)]) -> String {
    let mut text = String::new();
    for (event, _) in events {
        if let Event::Text(t) | Event::Code(t) = event {
            text.push_str(t);
        }
    }
    text
}

fn is_external(dest: &str) -> bool {
    let scheme = dest.split(':').next().unwrap_or_default();
    dest.starts_with("//")
        || (dest.contains(':')
            && !scheme.is_empty()
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c)))
}

/// Resolves `link` relative to the folder of the content path `from`; `None` if it climbs out.
pub fn join_path(from: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    if link.starts_with('/') {
        parts.clear();
    }
    for part in link.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// Heading ids in ASCII so they survive being typed into links: "Läkarens ansvar" → `lakarens-ansvar`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

/// The text of HTML this module wrote: tags dropped (each leaves a space), our escapes decoded.
pub fn text_of_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Fact;
    use std::path::PathBuf;

    fn page(path: &str, body: &str) -> SourcePage {
        SourcePage {
            file: PathBuf::from("content").join(path),
            path: path.into(),
            front: serde_saphyr::from_str("title: Test").unwrap(),
            body: body.into(),
            body_line: 4,
            front_yaml: String::new(),
        }
    }

    fn region() -> RegionConfig {
        let mut region: RegionConfig = serde_saphyr::from_str("name: Region Test").unwrap();
        region.facts.insert(
            "kurskostnad".into(),
            Fact { label: "Kurser".into(), value: "130 000 kr".into(), source: "x".into() },
        );
        region
    }

    fn render_body(path: &str, body: &str) -> Rendered {
        let region = region();
        let titles = HashMap::from([("roller/handledare.md", "Handledare")]);
        render(&page(path, body), &Data { region: &region, titles: &titles })
    }

    #[test]
    fn headings_get_ascii_ids_without_duplicates() {
        let out = render_body("a.md", "## Läkarens ansvar\n\n## Läkarens ansvar\n\n## Ansvar\n\n### Egen {#egen-id}\n");
        assert_eq!(out.anchors, ["lakarens-ansvar", "lakarens-ansvar-1", "ansvar-1", "egen-id"]);
        assert!(out.html.contains("<h2 id=\"lakarens-ansvar\">Läkarens ansvar</h2>"), "{}", out.html);
        assert_eq!(out.toc.len(), 4);
    }

    #[test]
    fn links_between_sources_become_relative_urls() {
        let out =
            render_body("roller/st-lakare.md", "Se [handledaren](handledare.md#ansvar) och [start](../_index.md).\n");
        assert!(out.html.contains("href=\"../handledare/index.html#ansvar\""), "{}", out.html);
        assert!(out.html.contains("href=\"../../index.html\""), "{}", out.html);
        assert_eq!(out.links[0].target, "roller/handledare.md");
        assert_eq!(out.links[0].anchor.as_deref(), Some("ansvar"));
        assert_eq!((out.links[0].line, out.links[0].column), (4, 4));
    }

    #[test]
    fn placeholders_fill_in_data_and_report_unknown_keys() {
        let out = render_body(
            "a.md",
            "Högst {{ fakta.kurskostnad }} för {{ region.namn }}, se {{ roll.handledare }}.\n\nrad {{ fakta.kurskostand }}\n",
        );
        assert!(
            out.html.contains(
                "Högst 130 000 kr för Region Test, se <a href=\"../roller/handledare/index.html\">handledare</a>."
            ),
            "{}",
            out.html
        );
        assert_eq!(out.diagnostics.len(), 1);
        let d = &out.diagnostics[0];
        assert_eq!((d.line, d.column), (6, 5));
        assert_eq!(d.help.as_deref(), Some("menade du `fakta.kurskostnad`?"));
    }

    #[test]
    fn placeholders_in_code_stay_literal() {
        let out = render_body("a.md", "`{{ fakta.x }}`\n\n```\n{{ fakta.y }}\n```\n");
        assert!(out.diagnostics.is_empty());
        assert!(out.html.contains("{{ fakta.x }}"));
    }

    #[test]
    fn glossary_terms_get_ids() {
        let out = render_body("a.md", "Hemvändardagar\n: Dagar hemma.\n\nBT\n: Bastjänstgöring.\n");
        assert!(out.html.contains("<dt id=\"hemvandardagar\">Hemvändardagar</dt>"), "{}", out.html);
        assert!(out.anchors.contains(&"bt".to_owned()));
    }

    #[test]
    fn footnote_ids_do_not_collide_with_headings() {
        let out = render_body("a.md", "Text[^1].\n\n## 1\n\n[^1]: Källa.\n");
        assert!(out.html.contains("href=\"#fotnot-1\""), "{}", out.html);
        assert!(out.anchors.contains(&"fotnot-1".to_owned()));
        assert!(out.anchors.contains(&"1".to_owned()));
    }

    #[test]
    fn paths_resolve_relative_to_the_source_folder() {
        assert_eq!(join_path("roller/a.md", "../b.md").as_deref(), Some("b.md"));
        assert_eq!(join_path("roller/a.md", "./c.md").as_deref(), Some("roller/c.md"));
        assert_eq!(join_path("a.md", "../../b.md"), None);
    }
}
