//! The outline of a page body, read by the page pass from the same events as the HTML: its
//! sections (split at every heading and glossary term) with their plain text, the text of the
//! blocks the pass asks for (duties), and the structure facts the content rules judge (empty sections, images
//! without alternative text).

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

/// Where a section starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    /// The text before the first heading.
    Lead,
    Heading(u8),
    /// A glossary term (`<dt>`), with its definition as text.
    Term,
}

#[derive(Debug, Clone)]
pub struct Section {
    pub kind: SectionKind,
    /// The heading's or term's id; `None` for the lead.
    pub anchor: Option<String>,
    pub heading: String,
    /// The section's own text, up to the next heading or term, whitespace collapsed.
    pub text: String,
}

/// A place in the source: 1-based line and column.
pub type Position = (usize, usize);

/// What the content rules need to know about a page's structure.
#[derive(Debug, Clone, Default)]
pub struct StructureFacts {
    /// Headings with nothing under them before the next heading of the same or a higher level.
    pub empty_sections: Vec<(Position, String)>,
    pub images_without_alt: Vec<Position>,
}

/// Text standing in for a blank in plain text: the contract leaves it to be filled in.
const BLANK: &str = "…";

pub(super) struct Outline {
    sections: Vec<Section>,
    list_depth: usize,
    /// The text of the block being captured (a duty), if any.
    capture: Option<String>,
    in_title: bool,
    image: Option<(Position, String)>,
    open_heading: Option<(HeadingLevel, Position, String)>,
    facts: StructureFacts,
}

impl Outline {
    pub fn new() -> Self {
        let lead = Section { kind: SectionKind::Lead, anchor: None, heading: String::new(), text: String::new() };
        Outline {
            sections: vec![lead],
            list_depth: 0,
            capture: None,
            in_title: false,
            image: None,
            open_heading: None,
            facts: StructureFacts::default(),
        }
    }

    pub fn heading(&mut self, level: HeadingLevel, id: &str, text: &str, at: Position) {
        if let Some((open, position, heading)) = self.open_heading.take()
            && level <= open
        {
            self.facts.empty_sections.push((position, heading.trim().to_owned()));
        }
        self.open_heading = Some((level, at, text.to_owned()));
        self.start(SectionKind::Heading(level as u8), id, text);
    }

    pub fn term(&mut self, id: &str, text: &str) {
        self.content();
        self.start(SectionKind::Term, id, text);
    }

    fn start(&mut self, kind: SectionKind, id: &str, text: &str) {
        let heading = collapse(text);
        self.sections.push(Section { kind, anchor: Some(id.to_owned()), heading, text: String::new() });
        self.in_title = true;
    }

    /// Whether the next item to start is a top-level one.
    pub fn at_top_level(&self) -> bool {
        self.list_depth == 1
    }

    /// Whether the pass is outside every list.
    pub fn outside_lists(&self) -> bool {
        self.list_depth == 0
    }

    /// Starts collecting the text of a block, until `end_capture`.
    pub fn begin_capture(&mut self) {
        self.capture = Some(String::new());
    }

    /// The text collected since `begin_capture`, whitespace collapsed.
    pub fn end_capture(&mut self) -> String {
        collapse(&self.capture.take().unwrap_or_default())
    }

    pub fn event(&mut self, event: &Event, at: Position) {
        match event {
            Event::End(TagEnd::Heading(_) | TagEnd::DefinitionListTitle) => self.in_title = false,
            Event::Start(Tag::Image { .. }) => {
                self.content();
                self.image = Some((at, String::new()));
            }
            Event::End(TagEnd::Image) => {
                if let Some((position, alt)) = self.image.take()
                    && alt.trim().is_empty()
                {
                    self.facts.images_without_alt.push(position);
                }
            }
            Event::Text(text) | Event::Code(text) => self.text(text),
            Event::Start(Tag::List(_)) => {
                self.content();
                self.list_depth += 1;
                self.space();
            }
            Event::End(TagEnd::List(_)) => {
                self.list_depth = self.list_depth.saturating_sub(1);
                self.space();
            }
            Event::Start(Tag::Item) => {
                self.content();
                self.space();
            }
            Event::SoftBreak | Event::HardBreak | Event::Rule => {
                if matches!(event, Event::Rule) {
                    self.content();
                }
                self.space();
            }
            Event::Start(tag) if !self.in_title => {
                self.content();
                if is_block(&tag.to_end()) {
                    self.space();
                }
            }
            Event::End(tag) if is_block(tag) => self.space(),
            Event::Html(_) | Event::InlineHtml(_) if !self.in_title => self.content(),
            _ => {}
        }
    }

