//! The downloadable forms, read back with tools we did not write: poppler (pdftotext,
//! pdffonts, pdfinfo, pdftoppm), qpdf for the AcroForm, python-docx for the Word file and
//! LibreOffice to open it.

mod common;
use common::{path, tool};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn build_bundled() -> tempfile::TempDir {
    common::build_bundled(&[])
}

/// Text with the line breaks and hyphenation of a layout folded away.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Contract {
    pdf: PathBuf,
    docx: PathBuf,
    /// Fields the template defines, with PDF type.
    fields: &'static [(&'static str, &'static str)],
    signers: &'static [&'static str],
    sentences: &'static [&'static str],
}

fn contracts(dist: &Path) -> Vec<Contract> {
    vec![
        Contract {
            pdf: dist.join("orebro/avtal/st-kontrakt-allmanmedicin/st-kontrakt-allmanmedicin.pdf"),
            docx: dist.join("orebro/avtal/st-kontrakt-allmanmedicin/st-kontrakt-allmanmedicin.docx"),
            fields: &[
                ("datum", "/Tx"),
                ("st-lakare", "/Tx"),
                ("huvudhandledare", "/Tx"),
                ("verksamhetschef", "/Tx"),
                ("studierektor", "/Tx"),
                ("vardcentral", "/Tx"),
                ("startdatum", "/Tx"),
                ("studietid", "/Tx"),
                ("handledning-vecka", "/Tx"),
                ("handledning-sidotjanstgoring", "/Tx"),
            ],
            signers: &["st-lakare", "handledare", "verksamhetschef-vardcentralschef", "studierektor"],
            sentences: &[
                "Att ta eget ansvar för sin kompetensutveckling utifrån Socialstyrelsens föreskrifter.",
                "kostnad högst 130 000 kronor under hela ST",
                "Att bekosta ST-läkarens deltagande i Mitt-i-ST och examen.",
            ],
        },
        Contract {
            pdf: dist.join("sormland/avtal/st-kontrakt/st-kontrakt.pdf"),
            docx: dist.join("sormland/avtal/st-kontrakt/st-kontrakt.docx"),
            fields: &[
                ("specialitet", "/Tx"),
                ("st-lakare", "/Tx"),
                ("klinik", "/Tx"),
                ("handledare", "/Tx"),
                ("examen-specialitet", "/Tx"),
            ],
            signers: &["verksamhetschef", "st-lakare", "handledare", "st-klinikstudierektor"],
            sentences: &[
                "att stå för sammanlagt tio veckors studieledighet med lön för att genomföra vetenskapligt arbete",
                "Handledarsamtalen ska dokumenteras av ST-läkaren.",
                "Verksamhetschefen tar ställning enligt Landstinget Sörmlands delegationsordning.",
                "”Övergripande finansiella principer för basenheterna vid ST-läkares randning”",
            ],
        },
        Contract {
            pdf: dist.join("skane/avtal/st-overenskommelse-allmanmedicin/st-overenskommelse-allmanmedicin.pdf"),
            docx: dist.join("skane/avtal/st-overenskommelse-allmanmedicin/st-overenskommelse-allmanmedicin.docx"),
            fields: &[
                ("st-lakare", "/Tx"),
                ("vardcentral", "/Tx"),
                ("legitimationsdatum", "/Tx"),
                ("tidigare-tjanstgoring", "/Tx"),
                ("paborjad", "/Tx"),
                ("fullgjord-tidigast", "/Tx"),
            ],
            signers: &["st-lakare", "handledare", "verksamhetschef", "studierektor"],
            sentences: &[
                "Aktivt deltagande i ST-forum är obligatoriskt.",
                "att särskild tid för ST-läkaren avsätts med 4 timmar per vecka vid heltidstjänstgöring.",
            ],
        },
    ]
}

fn expected_fields(contract: &Contract) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> =
        contract.fields.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
    fields.push(("underskrift-ort".into(), "/Tx".into()));
    for signer in contract.signers {
        fields.push((format!("underskrift-{signer}-namn"), "/Tx".into()));
        fields.push((format!("underskrift-{signer}-datum"), "/Tx".into()));
    }
    fields.sort();
    fields
}

