//! Save-to-reload latency of `sthandbok serve`: the time from writing a page's source to the
//! preview telling open pages to reload, for the bundled handbook and a generated 1,000-page
//! one. Prints the median and the spread over repeated edits.
//!
//!     cargo bench --bench serve_latency [-- PAGES]

#[path = "../tests/preview/mod.rs"]
mod preview;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const EDITS: usize = 21;

fn measure(name: &str, root: &Path, page: &Path, pause: Duration) {
    let preview = preview::Preview::start(root);
    let mut events = preview.events();
    let original = std::fs::read_to_string(page).unwrap();
    std::thread::sleep(pause);
    let mut times = Vec::new();
    for n in 0..EDITS {
        let started = Instant::now();
        std::fs::write(page, format!("{original}\n\nÄndring nummer {n}.\n")).unwrap();
        let (event, _) = events.next();
        assert_eq!(event, "reload");
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        // Let the background search index finish, as between an editor's saves.
        std::thread::sleep(pause);
    }
    std::fs::write(page, original).unwrap();
    times.sort_by(f64::total_cmp);
    println!(
        "{name:28} save → reload event: median {:.1} ms (min {:.1}, max {:.1}) over {EDITS} edits",
        times[EDITS / 2],
        times[0],
        times[EDITS - 1]
    );
}

fn main() {
    let pages: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(1000);
    let bundled = tempfile::tempdir().unwrap();
    for folder in ["sthandbok.yaml", "content", "regions", "themes"] {
        let status = Command::new("cp")
            .arg("-r")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join(folder))
            .arg(bundled.path())
            .status()
            .unwrap();
        assert!(status.success());
    }
    measure(
        "bundled handbook",
        bundled.path(),
        &bundled.path().join("regions/orebro/content/avtal/st-kontrakt-allmanmedicin.md"),
        Duration::from_millis(400),
    );
    let generated = tempfile::tempdir().unwrap();
    let root = generated.path().join("handbok");
    let generator = concat!(env!("CARGO_MANIFEST_DIR"), "/bench/generate.py");
    let status =
        Command::new("python3").arg(generator).arg(&root).args(["--pages", &pages.to_string()]).status().unwrap();
    assert!(status.success());
    measure(
        &format!("generated {pages}-page handbook"),
        &root,
        &root.join("content/avsnitt002/sida250.md"),
        Duration::from_millis(2500),
    );
}
