//! Every kind of page of the bundled handbook checked with axe-core (WCAG 2.1 A and AA rules)
//! in real Chromium, on a desktop screen and on a phone, and every page of it with the Nu HTML
//! Checker (vnu).

mod browser;
mod common;

use serde_json::Value;
use std::path::Path;

const PAGES: &[&str] = &[
    "index.html",
    "skane/index.html",
    "skane/roller/index.html",
    "skane/roller/huvudhandledare/index.html",
    "skane/ramoverenskommelse/index.html",
    "orebro/avtal/st-kontrakt-allmanmedicin/index.html",
    "skane/avtal/st-overenskommelse-allmanmedicin/index.html",
    "orebro/vem-gor-vad/index.html",
    "orebro/vem-gor-vad/huvudhandledare/index.html",
    "skane/regelverk/index.html",
    "skane/ordlista/index.html",
    "skane/sok/index.html?q=handledning",
    "skane/tillganglighet/index.html",
    "skane/om/index.html",
    "skane/andringar/index.html",
    "skane/redaktorsguide/index.html",
    "skane/skriv-ut/index.html",
    "orebro/skriv-ut/index.html",
];

#[test]
fn every_kind_of_page_passes_axe() {
    let axe = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/axe/node_modules/axe-core/axe.min.js");
    let axe =
        std::fs::read_to_string(&axe).expect("axe-core is installed: npm install --prefix tests/axe (.ci/run does it)");
    let out = common::build_bundled(&[]);
    let dist = out.path().join("dist");
    let mut browser = browser::Browser::launch();
    let mut problems = Vec::new();
    for (width, mobile) in [(1280, false), (360, true)] {
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            serde_json::json!({"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": mobile}),
        );
        for page in PAGES {
            let (file, query) = page.split_once('?').map_or((*page, ""), |(f, q)| (f, q));
            let url = format!("file://{}{}{query}", dist.join(file).display(), if query.is_empty() { "" } else { "?" });
            browser.goto(&url);
            if !query.is_empty() {
                browser
                    .wait_for("document.querySelector('.sok-sida .sok-status').textContent !== ''", "search results");
            }
            browser.eval(&axe);
            let result = browser.eval(
                "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
                   .then(r => r.violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) })))",
            );
            for violation in result.as_array().unwrap_or(&Vec::new()) {
                problems.push(format!(
                    "{page} ({width}px): {} [{}] {}",
                    violation["id"],
                    violation["impact"],
                    nodes(violation)
                ));
            }
        }
    }
    assert!(problems.is_empty(), "axe found:\n{}", problems.join("\n"));
}

fn nodes(violation: &Value) -> String {
    violation["nodes"]
        .as_array()
        .map(|n| n.iter().map(|t| t.as_str().unwrap_or("").to_owned()).collect::<Vec<_>>().join(", "))
        .unwrap_or_default()
}

#[test]
fn every_page_passes_the_nu_html_checker() {
    let vnu = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/axe/node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(vnu.is_file(), "the Nu HTML Checker is installed: npm install --prefix tests/axe (.ci/run does it)");
    let out = common::build_bundled(&[]);
    let dist = out.path().join("dist");
    let pages: Vec<_> =
        common::files_under(&dist).into_iter().filter(|p| p.extension().is_some_and(|e| e == "html")).collect();
    assert!(pages.len() >= 90, "every page of every region: {}", pages.len());
    // Warnings count too: vnu prints nothing at all for a clean page.
    let run =
        std::process::Command::new("java").arg("-jar").arg(&vnu).arg("--skip-non-html").arg(&dist).output().unwrap();
    let report = format!("{}{}", String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
    assert!(run.status.success() && report.trim().is_empty(), "{report}");
}
