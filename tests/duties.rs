//! "Vem gör vad" as the sources say it: each duty of the regions' contracts under the role and
//! theme its source gives, labels the sources support, one region's organisation in that region
//! only, blanks and names written as in the documents, and a matrix that a reader can read whole
//! on a screen, on a phone and on paper. The expected duties are read from the seed documents.

mod browser;
mod common;
use common::text;

use std::path::Path;

fn read(out: &Path, page: &str) -> String {
    std::fs::read_to_string(out.join("dist").join(page)).unwrap_or_else(|e| panic!("{page}: {e}"))
}

/// A role's card under one theme of the matrix: the role's title and the text of each duty.
struct Card {
    theme: String,
    role: String,
    entries: Vec<String>,
}

/// The matrix page's cards, theme by theme.
fn cards(html: &str) -> Vec<Card> {
    let mut cards = Vec::new();
    for section in html.split("<section class=\"tema\" aria-labelledby=\"").skip(1) {
        let theme = section.split('"').next().unwrap().to_owned();
        let section = section.split("</section>").next().unwrap();
        for card in section.split("<li class=\"roll-").skip(1) {
            let heading = card.split("<h3>").nth(1).unwrap().split("</h3>").next().unwrap();
            // Each entry's duty: after its label, before its source link.
            let entries = card
                .split("<li class=\"grund-")
                .skip(1)
                .map(|e| text(e.split_once("</span>").unwrap().1.split("<a class=\"kalla-lank\"").next().unwrap()))
                .collect();
            cards.push(Card { theme: theme.clone(), role: text(heading), entries });
        }
    }
    cards
}

/// Whether the role's card under the theme has an entry containing `words`.
fn has(cards: &[Card], theme: &str, role: &str, words: &str) -> bool {
    cards
        .iter()
        .filter(|c| c.theme == format!("ansvar-{theme}") && c.role == role)
        .any(|c| c.entries.iter().any(|e| e.contains(words)))
}

/// Where an entry containing `words` stands, for the message of a failed expectation.
fn found_at(cards: &[Card], words: &str) -> Vec<String> {
    cards
        .iter()
        .filter(|c| c.entries.iter().any(|e| e.contains(words)))
        .map(|c| format!("{} / {}", c.theme, c.role))
        .collect()
}

/// (words from the seed, theme, role) for each region: what a reader of the region's own
/// document expects to find where.
type Expectations = &'static [(&'static str, &'static str, &'static str)];

