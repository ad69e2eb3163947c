//! `sthandbok import`: a Word template becomes a handbook page. Its text, headings, lists,
//! tables, links, bold and italic are kept; its blanks become declared fields placed with
//! `{{ fält.ID }}` (runs of underscores, dotted lines, "xx" placeholders, empty table cells
//! beside a label, content controls, legacy form fields), its signature block becomes
//! `signatures:` and `{{ underskrifter }}`. What a page cannot hold is reported with where it
//! was. The page is written for review: every field's id and label come from the text beside
//! its blank, as written there.

mod blanks;
mod markdown;
mod word;
mod xml;

use crate::model::FieldKind;
use crate::scaffold::{self, Kind};
use std::path::PathBuf;

/// What to import, and where to.
pub struct ImportOptions {
    pub root: PathBuf,
    pub file: PathBuf,
    /// The region whose page it becomes; national without one.
    pub region: Option<String>,
    /// The kind of page; a contract when the document has blanks or signatures, else a page.
    pub kind: Option<Kind>,
    /// The page's path (as `sthandbok new page` takes it, within the region's pages with
    /// `region`); from the title without one.
    pub out: Option<String>,
    /// Whether an existing file may be replaced.
    pub force: bool,
}

/// What an import wrote and found.
pub struct Imported {
    /// The page, then any section pages its folders needed.
    pub written: Vec<PathBuf>,
    pub kind: Kind,
    pub fields: usize,
    pub signatures: usize,
    /// What was not converted, or changed: "stycke N: …".
    pub notes: Vec<String>,
}

/// A block of the document.
pub enum Block {
    /// A heading: 0 for a title, 1 for Heading 1, …
    Heading { level: u8, spans: Vec<Span>, at: usize },
    /// A paragraph, or a list item (ordered, and its level).
    Paragraph { spans: Vec<Span>, list: Option<(bool, u8)>, at: usize },
    /// Rows of cells; a cell's paragraphs are joined by breaks.
    Table { rows: Vec<Vec<Vec<Span>>>, at: usize },
}

/// Inline content.
#[derive(Clone)]
pub enum Span {
    Text { text: String, bold: bool, italic: bool, link: Option<String> },
    Tab,
    Break,
    Control(Control),
}

/// A content control or legacy form field: its tag, title (or name) and kind.
#[derive(Clone, Default)]
pub struct Control {
    pub tag: Option<String>,
    pub label: Option<String>,
    pub kind: FieldKind,
}

/// Something the page could not keep, at a paragraph (counted from 1 through the document; 0
/// for the whole document).
pub struct Note {
    pub at: usize,
    pub message: String,
}

/// Reads the file, converts it and writes the page.
pub fn import(options: &ImportOptions) -> Result<Imported, String> {
    let shown = options.file.display();
    let bytes = std::fs::read(&options.file).map_err(|e| format!("{shown} går inte att läsa: {e}"))?;
    let document = read(&bytes).map_err(|e| format!("{shown}: {e}"))?;
    let fallback_title = options.file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let file_name = options.file.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let page = blanks::convert(&document, &fallback_title, true);
    let kind = options.kind.unwrap_or(if page.fields.is_empty() && page.signatures.is_empty() {
        Kind::Sida
    } else {
        Kind::Avtal
    });
    // Only a contract has fields: any other page keeps its blanks as they are written.
    let page = if kind == Kind::Avtal { page } else { blanks::convert(&document, &fallback_title, false) };
    let address = options.out.clone().unwrap_or_else(|| {
        let folder = match kind {
            Kind::Avtal => "avtal/",
            Kind::Roll => "roller/",
            Kind::Sida | Kind::Checklista => "",
        };
        format!("{folder}{}", crate::ids::slugify(&page.title))
    });
    // An address within the region's pages, unless it says where it lies.
    let path = match &options.region {
        Some(region) if !address.starts_with("regions/") && !address.starts_with("content/") => {
            format!("regions/{region}/content/{address}")
        }
        _ => address,
    };
    if let Some(region) = &options.region
        && !options.root.join("regions").join(region).join("region.yaml").is_file()
    {
        return Err(format!("regionen `{region}` finns inte: regions/{region}/region.yaml saknas"));
    }
    let place = scaffold::place(&options.root, &path, Some(kind))?;
    if place.file.exists() && !options.force {
        return Err(format!("{} finns redan: import skriver inte över en sida utan --force", place.file.display()));
    }
    let text = markdown::page(&page, kind, &file_name);
    let sections = place.write_sections()?;
    scaffold::write_new(&place.file, &text)?;
    let mut notes: Vec<String> = page
        .notes
        .iter()
        .map(|n| if n.at == 0 { n.message.clone() } else { format!("stycke {}: {}", n.at, n.message) })
        .collect();
    if kind == Kind::Roll {
        notes.push(
            "rollens ansvar skrivs in som responsibilities med grund och tema; import gissar dem inte ur texten".into(),
        );
    }
    Ok(Imported {
        written: std::iter::once(place.file).chain(sections).collect(),
        kind,
        fields: page.fields.len(),
        signatures: page.signatures.len(),
        notes,
    })
}

/// The document in a file, or why the file is no Word document.
fn read(bytes: &[u8]) -> Result<word::Document, String> {
    if bytes.starts_with(b"%PDF") {
        return Err("en PDF kan inte importeras: öppna originalet i Word och spara det som .docx".into());
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err("det äldre Word-formatet (.doc) kan inte importeras: spara dokumentet som .docx i Word".into());
    }
    if !bytes.starts_with(b"PK") {
        return Err("filen är inget Word-dokument (.docx)".into());
    }
    if opendocument(bytes) {
        return Err("OpenDocument (.odt) kan inte importeras: spara dokumentet som Word (.docx) i LibreOffice".into());
    }
    word::read(bytes)
}

/// Whether a package is an OpenDocument file (its first entry names its type).
fn opendocument(bytes: &[u8]) -> bool {
    let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else { return false };
    let Ok(mut mimetype) = archive.by_name("mimetype") else { return false };
    let mut text = String::new();
    std::io::Read::read_to_string(&mut mimetype, &mut text).is_ok()
        && text.starts_with("application/vnd.oasis.opendocument")
}
