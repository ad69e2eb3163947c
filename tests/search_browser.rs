//! Search as a reader uses it, in real headless Chromium: the bundled handbook built under a
//! sub-path, queries written from the seed documents typed into the search page and the header
//! field, and the same pipeline cases as the Rust side run against sok.js.

mod browser;
mod common;

use browser::{Browser, serve};
use serde_json::{Value, json};

fn build_bundled() -> tempfile::TempDir {
    common::build_bundled(&["--base-url", "/handbok/"])
}

/// (region, query, what a first hit's address may contain).
const QUERIES: &[(&str, &str, &[&str])] = &[
    // No diacritics typed.
    ("skane", "hemvandardagar", &["ordlista", "st-overenskommelse"]),
    ("skane", "atgardsplan", &["ordlista", "handledaren-ska", "huvudhandledare"]),
    ("orebro", "overgripande studierektor", &["roller/overgripande-studierektor"]),
    // Inflections.
    ("skane", "handledarutlåtandet", &["handledaren-ska", "genomforande", "ordlista"]),
    ("orebro", "utbildningsplanen", &["st-kontrakt-allmanmedicin", "roller/"]),
    ("skane", "årsrapporten", &["arlig-rapport", "st-overenskommelse"]),
    ("sormland", "examinationsavgift", &["st-kontrakt/index.html#specialistexamen"]),
    ("skane", "hemvändarvecka", &["ramoverenskommelse/index.html#hemvandarveckor"]),
    // Prefixes while typing.
    ("skane", "handled", &["roller/handledare", "roller/huvudhandledare", "handledaren-ska"]),
    ("orebro", "slutsam", &["studierektorns-ansvar"]),
    ("sormland", "delegations", &["teoretiska-utbildningsmoment"]),
    // Compounds and their parts.
    ("orebro", "handledar utbildning", &["roller/"]),
    ("skane", "forskningsmetodik kurs", &["st-overenskommelse"]),
    ("sormland", "studieledighet", &["klinikens-atagande"]),
    // Several words: pages with all of them first.
    ("skane", "byta huvudhandledare", &["ramoverenskommelse/index.html#huvudhandledare-utses"]),
    ("skane", "jourlinjer GIM", &["ramoverenskommelse/index.html#jourlinjer"]),
    ("skane", "lön efter fem år", &["reglerat-regionalt/index.html#lon"]),
    ("skane", "sidotjänstgöring 12 månader", &["st-overenskommelse-allmanmedicin/index.html#genomforande"]),
    ("orebro", "vem betalar Mitt-i-ST", &["studierektorns-ansvar"]),
    ("orebro", "FoU-handledare", &["huvudhandledarens-ansvar"]),
    ("skane", "specialistbevis", &["roller/socialstyrelsen"]),
    ("skane", "SK-kurser", &["roller/specialitetsforeningar", "ordlista"]),
    ("skane", "ST-forum", &["st-overenskommelse-allmanmedicin/index.html#st-forum"]),
    // A guide for editors comes after the pages for readers, and is still found by name.
    ("sormland", "ST-kontrakt", &["avtal/st-kontrakt/"]),
    ("orebro", "ST-kontrakt", &["avtal/st-kontrakt-allmanmedicin"]),
    ("skane", "redaktörsguide", &["redaktorsguide"]),
    // Questions and words a reader uses, written from the seed documents.
    ("skane", "hur ofta ska handledaren sitta med", &["handledaren-ska", "ordlista/index.html#medsittning"]),
    ("skane", "extern kompetensvärdering", &["genomforande", "st-lakaren-ska", "verksamhetschefen-ska-ocksa-se-till"]),
    ("skane", "årsrapport till studierektorn", &["st-lakaren-ska", "genomforande", "arlig-rapport"]),
    ("skane", "utbildningsbidraget dras in", &["om-den-inte-foljs"]),
    ("skane", "SPUR vart femte år", &["verksamhetschefen-ska-ansvara-for", "ordlista/index.html#spur"]),
    ("skane", "medarbetarsamtal", &["verksamhetschefen-ska-ocksa-se-till", "roller/verksamhetschef"]),
    ("skane", "nationella ST-dagar", &["verksamhetschefen-ska-ocksa-se-till"]),
    ("skane", "handlingsplan vid sviktande utbildningssituation", &["handlingsplan"]),
    ("skane", "löneriktlinjer", &["reglerat-regionalt/index.html#lon"]),
    (
        "skane",
        "problem med handledningen",
        &["reglerat-regionalt/index.html#problem", "handledaren-ska", "studierektorn-ska"],
    ),
    ("skane", "Bättre ST på SUS", &["reglerat-regionalt/index.html#battre-st"]),
    ("skane", "när får jag börja sidotjänstgöring", &["genomforande", "ramoverenskommelse"]),
    ("skane", "forskningsmetodik", &["st-overenskommelse-allmanmedicin/index.html#atagande"]),
    ("skane", "egna patienter", &["verksamhetschefen-ska-ocksa-se-till", "atagande"]),
    ("skane", "allmänmedicinsk kongress", &["verksamhetschefen-ska-ocksa-se-till"]),
    ("skane", "ST-tid på arbetsplatsen", &["verksamhetschefen-ska-ansvara-for"]),
    ("orebro", "studietid timmar per vecka", &["verksamhetschefens-ansvar"]),
    ("orebro", "åtgärdsplan", &["huvudhandledarens-ansvar", "ordlista/index.html#atgardsplan"]),
    ("orebro", "slutsamtal inför ansökan", &["studierektorns-ansvar"]),
    ("orebro", "tillsvidareanställd", &["verksamhetschefens-ansvar"]),
    ("orebro", "introduktionsprogram", &["verksamhetschefens-ansvar", "studierektorns-ansvar", "roller/studierektor"]),
    ("orebro", "uppföljning efter ett år", &["studierektorns-ansvar"]),
    ("orebro", "ÖSRG", &["roller/overgripande-studierektor"]),
    ("orebro", "kollegiala fortbildningsgrupper", &["verksamhetschefens-ansvar"]),
    ("orebro", "vem bekostar examen", &["studierektorns-ansvar"]),
    ("sormland", "personnummer", &["avtal/st-kontrakt/index.html"]),
    ("sormland", "hemvändardagar", &["st-kontrakt/index.html#sidoutbildning", "ordlista/index.html#hemvandardagar"]),
    ("sormland", "jourtjänstgöring", &["st-lakarens-atagande"]),
    ("sormland", "ledarskapskurs", &["teoretiska-utbildningsmoment"]),
    ("sormland", "intresseanmälan till kurs", &["teoretiska-utbildningsmoment"]),
    ("sormland", "planerings- och utvecklingssamtal", &["utvecklingssamtal"]),
    ("sormland", "randning finansiella principer", &["sidoutbildning"]),
    ("sormland", "undervisa kollegor", &["st-lakarens-atagande"]),
    ("sormland", "bedömning två gånger per år", &["bedomning-av-st-lakarens-kompetens"]),
    ("skane", "vad är BT", &["ordlista/index.html#bt", "regelverk"]),
    ("skane", "bastjänstgöring", &["regelverk", "ordlista/index.html#bt"]),
    ("orebro", "Mitt-i-ST", &["ordlista/index.html#mitt-i-st", "st-kontrakt-allmanmedicin"]),
    ("skane", "auskultation", &["ordlista/index.html#auskultation"]),
    ("skane", "vem utfärdar specialistbevis", &["roller/socialstyrelsen"]),
    ("skane", "SPUR-inspektörer", &["roller/specialitetsforeningar", "ordlista/index.html#spur"]),
    ("skane", "vårdgivarens ansvar", &["roller/vardgivaren"]),
    ("skane", "övergångsbestämmelser", &["regelverk"]),
    (
        "skane",
        "vem utser handledare",
        &["roller/verksamhetschef", "ramoverenskommelse/index.html#huvudhandledare-utses"],
    ),
    ("skane", "instruktör", &["roller/instruktor"]),
    ("skane", "målbeskrivning", &["ordlista/index.html#malbeskrivning", "regelverk"]),
    ("skane", "delmål STa", &["regelverk/index.html#delmal", "ordlista/index.html#delmal"]),
    ("skane", "ramöverenskommelse", &["ramoverenskommelse", "ordlista/index.html#ramoverenskommelse"]),
    // Written later, as a reader asks, with a slip or two.
    (
        "skane",
        "när ska utbildningsprogrammet vara klart",
        &["reglerat-regionalt/index.html#utbildningsprogram", "ramoverenskommelse", "genomforande"],
    ),
    ("skane", "utbildningsprogrm", &["reglerat-regionalt/index.html#utbildningsprogram", "ramoverenskommelse"]),
    ("skane", "vem planerar sidotjänstgöringen", &["ramoverenskommelse/index.html#sidotjanstgoring"]),
    ("skane", "sidotjänstgörning", &["sidotjanstgoring"]),
    ("skane", "resor och boende vid sidotjänstgöring", &["ramoverenskommelse"]),
    ("skane", "kongresser utomlands", &["ramoverenskommelse"]),
    ("skane", "självstudier", &["ramoverenskommelse"]),
    ("skane", "diagnostiska prov", &["ramoverenskommelse"]),
    ("skane", "dubbelspecialisering", &["reglerat-regionalt/index.html#lon"]),
    ("skane", "konsultationsförmåga", &["st-overenskommelse-allmanmedicin"]),
    ("skane", "tillgodoräkna tidigare tjänstgöring", &["st-overenskommelse-allmanmedicin"]),
    ("skane", "vad gör en studierektor", &["roller/studierektor"]),
    ("skane", "vad gör huvudhandledaren", &["roller/huvudhandledare"]),
    (
        "skane",
        "specialiseringstjänstgöring hur lång",
        &["st-overenskommelse-allmanmedicin/index.html#atagande", "regelverk"],
    ),
    ("sormland", "studieledighet med lön", &["st-kontrakt"]),
    ("sormland", "medicinskt ansvarig läkare", &["st-kontrakt"]),
    ("sormland", "utbildningstid i schemat", &["st-kontrakt"]),
    ("sormland", "ST-kontarkt", &["avtal/st-kontrakt"]),
    ("orebro", "kostnad för kurser", &["st-kontrakt-allmanmedicin"]),
    ("orebro", "privat vårdcentral", &["st-kontrakt-allmanmedicin"]),
    ("orebro", "huvudhandleddare", &["roller/huvudhandledare", "huvudhandledarens-ansvar"]),
    ("orebro", "verksamhetschefs ansvar", &["verksamhetschefens-ansvar", "roller/verksamhetschef"]),
    // Numbers.
    ("orebro", "130 000", &["st-kontrakt-allmanmedicin", "orebro/index.html"]),
    ("skane", "2021:8", &["regelverk"]),
    ("skane", "HSLF-FS 2021:8 5,5 år", &["regelverk"]),
    ("skane", "SOSFS 2008:17", &["regelverk", "roller/"]),
    ("skane", "4 timmar", &["st-overenskommelse", "skane/index.html"]),
    ("sormland", "2 timmar i månaden", &["st-kontrakt/index.html#handledning", "sormland/index.html"]),
    ("sormland", "tio veckor", &["klinikens-atagande"]),
];

