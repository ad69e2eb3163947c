//! Forms: every contract (and the ramöverenskommelse checklist) as a fillable PDF and a Word
//! file, beside its page. One definition drives all formats: the page's body with its
//! `{{ fält.ID }}` blanks and `{{ underskrifter }}`, read here into a `FormDoc`.

mod docx;
mod fonts;
mod layout;
mod pdf;

use crate::markdown::Data;
use crate::model::{ChecklistPoint, FieldKind, FormField, PageKind};
use crate::placeholder::{self, Placeholder, Segment};
use crate::render::Output;
use crate::site::Page;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde::Serialize;

/// A form document: what every format shows, in order.
pub struct FormDoc {
    pub title: String,
    /// Who publishes it: the region.
    pub region: String,
    pub source: Option<String>,
    pub blocks: Vec<Block>,
}

pub enum Block {
    Heading(u8, Vec<Inline>),
    Paragraph(Vec<Inline>),
    List { ordered: bool, items: Vec<Vec<Inline>> },
    Table(Vec<Vec<Vec<Inline>>>),
    Checklist(Vec<ChecklistPoint>),
    Signatures(Vec<String>),
}

#[derive(Clone)]
pub enum Inline {
    Text { text: String, bold: bool },
    Field(FormField),
    Break,
}

/// The field for the place where the signers sign, one for the whole signature block.
pub fn signature_place() -> FormField {
    FormField { id: "underskrift-ort".into(), label: "Ort".into(), kind: FieldKind::Text, required: false, hint: None }
}

