//! Finding a document's blanks and signature block, and giving each blank a field whose label
//! is the text written beside it ("Datum ______" → `datum`, "Datum").

use super::word::Document;
use super::{Block, Control, Note, Span};
use crate::ids::slugify;
use crate::model::{FieldKind, FormField, SIGNATURES_HEADING};

/// A page made from a document, before it is written as Markdown.
pub struct Page {
    pub title: String,
    pub body: Vec<Out>,
    pub fields: Vec<FormField>,
    pub signatures: Vec<String>,
    pub notes: Vec<Note>,
}

/// A block of the page.
pub enum Out {
    Heading(u8, Vec<Piece>),
    Paragraph(Vec<Piece>),
    Item { ordered: bool, level: u8, pieces: Vec<Piece> },
    Table(Vec<Vec<Vec<Piece>>>),
    Signatures,
}

/// Inline content of the page.
pub enum Piece {
    Text { text: String, bold: bool, italic: bool, link: Option<String> },
    Space,
    Break,
    Field(String),
}

/// Converts the document; with `fields` false its blanks stay text (a page that is no contract).
pub fn convert(document: &Document, fallback_title: &str, fields: bool) -> Page {
    let mut blocks: Vec<&Block> = document.blocks.iter().filter(|b| !is_empty(b)).collect();
    let title = take_title(document, &mut blocks).unwrap_or_else(|| fallback_title.to_owned());
    let mut converter = Converter { fields: Vec::new(), notes: Vec::new(), enabled: fields };
    let signatures = if fields { signature_block(&blocks) } else { None };
    // The page's title is its only first-level heading: the document's highest heading
    // level left becomes the second.
    let top = blocks
        .iter()
        .filter_map(|b| if let Block::Heading { level, .. } = b { Some((*level).max(1)) } else { None })
        .min()
        .unwrap_or(1);
    let mut body = Vec::new();
    let mut previous_text = String::new();
    for (i, block) in blocks.iter().enumerate() {
        if let Some((start, end, _)) = &signatures {
            if i == *start {
                body.push(Out::Signatures);
            }
            if (*start..*end).contains(&i) {
                continue;
            }
        }
        match block {
            Block::Heading { level, spans, at } => {
                let pieces = converter.pieces(spans, *at, None);
                previous_text = plain(spans);
                if pieces.iter().any(|p| matches!(p, Piece::Field(_))) {
                    // A heading is also a line in the page's contents, where a field cannot be.
                    converter.notes.push(Note {
                        at: *at,
                        message: format!(
                            "rubriken ”{}” har en tomrad och blev ett stycke i fetstil: ett fält kan inte stå i en rubrik",
                            previous_text.trim()
                        ),
                    });
                    body.push(Out::Paragraph(pieces.into_iter().map(bold).collect()));
                } else {
                    body.push(Out::Heading((*level).max(1) + 1 - top, pieces));
                }
            }
            Block::Paragraph { spans, list, at } => {
                let (spans, list) = match list {
                    Some(list) => (spans.clone(), Some(*list)),
                    None => match strip_bullet(spans) {
                        Some(spans) => (spans, Some((false, 0))),
                        None => (spans.clone(), None),
                    },
                };
                // A blank alone on its line is labelled by a short paragraph just before it.
                let context = (previous_text.split_whitespace().count() <= 12).then_some(previous_text.as_str());
                let pieces = converter.pieces(&spans, *at, context);
                previous_text = plain(&spans);
                if pieces.iter().all(|p| matches!(p, Piece::Space | Piece::Break)) {
                    continue;
                }
                body.push(match list {
                    Some((ordered, level)) => Out::Item { ordered, level, pieces },
                    None => Out::Paragraph(pieces),
                });
            }
            Block::Table { rows, at } => {
                body.push(Out::Table(converter.table(rows, *at)));
                previous_text.clear();
            }
        }
    }
    if !fields {
        let blanks = document.blocks.iter().filter(|b| has_blank(b)).count();
        if blanks > 0 {
            converter.notes.push(Note {
                at: 0,
                message: format!(
                    "{blanks} stycken med tomrader lämnades som text: bara en sida av typen avtal har fält"
                ),
            });
        }
    }
    let mut notes = document.notes.iter().map(|n| Note { at: n.at, message: n.message.clone() }).collect::<Vec<_>>();
    notes.extend(converter.notes);
    notes.sort_by_key(|n| n.at);
    Page { title, body, fields: converter.fields, signatures: signatures.map(|(_, _, s)| s).unwrap_or_default(), notes }
}

