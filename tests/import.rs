//! `sthandbok import`: the three contract templates of the handbook's sources typed into Word
//! files by tools we did not write (python-docx, and LibreOffice from HTML), imported into a
//! copy of the bundled handbook and built; their fields read back from the HTML form, from the
//! PDF (qpdf) and from the Word file (python-docx). A contract's own Word download imports back
//! to its fields. What Word has beyond text is reported by paragraph, and bad files get an
//! error, never a crash.

mod common;
use common::{copy_dir, path, sthandbok, tool};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The Word files `tests/import/word_files.py` types, made once for all tests.
fn word_files() -> &'static Path {
    static FILES: OnceLock<tempfile::TempDir> = OnceLock::new();
    FILES
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import/word_files.py");
            tool("python3", &[path(&script), path(dir.path())]);
            dir
        })
        .path()
}

/// A copy of the bundled handbook, which a test may change.
fn handbook() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    for part in ["content", "regions", "sthandbok.yaml", "regelverk.yaml"] {
        let from = here.join(part);
        if from.is_dir() {
            copy_dir(&from, &dir.path().join(part));
        } else if from.is_file() {
            std::fs::copy(&from, dir.path().join(part)).unwrap();
        }
    }
    dir
}

/// A field as the page declares it: id, label and type (`text` when none is written).
type Field = (String, String, String);

/// The fields and signers a page's front matter declares, in order.
fn declared(page: &str) -> (Vec<Field>, Vec<String>) {
    let front = page.split("---\n").nth(1).expect("front matter");
    let mut fields: Vec<Field> = Vec::new();
    let mut signers = Vec::new();
    let mut list = "";
    for line in front.lines() {
        let unquoted = |v: &str| v.trim().trim_matches('"').to_owned();
        if !line.starts_with(' ') {
            list = line.split(':').next().unwrap_or("");
        }
        let line = line.trim();
        if let Some(id) = line.strip_prefix("- id:").filter(|_| list == "fields") {
            fields.push((unquoted(id), String::new(), "text".into()));
        } else if let (Some(label), Some(last)) = (line.strip_prefix("label:"), fields.last_mut()) {
            last.1 = unquoted(label);
        } else if let (Some(kind), Some(last)) = (line.strip_prefix("type:"), fields.last_mut()) {
            last.2 = unquoted(kind);
        } else if let Some(signer) = line.strip_prefix("- ").filter(|_| list == "signatures") {
            signers.push(unquoted(signer));
        }
    }
    (fields, signers)
}

/// A signer's name, and the id the handbook's signature fields take from it.
type Signer = (&'static str, &'static str);

fn fields(list: &[(&str, &str, &str)]) -> Vec<Field> {
    list.iter().map(|(i, l, t)| (i.to_string(), l.to_string(), t.to_string())).collect()
}

