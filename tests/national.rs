//! The national scale: the benchmark runs end to end at 1,000 pages (no time is judged here,
//! only that every tool built every page), and a long build shows its progress on a terminal
//! and nowhere else.

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_sthandbok");

#[test]
fn the_benchmark_builds_the_national_handbook_with_every_tool() {
    let work = tempfile::tempdir().unwrap();
    let run = Command::new("python3")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/bench/national.py"))
        .args(["--smoke", "--sizes", "1000", "--binary", BIN, "--work"])
        .arg(work.path())
        .output()
        .expect("python3 runs the benchmark");
    let printed = String::from_utf8_lossy(&run.stdout).into_owned() + &String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "the benchmark ran: {printed}");
    let rows: Vec<&str> = printed.lines().filter(|l| l.starts_with("| 1,000 |")).collect();
    assert!(rows.iter().any(|r| r.starts_with("| 1,000 | sthandbok |")), "{printed}");
    assert!(rows.iter().any(|r| r.starts_with("| 1,000 | Hugo ")), "Hugo was measured too: {printed}");
    assert!(std::fs::read_dir(work.path()).unwrap().next().is_none(), "the benchmark cleans up after itself");
}

/// Pages enough for a build to take a few seconds: an optimized build is ten times as fast.
const PAGES: usize = if cfg!(debug_assertions) { 1000 } else { 10_000 };

/// A generated handbook over 21 regions, big enough that a build takes a while.
fn generated(dir: &Path) -> std::path::PathBuf {
    let root = dir.join("handbok");
    let status = Command::new("python3")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/bench/generate.py"))
        .arg(&root)
        .args(["--pages", &PAGES.to_string(), "--regions", "21"])
        .status()
        .unwrap();
    assert!(status.success());
    root
}

/// Builds under a pseudo-terminal (util-linux `script`), as a user at a terminal would.
fn build_at_terminal(root: &Path, ci: bool) -> String {
    let command = format!("'{BIN}' build --root '{}'", root.display());
    let mut script = Command::new("script");
    script.args(["-qfec", &command, "/dev/null"]).env_remove("CI");
    if ci {
        script.env("CI", "true");
    }
    let run = script.output().expect("script runs");
    let printed = String::from_utf8_lossy(&run.stdout).into_owned();
    assert!(run.status.success(), "{printed}");
    printed
}

#[test]
fn a_long_build_shows_its_progress_on_a_terminal_only() {
    let dir = tempfile::tempdir().unwrap();
    let root = generated(dir.path());
    let started = std::time::Instant::now();
    let terminal = build_at_terminal(&root, false);
    let took = started.elapsed();
    assert!(took > std::time::Duration::from_millis(1500), "the build took {took:?}, too short to show progress");
    let built = format!("Byggde {PAGES} sidor");
    assert!(terminal.contains("\r\x1b[2Ksidor "), "the progress line is drawn: {terminal:?}");
    assert!(terminal.contains(&format!("/{PAGES} · mallar ")), "pages are counted against the total: {terminal:?}");
    assert!(terminal.contains("/21 regioner"), "regions are counted: {terminal:?}");
    let after_last_clear = terminal.rsplit("\r\x1b[2K").next().unwrap();
    assert!(after_last_clear.starts_with(&built), "the line is cleared before the report: {after_last_clear:?}");

    let in_ci = build_at_terminal(&root, true);
    assert!(!in_ci.contains("\x1b[2K") && in_ci.contains(&built), "quiet in CI: {in_ci:?}");

    let piped = Command::new(BIN).args(["build", "--root"]).arg(&root).env_remove("CI").output().unwrap();
    let piped = String::from_utf8_lossy(&piped.stderr);
    assert!(!piped.contains('\r') && piped.contains(&built), "quiet when not a terminal: {piped:?}");
}