const EXPECTED: &[(&str, Expectations)] = &[
    (
        "skane",
        &[
            (
                "genomföra ett eget skriftligt arbete enligt vetenskapliga principer",
                "vetenskapligt-arbete-och-kvalitetsarbete",
                "Verksamhetschef",
            ),
            ("medsittning och/eller videoinspelade patientmöten", "bedomning-och-uppfoljning", "Huvudhandledare"),
            ("kontakta klinikens utbildningsansvarige", "sidotjanstgoring", "ST-läkare"),
            ("årligen skriva ett handledarutlåtande", "bedomning-och-uppfoljning", "Huvudhandledare"),
            ("aktivt delta i ST-möten", "kurser-och-utbildning", "ST-läkare"),
            ("4 timmar per vecka vid heltidstjänstgöring", "kurser-och-utbildning", "Verksamhetschef"),
            ("planera och genomföra fortbildning för handledare", "handledning", "Studierektor"),
            ("kontakt med utbildningsansvariga på externa arbetsplatser", "sidotjanstgoring", "Studierektor"),
            ("årliga medarbetarsamtal", "bedomning-och-uppfoljning", "Verksamhetschef"),
            ("bedöma om och när specialistkompetens har uppnåtts", "intyg-och-ansokan", "Huvudhandledare"),
            ("en god arbetsmiljö uppnås", "organisation-och-kvalitet", "Verksamhetschef"),
            (
                "under sin ST genomföra ett vetenskapligt arbete",
                "vetenskapligt-arbete-och-kvalitetsarbete",
                "ST-läkare",
            ),
        ],
    ),
    (
        "orebro",
        &[
            ("bekosta ST-läkarens deltagande i Mitt-i-ST", "bedomning-och-uppfoljning", "Studierektor"),
            ("utfärda intyg när ST-läkaren ansöker", "intyg-och-ansokan", "Verksamhetschef"),
            ("en handledare med relevant specialistkompetens", "handledning", "Verksamhetschef"),
            ("i samverkan med FoU-handledare", "vetenskapligt-arbete-och-kvalitetsarbete", "Huvudhandledare"),
            ("bistå med råd om litteratur", "kurser-och-utbildning", "Huvudhandledare"),
            ("följa upp sidotjänstgöringar", "sidotjanstgoring", "Huvudhandledare"),
            ("timmar per vecka vid heltidsarbete", "kurser-och-utbildning", "Verksamhetschef"),
            ("samordna intern och extern utbildning", "kurser-och-utbildning", "Studierektor"),
            ("ett lokalt introduktionsprogram", "utbildningsprogram", "Verksamhetschef"),
            ("skriftligt individuellt arbete", "vetenskapligt-arbete-och-kvalitetsarbete", "ST-läkare"),
            ("ta initiativ till en åtgärdsplan", "bedomning-och-uppfoljning", "Huvudhandledare"),
        ],
    ),
    (
        "sormland",
        &[
            ("utarbetar introduktionsprogram för läkare", "utbildningsprogram", "Studierektor"),
            ("utfärda intyg om genomgången specialisttjänstgöring", "intyg-och-ansokan", "Verksamhetschef"),
            ("2 gånger per år", "bedomning-och-uppfoljning", "Huvudhandledare"),
            ("i genomsnitt 2 timmar i månaden", "handledning", "Huvudhandledare"),
            ("rekommenderat är 4 timmar per vecka", "kurser-och-utbildning", "ST-läkare"),
            ("tio veckors studieledighet", "vetenskapligt-arbete-och-kvalitetsarbete", "Verksamhetschef"),
            ("upprättar en separat skriftlig utbildningsplan", "utbildningsprogram", "Huvudhandledare"),
            ("upprättar en separat skriftlig utbildningsplan", "utbildningsprogram", "Studierektor"),
            ("se till att ST-läkaren har personlig handledare", "handledning", "Verksamhetschef"),
            ("ingå i jourarbetet", "organisation-och-kvalitet", "ST-läkare"),
            ("examinationsavgiften", "bedomning-och-uppfoljning", "Verksamhetschef"),
            ("Sidoutbildning ska i första hand", "sidotjanstgoring", "Verksamhetschef"),
        ],
    ),
];