/// Each seed contract: its region, the fields a reader of the template sees blanks for (ids
/// and labels from the words beside each blank, in order), and its signers with the ids the
/// handbook gives them.
fn seeds() -> Vec<(&'static str, Vec<Field>, Vec<Signer>)> {
    vec![
        (
            "sormland",
            fields(&[
                ("specialistutbildning", "Specialistutbildning", "text"),
                ("st-lakare", "ST-läkare", "text"),
                ("kliniken", "Kliniken", "text"),
                ("handledare", "Handledare", "text"),
                ("kliniken-2", "Kliniken", "text"),
                ("specialiteten", "Specialiteten", "text"),
            ]),
            vec![
                ("Verksamhetschef", "verksamhetschef"),
                ("ST-läkare", "st-lakare"),
                ("Handledare", "handledare"),
                ("ST-klinikstudierektor", "st-klinikstudierektor"),
            ],
        ),
        (
            "orebro",
            fields(&[
                ("datum", "Datum", "date"),
                ("st-lakare", "ST-läkare", "text"),
                ("huvudhandledare", "Huvudhandledare", "text"),
                ("verksamhetschef-vardcentralschef", "Verksamhetschef/vårdcentralschef", "text"),
                ("studierektor", "Studierektor", "text"),
                ("vardcentral", "Vårdcentral", "text"),
                ("fran-och-med", "Från och med", "date"),
                ("studietid", "Studietid", "text"),
                (
                    "handledarsamtal-enligt-overenskommelse",
                    "Handledarsamtal enligt överenskommelse med ST-läkaren minst per vecka",
                    "text",
                ),
                ("vid-sidotjanstgoring-minst-per-manad", "Vid sidotjänstgöring minst per månad", "text"),
            ]),
            vec![
                ("ST-läkare", "st-lakare"),
                ("Handledare", "handledare"),
                ("Verksamhetschef/vårdcentralschef", "verksamhetschef-vardcentralschef"),
                ("Studierektor", "studierektor"),
            ],
        ),
        (
            "skane",
            fields(&[
                ("st-lakare", "ST-läkare", "text"),
                ("vardcentral", "Vårdcentral", "text"),
                ("legitimationsdatum", "Legitimationsdatum", "date"),
                ("tidigare-handledd-tjanstgoring-att", "Tidigare handledd tjänstgöring att tillgodoräkna", "text"),
                ("st-tjansten-paborjad", "ST-tjänsten påbörjad", "text"),
                ("beraknas-tidigast-vara-fullgjord", "Beräknas tidigast vara fullgjord", "text"),
            ]),
            vec![
                ("ST-läkare", "st-lakare"),
                ("Handledare", "handledare"),
                ("Verksamhetschef", "verksamhetschef"),
                ("Studierektor", "studierektor"),
            ],
        ),
    ]
}

const TOOLS: [&str; 2] = ["python-docx", "libreoffice"];

/// The six Word files imported into their regions, then the handbook built and checked.
struct Imported {
    root: tempfile::TempDir,
    dist: PathBuf,
}

fn imported() -> &'static Imported {
    static IMPORTED: OnceLock<Imported> = OnceLock::new();
    IMPORTED.get_or_init(|| {
        let root = handbook();
        for (region, _, _) in seeds() {
            for maker in TOOLS {
                let file = word_files().join(format!("{region}-{maker}.docx"));
                let out = format!("avtal/import-{maker}");
                let done =
                    sthandbok(&["import", path(&file), "--root", path(root.path()), "--region", region, "--out", &out]);
                assert_eq!(done.code, 0, "{region}-{maker}: {}", done.stderr);
            }
        }
        let dist = root.path().join("dist");
        let built = sthandbok(&["build", "--root", path(root.path()), "--out", path(&dist)]);
        assert_eq!(built.code, 0, "{}", built.stderr);
        Imported { root, dist }
    })
}

fn page_file(root: &Path, region: &str, maker: &str) -> PathBuf {
    root.join(format!("regions/{region}/content/avtal/import-{maker}.md"))
}

#[test]
fn each_seed_contract_imports_to_its_fields_and_signers() {
    let imported = imported();
    for (region, expected, signers) in seeds() {
        for maker in TOOLS {
            let page = std::fs::read_to_string(page_file(imported.root.path(), region, maker)).unwrap();
            let (found, found_signers) = declared(&page);
            assert_eq!(found, expected, "{region}-{maker}: the fields, in order\n{page}");
            let names: Vec<&str> = signers.iter().map(|(name, _)| *name).collect();
            assert_eq!(found_signers, names, "{region}-{maker}: the signers");
            assert!(page.contains("kind: avtal"), "{region}-{maker} is a contract");
            assert_eq!(page.matches("{{ underskrifter }}").count(), 1, "{region}-{maker}: the signature block once");
            for (id, _, _) in &expected {
                let placed = format!("{{{{ fält.{id} }}}}");
                assert_eq!(page.matches(&placed).count(), 1, "{region}-{maker}: {id} placed once");
            }
            // Nothing of the blanks or the signature lines is left as text.
            let body = page.splitn(3, "---\n").nth(2).unwrap();
            for leftover in ["___", "....", "……", " xx ", " XX", "Xx-", "personnummer"] {
                assert!(!body.contains(leftover), "{region}-{maker}: “{leftover}” left in the body\n{body}");
            }
        }
    }
}

