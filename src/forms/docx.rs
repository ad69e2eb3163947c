//! Word: the form as an Office Open XML document, written by hand so every blank becomes a
//! content control with the field's id as tag and its label as title (docx-rs cannot set
//! tags). The parts are few and fixed; the archive has fixed dates so builds are identical.

use crate::model::{FieldKind, FormField};
use crate::page::form::{Block, FormDoc, Inline};
use crate::page::html::escape;
use std::fmt::Write as _;
use std::io::Write as _;
use std::sync::LazyLock;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const W14: &str = "http://schemas.microsoft.com/office/word/2010/wordml";
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

pub fn write(doc: &FormDoc) -> Vec<u8> {
    let mut body = Body::default();
    body.paragraph("Title", &[Inline::Text { text: doc.title.clone(), bold: false }]);
    let mut lead = doc.region.clone();
    if let Some(source) = &doc.source {
        lead = format!("{lead}. Källa: {source}");
    }
    body.paragraph("Ingress", &[Inline::Text { text: lead, bold: false }]);
    for block in &doc.blocks {
        body.block(block);
    }
    let document = format!(
        "{DECLARATION}<w:document xmlns:w=\"{W}\" xmlns:r=\"{R}\" xmlns:w14=\"{W14}\" xmlns:mc=\"{MC}\" mc:Ignorable=\"w14\"><w:body>{}\
         <w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
         <w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr>\
         </w:body></w:document>",
        body.xml
    );
    // The parts in archive order; `None` for the ones every Word file has word for word, which
    // are compressed once (`CONSTANT_PARTS`) and copied as they are.
    let parts: [(&str, Option<String>); 10] = [
        ("[Content_Types].xml", None),
        ("_rels/.rels", None),
        ("docProps/core.xml", Some(core_properties(doc))),
        ("docProps/app.xml", None),
        ("word/_rels/document.xml.rels", None),
        ("word/document.xml", Some(document)),
        ("word/styles.xml", None),
        ("word/settings.xml", None),
        ("word/numbering.xml", Some(numbering(body.lists))),
        ("word/footer1.xml", Some(footer(doc))),
    ];
    let mut constant =
        zip::ZipArchive::new(std::io::Cursor::new(CONSTANT_PARTS.as_slice())).expect("the constant parts");
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, xml) in parts {
        match xml {
            Some(xml) => {
                zip.start_file(name, part_options()).expect("a zip entry starts");
                zip.write_all(xml.as_bytes()).expect("writing to memory");
            }
            None => zip.raw_copy_file(constant.by_name(name).expect("a constant part")).expect("copying in memory"),
        }
    }
    zip.finish().expect("the archive closes").into_inner()
}

/// Every part deflated, with a fixed date so builds are identical.
fn part_options() -> SimpleFileOptions {
    SimpleFileOptions::default().compression_method(CompressionMethod::Deflated).last_modified_time(DateTime::default())
}

/// The parts every Word file has word for word, compressed once: most of a Word file's parts
/// are small, and setting up a compressor costs more than compressing them.
static CONSTANT_PARTS: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, xml) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", PACKAGE_RELS),
        ("docProps/app.xml", APP),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/styles.xml", STYLES),
        ("word/settings.xml", SETTINGS),
    ] {
        zip.start_file(name, part_options()).expect("a zip entry starts");
        zip.write_all(xml.as_bytes()).expect("writing to memory");
    }
    zip.finish().expect("the archive closes").into_inner()
});

#[derive(Default)]
struct Body {
    xml: String,
    /// Numbering instances: true for an ordered list (each restarts at 1).
    lists: Vec<bool>,
    next_id: u32,
}

