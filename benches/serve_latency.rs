//! Save-to-reload latency of `sthandbok serve`: the time from writing a page's source to the
//! preview telling open pages to reload, for the bundled handbook and a generated national one
//! (21 regions, 1,000 pages unless given). Prints the median and the spread over repeated edits, and the preview's own CPU time per
//! edit (from its process's CPU counters) next to the CPU time of one full `sthandbok build` of
//! the same handbook.
//!
//!     cargo bench --bench serve_latency [-- PAGES]

#[path = "../tests/preview/mod.rs"]
mod preview;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const EDITS: usize = 20;
/// Full builds timed for the comparison; the median counts.
const BUILDS: usize = 5;

/// CPU seconds (user and system) of a process, and of its children it has waited for.
fn cpu(pid: &str) -> (f64, f64) {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("Linux /proc");
    // Fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<f64> =
        stat.rsplit_once(')').unwrap().1.split_whitespace().map(|f| f.parse().unwrap_or(0.0)).collect();
    let ticks: f64 = String::from_utf8(Command::new("getconf").arg("CLK_TCK").output().unwrap().stdout)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    ((fields[11] + fields[12]) / ticks, (fields[13] + fields[14]) / ticks)
}

/// The CPU time of one full `sthandbok build` of `root`: the median of several.
fn build_cpu(root: &Path) -> f64 {
    let out = tempfile::tempdir().unwrap();
    let mut times: Vec<f64> = (0..BUILDS)
        .map(|_| {
            let before = cpu("self").1;
            let status = Command::new(env!("CARGO_BIN_EXE_sthandbok"))
                .args(["build", "--root"])
                .arg(root)
                .arg("--out")
                .arg(out.path().join("dist"))
                .stderr(std::process::Stdio::null())
                .status()
                .unwrap();
            assert!(status.success());
            cpu("self").1 - before
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[BUILDS / 2]
}

fn measure(name: &str, root: &Path, page: &Path, pause: Duration) {
    let full = build_cpu(root);
    let preview = preview::Preview::start(root);
    let mut events = preview.events();
    let original = std::fs::read_to_string(page).unwrap();
    std::thread::sleep(pause);
    let pid = preview.pid().to_string();
    let before = cpu(&pid).0;
    let mut times = Vec::new();
    for n in 0..EDITS {
        let started = Instant::now();
        std::fs::write(page, format!("{original}\n\nÄndring nummer {n}.\n")).unwrap();
        let (event, _) = events.next();
        assert_eq!(event, "reload");
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        // Let the rebuild finish, as between an editor's saves.
        std::thread::sleep(pause);
    }
    let per_edit = (cpu(&pid).0 - before) / EDITS as f64;
    std::fs::write(page, original).unwrap();
    times.sort_by(f64::total_cmp);
    println!(
        "{name:28} save → reload event: median {:.1} ms (min {:.1}, max {:.1}) over {EDITS} edits",
        times[EDITS / 2],
        times[0],
        times[EDITS - 1]
    );
    println!(
        "{:28} CPU per edit {:.0} ms; one full build {:.0} ms; per edit / full build = {:.2}",
        "",
        per_edit * 1000.0,
        full * 1000.0,
        per_edit / full
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
    // `--whole-handbook`: with each region's whole handbook as one PDF and one page to print,
    // made anew on every edit.
    let whole_handbook = std::env::args().any(|a| a == "--whole-handbook");
    let status = Command::new("python3")
        .arg(generator)
        .arg(&root)
        .args(["--pages", &pages.to_string(), "--regions", "21"])
        .args(whole_handbook.then_some("--whole-handbook"))
        .status()
        .unwrap();
    assert!(status.success());
    measure(
        &format!("generated {pages}-page handbook"),
        &root,
        &root.join("regions/region01/content/avsnitt000/sida0003.md"),
        Duration::from_millis(1500),
    );
}
