//! Page: one pass over a page's Markdown events, in one region, yields its typed page document:
//! the body HTML, the outline (sections with plain text and list items), every anchor, the links
//! and files it points to with their source positions, the blanks and signature block it places,
//! the form document of a contract or the checklist, and the structure facts content rules judge.
//! Views, search, forms and checks read this document; none of them parses Markdown or HTML.

mod duty;
pub mod form;
pub mod html;
mod outline;
mod placeholder;

use crate::diagnostics::{Diagnostic, LineIndex, codes};
use crate::ids::{self, slugify};
use crate::model::{Responsibility, Theme};
use crate::site::{relative_url, url_for};
use crate::source::SourcePage;
pub use duty::DutyDoc;
use duty::Marks;
use form::{FormDoc, FormReader};
use html::{blank_html, escape, field_html, signatures_html};
use outline::{Outline, Position};
pub use outline::{Section, SectionKind, StructureFacts};
pub use placeholder::Data;
use placeholder::{Placeholder, Segment};
use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

#[derive(Debug, Clone, Serialize, Hash)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A link to another page (or a heading on one), or to a file, in the same region.
#[derive(Debug, Clone)]
pub struct Link {
    /// Content path of the target, e.g. `roller/handledare.md`.
    pub target: String,
    pub anchor: Option<String>,
    pub line: usize,
    pub column: usize,
}

/// Everything a page is, in one region.
#[derive(Default)]
pub struct PageDoc {
    pub html: String,
    /// The table of contents: the body's h2 and h3, then the sections the theme adds.
    pub toc: Vec<TocEntry>,
    pub sections: Vec<Section>,
    /// Every id the finished page has: headings, terms, footnotes, blanks, list items, and the
    /// sections the theme adds.
    pub anchors: Vec<String>,
    pub links: Vec<Link>,
    /// Non-page files the body links to, by content path.
    pub assets: Vec<Link>,
    /// The blanks placed in the body, by field id, with where.
    pub placed_fields: Vec<(String, Position)>,
    /// Where `{{ underskrifter }}` was placed.
    pub placed_signatures: Vec<Position>,
    /// For a contract or the checklist: what its PDF and Word file show.
    pub form: Option<FormDoc>,
    /// Any other page's content as the same blocks, for the whole handbook to print.
    pub blocks: Vec<form::Block>,
    /// The body as its section of the region's print page (`print_html`), when the whole
    /// handbook is made.
    pub print: String,
    /// The duties the page gives roles, in order.
    pub duties: Vec<DutyDoc>,
    pub facts: StructureFacts,
    /// Problems found on the way: placeholders that do not resolve, links out of the handbook.
    pub diagnostics: Vec<Diagnostic>,
}

/// Ids the theme uses on a content page; headings never take them, nor the ids of the sections
/// the theme adds to the page (`theme_sections`).
pub const RESERVED_IDS: &[&str] = &[
    "huvudinnehall",
    "sidhuvud",
    "meny",
    "innehall",
    "innehall-rubrik",
    "sidfot",
    "sok-falt",
    "sok-falt-lista",
    "sok-falt-tips",
    "undersidor-rubrik",
    "tackning-tabell",
    "ansvar",
    "punkter",
    "underskrifter",
    "i-regionens-avtal",
];

/// The id of the signature block's heading.
const SIGNATURES_ID: &str = "underskrifter";

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
        | Options::ENABLE_DEFINITION_LIST
}

/// The page document of `page` in the region `data` describes.
pub fn build(page: &SourcePage, data: &Data) -> PageDoc {
    Pass::new(page, data).run()
}

/// The region's print page: the whole handbook as one HTML page, from the region's root.
pub const PRINT_URL: &str = "skriv-ut/index.html";

/// An id on the print page: page `number`'s section (`s3`), or the id `own` has on that page
/// prefixed with its section's (`s3-ansvar`), so every id of every page is unique there.
pub fn print_id(number: usize, own: Option<&str>) -> String {
    match own {
        Some(own) => format!("s{number}-{own}"),
        None => format!("s{number}"),
    }
}

