//! Each kind of bad input gets a clear message naming the place, the right exit code, and the
//! last good site survives untouched.

mod common;
use common::{Handbook, files};

/// Builds the intact fixture, applies `break_it`, builds again, and checks that the second build
/// failed with `code` without touching the first build's output. Returns stderr.
fn fails(code: i32, break_it: impl FnOnce(&Handbook)) -> String {
    let handbook = Handbook::fixture();
    let first = handbook.build(&[]);
    assert_eq!(first.code, 0, "the intact fixture builds: {}", first.stderr);
    let before = files(&handbook.path("dist"));
    break_it(&handbook);
    let second = handbook.build(&[]);
    assert_eq!(second.code, code, "exit code; stderr:\n{}", second.stderr);
    assert_eq!(files(&handbook.path("dist")), before, "the previous dist/ is left untouched");
    let leftovers: Vec<_> = std::fs::read_dir(handbook.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".dist"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary folders left behind: {leftovers:?}");
    second.stderr
}

#[test]
fn malformed_yaml_names_file_line_and_column() {
    let stderr = fails(1, |h| h.write("content/sida.md", "---\ntitle: Sida\nweight: [1\n---\nText\n"));
    assert!(stderr.contains("fel[yaml]: hakparentesen avslutas aldrig"), "{stderr}");
    assert!(stderr.contains("--> content/sida.md:3:9"), "{stderr}");
    assert!(stderr.contains("3 | weight: [1"), "shows the source line: {stderr}");
}

/// Each kind of YAML mistake an editor makes, explained in Swedish at the line where it is,
/// with what to do: (front matter, message, place, help).
#[test]
fn each_kind_of_yaml_mistake_is_explained_where_it_is() {
    let cases = [
        (
            "title: Avtal: ny\n",
            "texten efter `title:` innehåller ett kolon",
            ":2:13",
            "sätt citattecken runt texten: title: \"Avtal: ny\"",
        ),
        ("title: A\n\tweight: 1\n", "raden innehåller en tabb", ":3:1", "byt tabben mot mellanslag"),
        (
            "title: A\nkind: avtal\nfields:\n  - id: a\n   label: B\nsignatures: [A]\n",
            "nyckeln `label` har fel indrag",
            ":6:4",
            "ställ `label:` rakt under `id:` på rad 5: 4 mellanslag före, inte 3",
        ),
        (
            "title: A\n kind: avtal\n",
            "raden har fel indrag",
            ":3:1",
            "nycklar på samma nivå ska stå rakt under varandra",
        ),
        (
            "title: \"A\nweight: 1\n",
            "citattecknet avslutas aldrig",
            ":2:8",
            "avsluta texten med samma citattecken på rad 2",
        ),
        ("title: A\nweight: 1\ntitle: B\n", "nyckeln `title` står två gånger", ":4:1", "den första står på rad 2"),
        ("title:\n  - A\n", "`title` ska vara en text, inte en lista", ":3:3", "skriv texten på samma rad som nyckeln"),
        (
            "title: A\nkind: avtal\nsignatures: Handledare\n",
            "`signatures` ska vara en lista, inte en text",
            ":4:13",
            "varje del på en egen rad",
        ),
    ];
    for (front, message, place, help) in cases {
        let stderr = fails(1, |h| h.write("content/sida.md", format!("---\n{front}---\nText\n")));
        assert!(stderr.contains(&format!("fel[yaml]: {message}")), "{front:?}: {stderr}");
        assert!(stderr.contains(&format!("--> content/sida.md{place}\n")), "{front:?}: {stderr}");
        assert!(stderr.contains(help), "{front:?}: {stderr}");
        assert!(!stderr.contains("felaktig YAML"), "{front:?}: no parser message: {stderr}");
    }
}

#[test]
fn missing_title_is_named() {
    let stderr = fails(1, |h| h.write("content/sida.md", "---\nweight: 1\n---\nText\n"));
    assert!(stderr.contains("fel[saknar-titel]: nyckeln `title` saknas"), "{stderr}");
    assert!(stderr.contains("--> content/sida.md:2"), "{stderr}");
}

#[test]
fn page_without_front_matter_is_explained() {
    let stderr = fails(1, |h| h.write("content/sida.md", "# Bara text\n"));
    assert!(stderr.contains("sidan börjar inte med front matter"), "{stderr}");
    assert!(stderr.contains("--> content/sida.md:1:1"), "{stderr}");
}

#[test]
fn unknown_key_suggests_the_right_one() {
    let stderr = fails(1, |h| h.write("content/sida.md", "---\ntitle: Sida\nwieght: 2\n---\nText\n"));
    assert!(stderr.contains("okänd nyckel `wieght`"), "{stderr}");
    assert!(stderr.contains("--> content/sida.md:3:1"), "{stderr}");
    assert!(stderr.contains("menade du `weight`?"), "{stderr}");
}

#[test]
fn unknown_key_in_region_yaml_suggests_the_right_one() {
    let stderr = fails(1, |h| h.write("regions/testlan/region.yaml", "name: Region Testlän\nshortname: Test\n"));
    assert!(stderr.contains("okänd nyckel `shortname`"), "{stderr}");
    assert!(stderr.contains("--> regions/testlan/region.yaml:2:1"), "{stderr}");
    assert!(stderr.contains("menade du `short_name`?"), "{stderr}");
}

#[test]
fn region_folder_without_region_yaml() {
    let stderr = fails(1, |h| h.write("regions/nylan/content/_index.md", "---\ntitle: Ny\n---\n"));
    assert!(stderr.contains("regionmappen `nylan` saknar region.yaml"), "{stderr}");
    assert!(stderr.contains("--> regions/nylan"), "{stderr}");
}

#[test]
fn invalid_utf8_points_at_the_byte() {
    let stderr = fails(1, |h| h.write("content/sida.md", b"---\ntitle: Sida\n---\nR\xe4tt text\n"));
    assert!(stderr.contains("filen är inte giltig UTF-8"), "{stderr}");
    assert!(stderr.contains("--> content/sida.md:4:2"), "{stderr}");
}

#[test]
fn link_to_a_missing_page() {
    let stderr =
        fails(1, |h| h.write("content/sida.md", "---\ntitle: Sida\n---\n\nSe [roller](roller/handledre.md).\n"));
    assert!(stderr.contains("länken pekar på `roller/handledre.md`, som inte finns i Region Testlän"), "{stderr}");
    assert!(stderr.contains("--> content/sida.md:5:4"), "{stderr}");
    assert!(stderr.contains("menade du `roller/handledare.md`?"), "{stderr}");
}

#[test]
fn link_to_a_missing_anchor() {
    let stderr = fails(1, |h| h.write("content/sida.md", "---\ntitle: Sida\n---\nSe [x](checklista.md#punkt-tre).\n"));
    assert!(stderr.contains("`content/checklista.md` har ingen rubrik med id `#punkt-tre`"), "{stderr}");
    assert!(stderr.contains("--> content/sida.md:4:4"), "{stderr}");
    assert!(stderr.contains("menade du `#punkt-tva`?"), "{stderr}");
}

#[test]
fn template_error_names_the_template_and_line() {
    let stderr = fails(1, |h| {
        h.write(
            "themes/default/templates/page.html",
            "{% extends \"base.html\" %}\n{% block content %}\n{{ page.body | safe }\n{% endblock %}\n",
        )
    });
    assert!(stderr.contains("fel[mallfel]: mallen `page.html` kunde inte användas"), "{stderr}");
    assert!(stderr.contains("--> themes/default/templates/page.html:3"), "{stderr}");
}

#[test]
fn template_using_an_unknown_variable() {
    let stderr = fails(1, |h| {
        h.write(
            "themes/default/templates/404.html",
            "{% extends \"base.html\" %}\n{% block content %}\n\n{{ page.nonsense.deeper }}\n{% endblock %}\n",
        )
    });
    assert!(stderr.contains("mallen `404.html` kunde inte användas"), "{stderr}");
    assert!(stderr.contains("--> themes/default/templates/404.html:4"), "{stderr}");
}

#[test]
fn empty_handbook_has_nothing_to_build() {
    let stderr = fails(1, |h| {
        std::fs::remove_dir_all(h.path("regions")).unwrap();
        std::fs::remove_dir_all(h.path("content")).unwrap();
    });
    assert!(stderr.contains("handboken har ingen region att bygga"), "{stderr}");
}

#[test]
fn out_inside_the_sources_is_refused() {
    let handbook = Handbook::fixture();
    let out = handbook.path("content/ut");
    let run = handbook.build(&["--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("ligger bland källorna i content/"), "{}", run.stderr);
    assert!(!out.exists());
    let run = handbook.build(&["--out", handbook.root().to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("innehåller handbokens källor"), "{}", run.stderr);
    assert!(handbook.path("content/_index.md").exists());
}

#[test]
fn out_that_holds_other_files_is_refused() {
    let handbook = Handbook::fixture();
    handbook.write("annat/brev.txt", "viktigt");
    let run = handbook.build(&["--out", handbook.path("annat").to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("innehåller filer som inte kommer från sthandbok"), "{}", run.stderr);
    assert_eq!(handbook.read("annat/brev.txt"), "viktigt");
}

#[test]
fn not_a_handbook_folder_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let run = common::sthandbok(&["build", "--root", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("är ingen handbok: sthandbok.yaml saknas"), "{}", run.stderr);
}

#[test]
fn unknown_region_is_a_usage_error() {
    let handbook = Handbook::fixture();
    let run = handbook.build(&["--region", "narnia"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("regionen `narnia` finns inte; regioner: testlan"), "{}", run.stderr);
}

#[test]
fn every_error_of_a_build_is_listed_together() {
    let stderr = fails(1, |h| {
        h.write("content/sida.md", "---\ntitle: Sida\ntitel: x\n---\n");
        h.write(
            "content/roller/handledare.md",
            "---\ntitle: Handledare\n---\nSe [x](../saknas.md) och {{ fakta.okand }}.\n",
        );
        h.write(
            "regions/testlan/content/avtal/kontrakt.md",
            "---\ntitle: K\nkind: avtal\nfields:\n  - id: a\n    label: A\n---\n{{ fält.b }}\n",
        );
    });
    for expected in [
        "content/sida.md:3:1",
        "content/roller/handledare.md:4:4",
        "content/roller/handledare.md:4:26",
        "regions/testlan/content/avtal/kontrakt.md:8:1",
        "regions/testlan/content/avtal/kontrakt.md:5",
        "Bygget avbröts: 5 fel",
    ] {
        assert!(stderr.contains(expected), "missing {expected} in:\n{stderr}");
    }
}

/// A page in a folder without `_index.md` is reported, and the pages of its region are still
/// checked: its own broken link and missing anchor are listed with it.
#[test]
fn a_folder_without_a_section_page_hides_no_other_error() {
    let stderr = fails(1, |h| {
        h.write(
            "content/nytt/sida.md",
            "---\ntitle: Ny sida\n---\nSe [x](../saknas.md) och [y](../sida.md#finns-inte).\n",
        );
    });
    for expected in [
        "fel[saknar-avsnittssida]: mappen för `nytt/sida.md` har ingen nytt/_index.md",
        "fel[trasig-lank]",
        "content/nytt/sida.md:4:4",
        "fel[saknat-ankare]",
        "content/nytt/sida.md:4:26",
        "Bygget avbröts: 3 fel",
    ] {
        assert!(stderr.contains(expected), "missing {expected} in:\n{stderr}");
    }
}

/// Two pages at one address, or a page at an address the site makes itself: each reported
/// once, the region's other pages still checked.
#[test]
fn a_taken_address_is_reported_once_and_the_rest_still_checked() {
    let stderr = fails(1, |h| {
        h.write("content/sok.md", "---\ntitle: Sök\n---\nText\n");
        h.write("content/ny.md", "---\ntitle: Ny\n---\nText\n");
        h.write("content/ny/_index.md", "---\ntitle: Ny igen\n---\nSe [x](../saknas.md).\n");
        h.write("content/annan.md", "---\ntitle: Annan\n---\nSe [x](saknas-ocksa.md).\n");
    });
    assert!(stderr.contains("fel[reserverad-sokvag]: sökvägen `sok.md` används redan av söksidan"), "{stderr}");
    assert!(stderr.contains("fel[dubbel-adress]"), "{stderr}");
    assert!(stderr.contains("content/annan.md:4:4"), "the other pages are still checked: {stderr}");
    assert!(!stderr.contains("samma-utfil"), "no second error for the same clash: {stderr}");
    assert!(stderr.contains("Bygget avbröts: 3 fel"), "{stderr}");
}

#[test]
fn contract_fields_must_be_defined_and_placed() {
    let stderr = fails(1, |h| {
        h.write(
            "regions/testlan/content/avtal/kontrakt.md",
            "---\ntitle: K\nkind: avtal\nfields:\n  - id: namn\n    label: Namn\n  - id: aldrig\n    label: Aldrig\n---\n{{ fält.namn }} {{ fält.nman }}\n",
        )
    });
    assert!(
        stderr.contains("fel[falt-ej-placerat]: fältet `aldrig` är definierat men står ingenstans i texten"),
        "{stderr}"
    );
    assert!(stderr.contains("--> regions/testlan/content/avtal/kontrakt.md:7"), "{stderr}");
    assert!(stderr.contains("fältet `nman` är inte definierat"), "{stderr}");
    assert!(stderr.contains("menade du `fält.namn`?"), "{stderr}");
}

#[test]
fn huge_pages_deep_nesting_and_symlink_loops_do_not_stop_the_build() {
    let handbook = Handbook::fixture();
    let huge = "Ett stycke text om handledning och studietid. ".repeat(60_000);
    handbook.write("content/stor.md", format!("---\ntitle: Stor\n---\n{huge}\n"));
    handbook.write(
        "content/djup.md",
        format!("---\ntitle: Djup\n---\n{}text\n\n{}x\n", "> ".repeat(5_000), "- ".repeat(5_000)),
    );
    let mut deep = String::from("content");
    for level in 0..40 {
        deep.push_str(&format!("/n{level}"));
        handbook.write(&format!("{deep}/_index.md"), format!("---\ntitle: Nivå {level}\n---\n"));
    }
    #[cfg(unix)]
    std::os::unix::fs::symlink(handbook.path("content"), handbook.path("content/roller/slinga")).unwrap();
    let run = handbook.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(handbook.read("dist/testlan/stor/index.html").len() > huge.len());
    assert!(handbook.path(&format!("dist/testlan/{}/index.html", deep.trim_start_matches("content/"))).exists());
    #[cfg(unix)]
    assert!(run.stderr.contains("varning[symlank-slinga]"), "{}", run.stderr);
}

/// A contract page of the fixture with the given front matter lines and body.
fn contract(fields: &str, body: &str) -> impl FnOnce(&Handbook) {
    let text = format!("---\ntitle: K\nkind: avtal\n{fields}---\n{body}\n");
    move |h: &Handbook| h.write("regions/testlan/content/avtal/kontrakt.md", text)
}

const KONTRAKT: &str = "--> regions/testlan/content/avtal/kontrakt.md";

#[test]
fn field_with_an_unknown_type() {
    let stderr = fails(1, contract("fields:\n  - id: start\n    label: Start\n    type: datum\n", "{{ fält.start }}"));
    assert!(stderr.contains("fel[okant-varde]: okänt värde `datum`"), "{stderr}");
    assert!(stderr.contains(&format!("{KONTRAKT}:7:11")), "{stderr}");
    assert!(stderr.contains("menade du `date`?"), "{stderr}");
}

#[test]
fn field_without_a_label() {
    let stderr = fails(1, contract("fields:\n  - id: start\n", "{{ fält.start }}"));
    assert!(stderr.contains("fel[saknar-nyckel]: nyckeln `label` saknas"), "{stderr}");
    assert!(stderr.contains(KONTRAKT), "{stderr}");
}

#[test]
fn field_with_an_id_that_is_no_name() {
    let stderr = fails(1, contract("fields:\n  - id: Start Datum\n    label: Start\n", "{{ fält.Start Datum }}"));
    assert!(
        stderr.contains("fel[ogiltigt-falt-id]: fältets id `Start Datum` får bara innehålla a–z, 0–9 och -"),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("{KONTRAKT}:5")), "{stderr}");
}

#[test]
fn field_defined_twice() {
    let stderr = fails(1, contract("fields:\n  - id: a\n    label: A\n  - id: a\n    label: B\n", "{{ fält.a }}"));
    assert!(stderr.contains("fel[dubbelt-falt]: fältet `a` är definierat två gånger"), "{stderr}");
}

#[test]
fn field_placed_twice() {
    let stderr = fails(1, contract("fields:\n  - id: a\n    label: A\n", "{{ fält.a }} och {{ fält.a }}"));
    let both =
        "fel[falt-placerat-flera-ganger]: fältet `a` står 2 gånger i texten: rad 8, kolumn 1 och rad 8, kolumn 18";
    assert!(stderr.contains(both), "{stderr}");
    assert!(stderr.contains(&format!("{KONTRAKT}:8:18")), "at the second place: {stderr}");
}

/// A heading is also a line of the page's contents, which would show the placeholder.
#[test]
fn field_in_a_heading() {
    let stderr = fails(1, contract("fields:\n  - id: klinik\n    label: Klinik\n", "## {{ fält.klinik }} åtar sig"));
    assert!(stderr.contains("fel[falt-i-rubrik]: fältet `klinik` står i en rubrik"), "{stderr}");
    assert!(stderr.contains(&format!("{KONTRAKT}:8:4")), "at the field: {stderr}");
}

#[test]
fn field_with_a_reserved_id() {
    let stderr = fails(1, contract("fields:\n  - id: underskrift-ort\n    label: Ort\n", "{{ fält.underskrift-ort }}"));
    assert!(stderr.contains("fel[reserverat-falt-id]"), "{stderr}");
}

#[test]
fn fields_on_a_page_that_is_no_contract() {
    let stderr = fails(1, |h| {
        h.write("content/sida.md", "---\ntitle: Sida\nfields:\n  - id: a\n    label: A\n---\n{{ fält.a }}\n")
    });
    assert!(stderr.contains("fel[falt-utanfor-avtal]: fält kan bara finnas på en sida av typen `avtal`"), "{stderr}");
    assert!(stderr.contains("--> content/sida.md:4"), "{stderr}");
}

#[test]
fn signatures_never_placed() {
    let stderr = fails(1, contract("signatures:\n  - ST-läkare\n", "Text utan underskrifter."));
    assert!(
        stderr.contains("fel[underskrifter-ej-placerade]: underskrifterna är definierade men står ingenstans i texten"),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("{KONTRAKT}:4")), "{stderr}");
}

#[test]
fn signatures_placed_without_signers() {
    let stderr = fails(1, contract("", "{{ underskrifter }}"));
    assert!(stderr.contains("sidan har inga `signatures:` att placera"), "{stderr}");
    assert!(stderr.contains(&format!("{KONTRAKT}:5:1")), "{stderr}");
}

/// Builds with a file written where another stage writes, and checks that the build names
/// both writers of the path.
fn collides(rel: &str, path: &str, first: &str, second: &str) {
    let stderr = fails(1, |h| h.write(rel, "krock"));
    assert!(stderr.contains("fel[samma-utfil]"), "{stderr}");
    assert!(stderr.contains(&format!("`{path}` skulle skrivas två gånger")), "{stderr}");
    assert!(stderr.contains(first) && stderr.contains(second), "both writers named: {stderr}");
}

#[test]
fn a_content_file_where_a_page_goes_is_an_error() {
    collides(
        "content/sida/index.html",
        "testlan/sida/index.html",
        "sidan content/sida.md",
        "filen content/sida/index.html",
    );
}

#[test]
fn a_content_file_where_the_themes_style_sheet_goes_is_an_error() {
    collides(
        "content/assets/style.css",
        "testlan/assets/style.css",
        "temats fil static/style.css",
        "filen content/assets/style.css",
    );
}

#[test]
fn a_content_file_where_the_search_index_goes_is_an_error() {
    collides("content/sok/meta.js", "testlan/sok/meta.js", "sökindexet", "filen content/sok/meta.js");
}

#[test]
fn a_content_file_where_a_form_download_goes_is_an_error() {
    collides(
        "content/checklista/checklista.pdf",
        "testlan/checklista/checklista.pdf",
        "nedladdningsfilen till content/checklista.md",
        "filen content/checklista/checklista.pdf",
    );
}

/// `sthandbok check` on the handbook: its exit code and what it printed.
fn check(handbook: &Handbook) -> (Option<i32>, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_sthandbok"))
        .args(["check", "--root", handbook.root().to_str().unwrap()])
        .output()
        .unwrap();
    (output.status.code(), String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn check_reports_two_writers_of_one_path() {
    let handbook = Handbook::fixture();
    handbook.write("regions/testlan/content/assets/sok.js", "krock");
    let (code, out) = check(&handbook);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("fel[samma-utfil]: `testlan/assets/sok.js` skulle skrivas två gånger"), "{out}");
    assert!(out.contains("temats fil static/sok.js") && out.contains("regions/testlan/content/assets/sok.js"), "{out}");
}

#[test]
fn review_dates_out_of_range_are_errors_not_arithmetic() {
    let handbook = Handbook::fixture();
    handbook.write("content/sida.md", "---\ntitle: Sida\nreviewed: 999999999-01-01\nreview_months: 12\n---\nText.\n");
    let (code, out) = check(&handbook);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("fel[ogiltigt-datum]: `999999999-01-01` ligger utanför åren 1000–9999"), "{out}");
    assert!(out.contains("--> content/sida.md:3:1"), "{out}");
    assert!(!out.contains("senast -"), "no overflowed date: {out}");
    handbook
        .write("content/sida.md", "---\ntitle: Sida\nreviewed: 2026-01-01\nreview_months: 4294967295\n---\nText.\n");
    let (code, out) = check(&handbook);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("fel[ogiltigt-datum]: `review_months: 4294967295` räknar fram en granskning efter år 9999"),
        "{out}"
    );
    assert!(out.contains("--> content/sida.md:4:1"), "{out}");
}
