//! Reading a Word file (Office Open XML): its paragraphs, headings, lists, tables, links, bold
//! and italic, content controls and legacy form fields, as blocks; and what it holds that a
//! handbook page cannot, as notes with the paragraph where it was.

use super::xml::{self, Element};
use super::{Block, Control, Note, Span};
use crate::model::FieldKind;
use std::collections::HashMap;
use std::io::Read;

/// The document's title from its properties, and its body.
pub struct Document {
    pub title: Option<String>,
    pub blocks: Vec<Block>,
    pub notes: Vec<Note>,
}

/// Reads the package; an error says in Swedish why the file is no Word document.
pub fn read(bytes: &[u8]) -> Result<Document, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|_| "filen är inget Word-dokument (.docx): den är inte ett zip-paket".to_owned())?;
    let mut part = |name: &str| -> Result<Option<String>, String> {
        let Ok(mut file) = archive.by_name(name) else { return Ok(None) };
        let mut text = String::new();
        file.read_to_string(&mut text).map_err(|e| format!("delen {name} går inte att läsa: {e}"))?;
        Ok(Some(text))
    };
    let Some(body) = part("word/document.xml")? else {
        return Err("filen är inget Word-dokument (.docx): word/document.xml saknas".into());
    };
    let parsed = |name: &str, text: Option<String>| -> Result<Option<Element>, String> {
        text.map(|t| xml::parse(&t).map_err(|e| format!("{name} är trasig: {e}"))).transpose()
    };
    let document = parsed("word/document.xml", Some(body))?.expect("a body");
    let styles = parsed("word/styles.xml", part("word/styles.xml")?)?;
    let numbering = parsed("word/numbering.xml", part("word/numbering.xml")?)?;
    let rels = parsed("word/_rels/document.xml.rels", part("word/_rels/document.xml.rels")?)?;
    let core = parsed("docProps/core.xml", part("docProps/core.xml")?)?;
    let body = document.child("w:body").ok_or("word/document.xml har ingen w:body")?;
    let mut reader = Reader {
        styles: styles.as_ref().map(read_styles).unwrap_or_default(),
        lists: numbering.as_ref().map(read_numbering).unwrap_or_default(),
        links: rels.as_ref().map(read_links).unwrap_or_default(),
        ..Reader::default()
    };
    let mut blocks = Vec::new();
    reader.container(body, &mut blocks);
    let title = core.as_ref().and_then(|c| c.child("dc:title")).map(|t| t.text().trim().to_owned());
    Ok(Document { title: title.filter(|t| !t.is_empty()), blocks, notes: reader.notes })
}

/// A paragraph style: its heading level (0 for a title) if it is one, and the list it numbers
/// its paragraphs in (List Bullet's), with the level.
#[derive(Clone, Copy, Default)]
struct Style<'a> {
    level: Option<u8>,
    list: Option<(&'a str, u8)>,
}

type Styles = HashMap<String, (Option<u8>, Option<(String, u8)>)>;

/// A `w:numPr`'s list and level; list 0 takes a style's list away.
fn numbering_of(properties: Option<&Element>) -> Option<(&str, u8)> {
    let numbering = properties?.child("w:numPr")?;
    let id = numbering.child("w:numId")?.attribute("w:val")?;
    let level = numbering.child("w:ilvl").and_then(|l| l.attribute("w:val")?.parse().ok()).unwrap_or(0);
    Some((id, level))
}