impl Body {
    fn block(&mut self, block: &Block) {
        match block {
            Block::Heading(level, inline) => {
                let style = format!("Rubrik{}", (*level).clamp(1, 3));
                self.paragraph(&style, inline);
            }
            Block::Paragraph(inline) => match super::layout::standalone_field(inline) {
                Some(field) if field.kind != FieldKind::Checkbox => {
                    self.paragraph("Faltetikett", &[Inline::Text { text: field.label.clone(), bold: false }]);
                    let control = self.control(field, Line::ToEdge, &placeholder(field));
                    let _ = write!(
                        self.xml,
                        "<w:p><w:pPr><w:pStyle w:val=\"Normal\"/>{}</w:pPr>{control}</w:p>",
                        right_tab(TEXT_WIDTH)
                    );
                }
                _ => self.paragraph("Normal", inline),
            },
            Block::List { ordered, items } => {
                self.lists.push(*ordered);
                let num = self.lists.len();
                for item in items {
                    let runs = self.runs(item);
                    let _ = write!(
                        self.xml,
                        "<w:p><w:pPr><w:pStyle w:val=\"Listestycke\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr>{runs}</w:p>"
                    );
                }
            }
            Block::Table(rows) => {
                let columns = rows.iter().map(Vec::len).max().unwrap_or(1);
                let width = TEXT_WIDTH / columns.max(1) as u32;
                self.xml.push_str(
                    "<w:tbl><w:tblPr><w:tblStyle w:val=\"Tabellrutnat\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>",
                );
                for _ in 0..columns {
                    let _ = write!(self.xml, "<w:gridCol w:w=\"{width}\"/>");
                }
                self.xml.push_str("</w:tblGrid>");
                for (r, row) in rows.iter().enumerate() {
                    self.xml.push_str(if r == 0 {
                        "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
                    } else {
                        "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
                    });
                    for cell in row {
                        // A blank alone in its cell has a line to the cell's edge.
                        let (tabs, runs) = match super::layout::standalone_field(cell) {
                            Some(field) if field.kind != FieldKind::Checkbox => {
                                let edge = width.saturating_sub(CELL_PADDING);
                                (right_tab(edge), self.control(field, Line::ToEdge, &placeholder(field)))
                            }
                            _ => (String::new(), self.runs(cell)),
                        };
                        let bold = if r == 0 { "<w:rPr><w:b/></w:rPr>" } else { "" };
                        let _ = write!(
                            self.xml,
                            "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr><w:p><w:pPr>{tabs}{bold}</w:pPr>{}</w:p></w:tc>",
                            if r == 0 { runs.replace("<w:rPr></w:rPr>", "<w:rPr><w:b/></w:rPr>") } else { runs }
                        );
                    }
                    self.xml.push_str("</w:tr>");
                }
                self.xml.push_str("</w:tbl><w:p/>");
            }
            Block::Checklist(points) => {
                for point in points {
                    let field = FormField {
                        id: point.id.clone(),
                        label: point.text.clone(),
                        kind: FieldKind::Checkbox,
                        required: false,
                        hint: None,
                    };
                    let control = self.control(&field, Line::Inline, "");
                    let _ = write!(
                        self.xml,
                        "<w:p><w:pPr><w:ind w:left=\"425\" w:hanging=\"425\"/></w:pPr>{control}{}</w:p>",
                        run("\t", false) + &run(&point.text, false)
                    );
                }
            }
            Block::Signatures(signers) => self.signatures(signers),
        }
    }

    fn paragraph(&mut self, style: &str, inline: &[Inline]) {
        let runs = self.runs(inline);
        let _ = write!(self.xml, "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>{runs}</w:p>");
    }

    fn runs(&mut self, inline: &[Inline]) -> String {
        let mut out = String::new();
        for item in inline {
            match item {
                Inline::Text { text, bold } => out.push_str(&run(text, *bold)),
                Inline::Break => out.push_str("<w:r><w:br/></w:r>"),
                Inline::Field(field) => out.push_str(&self.control(field, Line::Inline, &placeholder(field))),
            }
        }
        out
    }

    /// A content control for a blank: tag = the field's id, title = its label. Empty, a blank
    /// shows `placeholder` in grey on a line to write on, and prints so; typed text replaces
    /// both and stays underlined. A checkbox is an empty box.
    fn control(&mut self, field: &FormField, line: Line, placeholder: &str) -> String {
        self.next_id += 1;
        let id = self.next_id;
        let label = escape(&field.label);
        let tag = escape(&field.id);
        let kind = match field.kind {
            FieldKind::Checkbox => {
                return format!(
                    "<w:sdt><w:sdtPr><w:alias w:val=\"{label}\"/><w:tag w:val=\"{tag}\"/><w:id w:val=\"{id}\"/>\
                     <w14:checkbox><w14:checked w14:val=\"0\"/><w14:checkedState w14:val=\"2612\" w14:font=\"MS Gothic\"/><w14:uncheckedState w14:val=\"2610\" w14:font=\"MS Gothic\"/></w14:checkbox>\
                     </w:sdtPr><w:sdtContent><w:r><w:t>☐</w:t></w:r></w:sdtContent></w:sdt>"
                );
            }
            FieldKind::Date => {
                "<w:date><w:dateFormat w:val=\"yyyy-MM-dd\"/><w:lid w:val=\"sv-SE\"/><w:storeMappedDataAs w:val=\"dateTime\"/><w:calendar w:val=\"gregorian\"/></w:date>"
            }
            // Rich text controls: LibreOffice draws a plain text control (`w:text`) without
            // its placeholder's colour and line.
            FieldKind::Multiline | FieldKind::Text | FieldKind::Number => "",
        };
        let mut shown = String::new();
        if !placeholder.is_empty() {
            let _ = write!(
                shown,
                "<w:r><w:rPr><w:rStyle w:val=\"Platshallartext\"/>{UNDERLINE}</w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
                escape(placeholder)
            );
        }
        let _ = write!(shown, "<w:r><w:rPr>{UNDERLINE}</w:rPr>");
        match line {
            Line::ToEdge => shown.push_str("<w:tab/>"),
            Line::Inline => {
                let _ = write!(shown, "<w:t xml:space=\"preserve\">{}</w:t>", "\u{a0}".repeat(INLINE_LINE));
            }
        }
        shown.push_str("</w:r>");
        format!(
            "<w:sdt><w:sdtPr><w:rPr>{UNDERLINE}</w:rPr><w:alias w:val=\"{label}\"/><w:tag w:val=\"{tag}\"/><w:id w:val=\"{id}\"/><w:showingPlcHdr/>{kind}</w:sdtPr>\
             <w:sdtContent>{shown}</w:sdtContent></w:sdt>"
        )
    }