#[test]
fn each_duty_stands_under_the_theme_and_role_its_source_gives() {
    let out = common::build_bundled(&[]);
    let mut wrong = Vec::new();
    for (region, expected) in EXPECTED {
        assert!(expected.len() >= 10);
        let cards = cards(&read(out.path(), &format!("{region}/vem-gor-vad/index.html")));
        assert!(!cards.is_empty(), "{region}: the matrix has cards");
        for (words, theme, role) in *expected {
            if !has(&cards, theme, role, words) {
                wrong.push(format!(
                    "{region}: “{words}” not under {theme} / {role}; found at {:?}",
                    found_at(&cards, words)
                ));
            }
        }
    }
    // Sörmland's clinic section holds several roles' duties: the klinikstudierektor's programme
    // is not the verksamhetschef's.
    let sormland = cards(&read(out.path(), "sormland/vem-gor-vad/index.html"));
    if found_at(&sormland, "utarbetar introduktionsprogram").iter().any(|at| at.ends_with("Verksamhetschef")) {
        wrong.push("sormland: the introduction programme is given to the verksamhetschef".into());
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn role_pages_list_what_the_regions_agreements_give_them() {
    let out = common::build_bundled(&[]);
    for (region, role, words) in [
        ("sormland", "studierektor", "utarbetar introduktionsprogram för läkare"),
        ("sormland", "huvudhandledare", "i genomsnitt 2 timmar i månaden"),
        ("skane", "huvudhandledare", "minst 1 timme i veckan"),
        ("orebro", "studierektor", "Att bekosta ST-läkarens deltagande i Mitt-i-ST och examen."),
    ] {
        let page = text(&read(out.path(), &format!("{region}/roller/{role}/index.html")));
        let section = page.rsplit("I regionens avtal").next().unwrap_or_default();
        assert!(section.contains(words), "{region}/{role}: {section}");
        assert!(!section.contains("ger rollen egna uppgifter"), "{region}/{role} says no agreement gives it duties");
    }
}

#[test]
fn tasks_that_are_no_regulation_are_not_labelled_as_one() {
    let out = common::build_bundled(&[]);
    let label = |page: &str, words: &str| -> String {
        let html = read(out.path(), page);
        let item = html
            .split("<li class=\"grund-")
            .find(|item| text(&format!("<{item}")).contains(words))
            .unwrap_or_else(|| panic!("{page}: “{words}”"));
        text(&format!("<{}", item.split("</span>").next().unwrap()))
    };
    for (page, words) in [
        ("skane/roller/socialstyrelsen/index.html", "Utfärdar specialistbevis."),
        ("skane/roller/socialstyrelsen/index.html", "Bedömer enskilda läkares kompetens"),
        ("skane/roller/specialitetsforeningar/index.html", "Utser SPUR-inspektörer"),
        ("skane/roller/verksamhetschef/index.html", "Beslutar om lönesättning"),
    ] {
        assert_eq!(label(page, words), "Beskrivning av uppgiften:", "{page}: {words}");
    }
    let organisation = label("orebro/roller/overgripande-studierektor/index.html", "Har en samordnande funktion");
    assert_eq!(organisation, "Regionens organisation:");
    // A label reconstructed from the 2008 leaflet says so where it stands.
    for page in ["skane/roller/verksamhetschef/index.html", "sormland/vem-gor-vad/index.html"] {
        let html = read(out.path(), page);
        for item in html
            .split("<li class=\"grund-foreskrift\">")
            .skip(1)
            .chain(html.split("<li class=\"grund-allmant-rad\">").skip(1))
        {
            let shown = text(&format!("<{}", item.split("</span>").next().unwrap()));
            assert!(shown.contains(" enligt "), "{page}: a regulation's label names it: {shown}");
            if shown.contains("SOSFS 2008:17") {
                assert!(shown.contains("upphävd"), "{page}: {shown}");
            }
        }
    }
}

#[test]
fn one_regions_organisation_stays_in_that_region() {
    let out = common::build_bundled(&[]);
    let mut found = Vec::new();
    for region in ["skane", "sormland"] {
        assert!(!out.path().join(format!("dist/{region}/roller/overgripande-studierektor")).exists(), "{region}");
        for entry in common::files_under(&out.path().join("dist").join(region)) {
            let Ok(content) = std::fs::read_to_string(&entry) else { continue };
            // The 2008 leaflet's author may be cited; Örebro's role and group are not shown.
            if content.contains("ÖSRG")
                || content.contains("Övergripande studierektor<")
                || content.contains("övergripande studierektorn")
            {
                found.push(entry.display().to_string());
            }
        }
    }
    assert!(found.is_empty(), "Örebro's organisation outside Örebro: {found:?}");
    let orebro = read(out.path(), "orebro/vem-gor-vad/index.html");
    assert!(orebro.contains("ÖSRG") && orebro.contains("Övergripande studierektor</a></h3>"));
}

#[test]
fn blanks_and_names_read_as_the_documents_write_them() {
    let out = common::build_bundled(&[]);
    // No word twice in a row in any duty the views show (a blank's label around its own words).
    let mut doubled = Vec::new();
    for region in ["skane", "orebro", "sormland"] {
        for page in std::iter::once("vem-gor-vad/index.html".to_owned()).chain(
            ["studierektor", "huvudhandledare", "verksamhetschef", "st-lakare"]
                .map(|r| format!("roller/{r}/index.html")),
        ) {
            let html = read(out.path(), &format!("{region}/{page}"));
            for item in html.split("<li class=\"grund-").skip(1) {
                let item = text(&format!("<{}", item.split("</li>").next().unwrap()));
                let words: Vec<String> = item
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| w.chars().count() > 1)
                    .map(str::to_lowercase)
                    .collect();
                if let Some(pair) = words.windows(2).find(|w| w[0] == w[1]) {
                    doubled.push(format!("{region}/{page}: “{} {}” in {item}", pair[0], pair[1]));
                }
            }
        }
    }
    assert!(doubled.is_empty(), "{}", doubled.join("\n"));
    let orebro = text(&read(out.path(), "orebro/vem-gor-vad/index.html"));
    assert!(orebro.contains("Studietid … timmar per vecka vid heltidsarbete"), "a blank reads as a blank");
    // Names keep their capitals in generated headings and sentences.
    let alone = read(out.path(), "skane/vem-gor-vad/st-lakare/index.html");
    assert!(alone.contains("<h1>Vem gör vad: ST-läkare</h1>"), "{}", text(&alone));
    let socialstyrelsen = text(&read(out.path(), "skane/vem-gor-vad/socialstyrelsen/index.html"));
    assert!(socialstyrelsen.contains("Om rollen Socialstyrelsen"), "{socialstyrelsen}");
    let role = text(&read(out.path(), "skane/roller/st-lakare/index.html"));
    assert!(role.contains("Det här ger avtalen i Region Skåne rollen ST-läkare i uppgift"), "{role}");
    assert!(!role.contains("st-läkare i uppgift"));
}

#[test]
fn the_accessibility_statement_claims_nothing_false() {
    let out = common::build_bundled(&[]);
    let contract = read(out.path(), "skane/avtal/st-overenskommelse-allmanmedicin/index.html");
    assert!(contract.contains(".pdf\" download") && contract.contains(".docx\" download"), "the downloads exist");
    for region in ["skane", "orebro", "sormland"] {
        let statement = text(&read(out.path(), &format!("{region}/tillganglighet/index.html")));
        assert!(!statement.contains("example."), "{region}: a made-up contact: {statement}");
        assert!(!statement.contains("finns ännu inte som nedladdningsbara"), "{region}: {statement}");
        assert!(!statement.contains("Källdokumenten"), "{region}: a content caveat is no accessibility gap");
        assert!(statement.contains("Ingen granskning har gjorts med skärmläsare"), "{region}: {statement}");
        assert!(statement.contains("axe-core") && statement.contains("Nu HTML Checker"), "{region}: the tools used");
    }
}

#[test]
fn the_checklist_coverage_shows_the_gaps_at_a_glance() {
    let out = common::build_bundled(&[]);
    let html = read(out.path(), "orebro/ramoverenskommelse/index.html");
    let table = html
        .split("<table class=\"tackningstabell\">")
        .nth(1)
        .expect("a coverage table")
        .split("</table>")
        .next()
        .unwrap();
    let rows: Vec<&str> = table.split("<tr").skip(2).collect();
    assert_eq!(rows.len(), 15, "the 15 points");
    let hemvandar = rows.iter().find(|r| text(r).contains("Hemvändar")).expect("the point on hemvändarveckor");
    assert!(text(hemvandar).contains("Nej"), "Örebro's contract does not settle it");
    let regions = read(out.path(), "index.html");
    let table = regions
        .split("<table class=\"tackningstabell\">")
        .nth(1)
        .expect("points × regions")
        .split("</table>")
        .next()
        .unwrap();
    assert!(text(table).contains("Region Skåne") && text(table).contains("Region Sörmland"));
    let rows: Vec<String> = table.split("<tr").skip(2).map(text).collect();
    assert_eq!(rows.len(), 15);
    let hemvandar = rows.iter().find(|r| r.contains("Hemvändar")).unwrap();
    assert!(hemvandar.contains("Ja ST-kontrakt") && hemvandar.contains("Nej"), "{hemvandar}");
}

#[test]
fn the_matrix_is_read_whole_on_a_screen_a_phone_and_paper() {
    let out = common::build_bundled(&[]);
    let page = "skane/vem-gor-vad/index.html";
    let html = read(out.path(), page);
    let cards = cards(&html);
    let roles = role_names(&html);
    assert!(roles.len() >= 9, "{roles:?}");
    let url = format!("file://{}", out.path().join("dist").join(page).display());
    let mut browser = browser::Browser::launch();
    // On a 1280 px screen: every role's card under a theme shows at once, nothing scrolls
    // sideways, and the theme's heading stays in view while its cards scroll.
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        serde_json::json!({"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": false}),
    );
    browser.goto(&url);
    assert_eq!(browser.eval("document.documentElement.scrollWidth <= window.innerWidth"), serde_json::json!(true));
    let sticky = browser.eval(
        "(() => { const h = document.getElementById('ansvar-handledning'); const s = h.parentElement; \
         window.scrollTo(0, s.offsetTop + s.offsetHeight / 2); return Math.abs(h.getBoundingClientRect().top) < 2; })()",
    );
    assert_eq!(sticky, serde_json::json!(true), "the theme's heading stays in view");
    let side_by_side = browser.eval(
        "(() => { const cards = [...document.querySelectorAll('#ansvar-handledning + .rollkort > li')]; \
         return new Set(cards.map(c => c.getBoundingClientRect().top)).size < cards.length; })()",
    );
    assert_eq!(side_by_side, serde_json::json!(true), "roles stand side by side on a screen");
    // Choosing which roles to compare works without a script.
    browser.eval("document.getElementById('visa-1').click()");
    let hidden = browser.eval("[...document.querySelectorAll('.roll-1')].every(c => c.offsetParent === null)");
    assert_eq!(hidden, serde_json::json!(true), "unticked, the first role's cards are hidden");
    let others = browser.eval("[...document.querySelectorAll('.roll-2')].some(c => c.offsetParent !== null)");
    assert_eq!(others, serde_json::json!(true));
    // On paper: every role and every duty, whatever is ticked on screen.
    prints_whole(&mut browser, &roles, &cards, region_of(page));
    for other in ["orebro", "sormland"] {
        let page = format!("{other}/vem-gor-vad/index.html");
        let html = read(out.path(), &page);
        browser.goto(&format!("file://{}", out.path().join("dist").join(&page).display()));
        let (names, other_cards) = (role_names(&html), self::cards(&html));
        prints_whole(&mut browser, &names, &other_cards, other);
    }
    // On a phone: one role at a time, one card under another, and no sideways scrolling.
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        serde_json::json!({"width": 360, "height": 740, "deviceScaleFactor": 2, "mobile": true}),
    );
    browser.goto(&url);
    assert_eq!(browser.eval("document.documentElement.scrollWidth <= window.innerWidth + 1"), serde_json::json!(true));
    let stacked = browser.eval(
        "(() => { const cards = [...document.querySelectorAll('#ansvar-handledning + .rollkort > li')]; \
         return new Set(cards.map(c => Math.round(c.getBoundingClientRect().left))).size === 1; })()",
    );
    assert_eq!(stacked, serde_json::json!(true), "one role per row on a phone");
}