#[test]
fn a_personnummer_blank_is_dropped_with_a_warning() {
    let root = handbook();
    for maker in TOOLS {
        let file = word_files().join(format!("sormland-{maker}.docx"));
        let out = format!("avtal/pnr-{maker}");
        let done =
            sthandbok(&["import", path(&file), "--root", path(root.path()), "--region", "sormland", "--out", &out]);
        assert_eq!(done.code, 0, "{}", done.stderr);
        assert!(
            done.stderr.contains("stycke 3: tomraden för ”Personnummer” togs bort"),
            "{maker}: the warning names the paragraph: {}",
            done.stderr
        );
    }
}

/// `check` finds nothing wrong with the imported pages but what their templates have wrong:
/// Örebro's cites "SOSFS 2015:18", a regulation that does not exist (it means 2015:8).
#[test]
fn imported_contracts_pass_check_but_for_their_own_errors() {
    let imported = imported();
    let checked = sthandbok(&["check", "--root", path(imported.root.path()), "--format", "json"]);
    let problems: Value = serde_json::from_str(&checked.stdout).unwrap();
    let mut found: Vec<(String, String, String)> = problems
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["accepted"].is_null())
        .map(|p| {
            let text = |k: &str| p[k].as_str().unwrap_or_default().to_owned();
            (text("file"), text("code"), text("message"))
        })
        .collect();
    found.sort();
    let mut wanted: Vec<(String, String, String)> = TOOLS
        .iter()
        .map(|maker| {
            (
                format!("regions/orebro/content/avtal/import-{maker}.md"),
                "okand-forfattning".to_owned(),
                "SOSFS 2015:18 finns inte i regelverk.yaml".to_owned(),
            )
        })
        .collect();
    wanted.sort();
    assert_eq!(found, wanted, "{}", checked.stdout);
    assert_eq!(checked.code, 1);
}

/// The import says so itself, where the page is written.
#[test]
fn import_reports_what_check_will_say_of_the_new_page() {
    let root = handbook();
    let file = word_files().join("orebro-python-docx.docx");
    let done =
        sthandbok(&["import", path(&file), "--root", path(root.path()), "--region", "orebro", "--out", "avtal/ny"]);
    assert_eq!(done.code, 0, "{}", done.stderr);
    assert!(
        done.stderr.contains("fel[okand-forfattning]: SOSFS 2015:18 finns inte i regelverk.yaml"),
        "{}",
        done.stderr
    );
    assert!(done.stderr.contains("regions/orebro/content/avtal/ny.md:"), "{}", done.stderr);
    assert!(done.stdout.contains("Sidan har 1 fel enligt kontrollen"), "{}", done.stdout);
}

