//! Live reload as an editor sees it, in headless Chromium: a tab left open follows the edits,
//! keeps its scroll position, shows a broken edit's error over the page, takes a style change
//! without reloading, and never misses a save: not one made as soon as the page shows, not in a
//! burst, not an atomic save, not one made while a rebuild runs, not one made while the preview
//! is restarted.

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

/// Writes version `n` of the page and waits until the open tab shows it, within a few seconds.
fn save_and_see(browser: &mut Browser, path: &str, n: usize, write: impl FnOnce(&str)) {
    let text = format!("Version {n} av sidan.");
    write(&format!("---\ntitle: En vanlig sida\n---\n\n{text}\n"));
    let started = std::time::Instant::now();
    browser.wait_for(
        &format!("document.body && document.body.textContent.includes('{text}')"),
        &format!("{path}: {text}"),
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "{text} took {:?}", started.elapsed());
}

#[test]
fn the_preview_never_misses_a_save() {
    let handbook = Handbook::fixture();
    let page = "content/sida.md";
    let write = |text: &str| handbook.write(page, text);
    write("---\ntitle: En vanlig sida\n---\n\nVersion 0 av sidan.\n");
    let mut preview = Preview::start(handbook.root());
    let url = format!("{}testlan/sida/", preview.url);
    let mut browser = Browser::launch();
    let mut n = 0;
    // Open the page and save as soon as it shows, twenty times.
    for _ in 0..20 {
        browser.goto(&url);
        browser.wait_for(
            &format!("document.body && document.body.textContent.includes('Version {n} av sidan.')"),
            "the page",
        );
        n += 1;
        save_and_see(&mut browser, page, n, write);
    }
    // A burst of saves: the last one shows.
    for _ in 0..15 {
        n += 1;
        write(&format!("---\ntitle: En vanlig sida\n---\n\nVersion {n} av sidan.\n"));
    }
    n += 1;
    save_and_see(&mut browser, page, n, write);
    // Atomic saves: a temporary file renamed over the page, and the page moved away and written anew.
    n += 1;
    save_and_see(&mut browser, page, n, |text| {
        let temporary = handbook.path("content/.sida.md.tmp");
        std::fs::write(&temporary, text).unwrap();
        std::fs::rename(&temporary, handbook.path(page)).unwrap();
    });
    n += 1;
    save_and_see(&mut browser, page, n, |text| {
        std::fs::rename(handbook.path(page), handbook.path("content/sida.md~")).unwrap();
        std::fs::write(handbook.path(page), text).unwrap();
        std::fs::remove_file(handbook.path("content/sida.md~")).unwrap();
    });
    // A save while a rebuild runs: it is built after that one.
    n += 1;
    save_and_see(&mut browser, page, n, |text| {
        write("---\ntitle: En vanlig sida\n---\n\nEn mellanversion.\n");
        std::thread::sleep(std::time::Duration::from_millis(30));
        write(text);
    });
    // A new folder with pages, opened in the tab, then edited.
    handbook.write("content/ny/_index.md", "---\ntitle: Nytt avsnitt\n---\n\nNytt.\n");
    handbook.write("content/ny/sida.md", "---\ntitle: Ny sida\n---\n\nEn ny sida.\n");
    let new_page = format!("{}testlan/ny/sida/", preview.url);
    // Opened at once, the address may not be built yet: the tab shows the page when it is.
    let started = std::time::Instant::now();
    browser.goto(&new_page);
    browser.wait_for("document.body && document.body.textContent.includes('En ny sida.')", "the new folder's page");
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "the new folder's page in {:?}", started.elapsed());
    n += 1;
    save_and_see(&mut browser, "content/ny/sida.md", n, |text| handbook.write("content/ny/sida.md", text));
    browser.goto(&url);
    browser.wait_for(
        &format!("document.body && document.body.textContent.includes('Version {}')", n - 1),
        "back on the page",
    );
    // The preview restarts while the tab stays open, with a save made while it is down; five
    // times, the later ones as soon as the reloaded page shows.
    for _ in 0..5 {
        let port = preview.port;
        assert_eq!(preview.interrupt(), Some(0));
        n += 1;
        write(&format!("---\ntitle: En vanlig sida\n---\n\nVersion {n} av sidan.\n"));
        preview = Preview::start_on(handbook.root(), port, &[]);
        let started = std::time::Instant::now();
        browser.wait_for(
            &format!("document.body && document.body.textContent.includes('Version {n} av sidan.')"),
            "the save made while the preview was down",
        );
        assert!(
            started.elapsed() < std::time::Duration::from_secs(2),
            "found the restarted preview in {:?}",
            started.elapsed()
        );
    }
    n += 1;
    save_and_see(&mut browser, page, n, write);
    drop(preview);
}
