//! Forms: every contract (and the ramöverenskommelse checklist) as a fillable PDF and a Word
//! file, beside its page. One definition drives all formats: the page's body with its
//! `{{ fält.ID }}` blanks and `{{ underskrifter }}`, read by the page pass into a `FormDoc`.

mod docx;
mod fonts;
mod layout;
mod pdf;

use crate::model::Regulation;
use crate::output::{Origin, Output};
use crate::page::PageDoc;
use crate::page::form::{Block, text};
use crate::site::{Page, RegionSite};
use layout::Chapter;
use serde::Serialize;
use std::borrow::Cow;

/// The whole handbook as one PDF, in each region's folder.
pub const HANDBOOK_FILE: &str = "hela-handboken.pdf";

/// A file to download beside a page, for the page's links.
#[derive(Clone, Serialize)]
pub struct Download {
    pub label: &'static str,
    pub file: String,
    pub size: String,
}

/// The PDF and Word files of a page, if it is a form (a contract or the checklist).
pub fn files(slug: &str, page: &Page, doc: &PageDoc) -> Option<(Vec<Output>, Vec<Download>)> {
    let form = doc.form.as_ref()?;
    let stem = page.path().rsplit('/').next().unwrap_or("formular").trim_end_matches(".md");
    let dir = page.url.trim_end_matches("index.html");
    let mut outputs = Vec::new();
    let mut downloads = Vec::new();
    for (label, extension, bytes) in
        [("Ladda ner som PDF", "pdf", pdf::write(form)), ("Ladda ner som Word", "docx", docx::write(form))]
    {
        let file = format!("{stem}.{extension}");
        downloads.push(Download { label, file: file.clone(), size: human_size(bytes.len()) });
        outputs.push(Output::new(format!("{slug}/{dir}{file}"), bytes, Origin::Download(page.source.file.clone())));
    }
    Some((outputs, downloads))
}

/// The region's whole handbook as one PDF to print: every page in menu order, each from a new
/// page, with a table of contents and an outline; the blanks of contracts as lines to write on.
pub fn handbook(title: &str, site: &RegionSite, docs: &[&PageDoc], regulations: &[Regulation]) -> (Output, Download) {
    let chapters: Vec<Chapter> = site
        .pages
        .iter()
        .zip(docs)
        .enumerate()
        .map(|(index, (page, doc))| {
            let front = &page.source.front;
            let own: &[Block] = doc.form.as_ref().map_or(&doc.blocks, |form| &form.blocks);
            // A role's responsibilities, by theme, as its page shows them.
            let themes = crate::page::by_theme(page.source);
            let blocks = if themes.is_empty() {
                Cow::Borrowed(own)
            } else {
                let mut blocks = own.to_vec();
                blocks.push(Block::Heading(2, vec![text("Ansvar", false)]));
                for (theme, responsibilities) in themes {
                    blocks.push(Block::Heading(3, vec![text(theme.label(), false)]));
                    let items = responsibilities.iter().map(|r| {
                        let basis = r.basis.shown(r.regulation.as_deref(), regulations);
                        vec![text(&r.text, false), text(&format!(" ({basis})"), false)]
                    });
                    blocks.push(Block::List { ordered: false, items: items.collect() });
                }
                Cow::Owned(blocks)
            };
            let depth = site.ancestors(index).count();
            Chapter { title: &front.title, depth, lead: front.description.as_deref(), blocks }
        })
        .collect();
    let bytes = pdf::handbook(title, &site.config.name, &chapters);
    let download =
        Download { label: "Hela handboken som PDF", file: HANDBOOK_FILE.to_owned(), size: human_size(bytes.len()) };
    let output =
        Output::new(format!("{}/{HANDBOOK_FILE}", site.slug), bytes, Origin::Generated("hela handboken som PDF"));
    (output, download)
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
