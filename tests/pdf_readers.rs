//! Every PDF the build writes, opened by readers we did not write: poppler, qpdf, MuPDF and
//! pdf.js, none of which may say a word on stderr or warn. Its object references and its
//! structure tree resolve, and a blank checklist printed from poppler shows a box for every
//! point.

mod common;
use common::path;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The bundled handbook built, with every PDF it wrote.
fn built() -> (tempfile::TempDir, Vec<PathBuf>) {
    let out = common::build_bundled(&[]);
    let pdfs: Vec<PathBuf> = common::files_under(&out.path().join("dist"))
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "pdf"))
        .collect();
    assert!(pdfs.len() >= 6, "every region's contract and checklist: {pdfs:?}");
    (out, pdfs)
}

/// Runs a reader, which must succeed and print nothing on stderr; gives its output.
fn quiet(program: &str, args: &[&str]) -> String {
    let output = Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{program} runs: {e}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success() && stderr.is_empty(), "{program} {args:?} ({}):\n{stderr}", output.status);
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn every_pdf_opens_in_poppler_qpdf_and_mupdf_without_a_complaint() {
    let (out, pdfs) = built();
    for pdf in &pdfs {
        let file = path(pdf);
        quiet("pdftotext", &[file, "-"]);
        quiet("pdffonts", &[file]);
        quiet("pdfinfo", &[file]);
        let pages = out.path().join("sida");
        quiet("pdftoppm", &["-r", "20", "-gray", file, path(&pages)]);
        let check = quiet("qpdf", &["--check", file]);
        assert!(check.contains("No syntax or stream encoding errors found"), "{file}: {check}");
        // `-N`: without colour management, which Debian's MuPDF lacks and says so for any file.
        let drawn = out.path().join("mupdf-%d.pgm");
        quiet("mutool", &["draw", "-q", "-N", "-r", "20", "-o", path(&drawn), file]);
        assert!(out.path().join("mupdf-1.pgm").is_file(), "{file}: MuPDF drew the first page");
    }
}

/// qpdf's reading of every object of a PDF: `obj:N 0 R` → the object.
fn objects(pdf: &Path) -> BTreeMap<String, Value> {
    let json = quiet("qpdf", &["--json=2", "--json-key=qpdf", path(pdf)]);
    let json: Value = serde_json::from_str(&json).unwrap();
    json["qpdf"][1].as_object().unwrap().iter().map(|(k, v)| (k.clone(), v.clone())).collect()
}

/// The dictionary or value of an object: a stream's dictionary, or the value itself.
fn value<'a>(objects: &'a BTreeMap<String, Value>, reference: &str) -> &'a Value {
    let object = objects.get(&format!("obj:{reference}")).unwrap_or_else(|| panic!("{reference} is written"));
    object.get("value").unwrap_or_else(|| &object["stream"]["dict"])
}

/// Every indirect reference (`N 0 R`) anywhere in a value.
fn references(value: &Value, found: &mut BTreeSet<String>) {
    match value {
        Value::String(s) if s.ends_with(" 0 R") && s.split(' ').next().is_some_and(|n| n.parse::<u32>().is_ok()) => {
            found.insert(s.clone());
        }
        Value::Array(items) => items.iter().for_each(|v| references(v, found)),
        Value::Object(map) => map.values().for_each(|v| references(v, found)),
        _ => {}
    }
}

/// The marked content ids a page's content stream shows, read from the stream qpdf decodes.
fn mcids(pdf: &Path, page: &Value) -> BTreeSet<i64> {
    let contents = page["/Contents"].as_str().unwrap().trim_end_matches(" 0 R");
    let text = quiet("qpdf", &[&format!("--show-object={contents}"), "--filtered-stream-data", path(pdf)]);
    let mut ids = BTreeSet::new();
    let mut words = text.split_whitespace();
    while let Some(word) = words.next() {
        if word == "/MCID" {
            ids.insert(words.next().unwrap().parse().unwrap());
        }
    }
    ids
}