fn read_styles(styles: &Element) -> Styles {
    let mut named: HashMap<String, (Style, Option<String>)> = HashMap::new();
    for style in styles.elements().filter(|s| s.name == "w:style") {
        let Some(id) = style.attribute("w:styleId") else { continue };
        let name = style.child("w:name").and_then(|n| n.attribute("w:val")).unwrap_or("").to_lowercase();
        let outline = style
            .child("w:pPr")
            .and_then(|p| p.child("w:outlineLvl"))
            .and_then(|o| o.attribute("w:val"))
            .and_then(|v| v.parse::<u8>().ok())
            .filter(|&l| l < 9)
            .map(|l| l + 1);
        let numbered = ["heading ", "rubrik "]
            .iter()
            .find_map(|prefix| name.strip_prefix(prefix).and_then(|n| n.trim().parse::<u8>().ok()));
        let level = if name == "title" || name == "rubrik" { Some(0) } else { numbered.or(outline) };
        let based_on = style.child("w:basedOn").and_then(|b| b.attribute("w:val")).map(str::to_owned);
        let list = numbering_of(style.child("w:pPr"));
        named.insert(id.to_owned(), (Style { level, list }, based_on));
    }
    // A style without a level or list of its own takes its base style's.
    let mut styles = Styles::new();
    for id in named.keys() {
        let (mut at, mut found) = (id.as_str(), Style::default());
        for _ in 0..10 {
            let Some((own, base)) = named.get(at) else { break };
            found.level = found.level.or(own.level);
            found.list = found.list.or(own.list);
            match base {
                Some(base) if found.level.is_none() || found.list.is_none() => at = base,
                _ => break,
            }
        }
        styles.insert(id.clone(), (found.level, found.list.map(|(l, n)| (l.to_owned(), n))));
    }
    styles
}

/// Per numbering id and level, whether the list is ordered.
type Lists = HashMap<(String, u8), bool>;

fn read_numbering(numbering: &Element) -> Lists {
    let mut abstracts: HashMap<&str, &Element> = HashMap::new();
    for a in numbering.elements().filter(|e| e.name == "w:abstractNum") {
        if let Some(id) = a.attribute("w:abstractNumId") {
            abstracts.insert(id, a);
        }
    }
    let mut lists = Lists::new();
    for num in numbering.elements().filter(|e| e.name == "w:num") {
        let (Some(id), Some(abstract_id)) =
            (num.attribute("w:numId"), num.child("w:abstractNumId").and_then(|a| a.attribute("w:val")))
        else {
            continue;
        };
        let Some(definition) = abstracts.get(abstract_id) else { continue };
        for level in definition.elements().filter(|e| e.name == "w:lvl") {
            let Some(ilvl) = level.attribute("w:ilvl").and_then(|l| l.parse().ok()) else { continue };
            let format = level.child("w:numFmt").and_then(|f| f.attribute("w:val")).unwrap_or("bullet");
            lists.insert((id.to_owned(), ilvl), !matches!(format, "bullet" | "none"));
        }
    }
    lists
}

fn read_links(rels: &Element) -> HashMap<String, String> {
    rels.elements()
        .filter(|r| r.attribute("TargetMode") == Some("External"))
        .filter_map(|r| Some((r.attribute("Id")?.to_owned(), r.attribute("Target")?.to_owned())))
        .collect()
}

/// What the notes say of tracked changes: an insertion is kept, a deletion left out.
const INSERTED: &str = "spårad ändring (infogad text): den togs med som om den vore godkänd; godkänn eller avvisa ändringarna i Word först";
const DELETED: &str =
    "spårad ändring (borttagen text): den togs inte med; godkänn eller avvisa ändringarna i Word först";

#[derive(Default)]
struct Reader {
    styles: Styles,
    lists: Lists,
    links: HashMap<String, String>,
    notes: Vec<Note>,
    /// Paragraphs read so far, for the notes' places.
    paragraphs: usize,
    /// The complex field being read, which may span runs and paragraphs.
    field: Option<Field>,
    /// Comments already reported, by id.
    comments: Vec<String>,
}

/// A complex field (`w:fldChar` begin … separate … end): its instruction, for a legacy form
/// field its control, whether its result is being read and whether that result is left out (a
/// form field's shows its default), and for a link its target.
struct Field {
    instruction: String,
    form: Option<Control>,
    in_result: bool,
    skip_result: bool,
    link: Option<String>,
}

/// Formatting a run carries into its spans.
#[derive(Clone, Default)]
struct Format {
    bold: bool,
    italic: bool,
    link: Option<String>,
}