/// The body of `page` as its section of the region's print page ([`PRINT_URL`]), where it is
/// page `number` and `numbers` gives every page's by content path: its ids prefixed, its
/// headings a level down under the page's title, links to the region's pages turned into links
/// to their sections, and its blanks lines to write on.
pub fn print_html(page: &SourcePage, data: &Data, number: usize, numbers: &HashMap<&str, usize>) -> String {
    let mut pass = Pass::new(page, data);
    pass.url = PRINT_URL.to_owned();
    pass.form = None;
    pass.print = Some((number, numbers));
    pass.run().html
}

/// The headings the theme adds after a page's own body, by kind (level 0: an anchor that is
/// not in the table of contents).
pub fn theme_sections(page: &SourcePage) -> Vec<TocEntry> {
    let front = &page.front;
    let entry = |level, id: &str, text: &str| TocEntry { level, id: id.to_owned(), text: text.to_owned() };
    let mut sections = Vec::new();
    if !front.responsibilities.is_empty() {
        sections.push(entry(2, "ansvar", "Ansvar"));
        for theme in themes_of(page) {
            sections.push(entry(3, &theme.anchor(), theme.label()));
        }
    }
    if !front.points.is_empty() {
        sections.push(entry(2, "punkter", "Punkter"));
        sections.extend(front.points.iter().map(|p| entry(0, &p.id, &p.text)));
    }
    if !front.signatures.is_empty() {
        sections.push(entry(2, SIGNATURES_ID, crate::model::SIGNATURES_HEADING));
    }
    if ids::role_id(&page.path).is_some() {
        sections.push(entry(2, "i-regionens-avtal", "I regionens avtal"));
    }
    sections
}

/// The themes a role page's responsibilities fall under, in the themes' order.
pub fn themes_of(page: &SourcePage) -> Vec<Theme> {
    let mut themes: Vec<Theme> = page.front.responsibilities.iter().map(|r| r.theme).collect();
    themes.sort();
    themes.dedup();
    themes
}

/// A role page's responsibilities grouped by theme, in the themes' order, as the page, its
/// search entries and the whole handbook show them.
pub fn by_theme(page: &SourcePage) -> Vec<(Theme, Vec<&Responsibility>)> {
    let all = &page.front.responsibilities;
    themes_of(page).into_iter().map(|theme| (theme, all.iter().filter(|r| r.theme == theme).collect())).collect()
}

struct Pass<'p> {
    page: &'p SourcePage,
    data: &'p Data<'p>,
    /// Where the HTML goes, from the region's root.
    url: String,
    /// For the print page: the page's number there, and every page's by content path.
    print: Option<(usize, &'p HashMap<&'p str, usize>)>,
    lines: LineIndex,
    doc: PageDoc,
    outline: Outline,
    form: Option<FormReader>,
    used_ids: HashSet<String>,
    footnotes: HashMap<String, usize>,
    /// Whether the text being filled in is a paragraph of its own: a blank there shows its
    /// label, while a blank inside a sentence or a table cell is read in context.
    standalone: bool,
    /// The section named under `duties:` the pass is in: its heading level and its entry.
    /// Each of its top-level items is a duty.
    duty_section: Option<(HeadingLevel, &'p crate::model::Duty)>,
    /// The id of the heading the pass is under, for the ids of duties outside such sections.
    heading: Option<String>,
    /// How many duties each id base has had, so each duty's id is the next.
    duty_counts: HashMap<String, usize>,
    /// Whether the pass is inside a heading, where a blank cannot be: a heading is also a line
    /// of the page's contents, which shows its text.
    in_heading: bool,
    marks: Marks,
    /// The duty being read: whether it is a list item, its id, mark and where it starts.
    open_duty: Option<OpenDuty>,
}

struct OpenDuty {
    item: bool,
    anchor: String,
    mark: Option<duty::Mark>,
    at: Position,
}