#[test]
fn a_duty_without_a_theme_or_with_an_unknown_role_or_theme_is_reported_where_it_stands() {
    let handbook = common::Handbook::fixture();
    handbook.write(
        "regions/testlan/content/avtal/kontrakt.md",
        "---\ntitle: K\nkind: avtal\nduties:\n  - section: plikter\n    role: handledare\n---\n\n## Plikter\n\n\
         - Att göra.\n- Att leda. {roll=studierektr tema=handledning}\n- Att bedöma. {tema=bedömning}\n\
         - Att läsa. {roll=handledare färg=blå tema=kurser}\n\n## Annat\n\nEtt stycke. {tema=intyg}\n",
    );
    let run = handbook.build(&[]);
    assert_eq!(run.code, 1);
    let file = "regions/testlan/content/avtal/kontrakt.md";
    for (message, at) in [
        ("fel[uppgift-utan-tema]: uppgiften ”Att göra.” har inget tema", "11:1"),
        ("fel[okand-roll]: rollen `studierektr` finns inte", "12:13"),
        ("fel[okant-tema]: temat `bedömning` finns inte", "13:15"),
        ("fel[okand-markning]: märkningen har `färg=blå`", "14:13"),
        ("fel[uppgift-utan-roll]: uppgiften ”Ett stycke.” har ingen roll", "18:1"),
    ] {
        let found = run.stderr.split("fel[").any(|d| {
            let d = format!("fel[{d}");
            d.starts_with(message) && d.contains(&format!("--> {file}:{at}"))
        });
        assert!(found, "{message} at {at}:\n{}", run.stderr);
    }
    assert!(run.stderr.contains("rollerna är handledare"), "{}", run.stderr);
    assert!(run.stderr.contains("menade du `bedomning`?"), "{}", run.stderr);
}