    /// The signature block as a table that is kept on one page: per signer a line to sign
    /// on, then name and date.
    fn signatures(&mut self, signers: &[String]) {
        self.paragraph("Rubrik2", &[Inline::Text { text: crate::model::SIGNATURES_HEADING.into(), bold: false }]);
        let control = self.control(&crate::model::signature_place(), Line::ToEdge, "");
        let _ = write!(
            self.xml,
            "<w:p><w:pPr><w:keepNext/>{}</w:pPr>{}{control}</w:p>",
            right_tab(TEXT_WIDTH),
            run("Ort: ", true)
        );
        self.xml.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"4819\"/><w:gridCol w:w=\"4819\"/></w:tblGrid>");
        for pair in signers.chunks(2) {
            self.xml.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            for column in 0..2 {
                self.xml.push_str("<w:tc><w:tcPr><w:tcW w:w=\"4819\" w:type=\"dxa\"/></w:tcPr>");
                if let Some(signer) = pair.get(column) {
                    self.xml.push_str("<w:p><w:pPr><w:keepNext/><w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/></w:pBdr><w:spacing w:before=\"600\"/></w:pPr></w:p>");
                    let _ = write!(
                        self.xml,
                        "<w:p><w:pPr><w:keepNext/></w:pPr>{}</w:p>",
                        run(&format!("Underskrift, {signer}"), true)
                    );
                    // The short label stands before the blank, so only a date shows a hint.
                    for (label, field) in crate::model::signature_fields(signer) {
                        let hint = if field.kind == FieldKind::Date { DATE_HINT } else { "" };
                        let control = self.control(&field, Line::ToEdge, hint);
                        let _ = write!(
                            self.xml,
                            "<w:p><w:pPr><w:keepNext/>{}</w:pPr>{}{control}</w:p>",
                            right_tab(CELL_WIDTH),
                            run(&format!("{label}: "), false)
                        );
                    }
                } else {
                    self.xml.push_str("<w:p/>");
                }
                self.xml.push_str("</w:tc>");
            }
            self.xml.push_str("</w:tr>");
        }
        self.xml.push_str("</w:tbl><w:p/>");
    }
}

/// How far a blank's line reaches.
#[derive(Clone, Copy)]
enum Line {
    /// To the right edge of the paragraph, where a right tab stop is set.
    ToEdge,
    /// A few centimetres, within a sentence.
    Inline,
}

/// A blank's line: a black underline, also under the grey placeholder.
const UNDERLINE: &str = "<w:u w:val=\"single\" w:color=\"000000\"/>";
/// The spaces a line within a sentence reaches past its placeholder.
const INLINE_LINE: usize = 16;

/// The width of the text on the page, and of a signature table's cell inside its margins, in
/// twentieths of a point; and what a table cell's margins take of its width, with room to spare.
const TEXT_WIDTH: u32 = 9638;
const CELL_WIDTH: u32 = 4600;
const CELL_PADDING: u32 = 240;

/// A paragraph's right tab stop at `position`, where a blank's line or a footer's page number
/// ends.
fn right_tab(position: u32) -> String {
    format!("<w:tabs><w:tab w:val=\"right\" w:pos=\"{position}\"/></w:tabs>")
}

/// What an empty date asks for.
const DATE_HINT: &str = "ÅÅÅÅ-MM-DD";