impl<'p> Pass<'p> {
    fn new(page: &'p SourcePage, data: &'p Data<'p>) -> Self {
        Pass {
            page,
            data,
            url: url_for(&page.path),
            print: None,
            lines: LineIndex::new(&page.body),
            doc: PageDoc::default(),
            outline: Outline::new(),
            form: (page.front.kind.is_form() || data.blocks).then(FormReader::default),
            used_ids: RESERVED_IDS
                .iter()
                .map(|s| (*s).to_owned())
                .chain(theme_sections(page).into_iter().map(|section| section.id))
                .collect(),
            footnotes: HashMap::new(),
            standalone: false,
            duty_section: None,
            heading: None,
            in_heading: false,
            duty_counts: HashMap::new(),
            marks: Marks::default(),
            open_duty: None,
        }
    }

    fn run(mut self) -> PageDoc {
        let body = self.page.body.as_str();
        let events: Vec<(Event, Range<usize>)> = merge_text(Parser::new_ext(body, options()).into_offset_iter());
        self.marks = duty::find(&events);
        let mut output: Vec<Event> = Vec::with_capacity(events.len());
        let mut in_code = false;
        let mut i = 0;
        while i < events.len() {
            let (event, range) = &events[i];
            if self.open_duty.as_ref().is_some_and(|open| match event {
                Event::End(TagEnd::Item) => open.item && self.outline.at_top_level(),
                Event::End(TagEnd::Paragraph) => !open.item,
                _ => false,
            }) {
                self.finish_duty();
            }
            match event {
                Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                    let end = events[i..]
                        .iter()
                        .position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_))))
                        .map_or(events.len(), |p| i + p);
                    let inner = &events[i + 1..end];
                    let text = plain_text(inner);
                    let id = self.unique_id(id.as_deref(), &text);
                    if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
                        self.doc.toc.push(TocEntry { level: *level as u8, id: id.clone(), text: text.clone() });
                    }
                    self.enter_heading(*level, &id);
                    let at = self.position(range.start);
                    self.outline.heading(*level, &id, &text, at);
                    if let Some(form) = &mut self.form {
                        form.event(event);
                    }
                    output.push(Event::Start(Tag::Heading {
                        level: self.shown_level(*level),
                        id: Some(self.shown_id(&id).into()),
                        classes: classes.clone(),
                        attrs: attrs.clone(),
                    }));
                    self.in_heading = true;
                    for (e, r) in inner {
                        self.push(e.clone(), r.clone(), in_code, &mut output);
                    }
                    self.in_heading = false;
                    i = end;
                    continue;
                }
                // A glossary term gets an id like a heading, so links and search hits can land on it.
                Event::Start(Tag::DefinitionListTitle) => {
                    let end = events[i..]
                        .iter()
                        .position(|(e, _)| matches!(e, Event::End(TagEnd::DefinitionListTitle)))
                        .map_or(events.len(), |p| i + p);
                    let text = plain_text(&events[i + 1..end]);
                    let id = self.unique_id(None, &text);
                    self.outline.term(&id, &text);
                    output.push(Event::Html(format!("<dt id=\"{}\">", self.shown_id(&id)).into()));
                    for (e, r) in &events[i + 1..end] {
                        self.push(e.clone(), r.clone(), in_code, &mut output);
                    }
                    self.observe(&Event::End(TagEnd::DefinitionListTitle), end);
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
                // A duty gets an id, so it links to itself: every top-level item of a section
                // named under `duties:`, and every item or paragraph with a mark.
                Event::Start(tag @ (Tag::Item | Tag::Paragraph)) if self.is_duty(tag, i) => {
                    let item = matches!(tag, Tag::Item);
                    let anchor = self.start_duty(item, i, range.start);
                    self.observe(event, range.start);
                    self.outline.begin_capture();
                    let element = if item { "li" } else { "p" };
                    output.push(Event::Html(format!("<{element} id=\"{}\">", escape(&self.shown_id(&anchor))).into()));
                    i += 1;
                    continue;
                }
                Event::Start(Tag::CodeBlock(_)) => in_code = true,
                Event::End(TagEnd::CodeBlock) => in_code = false,
                _ => {}
            }
            // A duty's mark is data: the text before it stays.
            let trimmed;
            let event = match (event, self.marks.cut.get(&i)) {
                (Event::Text(text), Some(&keep)) => {
                    trimmed = Event::Text(text[..keep].to_owned().into());
                    &trimmed
                }
                _ => event,
            };
            self.standalone = i > 0
                && matches!(events[i - 1].0, Event::Start(Tag::Paragraph))
                && matches!(events.get(i + 1), Some((Event::End(TagEnd::Paragraph), _)))
                && matches!(event, Event::Text(t) if t.trim().starts_with("{{") && t.trim().ends_with("}}") && t.matches("{{").count() == 1);
            self.push(event.clone(), range.clone(), in_code, &mut output);
            i += 1;
        }
        pulldown_cmark::html::push_html(&mut self.doc.html, output.into_iter());
        self.finish()
    }

    fn finish(mut self) -> PageDoc {
        self.finish_duty();
        let (sections, facts) = self.outline.finish();
        self.doc.sections = sections;
        self.doc.facts = facts;
        let front = &self.page.front;
        if let Some(form) = self.form {
            let content = form.finish(&front.title, &self.data.region.name, front.source.as_deref(), &front.points);
            if front.kind.is_form() {
                self.doc.form = Some(content);
            } else {
                self.doc.blocks = content.blocks;
            }
        }
        for section in theme_sections(self.page) {
            self.doc.anchors.push(section.id.clone());
            if section.level > 0 {
                self.doc.toc.push(section);
            }
        }
        self.doc
    }

    /// A heading starts: it may open or close a section named under `duties:`.
    fn enter_heading(&mut self, level: HeadingLevel, id: &str) {
        if self.duty_section.as_ref().is_some_and(|(open, _)| level <= *open) {
            self.duty_section = None;
        }
        if let Some(entry) = self.page.front.duties.iter().find(|d| d.section == id) {
            self.duty_section = Some((level, entry));
        }
        self.heading = Some(id.to_owned());
    }

    /// Whether the block starting at event `index` is a duty: a top-level item of a section
    /// named under `duties:`, or a top-level item or a paragraph outside lists with a mark.
    fn is_duty(&self, tag: &Tag, index: usize) -> bool {
        let marked = self.marks.by_block.contains_key(&index);
        match tag {
            Tag::Item => self.outline.at_top_level() && (self.duty_section.is_some() || marked),
            _ => self.outline.outside_lists() && marked,
        }
    }

    /// A duty starts at event `index`: its id, the next of its section or heading.
    fn start_duty(&mut self, item: bool, index: usize, offset: usize) -> String {
        let base = match (&self.duty_section, &self.heading) {
            (Some((_, entry)), _) => entry.section.clone(),
            (None, Some(heading)) => heading.clone(),
            (None, None) => "uppgift".to_owned(),
        };
        let count = self.duty_counts.entry(base.clone()).or_default();
        *count += 1;
        let candidate = format!("{base}-{count}");
        let anchor = self.unique_id(Some(&candidate), "");
        let mark = self.marks.by_block.get(&index).cloned();
        let at = self.position(offset);
        self.open_duty = Some(OpenDuty { item, anchor: anchor.clone(), mark, at });
        anchor
    }

    /// The duty being read ends: its roles and theme from its mark or its section.
    fn finish_duty(&mut self) {
        let Some(open) = self.open_duty.take() else { return };
        let text = self.outline.end_capture();
        let section = self.duty_section.map(|(_, entry)| entry);
        let mark_at = open.mark.as_ref().map(|m| self.position(m.offset));
        let mark = open.mark.unwrap_or_default();
        let file = &self.page.file;
        let (line, column) = mark_at.unwrap_or(open.at);
        for pair in &mark.unknown {
            self.doc.diagnostics.push(
                Diagnostic::error(codes::OKAND_MARKNING, file, format!("märkningen har `{pair}`"))
                    .at(line, column)
                    .help("en uppgift märks med roll= och tema=, till exempel {roll=handledare tema=handledning}"),
            );
        }
        let themes = || Theme::ALL.iter().map(|t| t.id()).collect::<Vec<_>>().join(", ");
        let theme = match &mark.theme {
            Some(written) => {
                let theme = Theme::from_id(written);
                if theme.is_none() {
                    let d = Diagnostic::error(codes::OKANT_TEMA, file, format!("temat `{written}` finns inte"))
                        .at(line, column);
                    self.doc.diagnostics.push(match crate::diagnostics::closest(written, Theme::ALL.map(Theme::id)) {
                        Some(best) => d.help(format!("menade du `{best}`? Teman: {}", themes())),
                        None => d.help(format!("teman: {}", themes())),
                    });
                }
                theme
            }
            None => {
                let theme = section.and_then(|s| s.theme);
                if theme.is_none() {
                    self.doc.diagnostics.push(
                        Diagnostic::error(
                            codes::UPPGIFT_UTAN_TEMA,
                            file,
                            format!("uppgiften ”{}” har inget tema", short(&text)),
                        )
                        .at(open.at.0, open.at.1)
                        .help(format!(
                            "skriv {{tema=…}} sist i punkten, eller theme: för avsnittet under duties:. Teman: {}",
                            themes()
                        )),
                    );
                }
                theme
            }
        };
        let roles =
            if mark.roles.is_empty() { section.and_then(|s| s.role.clone()).into_iter().collect() } else { mark.roles };
        if roles.is_empty() {
            self.doc.diagnostics.push(
                Diagnostic::error(
                    codes::UPPGIFT_UTAN_ROLL,
                    file,
                    format!("uppgiften ”{}” har ingen roll", short(&text)),
                )
                .at(open.at.0, open.at.1)
                .help("skriv {roll=…} sist i punkten, eller role: för avsnittet under duties:"),
            );
        }
        self.doc.duties.push(DutyDoc { roles, theme, text, anchor: open.anchor, at: open.at, mark_at });
    }

    /// Hands an event to the readers of the outline and the form.
    fn observe(&mut self, event: &Event, offset: usize) {
        let at = self.position(offset);
        self.outline.event(event, at);
        if let Some(form) = &mut self.form {
            form.event(event);
        }
    }

    /// Rewrites one event into `output`: links, images, footnotes and placeholders.
    fn push<'e>(&mut self, event: Event<'e>, range: Range<usize>, in_code: bool, output: &mut Vec<Event<'e>>) {
        if let Event::Text(text) = &event
            && !in_code
            && text.contains("{{")
        {
            return self.fill_placeholders(&text.clone(), range.start, output);
        }
        self.observe(&event, range.start);
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
                let (note, reference) =
                    (self.shown_id(&format!("fotnot-{id}")), self.shown_id(&format!("fotnotref-{id}")));
                output.push(Event::Html(
                    format!("<sup class=\"fotnot-ref\"><a href=\"#{note}\" id=\"{reference}\" aria-label=\"Fotnot {n}\">{n}</a></sup>").into(),
                ));
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let id = format!("fotnot-{}", slugify(&name));
                let n = self.footnotes.get(name.as_ref()).copied().unwrap_or(0);
                let shown = self.shown_id(&id);
                self.doc.anchors.push(id);
                output.push(Event::Html(
                    format!("<div class=\"fotnot\" id=\"{shown}\"><span class=\"fotnot-nr\">{n}.</span>").into(),
                ));
            }
            Event::End(TagEnd::FootnoteDefinition) => output.push(Event::Html("</div>".into())),
            Event::End(TagEnd::Heading(level)) => output.push(Event::End(TagEnd::Heading(self.shown_level(level)))),
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
            other => output.push(other),
        }
    }

    /// A heading's or term's id: the explicit one or a slug of its text, made unique on the page.
    fn unique_id(&mut self, explicit: Option<&str>, text: &str) -> String {
        let base = explicit.map(str::to_owned).unwrap_or_else(|| slugify(text));
        let base = if base.is_empty() { "rubrik".to_owned() } else { base };
        let mut id = base.clone();
        let mut n = 1;
        while !self.used_ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.doc.anchors.push(id.clone());
        id
    }

    /// An id as the HTML shows it: on the print page, prefixed with the page's section.
    fn shown_id(&self, id: &str) -> String {
        match self.print {
            Some((number, _)) => print_id(number, Some(id)),
            None => id.to_owned(),
        }
    }

    /// A heading's level as the HTML shows it: on the print page, under the page's title.
    fn shown_level(&self, level: HeadingLevel) -> HeadingLevel {
        match (self.print, level) {
            (None, level) => level,
            (Some(_), HeadingLevel::H1) => HeadingLevel::H2,
            (Some(_), HeadingLevel::H2) => HeadingLevel::H3,
            (Some(_), HeadingLevel::H3) => HeadingLevel::H4,
            (Some(_), HeadingLevel::H4) => HeadingLevel::H5,
            (Some(_), _) => HeadingLevel::H6,
        }
    }

    /// The link to the region's page `target` (a content path), at `anchor`: relative to where
    /// the HTML goes, or on the print page, to the page's section there.
    fn page_href(&self, target: &str, anchor: Option<&str>) -> String {
        let url = match self.print.and_then(|(_, numbers)| numbers.get(target)) {
            Some(&number) => return format!("#{}", print_id(number, anchor)),
            None => relative_url(&self.url, &url_for(target)),
        };
        match anchor {
            Some(a) => format!("{url}#{a}"),
            None => url,
        }
    }

    fn position(&self, offset: usize) -> Position {
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
            let href = self.print.map(|_| self.page_href(&self.page.path, anchor.as_deref()));
            self.doc.links.push(Link { target: self.page.path.clone(), anchor, line, column });
            return href.map_or(dest, CowStr::from);
        }
        let Some(target) = join_path(&self.page.path, path) else {
            self.doc.diagnostics.push(
                Diagnostic::error(
                    codes::TRASIG_LANK,
                    &self.page.file,
                    format!("länken `{dest}` pekar utanför handboken"),
                )
                .at(line, column),
            );
            return dest;
        };
        let link = Link { target: target.clone(), anchor: anchor.clone(), line, column };
        if target.ends_with(".md") {
            self.doc.links.push(link);
            return self.page_href(&target, anchor.as_deref()).into();
        }
        self.doc.assets.push(link);
        relative_url(&self.url, &target).into()
    }

    fn fill_placeholders<'e>(&mut self, text: &str, offset: usize, output: &mut Vec<Event<'e>>) {
        for segment in placeholder::split(text) {
            let (inner, at) = match segment {
                Segment::Text(t) => {
                    self.observe(&Event::Text(t.into()), offset);
                    output.push(Event::Text(t.to_owned().into()));
                    continue;
                }
                Segment::Placeholder { inner, offset: at } => (inner, at),
            };
            let position = self.position(offset + at);
            match placeholder::resolve(inner, self.page, self.data, position) {
                Ok(resolved) => {
                    let html = self.placeholder(resolved, position);
                    output.push(Event::InlineHtml(html.into()));
                }
                Err(d) => {
                    self.doc.diagnostics.push(d);
                    output.push(Event::Text(format!("{{{{ {inner} }}}}").into()));
                }
            }
        }
    }

    /// A resolved placeholder: its HTML, and what the outline and the form read of it.
    fn placeholder(&mut self, resolved: Placeholder, at: Position) -> String {
        match resolved {
            Placeholder::Text(text) => {
                self.read_text(&text);
                escape(&text)
            }
            Placeholder::Role { title, target } => {
                self.read_text(&title);
                let url = self.page_href(&target, None);
                self.doc.links.push(Link { target, anchor: None, line: at.0, column: at.1 });
                format!("<a href=\"{}\">{}</a>", escape(&url), escape(&title))
            }
            Placeholder::Field(field) => {
                if self.in_heading {
                    self.doc.diagnostics.push(
                        Diagnostic::error(
                            codes::FALT_I_RUBRIK,
                            &self.page.file,
                            format!("fältet `{}` står i en rubrik", field.id),
                        )
                        .at(at.0, at.1)
                        .help("en rubrik visas också i sidans innehållsförteckning; flytta fältet till texten under rubriken"),
                    );
                }
                self.outline.blank();
                if let Some(form) = &mut self.form {
                    form.field(field);
                }
                self.doc.placed_fields.push((field.id.clone(), at));
                self.doc.anchors.push(format!("falt-{}", field.id));
                if self.print.is_some() {
                    blank_html(field, self.standalone, None)
                } else {
                    field_html(field, self.standalone, None)
                }
            }
            Placeholder::Signatures(signers) => {
                self.outline.signatures(SIGNATURES_ID, signers);
                if let Some(form) = &mut self.form {
                    form.signatures(signers);
                }
                self.doc.placed_signatures.push(at);
                signatures_html(signers, self.print.map(|(number, _)| number))
            }
        }
    }

    fn read_text(&mut self, text: &str) {
        self.outline.text(text);
        if let Some(form) = &mut self.form {
            form.text(text);
        }
    }
}