const RESULTS: &str = "Array.from(document.querySelectorAll('.sok-sida .sok-traffar li a')).map(a => a.href)";

#[test]
fn swedish_queries_find_the_right_section() {
    let out = build_bundled();
    let base = serve(out.path().join("dist"), "/handbok/");
    let mut browser = Browser::launch();
    let (mut first, mut top3) = (0, 0);
    let mut report = Vec::new();
    for (region, query, expected) in QUERIES {
        let url = format!("{base}{region}/sok/index.html?q={}", encode(query));
        browser.goto(&url);
        browser.wait_for(
            "document.querySelector('.sok-sida .sok-status').textContent !== ''",
            &format!("results for {query}"),
        );
        let hits: Vec<String> = serde_json::from_value(browser.eval(RESULTS)).unwrap();
        let good = |hit: &String| expected.iter().any(|e| hit.contains(e));
        let at1 = hits.first().is_some_and(good);
        let at3 = hits.iter().take(3).any(good);
        first += usize::from(at1);
        top3 += usize::from(at3);
        let shown: Vec<&str> = hits.iter().take(3).map(|h| h.trim_start_matches(&base)).collect();
        report.push(format!(
            "{} {} {region:9} {query:32} {shown:?}",
            if at1 { "1" } else { "-" },
            if at3 { "3" } else { "-" }
        ));
    }
    let n = QUERIES.len();
    let (at1, at3) = (100.0 * first as f64 / n as f64, 100.0 * top3 as f64 / n as f64);
    println!("{}", report.join("\n"));
    println!("search quality over {n} queries on the search page: hits@1 {at1:.0} %, hits@3 {at3:.0} %");
    // The same queries typed into the header field of a page.
    let (mut first, mut top3) = (0, 0);
    let mut missed = Vec::new();
    for (region, query, expected) in QUERIES {
        browser.goto(&format!("{base}{region}/index.html"));
        browser.eval("document.getElementById('sok-falt').focus()");
        browser.type_text(query);
        let done = format!("document.getElementById('sok-falt-lista').dataset.fraga === {}", json!(query));
        browser.wait_for(&done, &format!("header results for {query}"));
        let hits: Vec<String> = serde_json::from_value(
            browser.eval("Array.from(document.querySelectorAll('#sok-falt-lista li a')).map(a => a.href)"),
        )
        .unwrap();
        let good = |hit: &String| expected.iter().any(|e| hit.contains(e));
        first += usize::from(hits.first().is_some_and(good));
        top3 += usize::from(hits.iter().take(3).any(good));
        if !hits.first().is_some_and(good) {
            missed.push(format!("{region} {query}: {:?}", hits.iter().take(3).collect::<Vec<_>>()));
        }
    }
    let (head1, head3) = (100.0 * first as f64 / n as f64, 100.0 * top3 as f64 / n as f64);
    println!("in the header field: hits@1 {head1:.0} %, hits@3 {head3:.0} %");
    assert!(browser.errors.is_empty(), "console errors: {:?}", browser.errors);
    assert!(at1 >= 90.0 && at3 >= 97.0, "hits@1 {at1:.0} %, hits@3 {at3:.0} %:\n{}", report.join("\n"));
    assert!(head1 >= 90.0 && head3 >= 97.0, "header: hits@1 {head1:.0} %, hits@3 {head3:.0} %:\n{}", missed.join("\n"));
}