#[test]
fn imported_contracts_build_a_form_a_pdf_and_a_word_file_with_their_fields() {
    let imported = imported();
    for (region, expected, signers) in seeds() {
        for maker in TOOLS {
            let folder = imported.dist.join(format!("{region}/avtal/import-{maker}"));
            let signer_ids: Vec<String> =
                std::iter::once("underskrift-ort".to_owned())
                    .chain(signers.iter().flat_map(|(_, slug)| {
                        [format!("underskrift-{slug}-namn"), format!("underskrift-{slug}-datum")]
                    }))
                    .collect();
            let mut ids: Vec<String> = expected.iter().map(|(id, _, _)| id.clone()).collect();
            ids.extend(signer_ids);
            // The HTML form: an input per field, in order, labelled.
            let html = std::fs::read_to_string(folder.join("index.html")).unwrap();
            let inputs: Vec<String> = html
                .split("id=\"falt-")
                .skip(1)
                .filter_map(|rest| rest.split('"').next().map(str::to_owned))
                .filter(|id| html.contains(&format!("for=\"falt-{id}\"")))
                .collect();
            assert_eq!(inputs, ids, "{region}-{maker}: the HTML form's inputs");
            for (id, _, kind) in &expected {
                let at = html.find(&format!("id=\"falt-{id}\"")).unwrap();
                let input = &html[html[..at].rfind("<input").unwrap()..at];
                // A date asks for its form.
                assert_eq!(input.contains("title=\"ÅÅÅÅ-MM-DD\""), kind == "date", "{region}-{maker}: {id}: {input}");
            }
            // The PDF: a field per blank, named by its id, its label as tooltip.
            let pdf = folder.join(format!("import-{maker}.pdf"));
            let json: Value =
                serde_json::from_str(&tool("qpdf", &["--json", "--json-key=acroform", path(&pdf)])).unwrap();
            let pdf_fields: Vec<(String, String)> = json["acroform"]["fields"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| {
                    (f["fullname"].as_str().unwrap().to_owned(), f["alternativename"].as_str().unwrap().to_owned())
                })
                .collect();
            let mut names: Vec<&str> = pdf_fields.iter().map(|(n, _)| n.as_str()).collect();
            names.sort_unstable();
            let mut wanted: Vec<&str> = ids.iter().map(String::as_str).collect();
            wanted.sort_unstable();
            assert_eq!(names, wanted, "{region}-{maker}: the PDF's fields");
            for (id, label, _) in &expected {
                assert!(
                    pdf_fields.contains(&(id.clone(), label.clone())),
                    "{region}-{maker}: {id} labelled {label} in the PDF"
                );
            }
            // The Word file: a content control per blank, tagged with its id, in order.
            let docx = folder.join(format!("import-{maker}.docx"));
            let tags = tool(
                "python3",
                &[
                    "-c",
                    "import sys, docx; from docx.oxml.ns import qn; d = docx.Document(sys.argv[1]); print('\\n'.join(t.get(qn('w:val')) for t in d.element.body.iter(qn('w:tag'))))",
                    path(&docx),
                ],
            );
            let tags: Vec<&str> = tags.lines().collect();
            assert_eq!(
                tags,
                ids.iter().map(String::as_str).collect::<Vec<_>>(),
                "{region}-{maker}: the Word file's controls"
            );
        }
    }
}

#[test]
fn imported_pages_are_valid_html() {
    let imported = imported();
    let vnu = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/axe/node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(vnu.is_file(), "the Nu HTML Checker is installed: npm install --prefix tests/axe (.ci/run does it)");
    let mut pages = Vec::new();
    for (region, _, _) in seeds() {
        for maker in TOOLS {
            pages.push(imported.dist.join(format!("{region}/avtal/import-{maker}/index.html")));
        }
    }
    let mut command = Command::new("java");
    command.arg("-jar").arg(&vnu).args(&pages);
    let output = command.output().unwrap();
    let said = String::from_utf8_lossy(&output.stderr).into_owned() + &String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success() && said.trim().is_empty(), "vnu: {said}");
}

