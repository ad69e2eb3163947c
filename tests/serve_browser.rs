//! Live reload as an editor sees it, in headless Chromium: a tab left open follows the edits,
//! keeps its scroll position, shows a broken edit's error over the page, and takes a style
//! change without reloading.

mod browser;
mod common;
mod preview;

use browser::Browser;
use common::Handbook;
use preview::Preview;
use serde_json::json;

fn long_page(text: &str) -> String {
    let filler = "Ett stycke om handledning och studietid som gör sidan lång.\n\n".repeat(80);
    format!("---\ntitle: En vanlig sida\n---\n\n{filler}{text}\n\n{filler}")
}

#[test]
fn an_open_tab_follows_edits_and_shows_errors() {
    let handbook = Handbook::fixture();
    handbook.write("content/sida.md", long_page("Första versionen."));
    let preview = Preview::start(handbook.root());
    let mut browser = Browser::launch();
    browser.goto(&format!("{}testlan/sida/", preview.url));
    browser.wait_for("document.body.textContent.includes('Första versionen.')", "the page");
    // The page's script is connected before the edit is made.
    browser.eval("new Promise(r => setTimeout(r, 300))");
    browser.eval("window.scrollTo(0, 1500)");

    handbook.write("content/sida.md", long_page("Andra versionen."));
    browser.wait_for(
        "document.body && document.body.textContent.includes('Andra versionen.')",
        "the edit, without the test reloading",
    );
    browser.wait_for("Math.abs(window.scrollY - 1500) < 40", "the scroll position kept");

    handbook.write("content/sida.md", "---\ntitle: [trasig\n---\n");
    browser.wait_for("document.getElementById('sthandbok-fel') !== null", "the error overlay");
    let overlay = browser.eval("document.getElementById('sthandbok-fel').textContent");
    let overlay = overlay.as_str().unwrap();
    assert!(overlay.contains("Bygget misslyckades") && overlay.contains("content/sida.md:2:8"), "{overlay}");
    assert_eq!(browser.eval("document.getElementById('sthandbok-fel').getAttribute('role')"), json!("alert"));
    assert_eq!(
        browser.eval("document.body.textContent.includes('Andra versionen.')"),
        json!(true),
        "the last good page stays"
    );

    handbook.write("content/sida.md", long_page("Tredje versionen."));
    browser.wait_for("document.body && document.body.textContent.includes('Tredje versionen.')", "the fix");
    assert_eq!(browser.eval("document.getElementById('sthandbok-fel') === null"), json!(true), "the overlay is gone");
    browser.settle();
    assert!(browser.errors.is_empty(), "{:?}", browser.errors);
}

#[test]
fn a_style_change_applies_without_a_reload() {
    let handbook = Handbook::fixture();
    let style = include_str!("../themes/default/static/style.css");
    handbook.write("themes/default/static/style.css", style);
    let preview = Preview::start(handbook.root());
    let mut browser = Browser::launch();
    browser.goto(&format!("{}testlan/sida/", preview.url));
    browser.eval("new Promise(r => setTimeout(r, 300))");
    browser.eval("window.stilla = true");
    handbook.write("themes/default/static/style.css", format!("{style}\nh1 {{ color: rgb(200, 0, 0); }}\n"));
    browser.wait_for("getComputedStyle(document.querySelector('h1')).color === 'rgb(200, 0, 0)'", "the new style");
    assert_eq!(browser.eval("window.stilla === true"), json!(true), "the page was not reloaded");
}
