//! Duties as the source writes them. A contract's section named under `duties:` in the front
//! matter makes each of its top-level list items a duty, with the section's role and theme; an
//! item, or any paragraph, says its own with a mark at its end: `{roll=studierektor
//! tema=kurser}` (several roles with commas). The mark is data, never shown to readers.

use super::outline::Position;
use crate::model::Theme;
use pulldown_cmark::{Event, Tag, TagEnd};
use std::collections::HashMap;
use std::ops::Range;

/// A duty on a page: who has it, under which theme, its text and its own id.
#[derive(Debug, Clone)]
pub struct DutyDoc {
    /// Role ids, as written (checked against the region's role pages by `check`).
    pub roles: Vec<String>,
    pub theme: Option<Theme>,
    pub text: String,
    pub anchor: String,
    /// Where the duty starts in the source, and where its mark is, if it has one.
    pub at: Position,
    pub mark_at: Option<Position>,
}

/// A mark at the end of a block: what it says and where.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mark {
    pub roles: Vec<String>,
    /// The theme as written; `None` if the mark does not name one.
    pub theme: Option<String>,
    /// Keys the mark has that are neither `roll` nor `tema`.
    pub unknown: Vec<String>,
    /// Byte offset of the mark in the source body.
    pub offset: usize,
}

/// The marks of a page's blocks: for each block that ends with one, the index of the block's
/// start event, with the mark, the index of the text event holding it and how much of that
/// text stays (the text before the mark, trailing spaces removed).
#[derive(Default)]
pub struct Marks {
    pub by_block: HashMap<usize, Mark>,
    pub cut: HashMap<usize, usize>,
}

/// Finds the marks in a page's events (text events already merged). A mark on a paragraph
/// inside a list item belongs to the top-level item.
pub fn find(events: &[(Event, Range<usize>)]) -> Marks {
    let mut by_block = HashMap::new();
    let mut cut = HashMap::new();
    // Open blocks: (start index, whether it is a top-level item or a paragraph outside lists).
    let mut open: Vec<(usize, bool)> = Vec::new();
    let mut lists = 0usize;
    for (i, (event, _)) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::List(_)) => lists += 1,
            Event::End(TagEnd::List(_)) => lists = lists.saturating_sub(1),
            Event::Start(Tag::Item) => open.push((i, lists == 1)),
            Event::Start(Tag::Paragraph) => open.push((i, lists == 0)),
            Event::End(TagEnd::Item | TagEnd::Paragraph) => {
                let Some((start, duty)) = open.pop() else { continue };
                let Some((Event::Text(text), range)) = i.checked_sub(1).map(|p| &events[p]) else { continue };
                let Some((keep, mark)) = parse(text) else { continue };
                // The block the duty is: the top-level item around this one, or this block.
                let outer = open.iter().find(|(_, duty)| *duty).map(|(s, _)| *s);
                let Some(owner) = outer.or(duty.then_some(start)) else { continue };
                let offset = range.start + keep;
                cut.insert(i - 1, text[..keep].trim_end().len());
                by_block.entry(owner).or_insert(Mark { offset, ..mark });
            }
            _ => {}
        }
    }
    Marks { by_block, cut }
}

/// A mark at the end of `text`: the length of the text before it, and what it says. Text that
/// ends in braces that do not start with `roll=` or `tema=` is not a mark (nor is `}}`).
pub fn parse(text: &str) -> Option<(usize, Mark)> {
    let trimmed = text.trim_end();
    let inner_end = trimmed.strip_suffix('}')?;
    if inner_end.ends_with('}') {
        return None;
    }
    let start = inner_end.rfind('{')?;
    if inner_end[..start].ends_with('{') {
        return None;
    }
    let inner = inner_end[start + 1..].trim();
    if !(inner.starts_with("roll=") || inner.starts_with("tema=")) {
        return None;
    }
    let mut mark = Mark::default();
    for pair in inner.split_whitespace() {
        match pair.split_once('=') {
            Some(("roll", roles)) => {
                mark.roles.extend(roles.split(',').map(str::trim).filter(|r| !r.is_empty()).map(str::to_owned))
            }
            Some(("tema", theme)) => mark.theme = Some(theme.to_owned()),
            _ => mark.unknown.push(pair.to_owned()),
        }
    }
    Some((start, mark))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mark_is_read_from_the_end_of_a_block_and_nothing_else_is() {
        let (keep, mark) = parse("att leda utbildningen {roll=studierektor,handledare tema=kurser}").unwrap();
        assert_eq!(keep, "att leda utbildningen ".len());
        assert_eq!(mark.roles, ["studierektor", "handledare"]);
        assert_eq!(mark.theme.as_deref(), Some("kurser"));
        let (_, mark) = parse("text {tema=intyg färg=röd}  ").unwrap();
        assert_eq!((mark.roles.len(), mark.unknown.as_slice()), (0, ["färg=röd".to_owned()].as_slice()));
        for not_a_mark in ["text {{ fält.x }}", "en mängd {a, b}", "text", "{roll=x} och mer", "{{roll=x}}"] {
            assert_eq!(parse(not_a_mark), None, "{not_a_mark}");
        }
    }
}