/// The bundled contracts' Word downloads, imported, give back each page's fields (ids, labels,
/// order; a number or multi-line field is a text field in Word, which has neither control) and
/// signers.
#[test]
fn a_contracts_own_word_file_imports_back_to_its_fields() {
    let dist = common::build_bundled(&[]);
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = handbook();
    for page in [
        "regions/orebro/content/avtal/st-kontrakt-allmanmedicin.md",
        "regions/sormland/content/avtal/st-kontrakt.md",
        "regions/skane/content/avtal/st-overenskommelse-allmanmedicin.md",
    ] {
        let (region, address) = page.trim_start_matches("regions/").split_once("/content/").unwrap();
        let address = address.trim_end_matches(".md");
        let name = address.rsplit('/').next().unwrap();
        let docx = dist.path().join(format!("dist/{region}/{address}/{name}.docx"));
        let out = format!("regions/{region}/content/avtal/tillbaka-{name}");
        let done = sthandbok(&["import", path(&docx), "--root", path(root.path()), "--out", &out]);
        assert_eq!(done.code, 0, "{page}: {}", done.stderr);
        let (original, original_signers) = declared(&std::fs::read_to_string(here.join(page)).unwrap());
        let original: Vec<Field> = original
            .into_iter()
            .map(|(id, label, kind)| {
                (id, label, if kind == "number" || kind == "multiline" { "text".into() } else { kind })
            })
            .collect();
        let (back, back_signers) = declared(&std::fs::read_to_string(root.path().join(format!("{out}.md"))).unwrap());
        assert_eq!(back, original, "{page}: the fields come back");
        assert_eq!(back_signers, original_signers, "{page}: the signers come back");
    }
    let checked = sthandbok(&["check", "--root", path(root.path())]);
    assert!(checked.stdout.contains("0 fel"), "{}{}", checked.stdout, checked.stderr);
}

/// Saved again by LibreOffice, which keeps the content controls but drops their tags and
/// titles, a contract's Word file still imports to a field per blank (labelled by the text
/// beside it, dates still dates) and its signers.
#[test]
fn a_contracts_word_file_saved_again_by_libreoffice_imports_to_its_blanks_and_signers() {
    let dist = common::build_bundled(&[]);
    let root = handbook();
    let saved = tempfile::tempdir().unwrap();
    let profile = format!("-env:UserInstallation=file://{}", saved.path().join("lo-profil").display());
    let page = "regions/orebro/content/avtal/st-kontrakt-allmanmedicin.md";
    let docx = dist.path().join("dist/orebro/avtal/st-kontrakt-allmanmedicin/st-kontrakt-allmanmedicin.docx");
    tool(
        "soffice",
        &[&profile, "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", path(saved.path()), path(&docx)],
    );
    let again = saved.path().join("st-kontrakt-allmanmedicin.docx");
    let done =
        sthandbok(&["import", path(&again), "--root", path(root.path()), "--out", "regions/orebro/content/avtal/igen"]);
    assert_eq!(done.code, 0, "{}", done.stderr);
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (original, original_signers) = declared(&std::fs::read_to_string(here.join(page)).unwrap());
    let (back, back_signers) =
        declared(&std::fs::read_to_string(root.path().join("regions/orebro/content/avtal/igen.md")).unwrap());
    let kinds = |fields: &[Field]| -> Vec<String> {
        fields.iter().map(|(_, _, kind)| if kind == "date" { kind.clone() } else { "text".to_owned() }).collect()
    };
    assert_eq!(kinds(&back), kinds(&original), "a field per blank, in order: {back:?}");
    assert_eq!(
        back[..5].iter().map(|(_, label, _)| label.as_str()).collect::<Vec<_>>(),
        ["Datum", "ST-läkare", "Huvudhandledare", "Verksamhetschef/vårdcentralschef", "Studierektor"]
    );
    assert_eq!(back_signers, original_signers);
}

