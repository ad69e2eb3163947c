//! How fast the hits follow typing. Builds the bundled handbook, serves it, and in headless
//! Chromium types queries letter by letter into the header field of a page; for each letter it
//! measures the time from the input event to the hit list answering that text. The first
//! letter of the first query includes loading the index's meta file; every query starts on a
//! freshly loaded page, so each loads the shards it needs as a reader's first search would.
//!
//!     cargo bench --bench search_latency

#[path = "../tests/browser/mod.rs"]
mod browser;

use std::process::Command;

const QUERIES: &[(&str, &str)] = &[
    ("skane", "handledning"),
    ("skane", "hur byter jag huvudhandledare"),
    ("skane", "sidotjänstgörning"),
    ("orebro", "studietid timmar per vecka"),
    ("orebro", "kurskostnad"),
    ("sormland", "ST-kontrakt"),
    ("sormland", "2 timmar i månaden"),
    ("skane", "hnadledare"),
];

/// Types `query` into the header field letter by letter and gives, per letter, the
/// milliseconds until the list answers the text typed so far.
const TYPE: &str = r#"async (query) => {
  const field = document.getElementById('sok-falt');
  const list = document.getElementById('sok-falt-lista');
  field.focus();
  const times = [];
  for (let i = 1; i <= query.length; i++) {
    const text = query.slice(0, i);
    if (!text.trim() || text.endsWith(' ')) { continue; }
    const started = performance.now();
    field.value = text;
    field.dispatchEvent(new Event('input'));
    while (list.dataset.fraga !== text) { await new Promise(r => setTimeout(r, 1)); }
    times.push(performance.now() - started);
  }
  return times;
}"#;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let out = dir.path().join("dist");
    let build = Command::new(env!("CARGO_BIN_EXE_sthandbok"))
        .args(["build", "--root", root, "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(build.status.success(), "{}", String::from_utf8_lossy(&build.stderr));
    let base = browser::serve(out, "/");
    let mut chrome = browser::Browser::launch();
    let mut all = Vec::new();
    for (region, query) in QUERIES {
        chrome.goto(&format!("{base}{region}/index.html"));
        let times: Vec<f64> =
            serde_json::from_value(chrome.eval(&format!("({TYPE})({})", serde_json::Value::from(*query)))).unwrap();
        let mut sorted = times.clone();
        sorted.sort_by(f64::total_cmp);
        println!(
            "{region:9} {query:32} {:2} letters  median {:5.1} ms  slowest {:5.1} ms",
            times.len(),
            sorted[sorted.len() / 2],
            sorted[sorted.len() - 1]
        );
        all.extend(times);
    }
    all.sort_by(f64::total_cmp);
    let at = |q: f64| all[((all.len() - 1) as f64 * q).round() as usize];
    println!(
        "hits after each letter ({} letters): median {:.1} ms, 95th percentile {:.1} ms, slowest {:.1} ms",
        all.len(),
        at(0.5),
        at(0.95),
        at(1.0)
    );
}