#[test]
fn pdf_fields_are_named_typed_and_labelled() {
    let out = build_bundled();
    for contract in contracts(&out.path().join("dist")) {
        let json: Value =
            serde_json::from_str(&tool("qpdf", &["--json", "--json-key=acroform", path(&contract.pdf)])).unwrap();
        let fields = json["acroform"]["fields"].as_array().unwrap();
        let mut found: Vec<(String, String)> = fields
            .iter()
            .map(|f| (f["fullname"].as_str().unwrap().to_owned(), f["fieldtype"].as_str().unwrap().to_owned()))
            .collect();
        found.sort();
        assert_eq!(found, expected_fields(&contract), "{}", contract.pdf.display());
        for field in fields {
            let tooltip = field["alternativename"].as_str().unwrap_or_default();
            assert!(!tooltip.is_empty() && tooltip != field["fullname"], "{field} has its label as tooltip");
        }
        assert!(!fields.iter().any(|f| f["fullname"].as_str().unwrap().contains("personnummer")));
    }
}

#[test]
fn the_checklist_pdf_has_a_checkbox_per_point() {
    let out = build_bundled();
    let pdf = out.path().join("dist/skane/ramoverenskommelse/ramoverenskommelse.pdf");
    let json: Value = serde_json::from_str(&tool("qpdf", &["--json", "--json-key=acroform", path(&pdf)])).unwrap();
    let fields = json["acroform"]["fields"].as_array().unwrap();
    assert_eq!(fields.len(), 15);
    assert!(fields.iter().all(|f| f["fieldtype"] == "/Btn" && f["ischeckbox"] == true), "{fields:?}");
    assert!(fields.iter().any(|f| f["fullname"] == "hemvandarveckor"));
    let text = flat(&tool("pdftotext", &[path(&pdf), "-"]));
    assert!(text.contains("Hemvändarveckor – när är de i så fall aktuella?"), "{text}");
}

#[test]
fn pdf_text_extracts_as_swedish_with_every_font_embedded() {
    let out = build_bundled();
    for contract in contracts(&out.path().join("dist")) {
        let text = flat(&tool("pdftotext", &[path(&contract.pdf), "-"]));
        for sentence in contract.sentences {
            assert!(text.contains(sentence), "{} lacks “{sentence}”:\n{text}", contract.pdf.display());
        }
        assert!(text.contains("Sida 1 av "), "pages are numbered");
        let fonts = tool("pdffonts", &[path(&contract.pdf)]);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(rows.len() >= 2, "{fonts}");
        for row in rows {
            let columns: Vec<&str> = row.split_whitespace().collect();
            let emb = columns[columns.len() - 5];
            assert_eq!(emb, "yes", "font not embedded: {row}");
        }
        let info = tool("pdfinfo", &[path(&contract.pdf)]);
        assert!(info.contains("Tagged:          yes"), "{info}");
        assert!(info.contains("Form:            AcroForm"), "{info}");
        assert!(info.contains("Page size:       595.28 x 841.89 pts (A4)"), "{info}");
        assert!(info.lines().any(|l| l.starts_with("Title:") && l.contains(" – Region ")), "{info}");
    }
}

#[test]
fn pdf_pages_render_with_ink() {
    let out = build_bundled();
    let pdf = out.path().join("dist/orebro/avtal/st-kontrakt-allmanmedicin/st-kontrakt-allmanmedicin.pdf");
    let prefix = out.path().join("sida");
    tool("pdftoppm", &["-gray", "-r", "40", "-f", "1", "-l", "1", path(&pdf), path(&prefix)]);
    let (_, _, pixels) = common::pgm(&out.path().join("sida-1.pgm"));
    let dark = pixels.iter().filter(|&&p| p < 128).count();
    let share = dark as f64 / pixels.len() as f64;
    assert!(share > 0.01 && share < 0.5, "dark share {share}");
}