/// Content controls and legacy form fields become fields under their own titles; a link and a
/// numbered list are kept; images, a text box, tracked changes, a comment and a merge field
/// are each reported at their paragraph, and the page still builds.
#[test]
fn what_word_has_beyond_text_is_kept_or_reported_where_it_was() {
    let root = handbook();
    let file = word_files().join("udda.docx");
    let done = sthandbok(&["import", path(&file), "--root", path(root.path()), "--region", "skane"]);
    assert_eq!(done.code, 0, "{}", done.stderr);
    let page = std::fs::read_to_string(root.path().join("regions/skane/content/avtal/avtal-med-det-udda.md")).unwrap();
    let (found, signers) = declared(&page);
    assert_eq!(
        found,
        fields(&[
            ("klinik", "Klinikens namn", "text"),
            ("start", "Startdatum", "date"),
            ("handledare", "Handledare", "text"),
            ("utbildningsplanen-ar-klar", "Utbildningsplanen är klar", "checkbox"),
        ]),
        "{page}"
    );
    assert!(signers.is_empty());
    assert!(page.contains("Klinik: {{ fält.klinik }} från {{ fält.start }}"), "{page}");
    assert!(page.contains("[Socialstyrelsen](https://www.socialstyrelsen.se/)"), "{page}");
    assert!(page.contains("1. Första steget\n1. Andra steget"), "{page}");
    assert!(page.contains("Studietid fyra timmar per vecka."), "the insertion kept, the deletion not: {page}");
    assert!(!page.contains("Personnummer"), "{page}");
    for expected in [
        "stycke 7: bild utan alternativtext",
        "stycke 8: bild (”Regionens logotyp”)",
        "stycke 9: textruta (”Viktigt att veta”)",
        "stycke 10: spårad ändring (infogad text)",
        "stycke 10: spårad ändring (borttagen text)",
        "stycke 11: kommentar",
        "stycke 12: fältet MERGEFIELD",
        "stycke 13: tomraden för ”Personnummer” togs bort",
    ] {
        assert!(done.stderr.contains(expected), "reported: {expected}\n{}", done.stderr);
    }
    let built = sthandbok(&["build", "--root", path(root.path()), "--out", path(&root.path().join("dist"))]);
    assert_eq!(built.code, 0, "{}", built.stderr);
}

#[test]
fn import_never_overwrites_a_page_without_force() {
    let root = handbook();
    let file = word_files().join("sormland-python-docx.docx");
    let existing = root.path().join("regions/sormland/content/avtal/st-kontrakt.md");
    let before = std::fs::read_to_string(&existing).unwrap();
    // Its title gives the address of the bundled contract, which is there already.
    let refused = sthandbok(&["import", path(&file), "--root", path(root.path()), "--region", "sormland"]);
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("finns redan") && refused.stderr.contains("--force"), "{}", refused.stderr);
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), before, "the page is untouched");
    let forced = sthandbok(&["import", path(&file), "--root", path(root.path()), "--region", "sormland", "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(std::fs::read_to_string(&existing).unwrap().contains("source: Word-dokumentet sormland-python-docx.docx"));
}

#[test]
fn a_file_that_is_no_word_document_gets_a_clear_error() {
    let root = handbook();
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("anteckningar.docx");
    std::fs::write(&text, "Det här är bara text.\n").unwrap();
    let truncated = dir.path().join("trasig.docx");
    let whole = std::fs::read(word_files().join("skane-python-docx.docx")).unwrap();
    std::fs::write(&truncated, &whole[..whole.len() / 2]).unwrap();
    let not_word = dir.path().join("annat.docx");
    tool(
        "python3",
        &["-c", "import sys, zipfile; zipfile.ZipFile(sys.argv[1], 'w').writestr('a.txt', 'hej')", path(&not_word)],
    );
    let broken_xml = dir.path().join("trasig-xml.docx");
    tool(
        "python3",
        &[
            "-c",
            "import sys, zipfile; zipfile.ZipFile(sys.argv[1], 'w').writestr('word/document.xml', '<w:document><w:body><w:p></w:body>')",
            path(&broken_xml),
        ],
    );
    let pdf = dir.path().join("mall.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n").unwrap();
    let doc = dir.path().join("gammal.doc");
    std::fs::write(&doc, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]).unwrap();
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("lo-profil").display());
    let html = dir.path().join("mall.html");
    std::fs::write(&html, "<!DOCTYPE html><html lang=\"sv\"><body><p>Datum ____</p></body></html>").unwrap();
    tool("soffice", &[&profile, "--headless", "--convert-to", "odt", "--outdir", path(dir.path()), path(&html)]);
    let odt = dir.path().join("mall.odt");
    for (file, says) in [
        (&text, "inget Word-dokument"),
        (&truncated, "inget Word-dokument"),
        (&not_word, "word/document.xml saknas"),
        (&broken_xml, "word/document.xml är trasig"),
        (&pdf, "en PDF kan inte importeras"),
        (&doc, "det äldre Word-formatet (.doc)"),
        (&odt, "OpenDocument (.odt) kan inte importeras"),
        (&dir.path().join("finns-inte.docx"), "går inte att läsa"),
    ] {
        let done = sthandbok(&["import", path(file), "--root", path(root.path()), "--out", "avtal/nytt"]);
        assert_eq!(done.code, 2, "{}: {}", file.display(), done.stderr);
        assert!(done.stderr.starts_with("fel: "), "{}", done.stderr);
        assert!(done.stderr.contains(path(file)) && done.stderr.contains(says), "{}: {}", file.display(), done.stderr);
        assert!(!done.stderr.contains("panicked"), "{}", done.stderr);
        assert!(!root.path().join("content/avtal/nytt.md").exists(), "nothing written for {}", file.display());
    }
}