fn bold(piece: Piece) -> Piece {
    match piece {
        Piece::Text { text, italic, link, .. } => Piece::Text { text, bold: true, italic, link },
        other => other,
    }
}

fn is_empty(block: &Block) -> bool {
    match block {
        Block::Heading { spans, .. } | Block::Paragraph { spans, .. } => spans.iter().all(|s| {
            matches!(s, Span::Tab | Span::Break) || matches!(s, Span::Text { text, .. } if text.trim().is_empty())
        }),
        Block::Table { rows, .. } => rows.is_empty(),
    }
}

/// Every span of a block, a table's cell by cell.
fn spans(block: &Block) -> Vec<&Span> {
    match block {
        Block::Heading { spans, .. } | Block::Paragraph { spans, .. } => spans.iter().collect(),
        Block::Table { rows, .. } => rows.iter().flatten().flatten().collect(),
    }
}

fn has_blank(block: &Block) -> bool {
    spans(block).into_iter().any(|s| match s {
        Span::Control(_) => true,
        Span::Text { text, .. } => !tokens(text).iter().all(|t| matches!(t, Token::Text(_))),
        _ => false,
    })
}

/// The title: the document's own, or its title or first heading if one of the first blocks,
/// or a short first line; the block it came from leaves the body.
fn take_title(document: &Document, blocks: &mut Vec<&Block>) -> Option<String> {
    let text = |block: &Block| match block {
        Block::Heading { spans, .. } | Block::Paragraph { spans, .. } => {
            plain(spans).split_whitespace().collect::<Vec<_>>().join(" ")
        }
        Block::Table { .. } => String::new(),
    };
    let first = blocks.iter().take(3);
    let level = |b: &&&Block| match b {
        Block::Heading { level, .. } => Some(*level),
        _ => None,
    };
    let heading =
        first.clone().position(|b| level(&b) == Some(0)).or_else(|| first.clone().position(|b| level(&b).is_some()));
    if let Some(title) = &document.title {
        if let Some(same) = blocks.iter().take(3).position(|b| text(b).eq_ignore_ascii_case(title)) {
            blocks.remove(same);
        }
        return Some(title.clone());
    }
    if let Some(at) = heading {
        return Some(text(blocks.remove(at)));
    }
    let first = blocks.first().filter(|b| matches!(b, Block::Paragraph { list: None, .. })).map(|b| text(b))?;
    let short = first.split_whitespace().count() <= 10
        && !first.ends_with('.')
        && tokens(&first).iter().all(|t| matches!(t, Token::Text(_)));
    if short {
        blocks.remove(0);
        return Some(first);
    }
    None
}

/// A paragraph's text: tabs as tabs, breaks as new lines, controls as nothing.
fn plain(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| match s {
            Span::Text { text, .. } => text.as_str(),
            Span::Tab => "\t",
            Span::Break => "\n",
            Span::Control(_) => "",
        })
        .collect()
}

/// A paragraph typed as a bullet ("- ", "• ", "· ", "– " before its text), without its bullet.
fn strip_bullet(spans: &[Span]) -> Option<Vec<Span>> {
    let first = spans.iter().position(|s| !matches!(s, Span::Text { text, .. } if text.trim().is_empty()))?;
    let Span::Text { text, bold, italic, link } = &spans[first] else { return None };
    let trimmed = text.trim_start();
    let rest = ["- ", "– ", "• ", "· ", "* ", "-\t", "•\t", "·\t", "\u{f0b7}\t", "\u{f0b7} "]
        .iter()
        .find_map(|bullet| trimmed.strip_prefix(bullet))?;
    let mut spans = spans[first..].to_vec();
    spans[0] = Span::Text { text: rest.trim_start().to_owned(), bold: *bold, italic: *italic, link: link.clone() };
    Some(spans)
}

/// Text and blanks, as found in a text.
#[derive(Debug, PartialEq)]
enum Token {
    Text(String),
    /// A run of underscores or dots (`……`, `........`).
    Line(String),
    /// An "xx" placeholder, with the rest of its word when it begins a compound (`Xx-kliniken`).
    Xx {
        written: String,
        rest: Option<String>,
    },
    /// A box to tick.
    Box(char),
}