fn region_of(page: &str) -> &str {
    page.split('/').next().unwrap()
}

/// The role names of the matrix's filter.
fn role_names(html: &str) -> Vec<String> {
    html.split("<fieldset class=\"rollfilter\">")
        .nth(1)
        .unwrap()
        .split("</fieldset>")
        .next()
        .unwrap()
        .split("<label")
        .skip(1)
        .map(|l| text(&format!("<label{}", l.split("</label>").next().unwrap())))
        .collect()
}

/// Prints the open page to an A4 PDF in Chromium and checks with pdftotext that every role name
/// and the start of every duty are in it.
fn prints_whole(browser: &mut browser::Browser, roles: &[String], cards: &[Card], region: &str) {
    let pdf = browser.print_pdf();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("matris.pdf");
    std::fs::write(&file, pdf).unwrap();
    let printed = std::process::Command::new("pdftotext").arg(&file).arg("-").output().unwrap();
    assert!(printed.status.success() && printed.stderr.is_empty(), "{}", String::from_utf8_lossy(&printed.stderr));
    // Compared without whitespace and hyphens: printed lines break words at their hyphens, and
    // pdftotext joins such words again without the hyphen.
    let bare = |s: &str| s.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>();
    let printed = bare(&String::from_utf8(printed.stdout).unwrap());
    for role in roles {
        assert!(printed.contains(&bare(role)), "{region}: the printed matrix names {role}");
    }
    // A link cannot be followed on paper: each duty's source is named.
    assert!(printed.contains(&bare("Källa: Vem gör vad i nya ST-utbildningen?")), "{region}: sources named in print");
    let mut missing = Vec::new();
    for card in cards {
        for entry in &card.entries {
            let start: String = entry.chars().take(60).collect();
            if !printed.contains(&bare(&start)) {
                missing.push(format!("{} / {}: {start}", card.theme, card.role));
            }
        }
    }
    assert!(missing.is_empty(), "{region}: not in print:\n{}", missing.join("\n"));
}