/// The grey text an empty blank shows: its label, and for a date the form it is written in.
fn placeholder(field: &FormField) -> String {
    match field.kind {
        FieldKind::Date => format!("{} ({DATE_HINT})", field.label),
        _ => field.label.clone(),
    }
}

fn run(text: &str, bold: bool) -> String {
    let properties = if bold { "<w:rPr><w:b/></w:rPr>" } else { "<w:rPr></w:rPr>" };
    let mut out = String::new();
    for (i, part) in text.split('\t').enumerate() {
        if i > 0 {
            let _ = write!(out, "<w:r>{properties}<w:tab/></w:r>");
        }
        if !part.is_empty() {
            let _ = write!(out, "<w:r>{properties}<w:t xml:space=\"preserve\">{}</w:t></w:r>", escape(part));
        }
    }
    out
}

fn core_properties(doc: &FormDoc) -> String {
    format!(
        "{DECLARATION}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title><dc:subject>{}</dc:subject>\
         <dc:language>sv-SE</dc:language></cp:coreProperties>",
        escape(&doc.title),
        escape(&doc.region)
    )
}

fn footer(doc: &FormDoc) -> String {
    format!(
        "{DECLARATION}<w:ftr xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:p><w:pPr><w:pStyle w:val=\"Sidfot\"/>{}</w:pPr>\
         {}<w:r><w:tab/></w:r>{}<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple>{}<w:fldSimple w:instr=\" NUMPAGES \"><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:ftr>",
        right_tab(TEXT_WIDTH),
        run(&format!("{} – {}", doc.title, doc.region), false),
        run("Sida ", false),
        run(" av ", false)
    )
}

fn numbering(lists: Vec<bool>) -> String {
    let mut xml = format!("{DECLARATION}<w:numbering xmlns:w=\"{W}\">");
    xml.push_str(
        "<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"singleLevel\"/><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/>\
         <w:lvlText w:val=\"•\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"425\" w:hanging=\"283\"/></w:pPr></w:lvl></w:abstractNum>\
         <w:abstractNum w:abstractNumId=\"1\"><w:multiLevelType w:val=\"singleLevel\"/><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>\
         <w:lvlText w:val=\"%1.\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"425\" w:hanging=\"283\"/></w:pPr></w:lvl></w:abstractNum>",
    );
    for (i, ordered) in lists.iter().enumerate() {
        let _ = write!(
            xml,
            "<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"{}\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>",
            i + 1,
            u8::from(*ordered)
        );
    }
    xml.push_str("</w:numbering>");
    xml
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>\
<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
</Types>";

const PACKAGE_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>";

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rIdSettings\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>\
<Relationship Id=\"rIdNumbering\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>\
<Relationship Id=\"rIdFooter\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>\
</Relationships>";

const APP: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>sthandbok</Application></Properties>";

const SETTINGS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:defaultTabStop w:val=\"1304\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>\
<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
<w:themeFontLang w:val=\"sv-SE\"/></w:settings>";

const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:eastAsia=\"Arial\" w:cs=\"Arial\"/><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/><w:lang w:val=\"sv-SE\" w:eastAsia=\"sv-SE\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"276\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:after=\"60\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"36\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Ingress\"><w:name w:val=\"Ingress\"/><w:basedOn w:val=\"Normal\"/><w:rPr><w:color w:val=\"404040\"/><w:sz w:val=\"18\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Rubrik1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"80\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"28\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Rubrik2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"80\"/><w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"28\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Rubrik3\"><w:name w:val=\"heading 3\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"200\" w:after=\"60\"/><w:outlineLvl w:val=\"2\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"24\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Listestycke\"><w:name w:val=\"List Paragraph\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing w:after=\"60\"/><w:ind w:left=\"425\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Faltetikett\"><w:name w:val=\"Fältetikett\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:keepNext/><w:spacing w:after=\"0\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"17\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Sidfot\"><w:name w:val=\"footer\"/><w:basedOn w:val=\"Normal\"/><w:rPr><w:color w:val=\"505050\"/><w:sz w:val=\"16\"/></w:rPr></w:style>\
<w:style w:type=\"character\" w:styleId=\"Platshallartext\"><w:name w:val=\"Placeholder Text\"/><w:rPr><w:color w:val=\"595959\"/></w:rPr></w:style>\
<w:style w:type=\"table\" w:styleId=\"Tabellrutnat\"><w:name w:val=\"Table Grid\"/><w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/></w:tblBorders><w:tblCellMar><w:left w:w=\"85\" w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\
</w:styles>";