/// How many dots make a dotted line: "..." ends a sentence, "...." is a blank; `…` counts three.
const DOTS: usize = 4;
const UNDERSCORES: usize = 3;

fn tokens(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut plain = String::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let flush = |plain: &mut String, tokens: &mut Vec<Token>| {
        if !plain.is_empty() {
            tokens.push(Token::Text(std::mem::take(plain)));
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '_' || c == '.' || c == '…' {
            let set: &[char] = if c == '_' { &['_'] } else { &['.', '…'] };
            let end = (i..chars.len()).find(|&j| !set.contains(&chars[j])).unwrap_or(chars.len());
            let weight: usize = chars[i..end].iter().map(|&c| if c == '…' { 3 } else { 1 }).sum();
            if weight >= if c == '_' { UNDERSCORES } else { DOTS } {
                flush(&mut plain, &mut tokens);
                tokens.push(Token::Line(chars[i..end].iter().collect()));
            } else {
                plain.extend(&chars[i..end]);
            }
            i = end;
        } else if c == '☐' || c == '□' {
            flush(&mut plain, &mut tokens);
            tokens.push(Token::Box(c));
            i += 1;
        } else if c.is_alphanumeric() && (i == 0 || !chars[i - 1].is_alphanumeric() && chars[i - 1] != '-') {
            let end = (i..chars.len()).find(|&j| !chars[j].is_alphanumeric()).unwrap_or(chars.len());
            let word: String = chars[i..end].iter().collect();
            if word.len() >= 2 && word.chars().all(|c| c == 'x' || c == 'X') {
                flush(&mut plain, &mut tokens);
                // `Xx-kliniken`: the placeholder names the first part of a compound.
                let rest = (chars.get(end) == Some(&'-')).then(|| {
                    let to = (end + 1..chars.len()).find(|&j| !chars[j].is_alphanumeric()).unwrap_or(chars.len());
                    chars[end + 1..to].iter().collect::<String>()
                });
                tokens.push(Token::Xx { written: word, rest: rest.filter(|r| !r.is_empty()) });
            } else {
                plain.push_str(&word);
            }
            i = end;
        } else {
            plain.push(c);
            i += 1;
        }
    }
    flush(&mut plain, &mut tokens);
    tokens
}

/// An inline item while a paragraph's blanks are labelled.
enum Item {
    Text { text: String, bold: bool, italic: bool, link: Option<String> },
    Tab,
    Break,
    Blank(Blank),
}

/// What a blank is.
#[derive(Clone)]
enum Blank {
    Line,
    Xx(Option<String>),
    Box,
    Control(Control),
}

struct Converter {
    fields: Vec<FormField>,
    notes: Vec<Note>,
    enabled: bool,
}

/// Words a blank's label does not end or begin with: "specialistutbildning i xxx" is labelled
/// "Specialistutbildning", "och beräknas … ……" "Beräknas …".
const TRAILING: &[&str] =
    &["i", "på", "för", "av", "om", "med", "vid", "till", "från", "under", "inom", "som", "den", "det"];
const LEADING: &[&str] = &["och", "samt", "eller", "men"];
/// A label is at most this many words, the last ones before its blank.
const LABEL_WORDS: usize = 6;

impl Converter {
    fn items(&self, spans: &[Span]) -> Vec<Item> {
        let mut items = Vec::new();
        for span in spans {
            match span {
                Span::Text { text, bold, italic, link } => {
                    for token in tokens(text) {
                        let text_item =
                            |t: String| Item::Text { text: t, bold: *bold, italic: *italic, link: link.clone() };
                        items.push(match token {
                            Token::Text(t) => text_item(t),
                            _ if !self.enabled => text_item(written(&token)),
                            Token::Line(_) => Item::Blank(Blank::Line),
                            Token::Xx { rest, .. } => Item::Blank(Blank::Xx(rest)),
                            Token::Box(_) => Item::Blank(Blank::Box),
                        });
                    }
                }
                Span::Tab => items.push(Item::Tab),
                Span::Break => items.push(Item::Break),
                Span::Control(control) if self.enabled => items.push(Item::Blank(Blank::Control(control.clone()))),
                Span::Control(_) => {
                    items.push(Item::Text { text: "______".into(), bold: false, italic: false, link: None })
                }
            }
        }
        // Two dotted or underscored runs with only spaces between are one blank.
        let mut merged: Vec<Item> = Vec::new();
        for item in items {
            if let Item::Blank(Blank::Line) = &item
                && merged.len() >= 2
                && matches!(&merged[merged.len() - 1], Item::Text { text, .. } if text.trim().is_empty())
                && matches!(&merged[merged.len() - 2], Item::Blank(Blank::Line))
            {
                merged.pop();
                continue;
            }
            merged.push(item);
        }
        merged
    }

    /// A paragraph's pieces, its blanks made fields labelled by the text beside them or, for a
    /// blank alone, by `context`.
    fn pieces(&mut self, spans: &[Span], at: usize, context: Option<&str>) -> Vec<Piece> {
        let mut items = self.items(spans);
        // Fields first: dropping a personnummer's blank takes the words before it away.
        let mut fields = Vec::new();
        for i in 0..items.len() {
            fields.push(match &items[i] {
                Item::Blank(blank) => {
                    let label = self.label(&items, i, blank, context);
                    let blank = blank.clone();
                    self.field(&blank, label, &mut items, i, at)
                }
                _ => None,
            });
        }
        let mut pieces = Vec::new();
        for (i, field) in fields.into_iter().enumerate() {
            match &items[i] {
                Item::Text { text, bold, italic, link } => {
                    pieces.push(Piece::Text { text: text.clone(), bold: *bold, italic: *italic, link: link.clone() })
                }
                Item::Tab => pieces.push(Piece::Space),
                Item::Break => pieces.push(Piece::Break),
                Item::Blank(blank) => {
                    if let Some(id) = field {
                        // A line's field stands apart from the words beside it.
                        let line = matches!(*blank, Blank::Line);
                        if line && ends_in_word(&pieces) {
                            pieces.push(Piece::Space);
                        }
                        pieces.push(Piece::Field(id));
                        if line
                            && matches!(items.get(i + 1), Some(Item::Text { text, .. }) if text.starts_with(char::is_alphanumeric))
                        {
                            pieces.push(Piece::Space);
                        }
                    }
                }
            }
        }
        pieces
    }

    /// The label of the blank at `i`: a control's own title, or the words before it (back to
    /// a tab, a line break or another blank), or a word joined to it, or the words after it,
    /// or the paragraph's `context`.
    fn label(&self, items: &[Item], i: usize, blank: &Blank, context: Option<&str>) -> String {
        let before = text_before(items, i);
        let after = text_after(items, i);
        let label = match blank {
            Blank::Control(Control { label: Some(label), .. }) if !generic_name(label) => label.clone(),
            // A box is labelled by the words after it, and by the question before the first
            // box of its line: "Handledarutbildning? ☐ Ja ☐ Nej".
            Blank::Box => {
                let first = items.iter().position(|item| matches!(item, Item::Blank(Blank::Box)));
                let question = first.map(|f| clause(&text_before(items, f))).unwrap_or_default();
                if question.is_empty() {
                    after.clone()
                } else {
                    format!("{}: {}", question.trim_end_matches('?'), after.trim())
                }
            }
            Blank::Xx(Some(rest)) => rest.clone(),
            Blank::Xx(None) => {
                let mut words: Vec<&str> = before.split_whitespace().collect();
                while words.len() > 1 && words.last().is_some_and(|w| TRAILING.contains(&w.to_lowercase().as_str())) {
                    words.pop();
                }
                words.last().map(|w| (*w).to_owned()).unwrap_or_default()
            }
            _ => {
                let joined = after.chars().next().is_some_and(char::is_alphabetic);
                // A blank before "/vecka" is a number per week.
                let per =
                    after.trim_start().strip_prefix('/').and_then(|a| a.split(|c: char| !c.is_alphabetic()).next());
                match per.filter(|p| !p.is_empty()) {
                    _ if joined => after.split_whitespace().next().unwrap_or("").to_owned(),
                    Some(unit) => format!("{} per {unit}", clause(&before)),
                    None => spelt_out(&before).map_or_else(|| clause(&before), str::to_owned),
                }
            }
        };
        let label = tidy(&label);
        if !label.is_empty() {
            return label;
        }
        let label = tidy(&clause(&after));
        if !label.is_empty() {
            return label;
        }
        context.map(tidy).filter(|c| !c.is_empty()).unwrap_or_else(|| "Fält".into())
    }

    /// Declares the blank's field and returns its id (a blank written twice is two fields, each
    /// filled in where it stands); a personnummer is dropped with the words that ask for it.
    fn field(&mut self, blank: &Blank, label: String, items: &mut [Item], i: usize, at: usize) -> Option<String> {
        if asks_for_personnummer(&label) {
            self.notes.push(Note {
                at,
                message: format!(
                    "tomraden för ”{label}” togs bort: handboken frågar aldrig efter personnummer (namn och födelsedatum räcker i avtalet)"
                ),
            });
            // The label is the last words before the blank: they go from where its first word
            // stands.
            let first: Vec<char> =
                label.split_whitespace().next().unwrap_or("").chars().flat_map(char::to_lowercase).collect();
            if let Some(Item::Text { text, .. }) = i.checked_sub(1).map(|p| &mut items[p])
                && let Some(cut) = text.char_indices().rev().map(|(at, _)| at).find(|&at| {
                    text[at..].chars().take(first.len()).flat_map(char::to_lowercase).eq(first.iter().copied())
                })
            {
                text.truncate(cut);
                let kept = text.trim_end_matches([' ', ',', ':', ';', '\t']).len();
                text.truncate(kept);
            }
            return None;
        }
        let kind = match blank {
            Blank::Control(control) => control.kind,
            Blank::Box => FieldKind::Checkbox,
            // "Legitimationsdatum", "Datum" is a date; "Ort och datum" is not; "fr. o. m." is one.
            _ if label.split_whitespace().last().is_some_and(|w| w.to_lowercase().ends_with("datum"))
                && !label.contains(" och ")
                || ABBREVIATIONS.iter().any(|(_, long)| *long == label) =>
            {
                FieldKind::Date
            }
            _ => FieldKind::Text,
        };
        let own = match blank {
            Blank::Control(Control { tag: Some(tag), .. }) if crate::ids::is_plain_id(tag) => Some(tag.clone()),
            _ => None,
        };
        let base = own.unwrap_or_else(|| {
            let slug = slugify(&label);
            let mut short = String::new();
            for part in slug.split('-') {
                if !short.is_empty() && short.len() + part.len() > 40 {
                    break;
                }
                if !short.is_empty() {
                    short.push('-');
                }
                short.push_str(part);
            }
            if short.is_empty() { "falt".into() } else { short }
        });
        // The signature block's fields own ids that begin `underskrift-`.
        let base = if base.starts_with("underskrift-") { format!("falt-{base}") } else { base };
        let mut id = base.clone();
        let mut n = 2;
        while self.fields.iter().any(|f| f.id == id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.fields.push(FormField { id: id.clone(), label, kind, required: false, hint: None });
        Some(id)
    }

    /// A table's cells; an empty cell beside a label, or under a heading cell, is a blank.
    fn table(&mut self, rows: &[Vec<Vec<Span>>], at: usize) -> Vec<Vec<Vec<Piece>>> {
        // Under a first row of labels, a second and last row of empty cells is a row of blanks.
        let header: Vec<String> = match rows {
            [first, _] => first.iter().map(|c| plain(c).trim().to_owned()).collect(),
            _ => Vec::new(),
        };
        let mut out = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            let mut cells = Vec::new();
            for (c, cell) in row.iter().enumerate() {
                let text = plain(cell);
                let only_lines = tokens(&text).iter().all(|t| match t {
                    Token::Text(t) => t.trim().is_empty(),
                    Token::Line(_) => true,
                    _ => false,
                });
                let left = c
                    .checked_sub(1)
                    .map(|l| plain(&row[l]).trim().to_owned())
                    .filter(|l| !l.is_empty() && !has_line(l));
                let above = header.get(c).filter(|h| r > 0 && !h.is_empty()).cloned();
                let label = left.or(above);
                let has_control = cell.iter().any(|s| matches!(s, Span::Control(_)));
                if self.enabled
                    && only_lines
                    && !has_control
                    && let Some(label) = label
                {
                    let blank = Blank::Line;
                    let label = tidy(&label);
                    let mut items = Vec::new();
                    cells.push(self.field(&blank, label, &mut items, 0, at).map(Piece::Field).into_iter().collect());
                } else {
                    let context = c.checked_sub(1).map(|l| plain(&row[l]));
                    cells.push(self.pieces(cell, at, context.as_deref()));
                }
            }
            out.push(cells);
        }
        out
    }
}

/// Whether a label asks for a personnummer, however it is written ("Personnummer",
/// "Personnr", "Pers.nr").
fn asks_for_personnummer(label: &str) -> bool {
    let letters: String = label.to_lowercase().chars().filter(|c| c.is_alphabetic()).collect();
    ["personnummer", "personnr", "persnr"].iter().any(|p| letters.contains(p))
}

fn has_line(text: &str) -> bool {
    tokens(text).iter().any(|t| !matches!(t, Token::Text(_)))
}

fn written(token: &Token) -> String {
    match token {
        Token::Text(t) | Token::Line(t) => t.clone(),
        Token::Xx { written, .. } => written.clone(),
        Token::Box(c) => c.to_string(),
    }
}

/// A legacy form field's default name, which says nothing ("Text1", "Kryss2").
fn generic_name(name: &str) -> bool {
    let stem = name.trim_end_matches(|c: char| c.is_ascii_digit());
    stem.len() < name.len()
        && ["text", "textfält", "check", "kryss", "kryssruta", "dropdown", "listruta"]
            .contains(&stem.to_lowercase().as_str())
}

fn ends_in_word(pieces: &[Piece]) -> bool {
    matches!(pieces.last(), Some(Piece::Text { text, .. }) if text.ends_with(|c: char| c.is_alphanumeric() || c == ')'))
}

/// The text before item `i`, back to a break, a blank, or a tab with words between it and `i`.
fn text_before(items: &[Item], i: usize) -> String {
    let mut parts = Vec::new();
    for item in items[..i].iter().rev() {
        match item {
            Item::Text { text, .. } => parts.push(text.as_str()),
            Item::Tab if parts.iter().any(|p| !p.trim().is_empty()) => break,
            Item::Tab => parts.push(" "),
            Item::Break | Item::Blank(_) => break,
        }
    }
    parts.reverse();
    parts.concat()
}

/// The text after item `i`, to the next tab, break or blank.
fn text_after(items: &[Item], i: usize) -> String {
    let mut text = String::new();
    for item in &items[i + 1..] {
        match item {
            Item::Text { text: t, .. } => text.push_str(t),
            _ => break,
        }
    }
    text
}

/// The last clause of a text: after its last comma, semicolon, colon or bracket, at most
/// `LABEL_WORDS` words.
fn clause(text: &str) -> String {
    let mut text = text.trim().trim_end_matches([':', ';', ',', '–', '-', '(']).trim_end();
    // A hint in brackets after the label is no part of it: "Datum (ÅÅÅÅ-MM-DD): ____".
    if text.ends_with(')')
        && let Some(open) = text.rfind('(')
    {
        text = text[..open].trim_end().trim_end_matches([':', ',']).trim_end();
    }
    let mut start = text.rfind([',', ';', ':', '(', ')', '•', '·']).map_or(0, |p| p + 1);
    // A new clause also begins at a joining word ("… och vid sidotjänstgöring minst"), unless
    // a single word would be left ("Ort och datum").
    for joining in LEADING {
        if let Some(at) = text[start..].rfind(&format!(" {joining} "))
            && text[start + at + joining.len() + 2..].split_whitespace().count() > 1
        {
            start += at + 1;
        }
    }
    let words: Vec<&str> = text[start..].split_whitespace().collect();
    words[words.len().saturating_sub(LABEL_WORDS)..].join(" ")
}

/// The dated abbreviations a blank may follow ("fr. o. m. ____"), spelt out as its label.
const ABBREVIATIONS: &[(&str, &str)] =
    &[("fr.o.m", "Från och med"), ("f.o.m", "Från och med"), ("t.o.m", "Till och med")];

/// A clause that ends in one of `ABBREVIATIONS`, however spaced, is labelled by it alone.
fn spelt_out(clause: &str) -> Option<&'static str> {
    // The abbreviation's pieces: from the end, short words of letters and dots.
    let mut pieces: Vec<&str> = clause
        .split_whitespace()
        .rev()
        .take_while(|w| {
            w.chars().count() <= 8
                && w.chars().all(|c| c.is_alphabetic() || c == '.')
                && (w.contains('.') || w.chars().count() == 1)
        })
        .collect();
    pieces.reverse();
    let squeezed = pieces.concat().to_lowercase();
    let squeezed = squeezed.trim_matches('.');
    ABBREVIATIONS.iter().find(|(short, _)| squeezed == *short).map(|(_, long)| *long)
}

