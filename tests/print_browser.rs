//! "Skriv ut hela handboken": each region's print page read in Chromium as a reader would, and
//! printed as a reader's "Skriv ut" would.

mod browser;
mod common;

use browser::Browser;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

/// A region's pages as a reader meets them: from the front page along the "Nästa" links, each
/// page's address (without the fragment) and the title it shows.
fn pages_in_order(browser: &mut Browser, front: &Path) -> Vec<(String, String)> {
    let mut pages = Vec::new();
    let mut url = Some(format!("file://{}", front.display()));
    while let Some(at) = url {
        browser.goto(&at);
        let seen = browser.eval("[location.href, document.querySelector('h1').textContent, document.querySelector('a[rel=next]')?.href ?? null]");
        pages.push((seen[0].as_str().unwrap().to_owned(), seen[1].as_str().unwrap().to_owned()));
        assert!(pages.len() < 500, "the next links end");
        url = seen[2].as_str().map(str::to_owned);
    }
    pages
}

#[test]
fn the_print_page_holds_every_page_in_menu_order_and_links_within_itself() {
    let out = common::build_bundled(&[]);
    let dist = out.path().join("dist");
    let mut browser = Browser::launch();
    for region in ["skane", "orebro", "sormland"] {
        let pages = pages_in_order(&mut browser, &dist.join(region).join("index.html"));
        let titles: Vec<&str> = pages.iter().map(|(_, t)| t.as_str()).collect();
        let by_url: HashMap<&str, &str> = pages.iter().map(|(u, t)| (u.as_str(), t.as_str())).collect();

        // The print page is linked from every page's footer.
        browser.goto(&pages[pages.len() / 2].0);
        let print = browser.eval("document.querySelector('.sidfot a[href$=\"skriv-ut/index.html\"]')?.href ?? null");
        let print = print.as_str().unwrap_or_else(|| panic!("{region}: the footer links to the print page")).to_owned();
        browser.goto(&print);

        let sections = browser.eval(
            "Array.from(document.querySelectorAll('main section.utskrift-sida')).map(s => [s.id, s.querySelector('h2').textContent])",
        );
        let shown: Vec<&str> = sections.as_array().unwrap().iter().map(|s| s[1].as_str().unwrap()).collect();
        assert_eq!(shown, titles, "{region}: every page, in the order of the next links");
        let section_of: HashMap<&str, &str> =
            sections.as_array().unwrap().iter().map(|s| (s[0].as_str().unwrap(), s[1].as_str().unwrap())).collect();

        // The table of contents lists every page in that order, each leading to its section.
        let contents = browser.eval(
            "Array.from(document.querySelectorAll('.utskrift-innehall a')).map(a => [a.textContent, document.getElementById(a.hash.slice(1))?.querySelector('h2')?.textContent ?? null])",
        );
        let listed: Vec<(&str, &str)> = contents
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c[0].as_str().unwrap(), c[1].as_str().unwrap_or("(ingen sektion)")))
            .collect();
        let expected: Vec<(&str, &str)> = titles.iter().map(|t| (*t, *t)).collect();
        assert_eq!(listed, expected, "{region}: the table of contents");

        // Every link inside a page's section: where it leads on the print page, and where the
        // same link leads on the page itself.
        let links = browser.eval(
            "Array.from(document.querySelectorAll('main section.utskrift-sida a')).map(a => {
                const page = a.closest('section.utskrift-sida');
                const inside = a.getAttribute('href').startsWith('#');
                const target = inside ? document.getElementById(decodeURIComponent(a.hash.slice(1))) : null;
                return { from: page.id, text: a.textContent.trim(), href: a.href, inside,
                         target: target?.id ?? null, section: target?.closest('section.utskrift-sida')?.id ?? null };
            })",
        );
        let links = links.as_array().unwrap();
        assert!(links.iter().filter(|l| l["inside"] == Value::Bool(true)).count() >= 10, "{region}: {links:?}");
        let mut on_page: HashMap<&str, Value> = HashMap::new();
        for link in links {
            let from = section_of[link["from"].as_str().unwrap()];
            let text = link["text"].as_str().unwrap();
            let href = link["href"].as_str().unwrap();
            if link["inside"] != Value::Bool(true) {
                let file = href.strip_prefix("file://").map(|f| f.split('#').next().unwrap_or(f));
                if let Some(file) = file {
                    assert!(
                        Path::new(file).is_file(),
                        "{region}: {from}: “{text}” leads to a file that exists: {href}"
                    );
                }
                let page = href.split('#').next().unwrap_or(href);
                assert!(
                    !by_url.contains_key(page),
                    "{region}: {from}: “{text}” leads out to a page of the handbook: {href}"
                );
                continue;
            }
            let target =
                link["target"].as_str().unwrap_or_else(|| panic!("{region}: {from}: “{text}” leads nowhere: {href}"));
            let landed = section_of[link["section"].as_str().unwrap()];
            // The page itself has a link with this text to that page, at the same place on it.
            let (url, _) = pages.iter().find(|(_, t)| t == from).unwrap();
            let own = on_page.entry(url).or_insert_with(|| {
                browser.goto(url);
                browser.eval("Array.from(document.querySelectorAll('main a')).map(a => [a.textContent.trim(), a.href])")
            });
            let agrees = own.as_array().unwrap().iter().any(|a| {
                let (own_text, own_href) = (a[0].as_str().unwrap(), a[1].as_str().unwrap());
                let (page, anchor) = own_href.split_once('#').unwrap_or((own_href, ""));
                own_text == text
                    && by_url.get(page) == Some(&landed)
                    && (anchor.is_empty() && target == link["section"] || target.ends_with(&format!("-{anchor}")))
            });
            assert!(
                agrees,
                "{region}: {from}: “{text}” leads to {target} in “{landed}”, which the page itself does not: {href}"
            );
        }
    }
    browser.settle();
    assert!(browser.errors.is_empty(), "{:?}", browser.errors);
}

