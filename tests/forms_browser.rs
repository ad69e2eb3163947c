//! A contract page as a form in the browser: typed into, then printed as a reader would.

mod browser;
mod common;

use browser::Browser;
use serde_json::json;
use std::process::Command;

fn pdftotext_pages(pdf: &std::path::Path) -> Vec<String> {
    let output = Command::new("pdftotext").arg(pdf).arg("-").output().expect("pdftotext runs");
    String::from_utf8_lossy(&output.stdout)
        .split('\u{c}')
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

#[test]
fn a_filled_in_contract_prints_cleanly() {
    let out = common::build_bundled(&[]);
    let dist = out.path().join("dist");
    let mut browser = Browser::launch();
    let page = dist.join("orebro/avtal/st-kontrakt-allmanmedicin/index.html");
    browser.goto(&format!("file://{}", page.display()));
    // Every blank is an input with a label a screen reader can read.
    let unlabelled = browser.eval(
        "Array.from(document.querySelectorAll('article input, article textarea')).filter(i => !i.labels || i.labels.length === 0 || !i.labels[0].textContent.trim()).map(i => i.id)",
    );
    assert_eq!(unlabelled, json!([]));
    browser.eval("document.getElementById('falt-st-lakare').focus()");
    browser.type_text("Åsa Öberg-Ängström");
    browser.eval("document.getElementById('falt-studietid').focus()");
    browser.type_text("4");
    browser.call("Emulation.setEmulatedMedia", json!({"media": "print"}));
    let style = browser.eval(
        "(() => { const s = getComputedStyle(document.getElementById('falt-huvudhandledare')); return [s.borderTopStyle, s.borderBottomStyle]; })()",
    );
    assert_eq!(style, json!(["none", "solid"]), "an empty field prints as a line");
    browser.call("Emulation.setEmulatedMedia", json!({"media": ""}));
    let pdf = out.path().join("utskrift.pdf");
    std::fs::write(&pdf, browser.print_pdf()).unwrap();
    let pages = pdftotext_pages(&pdf);
    let all = pages.join(" ");
    assert!(all.contains("Åsa Öberg-Ängström"), "typed values are printed: {all}");
    assert!(all.contains("Studietid 4 timmar per vecka"), "{all}");
    for chrome in [
        "Hoppa till innehållet",
        "Avsnitt",
        "Ladda ner som PDF",
        "Sök i handboken",
        "Föregående",
        "Tillgänglighetsredogörelse",
    ] {
        assert!(!all.contains(chrome), "the printout has no “{chrome}”");
    }
    let signatures = pages.iter().find(|p| p.contains("Underskrifter")).expect("a page with the signatures");
    assert_eq!(signatures.matches("Underskrift,").count(), 4, "the signature block is on one page: {signatures}");
    for signer in ["ST-läkare", "Handledare", "Verksamhetschef/vårdcentralschef", "Studierektor"] {
        assert!(signatures.contains(signer), "the signature block is on one page: {signatures}");
    }
    assert!(!all.contains("ÅÅÅÅ"), "no placeholder text is printed");
    browser.settle();
    assert!(browser.errors.is_empty(), "{:?}", browser.errors);
}