#[test]
fn the_header_field_answers_as_you_type_and_the_keyboard_picks_a_hit() {
    let out = build_bundled();
    let base = serve(out.path().join("dist"), "/handbok/");
    let mut browser = Browser::launch();
    browser.goto(&format!("{base}skane/roller/verksamhetschef/index.html"));
    assert_eq!(
        browser.eval("document.querySelectorAll('script[src*=\"sok/\"]').length"),
        json!(0),
        "the index loads only when search is used"
    );
    browser.press("/");
    assert_eq!(browser.eval("document.activeElement.id"), json!("sok-falt"), "/ focuses the search field");
    browser.type_text("hemvändarveckor");
    browser.wait_for("document.querySelectorAll('#sok-falt-lista [role=option]').length > 0", "results while typing");
    assert_eq!(browser.eval("document.getElementById('sok-falt').getAttribute('aria-expanded')"), json!("true"));
    let first = browser.eval("document.querySelector('#sok-falt-lista [role=option]').textContent");
    assert!(first.as_str().unwrap().contains("Hemvändarveckor"), "{first}");
    let marked = browser.eval("Array.from(document.querySelectorAll('#sok-falt-lista mark')).map(m => m.textContent)");
    assert!(marked.as_array().unwrap().iter().any(|m| m.as_str().unwrap().starts_with("Hemvändarveckor")), "{marked}");
    browser.press("ArrowDown");
    assert_eq!(
        browser.eval("document.querySelector('#sok-falt-lista [aria-selected=true]').id"),
        json!("sok-falt-traff-0")
    );
    assert_eq!(
        browser.eval("document.getElementById('sok-falt').getAttribute('aria-activedescendant')"),
        json!("sok-falt-traff-0")
    );
    browser.press("Enter");
    browser.wait_for("location.pathname.endsWith('/skane/ramoverenskommelse/index.html')", "Enter opens the hit");
    assert_eq!(browser.eval("location.hash"), json!("#hemvandarveckor"));
    // Esc closes the list.
    browser.goto(&format!("{base}skane/index.html"));
    browser.eval("document.getElementById('sok-falt').focus()");
    browser.type_text("kurs");
    browser.wait_for("document.querySelectorAll('#sok-falt-lista [role=option]').length > 0", "results");
    browser.press("Escape");
    assert_eq!(browser.eval("document.querySelector('.sok-huvud .sok-panel').hidden"), json!(true));
    // Tab closes it too, and Enter opens the search page with the query and nothing empty.
    browser.type_text("a");
    browser.wait_for("!document.querySelector('.sok-huvud .sok-panel').hidden", "the list again");
    browser.press("Tab");
    assert_eq!(browser.eval("document.querySelector('.sok-huvud .sok-panel').hidden"), json!(true), "Tab closes");
    browser.eval("document.getElementById('sok-falt').focus()");
    browser.press("Enter");
    browser.wait_for("location.pathname.endsWith('/skane/sok/index.html')", "the search page");
    assert_eq!(browser.eval("location.search"), json!("?q=kursa"), "no empty parameter in the address");
    browser.settle();
    assert!(browser.errors.is_empty(), "console errors: {:?}", browser.errors);
}