#[test]
fn the_printed_handbook_starts_every_page_on_a_new_sheet() {
    let out = common::build_bundled(&[]);
    let dist = out.path().join("dist");
    let mut browser = Browser::launch();
    let pages = pages_in_order(&mut browser, &dist.join("orebro/index.html"));
    browser.goto(&format!("file://{}", dist.join("orebro/skriv-ut/index.html").display()));
    let pdf = out.path().join("hela.pdf");
    std::fs::write(&pdf, browser.print_pdf()).unwrap();
    let text = Command::new("pdftotext").arg("-layout").arg(&pdf).arg("-").output().expect("pdftotext runs");
    assert!(text.stderr.is_empty(), "{}", String::from_utf8_lossy(&text.stderr));
    let sheets: Vec<String> = String::from_utf8_lossy(&text.stdout)
        .split('\u{c}')
        .map(|sheet| sheet.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    // Each page's title opens a sheet, in order; the sheets between belong to the page before.
    let openings: Vec<&str> = pages
        .iter()
        .map(|(_, title)| title.as_str())
        .filter(|title| sheets.iter().any(|sheet| sheet.starts_with(title)))
        .collect();
    let titles: Vec<&str> = pages.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(openings, titles, "every page opens a sheet");
    let mut at = 0;
    for title in &titles {
        let found = sheets[at..].iter().position(|s| s.starts_with(title)).map(|p| at + p);
        at = found.unwrap_or_else(|| panic!("“{title}” opens a sheet after the page before it"));
    }
    let all = sheets.join(" ");
    for chrome in ["Hoppa till innehållet", "Sök i handboken", "Föregående", "Tillgänglighetsredogörelse"] {
        assert!(!all.contains(chrome), "the printout has no “{chrome}”");
    }
    // The contract's blanks are lines with their labels, not inputs, and nothing to fill in is
    // left on the page for a reader to type into by mistake.
    let inputs = browser.eval("document.querySelectorAll('main input, main textarea').length");
    assert_eq!(inputs, 0);
    assert!(all.contains("Underskrift, ST-läkare"), "{all}");
}