impl Reader {
    /// Reads block-level content: paragraphs, tables, block content controls.
    fn container(&mut self, parent: &Element, into: &mut Vec<Block>) {
        for element in parent.elements() {
            match element.name.as_str() {
                "w:p" => {
                    let block = self.paragraph(element);
                    into.push(block);
                }
                "w:tbl" => {
                    let table = self.table(element);
                    into.push(table);
                }
                "w:sdt" => match control(element) {
                    // A control around paragraphs that is a blank: one paragraph with the control.
                    Some(control) if element.child("w:sdtContent").is_some_and(|c| c.find("w:tbl").is_none()) => {
                        self.paragraphs += 1;
                        into.push(Block::Paragraph {
                            spans: vec![Span::Control(control)],
                            list: None,
                            at: self.paragraphs,
                        });
                    }
                    _ => {
                        if let Some(content) = element.child("w:sdtContent") {
                            self.container(content, into);
                        }
                    }
                },
                "w:ins" | "w:moveTo" => {
                    self.note(self.paragraphs + 1, INSERTED);
                    self.container(element, into);
                }
                "w:customXml" => self.container(element, into),
                "w:del" | "w:moveFrom" => self.note(self.paragraphs + 1, DELETED),
                _ => {}
            }
        }
    }

    fn table(&mut self, table: &Element) -> Block {
        let at = self.paragraphs + 1;
        let mut rows = Vec::new();
        for row in table.elements().filter(|e| e.name == "w:tr") {
            let mut cells = Vec::new();
            for cell in row.elements().filter(|e| e.name == "w:tc") {
                let mut blocks = Vec::new();
                self.container(cell, &mut blocks);
                // A cell's paragraphs as one line: a table cell in Markdown holds no blocks.
                let mut spans = Vec::new();
                for block in blocks {
                    let more = match block {
                        Block::Paragraph { spans, .. } | Block::Heading { spans, .. } => spans,
                        Block::Table { at, .. } => {
                            self.note(at, "en tabell i en tabellcell: den inre tabellen togs inte med");
                            continue;
                        }
                    };
                    if more.is_empty() {
                        continue;
                    }
                    if !spans.is_empty() {
                        spans.push(Span::Break);
                    }
                    spans.extend(more);
                }
                cells.push(spans);
            }
            rows.push(cells);
        }
        Block::Table { rows, at }
    }

    fn paragraph(&mut self, paragraph: &Element) -> Block {
        self.paragraphs += 1;
        let at = self.paragraphs;
        let properties = paragraph.child("w:pPr");
        let style = properties.and_then(|p| p.child("w:pStyle")).and_then(|s| s.attribute("w:val"));
        let (level, style_list) = style.and_then(|s| self.styles.get(s)).cloned().unwrap_or_default();
        let list = numbering_of(properties)
            .map(|(id, level)| (id.to_owned(), level))
            .or(style_list)
            .filter(|(id, _)| id != "0")
            .map(|(id, level)| (self.lists.get(&(id, level)).copied().unwrap_or(false), level));
        let mut spans = Vec::new();
        self.inline(paragraph, &Format::default(), &mut spans, at);
        match level {
            Some(level) => Block::Heading { level, spans, at },
            None => Block::Paragraph { spans, list, at },
        }
    }

    /// Reads runs and what holds them into spans.
    fn inline(&mut self, parent: &Element, format: &Format, spans: &mut Vec<Span>, at: usize) {
        for element in parent.elements() {
            match element.name.as_str() {
                "w:r" => self.run(element, format, spans, at),
                "w:hyperlink" => {
                    let link = element.attribute("r:id").and_then(|id| self.links.get(id)).cloned();
                    let format = Format { link: link.or_else(|| format.link.clone()), ..format.clone() };
                    self.inline(element, &format, spans, at);
                }
                "w:sdt" => match control(element) {
                    Some(control) => spans.push(Span::Control(control)),
                    None => {
                        if let Some(content) = element.child("w:sdtContent") {
                            self.inline(content, format, spans, at);
                        }
                    }
                },
                "w:fldSimple" => {
                    let instruction = element.attribute("w:instr").unwrap_or("").trim().to_owned();
                    match field_kind(&instruction) {
                        FieldUse::Form(kind) => spans.push(Span::Control(Control { kind, ..Control::default() })),
                        FieldUse::Link(target) => {
                            let format = Format { link: Some(target), ..format.clone() };
                            self.inline(element, &format, spans, at);
                        }
                        FieldUse::Text => self.inline(element, format, spans, at),
                        FieldUse::Unknown(name) => {
                            self.note(at, &format!("fältet {name} ersattes med texten det visade"));
                            self.inline(element, format, spans, at);
                        }
                    }
                }
                "w:ins" | "w:moveTo" => {
                    self.note(at, INSERTED);
                    self.inline(element, format, spans, at);
                }
                "w:del" | "w:moveFrom" => self.note(at, DELETED),
                "w:smartTag" | "w:customXml" => self.inline(element, format, spans, at),
                "w:commentRangeStart" => {
                    let id = element.attribute("w:id").unwrap_or("").to_owned();
                    if !self.comments.contains(&id) {
                        self.comments.push(id);
                        self.note(at, "kommentar: den togs inte med; läs den i Word och för in det som ska stå kvar");
                    }
                }
                _ => {}
            }
        }
    }