#[test]
fn filters_narrow_the_hits_to_one_kind() {
    let out = build_bundled();
    let base = serve(out.path().join("dist"), "/handbok/");
    let mut browser = Browser::launch();
    browser.goto(&format!("{base}orebro/sok/index.html?q=studierektor"));
    browser.wait_for("document.querySelectorAll('.sok-sida .sok-traffar li').length > 0", "results");
    let kinds = "Array.from(document.querySelectorAll('.sok-sida .sok-typ')).map(k => k.textContent)";
    let all: Vec<String> = serde_json::from_value(browser.eval(kinds)).unwrap();
    assert!(all.iter().any(|k| k == "Roll") && all.iter().any(|k| k == "Avtal"), "{all:?}");
    browser.eval("document.getElementById('sok-sida-falt-typ-avtal').click()");
    let only: Vec<String> = serde_json::from_value(browser.eval(kinds)).unwrap();
    assert!(!only.is_empty() && only.iter().all(|k| k == "Avtal"), "{only:?}");
    // The address keeps the filter, and a page opened from it shows the same.
    assert_eq!(browser.eval("location.search"), json!("?q=studierektor&typ=avtal"));
    browser.goto(&format!("{base}orebro/sok/index.html?q=studierektor&typ=avtal"));
    browser.wait_for("document.querySelectorAll('.sok-sida .sok-traffar li').length > 0", "results");
    assert_eq!(browser.eval("document.getElementById('sok-sida-falt-typ-avtal').checked"), json!(true));
    let again: Vec<String> = serde_json::from_value(browser.eval(kinds)).unwrap();
    assert!(!again.is_empty() && again.iter().all(|k| k == "Avtal"), "{again:?}");
}