#[test]
fn every_reference_resolves_and_the_structure_tree_leads_back_from_all_content() {
    let (_out, pdfs) = built();
    for pdf in &pdfs {
        let objects = objects(pdf);
        let name = pdf.file_name().unwrap().to_string_lossy();
        let mut found = BTreeSet::new();
        objects.values().for_each(|o| references(o, &mut found));
        for reference in &found {
            assert!(objects.contains_key(&format!("obj:{reference}")), "{name}: {reference} is named but not written");
        }
        let catalog = value(&objects, objects["trailer"]["value"]["/Root"].as_str().unwrap());
        let root_ref = catalog["/StructTreeRoot"].as_str().expect("a structure tree");
        let root = value(&objects, root_ref);
        assert_eq!(root["/Type"], "/StructTreeRoot", "{name}");
        // Every element's parent is written and lists it among its children.
        let elements: Vec<(&String, &Value)> = objects
            .iter()
            .filter(|(_, o)| o["value"]["/Type"] == "/StructElem")
            .map(|(k, o)| (k, &o["value"]))
            .collect();
        assert!(elements.len() > 5, "{name}: the content is tagged");
        for (key, element) in &elements {
            let own = key.trim_start_matches("obj:");
            let parent = value(&objects, element["/P"].as_str().unwrap());
            let kids = match &parent["/K"] {
                Value::Array(kids) => kids.clone(),
                kid => vec![kid.clone()],
            };
            assert!(kids.iter().any(|k| k == own), "{name}: {own}'s parent lists it");
        }
        // The parent tree: key → element, or an array of elements by marked content id.
        let nums = root["/ParentTree"]["/Nums"].as_array().expect("a flat parent tree");
        let tree: BTreeMap<i64, &str> =
            nums.chunks(2).map(|p| (p[0].as_i64().unwrap(), p[1].as_str().unwrap())).collect();
        assert!(root["/ParentTreeNextKey"].as_i64().unwrap() > *tree.keys().last().unwrap(), "{name}");
        // The element whose children include `kid`.
        let owner = |kid: &dyn Fn(&Value) -> bool| -> Vec<String> {
            elements
                .iter()
                .filter(|(_, e)| e["/K"].as_array().is_some_and(|kids| kids.iter().any(kid)))
                .map(|(k, _)| k.trim_start_matches("obj:").to_owned())
                .collect()
        };
        let pages = value(&objects, catalog["/Pages"].as_str().unwrap())["/Kids"].as_array().unwrap();
        let mut widgets = 0;
        for page_ref in pages.iter().map(|p| p.as_str().unwrap()) {
            let page = value(&objects, page_ref);
            let ids = mcids(pdf, page);
            let key = page["/StructParents"].as_i64().expect("a page's key in the parent tree");
            let array = value(&objects, tree[&key]).as_array().expect("a page's entry is an array");
            assert_eq!(array.len(), ids.len(), "{name}: one element per marked content id of {page_ref}");
            assert_eq!(ids, (0..array.len() as i64).collect(), "{name}: ids count from 0 on {page_ref}");
            for (mcid, element) in array.iter().enumerate() {
                // A marked content reference names its page, or stands as the id alone on the
                // page its element names.
                let holders: Vec<String> = elements
                    .iter()
                    .filter(|(_, e)| {
                        e["/K"].as_array().is_some_and(|kids| {
                            kids.iter().any(|k| match k.as_i64() {
                                Some(id) => id == mcid as i64 && e["/Pg"] == page_ref,
                                None => k["/MCID"] == mcid as i64 && k["/Pg"] == page_ref,
                            })
                        })
                    })
                    .map(|(k, _)| k.trim_start_matches("obj:").to_owned())
                    .collect();
                assert_eq!(holders, [element.as_str().unwrap()], "{name}: {page_ref} id {mcid}");
            }
            for annotation in page["/Annots"].as_array().into_iter().flatten() {
                let widget = annotation.as_str().unwrap();
                let key = value(&objects, widget)["/StructParent"].as_i64().expect("a widget's key");
                let is_it = |k: &Value| k["/Type"] == "/OBJR" && k["/Obj"] == widget;
                assert_eq!(owner(&is_it), [tree[&key]], "{name}: the widget {widget} leads to its element");
                widgets += 1;
            }
        }
        if name != "hela-handboken.pdf" {
            assert!(widgets > 0, "{name}: every form has fields");
        }
    }
}

