//! Warnings an editor has accepted: for a whole page in its front matter (`accept:` with a
//! `code` and a `reason`), or for one place with a comment `<!-- godta KOD: skäl -->` on the
//! warning's line or the line above it. An accepted warning stays in the report, marked as
//! accepted with its reason, and does not count against `--deny-warnings`. An acceptance that
//! names no code, gives no reason, or accepts nothing is itself reported, so none outlives
//! the warning it was written for.

use crate::diagnostics::{Diagnostic, LineIndex, closest, codes};
use crate::model::Acceptance;
use crate::source::SourcePage;
use pulldown_cmark::{Event, Parser};
use std::collections::HashMap;
use std::path::Path;

/// A comment that accepts a warning at its line or the line below.
pub struct LineAcceptance {
    /// The comment's line in the file.
    pub line: usize,
    pub code: String,
    pub reason: String,
}

impl LineAcceptance {
    /// Whether the comment accepts a warning with `code` at `line`.
    pub fn covers(&self, code: &str, line: usize) -> bool {
        self.code == code && (line == self.line || line == self.line + 1)
    }
}

/// The comments in a page's body that accept warnings, and the problems of those that are
/// not written right. Only the body's HTML comments count, not a comment shown as code.
pub fn comments(page: &SourcePage) -> (Vec<LineAcceptance>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    if !page.body.contains("<!--") {
        return (found, problems);
    }
    let lines = LineIndex::new(&page.body);
    for (event, range) in Parser::new_ext(&page.body, crate::page::options()).into_offset_iter() {
        let (Event::Html(html) | Event::InlineHtml(html)) = event else { continue };
        let mut rest = html.as_ref();
        while let Some(start) = rest.find("<!--") {
            let Some(length) = rest[start..].find("-->") else { break };
            let inner = rest[start + 4..start + length].trim();
            let offset = range.start + (html.len() - rest.len()) + start;
            rest = &rest[start + length + 3..];
            let Some(accepted) = inner.strip_prefix("godta").filter(|r| r.starts_with(char::is_whitespace)) else {
                continue;
            };
            let (line, column) = lines.position(&page.body, offset);
            let line = line + page.body_line - 1;
            let (code, reason) = accepted.split_once(':').unwrap_or((accepted, ""));
            let (code, reason) = (code.trim(), reason.trim());
            match check(code, reason, &page.file) {
                Some(problem) => problems.push(problem.at(line, column)),
                None => found.push(LineAcceptance { line, code: code.to_owned(), reason: reason.to_owned() }),
            }
        }
    }
    (found, problems)
}

/// What is wrong with an acceptance of `code` for `reason`, if anything.
fn check(code: &str, reason: &str, file: &Path) -> Option<Diagnostic> {
    if !codes::ALL.iter().any(|c| c.as_str() == code) {
        let problem = Diagnostic::error(codes::OKAND_KOD, file, format!("det finns ingen varning med koden `{code}`"));
        let nearest = closest(code, codes::ALL.iter().map(|c| c.as_str()));
        return Some(match nearest {
            Some(best) => problem.help(format!("menade du `{best}`? Koden står inom hakparentes i varningen")),
            None => problem.help("skriv koden som den står inom hakparentes i varningen, t.ex. forfattning-upphavd"),
        });
    }
    reason.is_empty().then(|| {
        Diagnostic::error(codes::GODTAGANDE_UTAN_SKAL, file, format!("godtagandet av `{code}` säger inte varför"))
            .help("skriv skälet efter koden, t.ex. <!-- godta forfattning-overgang: avtalet citeras som det skrevs -->")
    })
}

/// Marks the warnings in `problems` that an acceptance on their page covers, and adds a
/// problem for each acceptance that is not written right or, with `report_unused` (`check`,
/// which runs every rule), covers no warning.
pub fn apply<'a>(problems: &mut Vec<Diagnostic>, pages: impl Iterator<Item = &'a SourcePage>, report_unused: bool) {
    struct Page<'a> {
        source: &'a SourcePage,
        comments: Vec<LineAcceptance>,
        /// Which front-matter acceptances and comments have accepted a warning.
        used: (Vec<bool>, Vec<bool>),
    }
    let mut found = Vec::new();
    let mut by_file: HashMap<&Path, Page> = HashMap::new();
    for source in pages {
        let accept = &source.front.accept;
        let (comments, wrong) = comments(source);
        found.extend(wrong);
        let line = source.front_line_of_key("accept");
        found.extend(accept.iter().filter_map(|a| Some(check(&a.code, a.reason.trim(), &source.file)?.at(line, 1))));
        if accept.is_empty() && comments.is_empty() {
            continue;
        }
        let used = (vec![false; accept.len()], vec![false; comments.len()]);
        by_file.insert(&source.file, Page { source, comments, used });
    }
    for problem in problems.iter_mut().filter(|p| p.is_open_warning()) {
        let Some(page) = by_file.get_mut(problem.file.as_path()) else { continue };
        let code = problem.code.as_str();
        if let Some(i) = page.source.front.accept.iter().position(|a| a.code == code) {
            problem.accepted = Some(page.source.front.accept[i].reason.trim().into());
            page.used.0[i] = true;
        } else if let Some(i) = page.comments.iter().position(|c| c.covers(code, problem.line)) {
            problem.accepted = Some(page.comments[i].reason.as_str().into());
            page.used.1[i] = true;
        }
    }
    if report_unused {
        for page in by_file.values() {
            let file = &page.source.file;
            let unused = |code: &str| {
                Diagnostic::warning(
                    codes::GODTAGANDE_OANVANT,
                    file,
                    format!("godtagandet av `{code}` gäller ingen varning"),
                )
            };
            let line = page.source.front_line_of_key("accept");
            // One that is not written right is reported as such, not as unused too.
            let wrong = |a: &Acceptance| check(&a.code, a.reason.trim(), file).is_some();
            let accept = page.source.front.accept.iter().zip(&page.used.0);
            for (acceptance, _) in accept.filter(|(a, used)| !**used && !wrong(a)) {
                found.push(
                    unused(&acceptance.code).at(line, 1).help("ta bort det ur accept: när varningen är åtgärdad"),
                );
            }
            for (comment, _) in page.comments.iter().zip(&page.used.1).filter(|(_, used)| !**used) {
                found.push(
                    unused(&comment.code)
                        .at(comment.line, 1)
                        .help("ta bort kommentaren, eller sätt den på varningens rad eller raden ovanför"),
                );
            }
        }
    }
    problems.extend(found);
}