#[test]
fn word_files_hold_the_text_and_a_control_per_field() {
    let out = build_bundled();
    let script = r#"
import json, sys
import docx, docx.enum.style
from docx.oxml.ns import qn
d = docx.Document(sys.argv[1])
print(json.dumps({
    "text": "\n".join(p.text for p in d.paragraphs) + "\n" + "\n".join(c.text for t in d.tables for r in t.rows for c in r.cells),
    "tags": [t.get(qn("w:val")) for t in d.element.body.iter(qn("w:tag"))],
    "aliases": [t.get(qn("w:val")) for t in d.element.body.iter(qn("w:alias"))],
    "title": d.core_properties.title,
    "language": d.core_properties.language,
    "placeholders": [
        {
            "label": sdt.find(qn("w:sdtPr")).find(qn("w:alias")).get(qn("w:val")),
            "showing": sdt.find(qn("w:sdtPr")).find(qn("w:showingPlcHdr")) is not None,
            "grey": "".join(
                t.text for r in sdt.find(qn("w:sdtContent")).iter(qn("w:r"))
                if r.find(qn("w:rPr")) is not None and r.find(qn("w:rPr")).find(qn("w:rStyle")) is not None
                and d.styles.get_by_id(r.find(qn("w:rPr")).find(qn("w:rStyle")).get(qn("w:val")), docx.enum.style.WD_STYLE_TYPE.CHARACTER).font.color.rgb is not None
                for t in r.iter(qn("w:t"))
            ),
        }
        for sdt in d.element.body.iter(qn("w:sdt"))
        if not list(sdt.iter("{http://schemas.microsoft.com/office/word/2010/wordml}checkbox"))
    ],
}))
"#;
    for contract in contracts(&out.path().join("dist")) {
        let json: Value = serde_json::from_str(&tool("python3", &["-c", script, path(&contract.docx)])).unwrap();
        let text = flat(json["text"].as_str().unwrap());
        for sentence in contract.sentences {
            assert!(text.contains(sentence), "{} lacks “{sentence}”", contract.docx.display());
        }
        let mut tags: Vec<String> = serde_json::from_value(json["tags"].clone()).unwrap();
        tags.sort();
        let expected: Vec<String> = expected_fields(&contract).into_iter().map(|(n, _)| n).collect();
        assert_eq!(tags, expected, "{}", contract.docx.display());
        assert!(json["aliases"].as_array().unwrap().iter().all(|a| !a.as_str().unwrap().is_empty()));
        assert_eq!(json["language"], "sv-SE");
        assert!(!json["title"].as_str().unwrap().is_empty());
        // Empty, a blank shows its label in grey (a signature's name and place stand after
        // their label, so they show only the line, and its date the form a date is written in).
        for blank in json["placeholders"].as_array().unwrap() {
            let (label, grey) = (blank["label"].as_str().unwrap(), blank["grey"].as_str().unwrap());
            assert_eq!(blank["showing"], true, "{}: {label} shows its placeholder", contract.docx.display());
            let expected = match label {
                "Ort" => "",
                _ if label.starts_with("Namnförtydligande, ") => "",
                _ if label.starts_with("Datum, ") => "ÅÅÅÅ-MM-DD",
                _ => label,
            };
            assert!(
                grey.starts_with(expected),
                "{}: the blank {label} shows “{grey}” in grey",
                contract.docx.display()
            );
        }
    }
}

#[test]
fn libreoffice_opens_the_word_files() {
    let out = build_bundled();
    let converted = out.path().join("konverterat");
    for contract in contracts(&out.path().join("dist")) {
        let profile = format!("-env:UserInstallation=file://{}", out.path().join("lo-profil").display());
        tool(
            "soffice",
            &[&profile, "--headless", "--convert-to", "pdf", "--outdir", path(&converted), path(&contract.docx)],
        );
        let pdf = converted.join(contract.docx.with_extension("pdf").file_name().unwrap());
        let text = flat(&tool("pdftotext", &[path(&pdf), "-"]));
        assert!(text.contains(contract.sentences[0]), "LibreOffice shows the text of {}", contract.docx.display());
    }
}

