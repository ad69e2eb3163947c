//! The views across regions and roles, read as a reader reads them: the comparison table on the
//! regions page, the role matrix, checklist coverage and each role's duties in the contracts.

mod browser;
mod common;
use common::text;
use std::path::Path;

fn build_bundled() -> tempfile::TempDir {
    common::build_bundled(&[])
}

fn read(out: &Path, page: &str) -> String {
    std::fs::read_to_string(out.join("dist").join(page)).unwrap()
}

/// The rows of the table with `class`, each a list of cell texts (header cells included).
fn table(html: &str, class: &str) -> Vec<Vec<String>> {
    let start = html.find(&format!("<table class=\"{class}\"")).unwrap_or_else(|| panic!("a table .{class}"));
    let end = start + html[start..].find("</table>").unwrap();
    html[start..end]
        .split("<tr")
        .skip(1)
        .map(|row| {
            row.split("<t")
                .skip(1)
                .filter(|cell| cell.starts_with('h') || cell.starts_with('d'))
                .map(|cell| text(&format!("<t{}", cell.split("</t").next().unwrap())))
                .collect()
        })
        .collect()
}

fn cell<'a>(rows: &'a [Vec<String>], row: &str, column: &str) -> &'a str {
    let columns = &rows[0];
    let c = columns.iter().position(|h| h == column).unwrap_or_else(|| panic!("a column {column} in {columns:?}"));
    let r = rows.iter().find(|r| r[0] == row).unwrap_or_else(|| panic!("a row {row}"));
    &r[c]
}

#[test]
fn regions_side_by_side_with_blanks_said_out_loud() {
    let out = build_bundled();
    let html = read(out.path(), "index.html");
    assert!(html.contains("<caption id=\"jamforelse-tabell\">ST i regionerna, sida vid sida</caption>"));
    assert!(html.contains("<th scope=\"col\">Region Skåne</th>") && html.contains("<th scope=\"row\">Studietid</th>"));
    let rows = table(&html, "jamforelse");
    let (orebro, skane, sormland) = ("Region Örebro län", "Region Skåne", "Region Sörmland");
    assert!(cell(&rows, "Kurskostnader", orebro).contains("högst 130 000 kronor under hela ST"));
    assert!(cell(&rows, "Handledning", sormland).contains("i genomsnitt 2 timmar i månaden"));
    assert!(cell(&rows, "Handledning", skane).contains("minst 1 timme i veckan"));
    assert!(cell(&rows, "Studietid", skane).contains("4 timmar per vecka"));
    assert!(cell(&rows, "Vetenskapligt arbete", skane).contains("10 veckors"));
    assert!(cell(&rows, "Vetenskapligt arbete", sormland).contains("tio veckors"));
    assert!(cell(&rows, "Tidigaste sidotjänstgöring", skane).contains("efter 12 månader"));
    // The blanks of Örebro's template, and what a document is silent about.
    assert!(cell(&rows, "Handledning", orebro).contains("minst …… per vecka – anges i det enskilda avtalet"));
    assert!(cell(&rows, "Studietid", orebro).contains("anges i det enskilda avtalet"));
    assert!(cell(&rows, "Tidigaste sidotjänstgöring", sormland).starts_with("anges ej"));
    assert!(cell(&rows, "Kurskostnader", skane).starts_with("anges ej"));
    for row in &rows[1..] {
        assert!(row.iter().all(|c| !c.trim().is_empty()), "no empty cell: {row:?}");
        assert_eq!(row.len(), 4);
    }
}

#[test]
fn the_role_matrix_labels_every_duty_and_links_its_source() {
    let out = build_bundled();
    let html = read(out.path(), "orebro/vem-gor-vad/index.html");
    for theme in [
        "Handledning",
        "Utbildningsprogram",
        "Bedömning och uppföljning",
        "Kurser och utbildning",
        "Sidotjänstgöring",
        "Intyg och ansökan",
    ] {
        assert!(html.contains(&format!("\">{theme}</h2>")), "{theme}");
    }
    let start =
        html.find("<section class=\"tema\" aria-labelledby=\"ansvar-handledning\">").expect("the theme's section");
    let section = &html[start..start + html[start..].find("</section>").unwrap()];
    let card = section.split("<li class=\"roll-").find(|c| c.contains(">Huvudhandledare</a></h3>")).expect("a card");
    let handledning = text(card);
    assert!(
        handledning
            .contains("Föreskrift enligt SOSFS 2008:17, upphävd: Är specialistkompetent inom aktuell specialitet"),
        "{handledning}"
    );
    assert!(
        handledning.contains("Regional överenskommelse: Att initiera och genomföra regelbundna handledarsamtal"),
        "{handledning}"
    );
    // A duty links to itself in its contract: the list item has an id of its own.
    assert!(
        html.contains("href=\"../avtal/st-kontrakt-allmanmedicin/index.html#huvudhandledarens-ansvar-2\""),
        "a duty links its clause"
    );
    // A blank in a duty reads as a blank, not as the field's label.
    assert!(handledning.contains("minst … per vecka och vid sidotjänstgöring minst … per månad"), "{handledning}");
    assert!(!handledning.contains("minst Handledning"), "{handledning}");
    let contract = read(out.path(), "orebro/avtal/st-kontrakt-allmanmedicin/index.html");
    assert!(
        contract
            .contains("<li id=\"huvudhandledarens-ansvar-2\">Att initiera och genomföra regelbundna handledarsamtal"),
        "the clause the matrix links to"
    );
    assert!(!contract.contains("{tema="), "the marks are data, not text");
}