/// Snippets show the passage where the query's words meet, start and end on whole words, and
/// a page's further sections stand under its best one, never filling the list.
#[test]
fn hits_are_grouped_by_page_with_snippets_cut_at_whole_words() {
    let out = build_bundled();
    let base = serve(out.path().join("dist"), "/handbok/");
    let mut browser = Browser::launch();
    for (region, query) in [
        ("skane", "handledning"),
        ("orebro", "studierektor"),
        ("sormland", "utbildningsplan"),
        ("skane", "sidotjänstgöring 12 månader"),
    ] {
        browser.goto(&format!("{base}{region}/sok/index.html?q={}", encode(query)));
        browser.wait_for("document.querySelectorAll('.sok-sida .sok-traffar li').length > 0", "results");
        let hits: Vec<Value> = serde_json::from_value(browser.eval(
            "Array.from(document.querySelectorAll('.sok-sida .sok-traffar li')).map(li => ({ \
               url: li.querySelector('a').href, marks: li.querySelectorAll('mark').length, \
               snippet: li.querySelector('.sok-utdrag').textContent }))",
        ))
        .unwrap();
        let mut pages: Vec<String> = Vec::new();
        for hit in &hits {
            let url = hit["url"].as_str().unwrap();
            let page = url.split('#').next().unwrap().to_owned();
            // Grouped: a page's rows follow each other, at most three.
            if pages.last() != Some(&page) {
                assert!(!pages.contains(&page), "{query}: {page} comes back after another page");
                pages.push(page.clone());
            }
            assert!(hits.iter().filter(|h| h["url"].as_str().unwrap().starts_with(&format!("{page}#")) || h["url"] == page.as_str()).count() <= 3);
            assert!(hit["marks"].as_u64().unwrap() > 0, "{query}: a hit with no marked word: {hit}");
            // Whole words at both ends: each end word stands as a word on the page.
            let file = out.path().join("dist").join(page.trim_start_matches(&base));
            let words: std::collections::HashSet<String> = common::text(&std::fs::read_to_string(&file).unwrap())
                .split(|c: char| !c.is_alphanumeric())
                .map(str::to_owned)
                .collect();
            let snippet = hit["snippet"].as_str().unwrap();
            let inner: Vec<&str> = snippet.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
            for end in [inner.first(), inner.last()].into_iter().flatten() {
                assert!(words.contains(*end), "{query}: “{end}” is cut mid-word in “{snippet}”");
            }
        }
        assert!(pages.len() >= 2 || hits.len() <= 3, "{query}: one page fills the list");
    }
    assert!(browser.errors.is_empty(), "console errors: {:?}", browser.errors);
}