/// A Word file printed blank from LibreOffice shows a line to write on at each blank. Each
/// blank is found by a word put in front of it in a copy of the file; the line is looked for
/// in the printed page to the right of that word, on its line of text.
#[test]
fn word_files_printed_blank_show_a_line_at_each_blank() {
    let out = build_bundled();
    let mark = r#"
import re, sys, zipfile
source, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(source) as z:
    parts = {name: z.read(name) for name in z.namelist()}
xml = parts["word/document.xml"].decode()
blanks = 0
def marked(match):
    global blanks
    if "w14:checkbox" in match.group(1):
        return match.group(0)
    blanks += 1
    return match.group(1) + '<w:sdtContent><w:r><w:t xml:space="preserve">Blank%d </w:t></w:r>' % blanks
xml = re.sub(r"(<w:sdt><w:sdtPr>.*?</w:sdtPr>)<w:sdtContent>", marked, xml)
parts["word/document.xml"] = xml.encode()
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in parts.items():
        z.writestr(name, data)
print(blanks)
"#;
    let profile = format!("-env:UserInstallation=file://{}", out.path().join("lo-profil").display());
    for contract in contracts(&out.path().join("dist")) {
        let marked = out.path().join(contract.docx.file_name().unwrap());
        let blanks: usize = tool("python3", &["-c", mark, path(&contract.docx), path(&marked)]).trim().parse().unwrap();
        assert_eq!(blanks, expected_fields(&contract).len(), "{}: every blank is a control", contract.docx.display());
        let printed = out.path().join("tryckt");
        tool("soffice", &[&profile, "--headless", "--convert-to", "pdf", "--outdir", path(&printed), path(&marked)]);
        let pdf = printed.join(marked.with_extension("pdf").file_name().unwrap());
        // Each marker's page and box, in points, which are pixels at 72 dpi.
        let boxes = tool("pdftotext", &["-bbox", path(&pdf), "-"]);
        let mut found = Vec::new();
        for (page, html) in boxes.split("<page ").skip(1).enumerate() {
            for word in html.split("<word ").skip(1) {
                let (attributes, rest) = word.split_once('>').unwrap();
                let text = rest.split('<').next().unwrap();
                let Some(n) = text.strip_prefix("Blank") else { continue };
                let number = |name: &str| -> f64 {
                    let at = attributes.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                    attributes[at..].split('"').next().unwrap().parse().unwrap()
                };
                found.push((n.to_owned(), page + 1, [number("yMin"), number("xMax"), number("yMax")]));
            }
        }
        assert_eq!(found.len(), blanks, "{}: every marker is printed: {found:?}", contract.docx.display());
        // Each printed page once, as a grey image at 72 dpi (a point to a pixel).
        let mut images: std::collections::BTreeMap<usize, (usize, usize, Vec<u8>)> = Default::default();
        for (n, page, [y_min, x_max, y_max]) in found {
            let (width, height, pixels) = images.entry(page).or_insert_with(|| {
                let image = out.path().join(format!("sida-{page}"));
                let page = page.to_string();
                let args = ["-r", "72", "-gray", "-singlefile", "-f", &page, "-l", &page, path(&pdf), path(&image)];
                tool("pdftoppm", &args);
                common::pgm(&image.with_extension("pgm"))
            });
            let (width, height) = (*width, *height);
            // On a row of the marker's line of text, a dark run that starts right after the
            // marker (past the space that ends it) and reaches on.
            let rows = (y_min.floor() as usize)..=((y_max.ceil() as usize + 3).min(height - 1));
            let dark = |x: usize, y: usize| pixels[y * width + x] < 128;
            let (from, to) = ((x_max - 2.0) as usize, (x_max + 8.0) as usize);
            let line = rows
                .filter_map(|y| {
                    let start = (from..=to).find(|&x| dark(x, y))?;
                    Some((start..width).take_while(|&x| dark(x, y)).count())
                })
                .max()
                .unwrap_or(0);
            assert!(
                line >= 30,
                "{}: blank {n} on page {page} has no line to write on right after {x_max} (longest {line} points)",
                contract.docx.display()
            );
        }
    }
}

#[test]
fn contract_pages_link_their_downloads_with_size() {
    let out = build_bundled();
    let page = std::fs::read_to_string(out.path().join("dist/sormland/avtal/st-kontrakt/index.html")).unwrap();
    let pdf_size = std::fs::metadata(out.path().join("dist/sormland/avtal/st-kontrakt/st-kontrakt.pdf")).unwrap().len();
    assert!(page.contains("<a href=\"st-kontrakt.pdf\" download>Ladda ner som PDF</a>"), "{page}");
    assert!(page.contains("<a href=\"st-kontrakt.docx\" download>Ladda ner som Word</a>"));
    assert!(page.contains(&format!("({} kB)", pdf_size.div_ceil(1000))), "the PDF's size is shown");
}

#[test]
fn every_swedish_character_survives_copying() {
    let handbook = common::Handbook::fixture();
    let line = "Åsa Öberg-Ängström betalar 1 200 € – ”inte” mer; æ ø é ü ß.";
    handbook.write(
        "regions/testlan/content/avtal/kontrakt.md",
        format!("---\ntitle: Kontrakt\nkind: avtal\nfields:\n  - id: namn\n    label: Namn\n---\n{line}\n\n{{{{ fält.namn }}}}\n"),
    );
    let run = handbook.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = handbook.path("dist/testlan/avtal/kontrakt/kontrakt.pdf");
    let text = flat(&tool("pdftotext", &[path(&pdf), "-"]));
    assert!(text.contains(line), "{text}");
}