/// A signer's name in print and the date: the short label shown beside each field, and the
/// field, whose label names the signer (for screen readers and tooltips).
pub fn signature_fields(signer: &str) -> [(&'static str, FormField); 2] {
    let id = format!("underskrift-{}", crate::markdown::slugify(signer));
    [("namn", "Namnförtydligande", FieldKind::Text), ("datum", "Datum", FieldKind::Date)].map(
        |(suffix, label, kind)| {
            let field = FormField {
                id: format!("{id}-{suffix}"),
                label: format!("{label}, {signer}"),
                kind,
                required: false,
                hint: None,
            };
            (label, field)
        },
    )
}

/// A file to download beside a page, for the page's links.
#[derive(Clone, Serialize)]
pub struct Download {
    pub label: &'static str,
    pub file: String,
    pub size: String,
}

/// The PDF and Word files of a page, if it is a form (a contract or the checklist).
pub fn files(slug: &str, page: &Page, data: &Data) -> Option<(Vec<Output>, Vec<Download>)> {
    let front = &page.source.front;
    if !matches!(front.kind, PageKind::Avtal | PageKind::Checklista) {
        return None;
    }
    let doc = read(page, data);
    let stem = page.path().rsplit('/').next().unwrap_or("formular").trim_end_matches(".md");
    let dir = page.url.trim_end_matches("index.html");
    let mut outputs = Vec::new();
    let mut downloads = Vec::new();
    for (label, extension, bytes) in
        [("Ladda ner som PDF", "pdf", pdf::write(&doc)), ("Ladda ner som Word", "docx", docx::write(&doc))]
    {
        let file = format!("{stem}.{extension}");
        downloads.push(Download { label, file: file.clone(), size: human_size(bytes.len()) });
        outputs.push(Output { path: format!("{slug}/{dir}{file}"), bytes });
    }
    Some((outputs, downloads))
}

fn human_size(bytes: usize) -> String {
    if bytes < 1000 {
        format!("{bytes} byte")
    } else if bytes < 1_000_000 {
        format!("{} kB", bytes.div_ceil(1000))
    } else {
        format!("{:.1} MB", bytes as f64 / 1_000_000.0).replace('.', ",")
    }
}

/// Reads a page into a form document. Problems with placeholders were reported when the page
/// was rendered; here a placeholder that does not resolve is left out.
pub fn read(page: &Page, data: &Data) -> FormDoc {
    let source = page.source;
    let mut reader = Reader::default();
    for event in Parser::new_ext(&source.body, crate::markdown::options()) {
        reader.event(event, page, data);
    }
    let mut blocks = reader.blocks;
    if !reader.notes.is_empty() {
        blocks.push(Block::Heading(2, vec![text("Noter", false)]));
        blocks.extend(reader.notes.into_iter().map(Block::Paragraph));
    }
    if !source.front.points.is_empty() {
        blocks.push(Block::Heading(2, vec![text("Punkter", false)]));
        blocks.push(Block::Checklist(source.front.points.clone()));
    }
    FormDoc {
        title: source.front.title.clone(),
        region: data.region.name.clone(),
        source: source.front.source.clone(),
        blocks,
    }
}

fn text(text: &str, bold: bool) -> Inline {
    Inline::Text { text: text.to_owned(), bold }
}

#[derive(Default)]
struct Reader {
    blocks: Vec<Block>,
    notes: Vec<Vec<Inline>>,
    /// The inline content being read, with where it goes when it ends.
    inline: Vec<Inline>,
    bold: usize,
    heading: Option<u8>,
    list: Option<(bool, Vec<Vec<Inline>>)>,
    list_depth: usize,
    table: Option<Vec<Vec<Vec<Inline>>>>,
    footnote: Option<String>,
    footnotes_seen: Vec<String>,
}

impl Reader {
    fn event(&mut self, event: Event, page: &Page, data: &Data) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => self.heading = Some(level as u8),
            Event::End(TagEnd::Heading(_)) => {
                let inline = std::mem::take(&mut self.inline);
                self.blocks.push(Block::Heading(self.heading.take().unwrap_or(2), inline));
            }
            Event::Start(Tag::List(first)) => {
                self.list_depth += 1;
                if self.list.is_none() {
                    self.list = Some((first.is_some(), Vec::new()));
                }
            }
            Event::End(TagEnd::List(_)) => {
                self.list_depth -= 1;
                if self.list_depth == 0
                    && let Some((ordered, items)) = self.list.take()
                {
                    self.blocks.push(Block::List { ordered, items });
                }
            }
            Event::Start(Tag::Item) if self.list_depth > 1 => self.close_item(),
            Event::End(TagEnd::Item) => self.close_item(),
            Event::Start(Tag::Table(_)) => self.table = Some(Vec::new()),
            Event::End(TagEnd::Table) => {
                if let Some(rows) = self.table.take() {
                    self.blocks.push(Block::Table(rows));
                }
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                if let Some(rows) = &mut self.table {
                    rows.push(Vec::new());
                }
            }
            Event::End(TagEnd::TableCell) => {
                let cell = std::mem::take(&mut self.inline);
                if let Some(row) = self.table.as_mut().and_then(|rows| rows.last_mut()) {
                    row.push(cell);
                }
            }
            Event::Start(Tag::FootnoteDefinition(name)) => self.footnote = Some(name.to_string()),
            Event::End(TagEnd::FootnoteDefinition) => {
                let name = self.footnote.take().unwrap_or_default();
                let number = self.footnote_number(name);
                let mut note = vec![text(&format!("{number}. "), true)];
                note.extend(std::mem::take(&mut self.inline));
                self.notes.push(note);
            }
            Event::FootnoteReference(name) => {
                let number = self.footnote_number(name.to_string());
                self.inline.push(text(&format!(" [{number}]"), false));
            }
            Event::End(TagEnd::Paragraph | TagEnd::DefinitionListDefinition) => {
                if self.list.is_some() || self.table.is_some() || self.footnote.is_some() {
                    self.inline.push(Inline::Break);
                } else {
                    self.paragraph();
                }
            }
            Event::End(TagEnd::DefinitionListTitle) => {
                for inline in &mut self.inline {
                    if let Inline::Text { bold, .. } = inline {
                        *bold = true;
                    }
                }
                self.paragraph();
            }
            Event::Start(Tag::Strong) => self.bold += 1,
            Event::End(TagEnd::Strong) => self.bold = self.bold.saturating_sub(1),
            Event::Text(t) | Event::Code(t) => self.text(&t, page, data),
            Event::SoftBreak => self.inline.push(text(" ", self.bold > 0)),
            Event::HardBreak => self.inline.push(Inline::Break),
            _ => {}
        }
    }

    fn footnote_number(&mut self, name: String) -> usize {
        match self.footnotes_seen.iter().position(|n| *n == name) {
            Some(i) => i + 1,
            None => {
                self.footnotes_seen.push(name);
                self.footnotes_seen.len()
            }
        }
    }

    fn close_item(&mut self) {
        let mut item = std::mem::take(&mut self.inline);
        while matches!(item.last(), Some(Inline::Break)) {
            item.pop();
        }
        if !item.is_empty()
            && let Some((_, items)) = &mut self.list
        {
            items.push(item);
        }
    }

    fn paragraph(&mut self) {
        let inline = std::mem::take(&mut self.inline);
        if !inline.is_empty() {
            self.blocks.push(Block::Paragraph(inline));
        }
    }

    fn text(&mut self, t: &str, page: &Page, data: &Data) {
        let bold = self.bold > 0;
        for segment in placeholder::split(t) {
            match segment {
                Segment::Text(t) => self.inline.push(text(t, bold)),
                Segment::Placeholder { inner, .. } => match placeholder::resolve(inner, page.source, data, 0, 0) {
                    Ok(Placeholder::Text(t)) => self.inline.push(text(&t, bold)),
                    Ok(Placeholder::Role { title, .. }) => self.inline.push(text(&title, bold)),
                    Ok(Placeholder::Field(field)) => self.inline.push(Inline::Field(field.clone())),
                    Ok(Placeholder::Signatures(signers)) => {
                        self.paragraph();
                        self.blocks.push(Block::Signatures(signers.to_vec()));
                    }
                    Err(_) => {}
                },
            }
        }
    }
}
