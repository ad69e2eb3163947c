//! The form document of a contract or the checklist: what the PDF and the Word file show, in
//! order. Built by the page pass from the same events and resolved placeholders as the HTML.

use crate::model::{ChecklistPoint, FormField};
use pulldown_cmark::{Event, Tag, TagEnd};

pub struct FormDoc {
    pub title: String,
    /// Who publishes it: the region.
    pub region: String,
    pub source: Option<String>,
    pub blocks: Vec<Block>,
}

#[derive(Clone)]
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

pub fn text(text: &str, bold: bool) -> Inline {
    Inline::Text { text: text.to_owned(), bold }
}

/// Reads blocks out of the page's events.
#[derive(Default)]
pub(super) struct FormReader {
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

impl FormReader {
    pub fn event(&mut self, event: &Event) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => self.heading = Some(*level as u8),
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
            Event::Text(t) | Event::Code(t) => self.text(t),
            Event::SoftBreak => self.inline.push(text(" ", self.bold > 0)),
            Event::HardBreak => self.inline.push(Inline::Break),
            _ => {}
        }
    }

    pub fn text(&mut self, t: &str) {
        self.inline.push(text(t, self.bold > 0));
    }

    pub fn field(&mut self, field: &FormField) {
        self.inline.push(Inline::Field(field.clone()));
    }

    pub fn signatures(&mut self, signers: &[String]) {
        self.paragraph();
        self.blocks.push(Block::Signatures(signers.to_vec()));
    }

    pub fn finish(self, title: &str, region: &str, source: Option<&str>, points: &[ChecklistPoint]) -> FormDoc {
        let mut blocks = self.blocks;
        if !self.notes.is_empty() {
            blocks.push(Block::Heading(2, vec![text("Noter", false)]));
            blocks.extend(self.notes.into_iter().map(Block::Paragraph));
        }
        if !points.is_empty() {
            blocks.push(Block::Heading(2, vec![text("Punkter", false)]));
            blocks.push(Block::Checklist(points.to_vec()));
        }
        FormDoc { title: title.to_owned(), region: region.to_owned(), source: source.map(str::to_owned), blocks }
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
}
