//! How much a first search downloads in a large handbook. Generates a 10,000-page handbook
//! (bench/generate.py), builds it, and types queries into the header field of a page in headless
//! Chromium; for each query it adds up, gzipped, the index files the browser actually loaded.
//!
//!     cargo bench --bench search_size [-- PAGES]

#[path = "../tests/browser/mod.rs"]
mod browser;

use std::io::Write;
use std::process::Command;

const QUERIES: &[&str] = &["handledning", "hemvandardagar", "studierektor kurs", "130 000", "utbildningsplanen", "st"];

fn main() {
    let pages: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(10_000);
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("handbok");
    let generator = concat!(env!("CARGO_MANIFEST_DIR"), "/bench/generate.py");
    let status =
        Command::new("python3").arg(generator).arg(&root).args(["--pages", &pages.to_string()]).status().unwrap();
    assert!(status.success(), "the generator ran");
    let build = Command::new(env!("CARGO_BIN_EXE_sthandbok")).args(["build", "--root"]).arg(&root).output().unwrap();
    let report = String::from_utf8_lossy(&build.stderr);
    assert!(build.status.success(), "{report}");
    print!("{report}");

    let dist = root.join("dist");
    let base = browser::serve(dist.clone(), "/");
    let mut chrome = browser::Browser::launch();
    let mut sizes = Vec::new();
    for query in QUERIES {
        chrome.goto(&format!("{base}region01/avsnitt001/index.html"));
        chrome.eval("document.getElementById('sok-falt').focus()");
        chrome.type_text(query);
        chrome.wait_for(
            &format!("document.getElementById('sok-falt-lista').dataset.fraga === {}", serde_json::Value::from(*query)),
            "results",
        );
        let loaded: Vec<String> = serde_json::from_value(chrome.eval(
            "performance.getEntriesByType('resource').map(e => new URL(e.name).pathname).filter(p => p.includes('/sok/'))",
        ))
        .unwrap();
        let mut gzip = 0;
        for path in &loaded {
            let bytes = std::fs::read(dist.join(path.trim_start_matches('/'))).unwrap();
            let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            encoder.write_all(&bytes).unwrap();
            gzip += encoder.finish().unwrap().len();
        }
        let status = chrome.eval("document.querySelector('.sok-huvud .sok-status').textContent");
        println!(
            "{query:20} {:3} files {:7.1} kB gzip   {}",
            loaded.len(),
            gzip as f64 / 1000.0,
            status.as_str().unwrap_or("")
        );
        sizes.push(gzip);
    }
    sizes.sort_unstable();
    println!(
        "first search in a {pages}-page handbook: median {:.1} kB, largest {:.1} kB gzipped",
        sizes[sizes.len() / 2] as f64 / 1000.0,
        sizes[sizes.len() - 1] as f64 / 1000.0
    );
}