/// Any other kind of page keeps a template's blanks as written: only a contract has fields.
#[test]
fn a_page_that_is_no_contract_keeps_its_blanks_as_text() {
    let root = handbook();
    let file = word_files().join("skane-python-docx.docx");
    let done =
        sthandbok(&["import", path(&file), "--root", path(root.path()), "--kind", "sida", "--out", "mallar/skane"]);
    assert_eq!(done.code, 0, "{}", done.stderr);
    let page = std::fs::read_to_string(root.path().join("content/mallar/skane.md")).unwrap();
    assert!(!page.contains("fields:") && !page.contains("{{"), "{page}");
    assert!(page.contains("Legitimationsdatum ......"), "{page}");
    assert!(done.stderr.contains("lämnades som text"), "{}", done.stderr);
    let checked = sthandbok(&["check", "--root", path(root.path())]);
    assert!(checked.stdout.contains("0 fel"), "{}{}", checked.stdout, checked.stderr);
}

/// Blanks as other templates write them: two on a line, boxes to tick after a question, a row
/// of empty cells under labels, a line under the paragraph that names it, a hint in brackets, a
/// personnummer however abbreviated, and the signers under lines in a table.
#[test]
fn blanks_as_other_templates_write_them_become_fields() {
    let root = handbook();
    let file = word_files().join("handledaravtal.docx");
    let done = sthandbok(&["import", path(&file), "--root", path(root.path()), "--region", "orebro"]);
    assert_eq!(done.code, 0, "{}", done.stderr);
    let page = std::fs::read_to_string(root.path().join("regions/orebro/content/avtal/handledaravtal.md")).unwrap();
    let (found, signers) = declared(&page);
    assert_eq!(
        found,
        fields(&[
            ("namn", "Namn", "text"),
            ("datum", "Datum", "date"),
            ("ort-och-datum", "Ort och datum", "text"),
            ("har-st-lakaren-handledarutbildning-ja", "Har ST-läkaren handledarutbildning: Ja", "checkbox"),
            ("har-st-lakaren-handledarutbildning-nej", "Har ST-läkaren handledarutbildning: Nej", "checkbox"),
            ("namn-2", "Namn", "text"),
            ("telefon", "Telefon", "text"),
            ("e-post", "E-post", "text"),
            ("ovriga-overenskommelser", "Övriga överenskommelser", "text"),
            ("datum-2", "Datum", "date"),
        ]),
        "{page}"
    );
    assert_eq!(signers, ["Handledare", "ST-läkare"]);
    assert!(!page.contains("Personnr"), "{page}");
    assert!(done.stderr.contains("stycke 4: tomraden för ”Personnr” togs bort"), "{}", done.stderr);
    let checked = sthandbok(&["check", "--root", path(root.path())]);
    assert!(checked.stdout.contains("0 fel"), "{}{}", checked.stdout, checked.stderr);
}