/// The start of a duty's text, to name it in a message.
fn short(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

fn is_block_placeholder(text: &str) -> bool {
    let text = text.trim();
    text.strip_prefix("{{").and_then(|t| t.strip_suffix("}}")).is_some_and(|inner| inner.trim() == "underskrifter")
}

/// Markdown without data or links to check, such as the "Om webbplatsen" text from config.
pub fn to_html(text: &str) -> String {
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, Parser::new_ext(text, options()));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Fact, RegionConfig};
    use std::path::PathBuf;

    fn page(path: &str, body: &str) -> SourcePage {
        SourcePage {
            file: PathBuf::from("content").join(path),
            path: path.into(),
            front: serde_saphyr::from_str("title: Test").unwrap(),
            body: body.into(),
            body_line: 4,
            front_yaml: String::new(),
            fingerprint: 0,
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

    fn render_body(path: &str, body: &str) -> PageDoc {
        let region = region();
        let titles = HashMap::from([("roller/handledare.md", "Handledare")]);
        build(&page(path, body), &Data { region: &region, titles: &titles, blocks: false })
    }

    #[test]
    fn headings_get_ascii_ids_without_duplicates() {
        let out = render_body("a.md", "## Läkarens ansvar\n\n## Läkarens ansvar\n\n## Ansvar\n\n### Egen {#egen-id}\n");
        assert_eq!(out.anchors, ["lakarens-ansvar", "lakarens-ansvar-1", "ansvar-1", "egen-id"]);
        assert!(out.html.contains("<h2 id=\"lakarens-ansvar\">Läkarens ansvar</h2>"), "{}", out.html);
        assert_eq!(out.toc.len(), 4);
    }

    /// A heading never takes an id the theme gives something on the same page: its search
    /// field, a role's themes and sections, a checklist point.
    #[test]
    fn headings_leave_the_themes_ids_alone() {
        let region = region();
        let titles = HashMap::new();
        let mut source = page(
            "roller/handledare.md",
            "## Ansvar: handledning\n\n## I regionens avtal\n\n## Sök fält\n\n## Tackning tabell\n\n## Punkt ett\n",
        );
        source.front = serde_saphyr::from_str(
            "title: Handledare\nkind: roll\nresponsibilities:\n  - {text: T, basis: uppgift, theme: handledning, source: S}\npoints:\n  - {id: punkt-ett, text: P}\n",
        )
        .unwrap();
        let doc = build(&source, &Data { region: &region, titles: &titles, blocks: false });
        let headings: Vec<&str> = doc.toc.iter().filter(|e| e.level == 2).take(5).map(|e| e.id.as_str()).collect();
        assert_eq!(
            headings,
            ["ansvar-handledning-1", "i-regionens-avtal-1", "sok-falt-1", "tackning-tabell-1", "punkt-ett-1"]
        );
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

    #[test]
    fn one_pass_gives_the_outline_with_duties_blanks_and_structure_facts() {
        let region = region();
        let titles = HashMap::new();
        let mut source = page(
            "avtal/a.md",
            "Inledning med **fet** text.\n\n## Handledarens ansvar\n\n- Att leda *samtal*.\n- Minst {{ fält.timmar }} i veckan.\n  - inre punkt\n\n### Under\n\n- Tre. {roll=studierektor,st-lakare tema=kurser}\n\n## Tom\n\n## Annat\n\n![](bild.png)\n\n- Utan id.\n\nEtt stycke om bedömning.\n{roll=verksamhetschef tema=bedomning}\n\nUtan tema. {roll=handledare}\n",
        );
        source.front = serde_saphyr::from_str(
            "title: Avtal\nkind: avtal\nfields:\n  - {id: timmar, label: Timmar}\nduties:\n  - {role: handledare, section: handledarens-ansvar, theme: handledning}\n",
        )
        .unwrap();
        let doc = build(&source, &Data { region: &region, titles: &titles, blocks: false });
        let shown: Vec<(Option<&str>, &str, &str)> =
            doc.sections.iter().map(|s| (s.anchor.as_deref(), s.heading.as_str(), s.text.as_str())).collect();
        assert_eq!(
            shown,
            [
                (None, "", "Inledning med fet text."),
                (Some("handledarens-ansvar"), "Handledarens ansvar", "Att leda samtal. Minst … i veckan. inre punkt"),
                (Some("under"), "Under", "Tre."),
                (Some("tom"), "Tom", ""),
                (Some("annat"), "Annat", "Utan id. Ett stycke om bedömning. Utan tema."),
            ]
        );
        let duties: Vec<(&str, &str, Vec<&str>, Option<Theme>)> = doc
            .duties
            .iter()
            .map(|d| (d.anchor.as_str(), d.text.as_str(), d.roles.iter().map(String::as_str).collect(), d.theme))
            .collect();
        assert_eq!(
            duties,
            [
                ("handledarens-ansvar-1", "Att leda samtal.", vec!["handledare"], Some(Theme::Handledning)),
                ("handledarens-ansvar-2", "Minst … i veckan. inre punkt", vec!["handledare"], Some(Theme::Handledning)),
                ("handledarens-ansvar-3", "Tre.", vec!["studierektor", "st-lakare"], Some(Theme::Kurser)),
                ("annat-1", "Ett stycke om bedömning.", vec!["verksamhetschef"], Some(Theme::Bedomning)),
                ("annat-2", "Utan tema.", vec!["handledare"], None),
            ]
        );
        assert_eq!(doc.duties[2].mark_at, Some((14, 8)));
        assert!(doc.html.contains("<li id=\"handledarens-ansvar-1\">Att leda <em>samtal</em>.</li>"), "{}", doc.html);
        assert!(doc.html.contains("<li id=\"handledarens-ansvar-3\">Tre.</li>"), "the mark is not shown: {}", doc.html);
        assert!(doc.html.contains("<p id=\"annat-1\">Ett stycke om bedömning.\n</p>"), "{}", doc.html);
        assert!(doc.html.contains("<li>Utan id.</li>"), "an item outside a duty section is no duty");
        let problems: Vec<(String, (usize, usize))> =
            doc.diagnostics.iter().map(|d| (d.code.to_string(), (d.line, d.column))).collect();
        assert_eq!(problems, [("uppgift-utan-tema".to_owned(), (27, 1))]);
        assert_eq!(doc.facts.empty_sections, [((16, 1), "Tom".to_owned())]);
        assert_eq!(doc.facts.images_without_alt, [(20, 1)]);
        assert_eq!(doc.placed_fields, [("timmar".to_owned(), (9, 9))]);
        let form = doc.form.expect("a contract has a form document");
        assert!(
            matches!(&form.blocks[2], form::Block::List { items, .. } if items.len() == 3),
            "nested items stay items"
        );
        assert!(doc.anchors.contains(&"falt-timmar".to_owned()));
    }
}
