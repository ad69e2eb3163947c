//! Diagnostics are values: every stage collects them and returns them; only `main.rs` prints.
//! A diagnostic names the file (relative to the handbook root), line and column (1-based, 0 when
//! unknown), a stable code, a plain-Swedish message and an optional hint.

pub mod codes;

pub use codes::Code;
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub help: Option<Box<str>>,
    /// Why an editor accepted this warning, if one did: it is listed as accepted and does not
    /// count against `--deny-warnings`.
    pub accepted: Option<Box<str>>,
}

impl Diagnostic {
    pub fn error(code: Code, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: file.into(),
            line: 0,
            column: 0,
            message: message.into(),
            help: None,
            accepted: None,
        }
    }

    pub fn warning(code: Code, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(code, file, message) }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into().into_boxed_str());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// A warning no editor has accepted.
    pub fn is_open_warning(&self) -> bool {
        self.severity == Severity::Warning && self.accepted.is_none()
    }

    /// Renders the diagnostic the way rustc does: a headline, the location, and when the source
    /// line can be read, that line with a caret under the column.
    pub fn render(&self, root: &Path) -> String {
        let mut out = format!("{self}\n");
        if self.line > 0 {
            let line_text = std::fs::read(root.join(&self.file))
                .ok()
                .and_then(|bytes| String::from_utf8_lossy(&bytes).lines().nth(self.line - 1).map(str::to_owned));
            if let Some(text) = line_text {
                let gutter = self.line.to_string().len();
                let pad = " ".repeat(gutter);
                out.push_str(&format!("{pad} |\n{} | {text}\n", self.line));
                if self.column > 0 {
                    let indent: String =
                        text.chars().take(self.column - 1).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
                    out.push_str(&format!("{pad} | {indent}^\n"));
                }
            }
        }
        if let Some(help) = &self.help {
            out.push_str(&format!("  = hjälp: {help}\n"));
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "fel",
            Severity::Warning => "varning",
        };
        write!(f, "{label}[{}]: {}\n  --> {}", self.code, self.message, self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        Ok(())
    }
}

/// Diagnostics as JSON, one object each, for tools.
pub fn to_json(diagnostics: &[Diagnostic]) -> String {
    let list: Vec<serde_json::Value> = diagnostics
        .iter()
        .map(|d| {
            serde_json::json!({
                "file": d.file.to_string_lossy().replace('\\', "/"),
                "line": d.line,
                "column": d.column,
                "severity": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
                "code": d.code.as_str(),
                "message": d.message,
                "help": d.help,
                "accepted": d.accepted,
            })
        })
        .collect();
    serde_json::to_string_pretty(&list).unwrap_or_default()
}

/// A diagnostic as a GitHub Actions workflow command, so it appears on the pull request's line.
pub fn to_github(d: &Diagnostic) -> String {
    let escape = |text: &str| text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    let property = |text: &str| escape(text).replace(':', "%3A").replace(',', "%2C");
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str(&format!(" (hjälp: {help})"));
    }
    let mut location = format!("file={}", property(&d.file.to_string_lossy().replace('\\', "/")));
    if d.line > 0 {
        location.push_str(&format!(",line={}", d.line));
    }
    if d.column > 0 {
        location.push_str(&format!(",col={}", d.column));
    }
    format!("::{level} {location},title={}::{}", property(d.code.as_str()), escape(&message))
}

/// Orders diagnostics by file and position so a build's report reads top to bottom and is
/// the same on every run, whatever order the parallel stages finished in.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.code, &a.message).cmp(&(&b.file, b.line, b.column, b.code, &b.message))
    });
    diagnostics.dedup();
}

/// Maps byte offsets in a text to 1-based line and column (columns count characters).
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let end = offset.min(text.len());
        let column = text.get(start..end).map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }
}

/// The edit distance used for "did you mean" hints.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (levenshtein(word, c), c))
        .filter(|&(d, c)| d <= (c.chars().count() / 2).max(2))
        .min()
        .map(|(_, c)| c)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let next = (prev + cost).min(row[j] + 1).min(row[j + 1] + 1);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let text = "åäö\nrad två";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), (1, 1));
        assert_eq!(index.position(text, "åäö".len()), (1, 4));
        assert_eq!(index.position(text, "åäö\nrad".len()), (2, 4));
    }

    #[test]
    fn suggests_the_nearest_key() {
        assert_eq!(closest("titel", ["title", "kind", "weight"]), Some("title"));
        assert_eq!(closest("zzzzzz", ["title", "kind"]), None);
    }
}
