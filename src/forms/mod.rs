//! Forms: every contract (and the ramöverenskommelse checklist) as a fillable PDF and a Word
//! file, beside its page. One definition drives all formats: the page's body with its
//! `{{ fält.ID }}` blanks and `{{ underskrifter }}`, read by the page pass into a `FormDoc`.

mod docx;
mod fonts;
mod layout;
mod pdf;

use crate::output::{Origin, Output};
use crate::page::PageDoc;
use crate::site::Page;
use serde::Serialize;

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

fn human_size(bytes: usize) -> String {
    if bytes < 1000 {
        format!("{bytes} byte")
    } else if bytes < 1_000_000 {
        format!("{} kB", bytes.div_ceil(1000))
    } else {
        format!("{:.1} MB", bytes as f64 / 1_000_000.0).replace('.', ",")
    }
}