    fn run(&mut self, run: &Element, format: &Format, spans: &mut Vec<Span>, at: usize) {
        let mut format = format.clone();
        if let Some(properties) = run.child("w:rPr") {
            let on = |name: &str| {
                properties.child(name).map(|e| !matches!(e.attribute("w:val"), Some("0" | "false" | "none")))
            };
            format.bold = on("w:b").unwrap_or(format.bold);
            format.italic = on("w:i").unwrap_or(format.italic);
        }
        for element in run.elements() {
            match element.name.as_str() {
                "w:fldChar" => self.field_char(element, spans),
                "w:instrText" => {
                    if let Some(field) = self.field.as_mut().filter(|f| !f.in_result) {
                        field.instruction.push_str(&element.text());
                    }
                }
                _ if self.field.as_ref().is_some_and(|f| !f.in_result || f.skip_result) => {}
                "w:t" => {
                    let link = self.field.as_ref().and_then(|f| f.link.clone()).or_else(|| format.link.clone());
                    let format = Format { link, ..format.clone() };
                    push_text(spans, &element.text(), &format);
                }
                "w:tab" | "w:ptab" => spans.push(Span::Tab),
                // A page break is no line break in a page.
                "w:br" | "w:cr" if element.attribute("w:type") != Some("page") => spans.push(Span::Break),
                "w:noBreakHyphen" => push_text(spans, "-", &format),
                "w:drawing" | "w:pict" | "w:object" | "mc:AlternateContent" => self.drawing(element, at),
                "w:footnoteReference" | "w:endnoteReference" => {
                    self.note(at, "fotnot: den togs inte med; skriv in den som en fotnot i Markdown ([^1])");
                }
                _ => {}
            }
        }
    }

    fn field_char(&mut self, element: &Element, spans: &mut Vec<Span>) {
        match element.attribute("w:fldCharType") {
            Some("begin") => {
                let form = element.child("w:ffData").map(|data| {
                    let name = data.child("w:name").and_then(|n| n.attribute("w:val")).map(str::to_owned);
                    let kind = if data.child("w:checkBox").is_some() { FieldKind::Checkbox } else { FieldKind::Text };
                    let help = data.child("w:statusText").and_then(|s| s.attribute("w:val")).map(str::to_owned);
                    Control { tag: None, label: help.or(name), kind }
                });
                self.field =
                    Some(Field { instruction: String::new(), form, in_result: false, skip_result: false, link: None });
            }
            Some("separate") => {
                if let Some(field) = self.field.as_mut() {
                    field.in_result = true;
                    match field_kind(&field.instruction) {
                        FieldUse::Form(kind) => {
                            let mut control = field.form.take().unwrap_or_default();
                            if kind == FieldKind::Checkbox {
                                control.kind = kind;
                            }
                            spans.push(Span::Control(control));
                            field.skip_result = true;
                        }
                        FieldUse::Link(target) => field.link = Some(target),
                        FieldUse::Text => {}
                        FieldUse::Unknown(name) => {
                            let message = format!("fältet {name} ersattes med texten det visade");
                            self.note(self.paragraphs, &message);
                        }
                    }
                }
            }
            Some("end") => {
                // A form field without a result part ends here.
                if let Some(field) = self.field.take().filter(|f| !f.in_result)
                    && let FieldUse::Form(kind) = field_kind(&field.instruction)
                {
                    let mut control = field.form.unwrap_or_default();
                    if kind == FieldKind::Checkbox {
                        control.kind = kind;
                    }
                    spans.push(Span::Control(control));
                }
            }
            _ => {}
        }
    }