#[test]
fn search_works_opened_from_disk() {
    let out = build_bundled();
    let mut browser = Browser::launch();
    let page = out.path().join("dist/sormland/sok/index.html");
    browser.goto(&format!("file://{}?q=studieledighet", page.display()));
    browser.wait_for("document.querySelectorAll('.sok-sida .sok-traffar li').length > 0", "results from disk");
    let hits: Vec<String> = serde_json::from_value(browser.eval(RESULTS)).unwrap();
    assert!(hits[0].starts_with("file://") && hits[0].contains("sormland/avtal/st-kontrakt/index.html"), "{hits:?}");
    assert!(browser.errors.is_empty(), "console errors: {:?}", browser.errors);
}

#[test]
fn odd_queries_get_a_message_and_break_nothing() {
    let out = build_bundled();
    let base = serve(out.path().join("dist"), "/handbok/");
    let mut browser = Browser::launch();
    let long = "handledning ".repeat(420);
    for (query, expected) in [
        ("", ""),
        ("!!! ??? …", "Skriv ett ord"),
        ("<img src=x onerror=window.hacked=1><script>window.hacked=1</script>", "träff"),
        ("xyzzyqwerty", "Inga träffar"),
        (long.as_str(), "träffar"),
    ] {
        browser.goto(&format!("{base}skane/index.html"));
        browser.eval("document.getElementById('sok-falt').focus()");
        let set = format!(
            "(() => {{ const f = document.getElementById('sok-falt'); f.value = {}; f.dispatchEvent(new Event('input')); }})()",
            Value::from(query)
        );
        browser.eval(&set);
        if expected.is_empty() {
            browser.settle();
            assert_eq!(browser.eval("document.querySelector('.sok-huvud .sok-panel').hidden"), json!(true));
            continue;
        }
        browser.wait_for(
            &format!(
                "document.querySelector('.sok-huvud .sok-status').textContent.includes({})",
                Value::from(expected)
            ),
            &format!("a message for {:.40}", query),
        );
        assert_eq!(browser.eval("window.hacked === undefined"), json!(true), "the query ran as code");
        assert_eq!(browser.eval("document.querySelectorAll('.sok-traffar img, .sok-traffar script').length"), json!(0));
    }
    assert!(browser.errors.is_empty(), "console errors: {:?}", browser.errors);
}