#[test]
fn pdf_js_reads_every_pdf_with_its_pages_fields_and_title_without_a_warning() {
    let (_out, pdfs) = built();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pdfjs/read.mjs");
    let mut args = vec![path(&script)];
    args.extend(pdfs.iter().map(|p| path(p)));
    let read: Vec<Value> = serde_json::from_str(&quiet("node", &args)).unwrap();
    assert_eq!(read.len(), pdfs.len());
    for (pdf, read) in pdfs.iter().zip(&read) {
        let name = pdf.file_name().unwrap().to_string_lossy();
        assert_eq!(read["warnings"], Value::Array(Vec::new()), "{name}: pdf.js warns");
        let pages = read["pages"].as_array().unwrap();
        assert!(!pages.is_empty() && pages.iter().all(|p| p["text"].as_str().unwrap().contains("Sida ")), "{name}");
        let acroform: Value =
            serde_json::from_str(&quiet("qpdf", &["--json", "--json-key=acroform", path(pdf)])).unwrap();
        let expected: Vec<&str> = acroform["acroform"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["fullname"].as_str().unwrap())
            .collect();
        let fields: Vec<&str> = read["fields"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
        assert_eq!(fields, expected, "{name}: pdf.js lists every field");
        let widgets: Vec<&str> =
            pages.iter().flat_map(|p| p["widgets"].as_array().unwrap()).map(|w| w.as_str().unwrap()).collect();
        assert_eq!(widgets, expected, "{name}: each field has its widget on a page");
        assert!(read["title"].as_str().unwrap().contains(" – Region "), "{name}: {}", read["title"]);
        assert_eq!(read["language"], "sv-SE", "{name}");
    }
}

#[test]
fn a_blank_checklist_printed_from_poppler_shows_a_box_for_every_point() {
    let (out, pdfs) = built();
    let checklists: Vec<&PathBuf> = pdfs.iter().filter(|p| p.ends_with("ramoverenskommelse.pdf")).collect();
    assert_eq!(checklists.len(), 3, "one per region");
    for pdf in checklists {
        let objects = objects(pdf);
        let catalog = value(&objects, objects["trailer"]["value"]["/Root"].as_str().unwrap());
        let pages = value(&objects, catalog["/Pages"].as_str().unwrap())["/Kids"].as_array().unwrap().clone();
        let mut boxes = 0;
        for (number, page_ref) in pages.iter().enumerate() {
            let page = value(&objects, page_ref.as_str().unwrap());
            // At 72 dpi a point is a pixel; the image's rows run down the page.
            let number = (number + 1).to_string();
            let image = out.path().join("tryck");
            let args = ["-r", "72", "-gray", "-singlefile", "-f", &number, "-l", &number, path(pdf), path(&image)];
            quiet("pdftoppm", &args);
            let (width, height, pixels) = common::pgm(&image.with_extension("pgm"));
            let dark = |x: usize, y: usize| pixels[y * width + x] < 128;
            for annotation in page["/Annots"].as_array().into_iter().flatten() {
                let rect: Vec<f64> = value(&objects, annotation.as_str().unwrap())["/Rect"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|n| n.as_f64().unwrap())
                    .collect();
                let (left, right) = (rect[0].round() as usize, (rect[2].round() as usize).min(width - 1));
                let (top, bottom) = (height - rect[3].round() as usize, height - rect[1].round() as usize);
                let inked =
                    (top..=bottom).flat_map(|y| (left..=right).map(move |x| (x, y))).filter(|&(x, y)| dark(x, y));
                let inked = inked.count();
                let side = (right - left).min(bottom - top);
                assert!(inked >= 2 * side, "{}: the box at {rect:?} is drawn ({inked} dark pixels)", pdf.display());
                let (cx, cy) = ((left + right) / 2, (top + bottom) / 2);
                assert!(!dark(cx, cy), "{}: the box at {rect:?} is empty", pdf.display());
                boxes += 1;
            }
        }
        assert_eq!(boxes, 15, "{}: a box for every point", pdf.display());
    }
}

/// The titles of a region's pages in reading order: from its front page along the links to
/// the next page.
fn titles_in_order(region: &Path) -> Vec<String> {
    let mut titles = Vec::new();
    let mut page = region.join("index.html");
    loop {
        let html = std::fs::read_to_string(&page).unwrap();
        let h1 = html.split("<h1>").nth(1).unwrap().split("</h1>").next().unwrap();
        titles.push(h1.replace("&amp;", "&"));
        let Some(next) = html.split("<a class=\"nasta\" href=\"").nth(1) else { break };
        page = page.parent().unwrap().join(next.split('"').next().unwrap());
    }
    titles
}

#[test]
fn the_whole_whole_handbook_holds_every_page_in_menu_order_with_outline_and_contents() {
    let (out, pdfs) = built();
    let dist = out.path().join("dist");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pdfjs/read.mjs");
    let handbooks: Vec<&PathBuf> = pdfs.iter().filter(|p| p.ends_with("hela-handboken.pdf")).collect();
    assert_eq!(handbooks.len(), 3, "one per region");
    for pdf in handbooks {
        let region = pdf.parent().unwrap();
        let titles = titles_in_order(region);
        assert!(titles.len() > 10, "{}: {titles:?}", region.display());
        let read: Vec<Value> = serde_json::from_str(&quiet("node", &[path(&script), path(pdf)])).unwrap();
        let read = &read[0];
        let pages: Vec<&str> = read["pages"].as_array().unwrap().iter().map(|p| p["text"].as_str().unwrap()).collect();
        let outline = read["outline"].as_array().unwrap();
        let shown: Vec<&str> = outline.iter().map(|o| o["title"].as_str().unwrap()).collect();
        assert_eq!(shown, titles, "{}: the outline lists every page in menu order", pdf.display());
        let flat = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
        let contents = flat(pages[0]);
        for entry in outline {
            let (title, page) = (entry["title"].as_str().unwrap(), entry["page"].as_u64().unwrap() as usize);
            // The chapter begins with its title on the page the outline leads to, and the
            // table of contents gives that page's number after the title.
            assert!(
                flat(pages[page - 1]).starts_with(&flat(title)),
                "{}: page {page} begins with {title}",
                pdf.display()
            );
            assert!(
                contents.contains(&format!("{} {page}", flat(title))),
                "{}: contents list {title} at {page}",
                pdf.display()
            );
        }
        assert!(read["title"].as_str().unwrap().contains(" – Region "), "{}: {}", pdf.display(), read["title"]);
        // Every page links to it; the front page with its size.
        let front = std::fs::read_to_string(region.join("index.html")).unwrap();
        let size = std::fs::metadata(pdf).unwrap().len().div_ceil(1000);
        assert!(front.contains(&format!("<a href=\"hela-handboken.pdf\" download>Hela handboken som PDF</a> <span class=\"storlek\">({size} kB)</span>")), "{front}");
        for file in common::files_under(region).into_iter().filter(|f| f.extension().is_some_and(|e| e == "html")) {
            let html = std::fs::read_to_string(&file).unwrap();
            let root = html
                .split("<a href=\"")
                .filter_map(|l| l.split('"').next())
                .find(|l| l.ends_with("hela-handboken.pdf"));
            let target = root.map(|r| {
                if r.starts_with('/') { dist.join(r.trim_start_matches('/')) } else { file.parent().unwrap().join(r) }
            });
            assert!(
                target.is_some_and(|t| t.canonicalize().ok() == pdf.canonicalize().ok()),
                "{} links to the whole handbook",
                file.display()
            );
        }
    }
}