    /// A drawing, picture, embedded object or text box: reported, never converted.
    fn drawing(&mut self, element: &Element, at: usize) {
        if element.find("w:txbxContent").is_some() {
            let text: String = element.find("w:txbxContent").map(Element::text).unwrap_or_default();
            let quote = quote(&text);
            self.note(at, &format!("textruta{quote}: den togs inte med; flytta texten till ett vanligt stycke"));
        } else if element.name == "w:object" {
            self.note(at, "inbäddat objekt: det togs inte med");
        } else {
            let description = element.find("wp:docPr").and_then(|d| d.attribute("descr")).map(str::trim);
            match description.filter(|d| !d.is_empty()) {
                Some(d) => self.note(
                    at,
                    &format!("bild (”{d}”): den togs inte med; lägg bilden bredvid sidan och länka den med sin alternativtext"),
                ),
                None => self.note(
                    at,
                    "bild utan alternativtext: den togs inte med; en bild på en sida behöver en text som säger vad den visar",
                ),
            }
        }
    }

    fn note(&mut self, at: usize, message: &str) {
        self.notes.push(Note { at, message: message.to_owned() });
    }
}

/// The first words of a text, quoted, for a note.
fn quote(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().take(6).collect();
    if words.is_empty() { String::new() } else { format!(" (”{}”)", words.join(" ")) }
}

fn push_text(spans: &mut Vec<Span>, text: &str, format: &Format) {
    if text.is_empty() {
        return;
    }
    if let Some(Span::Text { text: last, bold, italic, link }) = spans.last_mut()
        && *bold == format.bold
        && *italic == format.italic
        && *link == format.link
    {
        last.push_str(text);
        return;
    }
    spans.push(Span::Text {
        text: text.to_owned(),
        bold: format.bold,
        italic: format.italic,
        link: format.link.clone(),
    });
}

/// A content control that is a blank: its tag, title and kind. A control without either, or a
/// building block (a table of contents, a cover page), is not one.
fn control(sdt: &Element) -> Option<Control> {
    let properties = sdt.child("w:sdtPr")?;
    if properties.child("w:docPartObj").is_some() {
        return None;
    }
    let value = |name: &str| properties.child(name).and_then(|e| e.attribute("w:val")).map(str::to_owned);
    let (tag, label) = (value("w:tag"), value("w:alias"));
    let kind = if properties.child("w14:checkbox").is_some() {
        FieldKind::Checkbox
    } else if properties.child("w:date").is_some() {
        FieldKind::Date
    } else {
        FieldKind::Text
    };
    let is_blank = tag.is_some()
        || label.is_some()
        || kind != FieldKind::Text
        || properties.child("w:text").is_some()
        || properties.child("w:showingPlcHdr").is_some();
    is_blank.then_some(Control { tag, label, kind })
}

/// What a field's instruction makes of it.
enum FieldUse {
    /// A legacy form field.
    Form(FieldKind),
    /// A link to its target.
    Link(String),
    /// Its result is text that belongs in the page (a page number has none in a body).
    Text,
    /// Any other field, by name.
    Unknown(String),
}

fn field_kind(instruction: &str) -> FieldUse {
    let mut words = instruction.split_whitespace();
    let name = words.next().unwrap_or("").to_uppercase();
    match name.as_str() {
        "FORMTEXT" | "FORMDROPDOWN" => FieldUse::Form(FieldKind::Text),
        "FORMCHECKBOX" => FieldUse::Form(FieldKind::Checkbox),
        "HYPERLINK" => {
            let rest: Vec<&str> = words.collect();
            // `HYPERLINK "url"`, or `HYPERLINK \l "bookmark"` within the document.
            if rest.first().is_some_and(|w| w.starts_with('\\')) {
                FieldUse::Text
            } else {
                FieldUse::Link(rest.join(" ").trim_matches('"').to_owned())
            }
        }
        "" => FieldUse::Text,
        _ => FieldUse::Unknown(name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_instruction_says_what_it_becomes() {
        assert!(matches!(field_kind(" FORMTEXT "), FieldUse::Form(FieldKind::Text)));
        assert!(matches!(field_kind("FORMCHECKBOX"), FieldUse::Form(FieldKind::Checkbox)));
        assert!(
            matches!(field_kind("HYPERLINK \"https://example.se/a b\""), FieldUse::Link(t) if t == "https://example.se/a b")
        );
        assert!(matches!(field_kind("MERGEFIELD Namn"), FieldUse::Unknown(n) if n == "MERGEFIELD"));
    }
}