/// The pipeline cases the Rust side runs (src/search/swedish.rs), run against sok.js.
#[test]
fn the_browser_pipeline_matches_the_rust_pipeline() {
    let out = build_bundled();
    let base = serve(out.path().join("dist"), "/handbok/");
    let mut browser = Browser::launch();
    browser.goto(&format!("{base}skane/index.html"));
    let data = include_str!("../src/search/sv.json");
    let cases: Vec<Value> = serde_json::from_str(include_str!("search_cases.json")).unwrap();
    for case in cases {
        let terms = browser.eval(&format!("sthandbokSvenska({data}).terms({})", case["input"]));
        assert_eq!(terms, case["terms"], "terms of {}", case["input"]);
    }
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[test]
fn a_region_without_content_answers_with_no_hits() {
    let handbook = common::Handbook::fixture();
    for page in ["content/sida.md", "content/checklista.md", "content/roller/_index.md", "content/roller/handledare.md"]
    {
        std::fs::remove_file(handbook.path(page)).unwrap();
    }
    std::fs::remove_dir_all(handbook.path("regions/testlan/content")).unwrap();
    handbook.write("content/_index.md", "---\ntitle: Tom\n---\n");
    let run = handbook.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut browser = Browser::launch();
    let page = handbook.path("dist/testlan/sok/index.html");
    browser.goto(&format!("file://{}?q=handledning", page.display()));
    browser.wait_for("document.querySelector('.sok-sida .sok-status').textContent.includes('Inga träffar')", "no hits");
    assert!(browser.errors.is_empty(), "console errors: {:?}", browser.errors);
}

/// A reader who misspells a word, or writes as one word what the handbook writes as two, still
/// finds the page, and is told what was searched for; a word the handbook does not have finds
/// nothing, never a short word that happens to be near it.
#[test]
fn a_misspelt_word_or_an_unwritten_compound_still_finds_its_page() {
    let out = build_bundled();
    let base = serve(out.path().join("dist"), "/handbok/");
    let mut browser = Browser::launch();
    let mut wrong = Vec::new();
    let find = |browser: &mut Browser, region: &str, query: &str| -> (Vec<String>, String) {
        browser.goto(&format!("{base}{region}/sok/index.html?q={}", encode(query)));
        browser.wait_for(
            "document.querySelector('.sok-sida .sok-status').textContent !== ''",
            &format!("results for {query}"),
        );
        let hits: Vec<String> = serde_json::from_value(browser.eval(RESULTS)).unwrap();
        let status = browser.eval("document.querySelector('.sok-sida .sok-status').textContent");
        (hits, status.as_str().unwrap_or_default().to_owned())
    };
    for (region, query, shown, expected) in [
        ("skane", "handledrae", "handledare", &["roller/handledare", "roller/huvudhandledare", "handledaren-ska"][..]),
        ("orebro", "kompetensutveckilng", "kompetensutveckling", &["st-kontrakt-allmanmedicin", "roller/"][..]),
        ("skane", "studierektron", "studierektor", &["roller/studierektor", "studierektorn-ska"][..]),
        ("sormland", "sidoutbilding", "sidoutbildning", &["st-kontrakt/index.html#sidoutbildning"][..]),
        ("orebro", "kurskostnad", "kurs kostnad", &["st-kontrakt-allmanmedicin"][..]),
        ("skane", "stläkare", "st läkare", &["roller/st-lakare", "st-lakaren-ska"][..]),
        // A slip in the first letters, where the index files words by their first three.
        ("skane", "hnadledare", "handledare", &["roller/handledare", "roller/huvudhandledare", "handledaren-ska"][..]),
        (
            "orebro",
            "sutdierektor",
            "studierektor",
            &["roller/studierektor", "roller/overgripande-studierektor", "studierektorns-ansvar"][..],
        ),
        ("skane", "rmaöverenskommelse", "ramöverenskommelse", &["ramoverenskommelse"][..]),
        ("sormland", "jemvändardagar", "hemvändardagar", &["sidoutbildning", "ordlista/index.html#hemvandardagar"][..]),
        ("skane", "aukultation", "auskultation", &["ordlista/index.html#auskultation"][..]),
    ] {
        let (hits, status) = find(&mut browser, region, query);
        let top: Vec<&str> = hits.iter().take(3).map(|h| h.trim_start_matches(&base)).collect();
        if !hits.iter().take(3).any(|h| expected.iter().any(|e| h.contains(e)))
            || !status.starts_with("Visar träffar för ”")
            || !status.contains(shown)
        {
            wrong.push(format!("{region} {query}: {status} {top:?}"));
        }
    }
    for (region, query) in
        [("skane", "blåbärssylt"), ("orebro", "xylofon"), ("skane", "pizzeria"), ("sormland", "fotbollsplan")]
    {
        let (hits, status) = find(&mut browser, region, query);
        if !hits.is_empty() || !status.starts_with("Inga träffar") {
            wrong.push(format!("{region} {query} must find nothing: {status} {:?}", &hits[..hits.len().min(3)]));
        }
    }
    assert!(browser.errors.is_empty(), "console errors: {:?}", browser.errors);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A query that finds nothing offers the handbook's nearest words, each a search that finds
/// something, on the search page and in the header field, where the keyboard reaches them.
#[test]
fn a_query_with_no_hits_suggests_the_nearest_words() {
    let out = build_bundled();
    let base = serve(out.path().join("dist"), "/handbok/");
    let mut browser = Browser::launch();
    for (region, query, suggested) in [("skane", "avtl", "avtal"), ("orebro", "cehf", "chef")] {
        browser.goto(&format!("{base}{region}/sok/index.html?q={}", encode(query)));
        browser.wait_for("document.querySelector('.sok-sida .sok-status').textContent !== ''", query);
        let status = browser.eval("document.querySelector('.sok-sida .sok-status').textContent");
        let status = status.as_str().unwrap_or_default();
        assert!(status.starts_with(&format!("Inga träffar för ”{query}”. Menade du ")), "{status}");
        let links: Vec<String> = serde_json::from_value(browser.eval(RESULTS)).unwrap();
        let wanted = format!("sok/index.html?q={}", encode(suggested).replace("%20", "+"));
        let link = links.iter().find(|l| l.replace("%20", "+").ends_with(&wanted));
        let link = link.unwrap_or_else(|| panic!("{query}: no suggestion {suggested} in {links:?}"));
        browser.goto(link);
        browser.wait_for("document.querySelectorAll('.sok-sida .sok-traffar li').length > 0", suggested);
    }
    // In the header, ↓ and Enter take the suggestion.
    browser.goto(&format!("{base}skane/index.html"));
    browser.eval("document.getElementById('sok-falt').focus()");
    browser.type_text("avtl");
    browser
        .wait_for("document.querySelector('.sok-huvud .sok-status').textContent.includes('Menade du')", "a suggestion");
    browser.press("ArrowDown");
    browser.press("Enter");
    browser.wait_for(
        "location.pathname.endsWith('/skane/sok/index.html') && location.search.includes('avtal')",
        "the search page",
    );
    browser.wait_for("document.querySelectorAll('.sok-sida .sok-traffar li').length > 0", "hits for avtal");
    assert!(browser.errors.is_empty(), "console errors: {:?}", browser.errors);
}

/// A page can be left out of the readers' search (`search: off`).
#[test]
fn a_page_left_out_of_search_is_not_in_the_index() {
    let handbook = common::Handbook::fixture();
    handbook.write(
        "content/intern.md",
        "---\ntitle: Intern anteckning\nsearch: off\nmenu: false\n---\n\nOrdet zebrafink står bara här.\n",
    );
    handbook
        .write("content/synlig.md", "---\ntitle: Synlig\n---\n\nOrdet kolibri står bara här. [Intern](intern.md)\n");
    let run = handbook.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let index: String = common::files_under(&handbook.path("dist/testlan/sok"))
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "js"))
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    // Nor is it in the menu, as `menu: false` asks.
    let menu = handbook.read("dist/testlan/synlig/index.html");
    assert!(!menu.contains(">Intern anteckning</a>"), "{menu}");
    assert!(index.contains("kolibri"), "the other page is indexed");
    assert!(!index.contains("zebrafink") && !index.contains("Intern anteckning"), "the page left out is not");
}

