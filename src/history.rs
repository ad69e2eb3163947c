//! When each source last changed, from git, read in one pass over the history (one `git log`,
//! not a process per page). Outside a git checkout, or without git, there is no history and
//! pages show no date.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Default)]
pub struct History {
    /// Date (YYYY-MM-DD) of the last commit that changed each file, by path from the root.
    changed: HashMap<PathBuf, String>,
    /// Commits, newest first.
    pub commits: Vec<Commit>,
}

pub struct Commit {
    pub date: String,
    /// Files the commit changed, by path from the handbook root.
    pub files: Vec<PathBuf>,
}

impl History {
    pub fn read(root: &Path) -> History {
        let git = |args: &[&str]| {
            Command::new("git")
                .arg("-C")
                .arg(root)
                .args(args)
                .output()
                .ok()
                .filter(|o| o.status.success())
                .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        };
        let Some(prefix) = git(&["rev-parse", "--show-prefix"]) else {
            return History::default();
        };
        let prefix = prefix.trim().to_owned();
        let Some(log) = git(&["log", "--no-renames", "--format=%x1e%cs", "--name-only", "--", "."]) else {
            return History::default();
        };
        let mut history = History::default();
        for record in log.split('\u{1e}').filter(|r| !r.trim().is_empty()) {
            let mut lines = record.lines();
            let Some(date) = lines.next().map(str::trim) else {
                continue;
            };
            let files: Vec<PathBuf> = lines
                .filter_map(|f| f.trim().strip_prefix(prefix.as_str()))
                .filter(|f| !f.is_empty())
                .map(PathBuf::from)
                .collect();
            for file in &files {
                history.changed.entry(file.clone()).or_insert_with(|| date.to_owned());
            }
            history.commits.push(Commit { date: date.to_owned(), files });
        }
        history
    }

    pub fn changed(&self, file: &Path) -> Option<&str> {
        self.changed.get(file).map(String::as_str)
    }
}