#[test]
fn one_role_alone_for_the_reader_who_asks_what_must_i_do() {
    let out = build_bundled();
    let html = read(out.path(), "orebro/vem-gor-vad/huvudhandledare/index.html");
    let page = text(&html);
    assert!(page.contains("Vem gör vad: Huvudhandledare"));
    assert!(page.contains("Att vid behov ta initiativ till en åtgärdsplan"), "a contract duty of the role");
    assert!(page.contains("Skriver handledaryttrande"), "a national duty of the role");
    assert!(!page.contains("Att ta eget ansvar för sin kompetensutveckling"), "no other role's duties");
    assert!(!html.contains("class=\"rollkort\""), "a list, not every role's cards");
}

#[test]
fn role_pages_list_their_duties_in_the_regions_contracts() {
    let out = build_bundled();
    let html = read(out.path(), "orebro/roller/studierektor/index.html");
    assert!(html.contains("<h2 id=\"i-regionens-avtal\">I regionens avtal</h2>"));
    let page = text(&html);
    assert!(page.contains("Att bekosta ST-läkarens deltagande i Mitt-i-ST och examen."), "{page}");
    assert!(html.contains("href=\"../../avtal/st-kontrakt-allmanmedicin/index.html#studierektorns-ansvar-9\""));
    let contract = read(out.path(), "orebro/avtal/st-kontrakt-allmanmedicin/index.html");
    assert!(contract.contains("<li id=\"studierektorns-ansvar-9\">Att bekosta ST-läkarens deltagande i Mitt-i-ST"));
    let skane = text(&read(out.path(), "skane/roller/huvudhandledare/index.html"));
    assert!(
        skane.contains("planera och genomföra strukturerad och regelbunden handledning minst 1 timme i veckan"),
        "{skane}"
    );
    let none = text(&read(out.path(), "sormland/roller/instruktor/index.html"));
    assert!(none.contains("Inget av avtalen i Region Sörmland ger rollen egna uppgifter"));
}

#[test]
fn the_checklist_shows_what_each_regions_documents_settle() {
    let out = build_bundled();
    let point = |region: &str, id: &str| {
        let html = read(out.path(), &format!("{region}/ramoverenskommelse/index.html"));
        let start = html.find(&format!("<li id=\"{id}\"")).unwrap();
        text(&html[start..start + html[start..].find("</li>").unwrap()])
    };
    assert!(point("sormland", "hemvandarveckor").contains("Regleras i: ST-kontrakt"));
    assert!(point("orebro", "hemvandarveckor").contains("Regleras inte av något av regionens dokument."));
    assert!(point("orebro", "huvudhandledare-utses").contains("Regleras i: ST-kontrakt, allmänmedicin"));
    assert!(point("skane", "jourlinjer").contains("Regleras inte"));
    let both = point("skane", "dokumentation-maluppfyllelse");
    assert!(
        both.contains("ST-överenskommelse för ST-läkare i allmänmedicin")
            && both.contains("Redan reglerat regionalt och på SUS"),
        "{both}"
    );
    for (region, settled) in [("sormland", 12), ("orebro", 10), ("skane", 11)] {
        let html = read(out.path(), &format!("{region}/ramoverenskommelse/index.html"));
        assert!(text(&html).contains(&format!("{settled} av 15 punkter regleras")), "{region}");
    }
}

#[test]
fn check_rejects_an_unknown_point_or_role() {
    let handbook = common::Handbook::fixture();
    handbook.write(
        "regions/testlan/content/avtal/kontrakt.md",
        "---\ntitle: K\nkind: avtal\nsettles: [punkt-ett, punkt-fyra]\nduties:\n  - role: handledar\n    section: ansvar\n---\n\n## Ansvar\n\n- Att göra.\n",
    );
    let run = handbook.build(&[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("fel[okand-punkt]: checklistan har ingen punkt `punkt-fyra`"), "{}", run.stderr);
    assert!(run.stderr.contains("--> regions/testlan/content/avtal/kontrakt.md:4:1"), "{}", run.stderr);
    assert!(run.stderr.contains("fel[okand-roll]: rollen `handledar` finns inte"), "{}", run.stderr);
    assert!(run.stderr.contains("menade du `handledare`?"), "{}", run.stderr);
}

#[test]
fn the_wide_table_scrolls_inside_the_page_on_a_phone() {
    let out = build_bundled();
    let mut browser = browser::Browser::launch();
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        serde_json::json!({"width": 360, "height": 740, "deviceScaleFactor": 2, "mobile": true}),
    );
    browser.goto(&format!("file://{}", out.path().join("dist/index.html").display()));
    let fits = browser.eval("document.documentElement.scrollWidth <= window.innerWidth + 1");
    assert_eq!(fits, serde_json::json!(true), "the regions page does not scroll sideways as a whole");
    let scrolls = browser
        .eval("(() => { const r = document.querySelector('.tabell-rulla'); return r.scrollWidth > r.clientWidth; })()");
    assert_eq!(scrolls, serde_json::json!(true), "the table scrolls in its own region");
}