/// On a phone the header's list keeps to the screen and shows at least four hits whole.
#[test]
fn on_a_phone_the_list_shows_four_hits() {
    let out = build_bundled();
    let base = serve(out.path().join("dist"), "/handbok/");
    let mut browser = Browser::launch();
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": 360, "height": 740, "deviceScaleFactor": 2, "mobile": true}),
    );
    for (region, query) in [("skane", "handledning"), ("orebro", "studierektor"), ("sormland", "utbildningsplan")] {
        browser.goto(&format!("{base}{region}/index.html"));
        browser.eval("document.getElementById('sok-falt').focus()");
        browser.type_text(query);
        browser.wait_for(&format!("document.getElementById('sok-falt-lista').dataset.fraga === '{query}'"), "results");
        let shown = browser.eval(
            "(() => { const panel = document.querySelector('.sok-huvud .sok-panel').getBoundingClientRect(); \
             const bottom = Math.min(window.innerHeight, panel.bottom); \
             return [...document.querySelectorAll('#sok-falt-lista [role=option]')] \
               .filter(o => { const r = o.getBoundingClientRect(); return r.top >= panel.top && r.bottom <= bottom; }).length; })()",
        );
        assert!(shown.as_u64().unwrap() >= 4, "{region} {query}: {shown} hits in view");
        let field = browser.eval(
            "(() => { const f = document.getElementById('sok-falt').getBoundingClientRect(); \
             const p = document.querySelector('.sok-huvud .sok-panel').getBoundingClientRect(); \
             return f.bottom <= p.top + 1 && f.top >= 0; })()",
        );
        assert_eq!(field, json!(true), "the focused field stays in view above the list");
    }
}
