//! The downloadable forms, read back with tools we did not write: poppler (pdftotext,
//! pdffonts, pdfinfo, pdftoppm), qpdf for the AcroForm, python-docx for the Word file and
//! LibreOffice to open it.

mod common;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn build_bundled() -> tempfile::TempDir {
    common::build_bundled(&[])
}

fn tool(program: &str, args: &[&str]) -> String {
    let output = Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{program} runs: {e}"));
    assert!(output.status.success(), "{program} {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
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
    let image = std::fs::read(out.path().join("sida-1.pgm")).unwrap();
    // A binary PGM: "P5\n<w> <h>\n255\n" then one byte per pixel.
    let mut header = image.splitn(4, |&b| b == b'\n');
    let (magic, size, _max) = (header.next().unwrap(), header.next().unwrap(), header.next().unwrap());
    assert_eq!(magic, b"P5");
    let pixels = header.next().unwrap();
    let dims: Vec<usize> = std::str::from_utf8(size).unwrap().split(' ').map(|n| n.parse().unwrap()).collect();
    assert_eq!(pixels.len(), dims[0] * dims[1]);
    let dark = pixels.iter().filter(|&&p| p < 128).count();
    let share = dark as f64 / pixels.len() as f64;
    assert!(share > 0.01 && share < 0.5, "dark share {share}");
}

#[test]
fn word_files_hold_the_text_and_a_control_per_field() {
    let out = build_bundled();
    let script = r#"
import json, sys
import docx
from docx.oxml.ns import qn
d = docx.Document(sys.argv[1])
print(json.dumps({
    "text": "\n".join(p.text for p in d.paragraphs) + "\n" + "\n".join(c.text for t in d.tables for r in t.rows for c in r.cells),
    "tags": [t.get(qn("w:val")) for t in d.element.body.iter(qn("w:tag"))],
    "aliases": [t.get(qn("w:val")) for t in d.element.body.iter(qn("w:alias"))],
    "title": d.core_properties.title,
    "language": d.core_properties.language,
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
