//! Helpers shared by the integration tests: copy a fixture handbook into a temporary folder,
//! run the real binary on it, read what it wrote.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn sthandbok(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_sthandbok")).args(args).output().expect("binary runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A copy of `tests/fixtures/handbok` that a test may break.
pub struct Handbook {
    pub dir: tempfile::TempDir,
}

impl Handbook {
    pub fn fixture() -> Self {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/handbok"), dir.path());
        Handbook { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let path = self.path(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn build(&self, extra: &[&str]) -> Run {
        let root = self.root().to_str().unwrap();
        let mut args = vec!["build", "--root", root];
        args.extend_from_slice(extra);
        sthandbok(&args)
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir`, by relative path.
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned(), fs::read(e.path()).unwrap()))
        .collect()
}

/// The handbook this repository ships, built into `<returned folder>/dist`.
pub fn build_bundled(extra: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let dist = out.path().join("dist");
    let mut args = vec!["build", "--root", env!("CARGO_MANIFEST_DIR"), "--out", dist.to_str().unwrap()];
    args.extend_from_slice(extra);
    let run = sthandbok(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    out
}

/// The text of an HTML fragment as a reader sees it: tags dropped, whitespace collapsed.
pub fn text(html: &str) -> String {
    let mut out = String::new();
    let mut tag = false;
    for c in html.chars() {
        match c {
            '<' => tag = true,
            '>' => {
                tag = false;
                out.push(' ');
            }
            c if !tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every file under `dir`, at any depth.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// A binary PGM's width, height and pixels.
pub fn pgm(file: &Path) -> (usize, usize, Vec<u8>) {
    let image = std::fs::read(file).unwrap();
    let mut header = image.splitn(4, |&b| b == b'\n');
    assert_eq!(header.next().unwrap(), b"P5");
    let size: Vec<usize> =
        std::str::from_utf8(header.next().unwrap()).unwrap().split(' ').map(|n| n.parse().unwrap()).collect();
    header.next();
    let pixels = header.next().unwrap().to_vec();
    assert_eq!(pixels.len(), size[0] * size[1], "{}: one byte per pixel", file.display());
    (size[0], size[1], pixels)
}

/// Runs a tool we did not write, which must succeed; gives what it printed.
pub fn tool(program: &str, args: &[&str]) -> String {
    let output = Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{program} runs: {e}"));
    assert!(output.status.success(), "{program} {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A path as the text a tool takes.
pub fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}