    pub fn text(&mut self, text: &str) {
        if let Some((_, alt)) = &mut self.image {
            alt.push_str(text);
            return;
        }
        if self.in_title {
            return;
        }
        if !text.trim().is_empty() {
            self.content();
        }
        self.push(text);
    }

    pub fn blank(&mut self) {
        self.content();
        self.push(BLANK);
    }

    pub fn signatures(&mut self, id: &str, signers: &[String]) {
        self.content();
        self.start(SectionKind::Heading(2), id, crate::model::SIGNATURES_HEADING);
        self.in_title = false;
        self.push(&signers.join(", "));
    }

    pub fn finish(mut self) -> (Vec<Section>, StructureFacts) {
        if let Some((position, heading, ..)) = self.open_heading.take().map(|(_, p, h)| (p, h)) {
            self.facts.empty_sections.push((position, heading.trim().to_owned()));
        }
        for section in &mut self.sections {
            section.text = collapse(&section.text);
        }
        (self.sections, self.facts)
    }

    /// Something under the open heading: the section is not empty.
    fn content(&mut self) {
        self.open_heading = None;
    }

    fn current(&mut self) -> &mut Section {
        self.sections.last_mut().expect("the lead section is always there")
    }

    fn push(&mut self, text: &str) {
        self.current().text.push_str(text);
        if let Some(capture) = &mut self.capture {
            capture.push_str(text);
        }
    }

    fn space(&mut self) {
        self.push(" ");
    }
}

/// Whether a tag's start or end separates words: anything but inline markup.
fn is_block(tag: &TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

/// Whitespace runs as one space, none at the ends. The text is scanned by bytes: only an
/// ASCII space or control, or the first byte of one of Unicode's few other spaces, can begin
/// whitespace; words with one ASCII space between them are copied as one stretch.
fn collapse(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut flush = |words: &str| {
        if !words.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(words);
        }
    };
    // The stretch not yet copied runs from `start` to the end of its last word, `end`.
    let (mut start, mut end, mut at) = (0, 0, 0);
    loop {
        let next = bytes[at..].iter().position(|&b| MAY_BEGIN_SPACE[usize::from(b)]).map_or(bytes.len(), |p| at + p);
        if next > at {
            end = next;
        }
        if next == bytes.len() {
            break;
        }
        match whitespace_at(text, next) {
            // A byte that only looked like the start of a space (`©`).
            0 => {
                at = next + 1;
                end = at;
            }
            // One space right after a word stays in the stretch; a space or the end after it
            // ends the stretch at the word.
            1 if bytes[next] == b' ' && end == next && end > start => at = next + 1,
            white => {
                flush(&text[start..end]);
                (start, end, at) = (next + white, next + white, next + white);
            }
        }
    }
    flush(&text[start..end]);
    out
}

/// The bytes that may begin a whitespace character: ASCII's space and controls from tab to
/// carriage return, and the first bytes of U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028,
/// U+2029, U+202F, U+205F and U+3000.
const MAY_BEGIN_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(b as u8, b' ' | b'\t'..=b'\r' | 0xC2 | 0xE1 | 0xE2 | 0xE3);
        b += 1;
    }
    table
};

/// The length in bytes of the whitespace character at byte `at`, or 0.
fn whitespace_at(text: &str, at: usize) -> usize {
    match text.as_bytes()[at] {
        b' ' | b'\t'..=b'\r' => 1,
        0xC2 | 0xE1 | 0xE2 | 0xE3 => text[at..].chars().next().filter(|c| c.is_whitespace()).map_or(0, char::len_utf8),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same as joining `split_whitespace`, for every kind of space Unicode has.
    #[test]
    fn collapse_joins_words_with_one_space() {
        let spaces: Vec<char> = (0..0x3001).filter_map(char::from_u32).filter(|c| c.is_whitespace()).collect();
        for space in spaces {
            let text = format!("{space} Åtgärd{space}{space}och\u{a0}ansvar, ©é{space}ö ‐–{space}");
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse(&text), expected, "{space:?}");
        }
        assert_eq!(collapse(""), "");
        assert_eq!(collapse(" \n\t "), "");
        for text in ["a b", "a  b c", " a b ", "a \tb", "a\n b", "ab cd  ef g ", "©a ©", "a\u{a0} b", "a b\u{2003}"] {
            assert_eq!(collapse(text), text.split_whitespace().collect::<Vec<_>>().join(" "), "{text:?}");
        }
    }
}