#[test]
fn a_basis_and_its_regulation_must_agree_and_are_reported_where_they_stand() {
    let handbook = common::Handbook::fixture();
    handbook.write(
        "content/roller/handledare.md",
        "---\ntitle: Handledare\nkind: roll\nresponsibilities:\n  - text: Handleder.\n    basis: föreskrift\n    \
         theme: handledning\n    source: Test\n  - theme: bedomning\n    text: \"Bedömer.\"\n    basis: uppgift\n    \
         regulation: HSLF-FS 2021:8\n    source: Test\n---\n\nHandledaren handleder.\n",
    );
    let run = handbook.build(&[]);
    assert_eq!(run.code, 1);
    let file = "content/roller/handledare.md";
    for (message, line) in [
        ("fel[grund-utan-forfattning]: ansvaret är märkt föreskrift men anger inte i vilken författning", 5),
        (
            "fel[forfattning-utan-grund]: ansvaret anger författningen HSLF-FS 2021:8 men är märkt beskrivning av uppgiften",
            10,
        ),
    ] {
        let found = run.stderr.split("fel[").any(|d| {
            let d = format!("fel[{d}");
            d.starts_with(message) && d.contains(&format!("--> {file}:{line}:1"))
        });
        assert!(found, "{message} at line {line}:\n{}", run.stderr);
    }
}