/// A label as shown: trimmed of punctuation and joining words, first letter capital.
fn tidy(label: &str) -> String {
    let label = label.trim_matches(|c: char| c.is_whitespace() || ":;,.–-/()".contains(c));
    let mut words: Vec<&str> = label.split_whitespace().collect();
    while words.first().is_some_and(|w| LEADING.contains(&w.to_lowercase().as_str())) {
        words.remove(0);
    }
    let label = words.join(" ");
    let mut chars = label.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The signature block: the last run of blocks made only of lines to sign on, "Ort" and
/// "Datum", and signers' names (several on a line, apart by tabs or spaces, or one under a
/// line), with at least two signers. Returns where it starts and ends, and the signers.
fn signature_block(blocks: &[&Block]) -> Option<(usize, usize, Vec<String>)> {
    let mut best = None;
    let mut i = 0;
    while i < blocks.len() {
        let (mut j, mut signers, mut marked, mut multi, mut after_line) = (i, Vec::new(), false, 0, false);
        while j < blocks.len() {
            let texts: Vec<String> = match blocks[j] {
                Block::Paragraph { spans, list: None, .. } => vec![plain(spans)],
                Block::Table { rows, .. } => rows.iter().flat_map(|r| r.iter().map(|c| plain(c))).collect(),
                _ => break,
            };
            let lines: Vec<&str> = texts.iter().flat_map(|t| t.split('\n')).collect();
            // A handbook's own Word file: its signature block's controls are tagged
            // `underskrift-…`, each name's titled "Namnförtydligande, <signer>". A control
            // tagged otherwise is a field; one without a tag (LibreOffice drops them when it
            // saves) is a line to write on.
            let controls = controls(blocks[j]);
            if controls.iter().any(|c| c.tag.is_some()) {
                let own = |c: &&Control| c.tag.as_deref().is_some_and(|t| t.starts_with("underskrift-"));
                if !controls.iter().all(own) {
                    break;
                }
                let names = controls.iter().filter(|c| c.tag.as_deref().is_some_and(|t| t.ends_with("-namn")));
                signers.extend(names.filter_map(|c| Some(c.label.as_deref()?.split_once(", ")?.1.to_owned())));
                marked = true;
                j += 1;
                continue;
            }
            let mut fits = true;
            let mut found = Vec::new();
            for line in &lines {
                match line_kind(line) {
                    LineKind::Empty => {}
                    LineKind::Line | LineKind::PlaceDate => {
                        marked = true;
                        after_line = true;
                    }
                    LineKind::Names(names)
                        if names.len() > 1 || after_line || matches!(blocks[j], Block::Table { .. }) =>
                    {
                        if names.len() > 1 {
                            multi += 1;
                        }
                        found.extend(names);
                        after_line = false;
                    }
                    _ => fits = false,
                }
            }
            if !fits {
                break;
            }
            signers.extend(found);
            j += 1;
        }
        // A signature block ends a document: it lies in its second half.
        let table = (i..j).any(|k| matches!(blocks[k], Block::Table { .. }));
        if j > i && 2 * i >= blocks.len() && signers.len() >= 2 && (marked || multi >= 2 || table) {
            signers.dedup();
            // The heading a handbook's own Word file gives the block goes with it.
            let own_heading = i > 0
                && matches!(blocks[i - 1], Block::Heading { spans, .. } if plain(spans).trim() == SIGNATURES_HEADING);
            best = Some((if own_heading { i - 1 } else { i }, j, signers));
            i = j;
        } else {
            i += 1;
        }
    }
    best
}

/// The content controls in a block.
fn controls(block: &Block) -> Vec<&Control> {
    spans(block).into_iter().filter_map(|s| if let Span::Control(c) = s { Some(c) } else { None }).collect()
}

enum LineKind {
    Empty,
    /// Only a line to write on.
    Line,
    /// "Ort", "Datum", "Ort och datum", "Underskrift", "Namnförtydligande", with or without lines.
    PlaceDate,
    /// Short names, apart by tabs or two spaces.
    Names(Vec<String>),
    Other,
}

fn line_kind(line: &str) -> LineKind {
    let toks = tokens(line);
    let text: String = toks
        .iter()
        .filter_map(|t| if let Token::Text(t) = t { Some(t.as_str()) } else { None })
        .collect::<Vec<_>>()
        .join("\t");
    let has_lines = toks.iter().any(|t| matches!(t, Token::Line(_)));
    if text.trim().is_empty() {
        return if has_lines { LineKind::Line } else { LineKind::Empty };
    }
    const PLACE_DATE: &[&str] = &["ort", "datum", "och", "underskrift", "namnförtydligande", "namn"];
    let words = text.split(|c: char| c.is_whitespace() || ",:/".contains(c)).filter(|w| !w.is_empty());
    if words.clone().all(|w| PLACE_DATE.contains(&w.to_lowercase().as_str())) {
        return LineKind::PlaceDate;
    }
    if has_lines || toks.iter().any(|t| !matches!(t, Token::Text(_) | Token::Line(_))) {
        return LineKind::Other;
    }
    // "Underskrift, ST-läkare": the line to sign on names its signer.
    if let Some((first, signer)) = text.trim().split_once([',', ' '])
        && first.eq_ignore_ascii_case("underskrift")
        && !signer.trim().is_empty()
    {
        return LineKind::Names(vec![signer.trim().to_owned()]);
    }
    let names: Vec<String> = text
        .split(['\t', '\n'])
        .flat_map(|part| part.split("  "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    let name_like = |n: &String| {
        n.split_whitespace().count() <= 4
            && n.chars().next().is_some_and(char::is_uppercase)
            && !n.ends_with(['.', ':', ';', ','])
    };
    if names.iter().all(name_like) { LineKind::Names(names) } else { LineKind::Other }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_are_found_in_text() {
        assert_eq!(
            tokens("Datum ____ och ……/vecka"),
            vec![
                Token::Text("Datum ".into()),
                Token::Line("____".into()),
                Token::Text(" och ".into()),
                Token::Line("……".into()),
                Token::Text("/vecka".into())
            ]
        );
        // A sentence's end, "etc..." and "fr. o .m." are no blanks; "xx" alone or before a dash is.
        assert!(tokens("fr. o .m. etc... slut.").iter().all(|t| matches!(t, Token::Text(_))));
        assert_eq!(tokens("Xx-kliniken")[0], Token::Xx { written: "Xx".into(), rest: Some("kliniken".into()) });
        assert!(tokens("xxl Exxon box ÅÅMMDD-XXXX").iter().all(|t| matches!(t, Token::Text(_))));
    }

    #[test]
    fn labels_are_tidied_from_the_words_before() {
        assert_eq!(
            tidy(&clause("Tidigare handledd tjänstgöring att tillgodoräkna: ")),
            "Tidigare handledd tjänstgöring att tillgodoräkna"
        );
        assert_eq!(tidy(&clause(" och beräknas tidigast vara fullgjord ")), "Beräknas tidigast vara fullgjord");
        assert_eq!(tidy(&clause("Parter, ST-läkare ")), "ST-läkare");
        assert_eq!(tidy(&clause("Ort och datum ")), "Ort och datum");
        assert_eq!(tidy(&clause("Datum (ÅÅÅÅ-MM-DD): ")), "Datum");
        assert!(
            asks_for_personnummer("Pers.nr")
                && asks_for_personnummer("Personnummer")
                && !asks_for_personnummer("Person")
        );
        assert_eq!(spelt_out("Region Örebro län fr. o .m. "), Some("Från och med"));
        assert_eq!(spelt_out("t.o.m."), Some("Till och med"));
        assert_eq!(spelt_out("Datum"), None);
    }

    #[test]
    fn signature_lines_are_told_from_text() {
        assert!(matches!(line_kind("Ort\t\t\tDatum"), LineKind::PlaceDate));
        assert!(matches!(line_kind("______  ______"), LineKind::Line));
        assert!(
            matches!(line_kind("Verksamhetschef  ST-läkare"), LineKind::Names(n) if n == ["Verksamhetschef", "ST-läkare"])
        );
        assert!(matches!(line_kind("Datum ____ för mötet."), LineKind::Other));
        assert!(matches!(line_kind("Underskrift, ST-läkare"), LineKind::Names(n) if n == ["ST-läkare"]));
        assert!(matches!(line_kind("Kontraktet signeras efter att planen upprättats."), LineKind::Other));
    }
}
