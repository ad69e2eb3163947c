//! Writing an imported page: front matter with its fields and signers, then its body in
//! Markdown with every character that Markdown or a placeholder would read escaped.

use super::blanks::{Out, Page, Piece};
use crate::model::FieldKind;
use crate::scaffold::Kind;
use std::fmt::Write as _;

pub fn page(page: &Page, kind: Kind, file_name: &str) -> String {
    let mut text = String::from("---\n");
    let _ = writeln!(text, "title: {}", yaml(&page.title));
    match kind {
        Kind::Avtal => text.push_str("kind: avtal\n"),
        Kind::Roll => text.push_str("kind: roll\n"),
        Kind::Checklista => text.push_str("kind: checklista\n"),
        Kind::Sida => {}
    }
    let _ = writeln!(text, "source: {}", yaml(&format!("Word-dokumentet {file_name}")));
    if !page.fields.is_empty() {
        text.push_str("# Fälten fick id och etikett ur texten intill tomraden: granska dem.\nfields:\n");
        for field in &page.fields {
            let _ = writeln!(text, "  - id: {}\n    label: {}", field.id, yaml(&field.label));
            let kind = match field.kind {
                FieldKind::Text => None,
                FieldKind::Date => Some("date"),
                FieldKind::Number => Some("number"),
                FieldKind::Checkbox => Some("checkbox"),
                FieldKind::Multiline => Some("multiline"),
            };
            if let Some(kind) = kind {
                let _ = writeln!(text, "    type: {kind}");
            }
        }
    }
    if !page.signatures.is_empty() {
        text.push_str("signatures:\n");
        for signer in &page.signatures {
            let _ = writeln!(text, "  - {}", yaml(signer));
        }
    }
    text.push_str("---\n");
    let mut previous_item = false;
    for block in &page.body {
        let item = matches!(block, Out::Item { .. });
        // List items follow each other; every other block stands apart.
        text.push_str(if item && previous_item { "" } else { "\n" });
        previous_item = item;
        match block {
            Out::Heading(level, pieces) => {
                let hashes = "#".repeat(usize::from(*level).clamp(1, 5) + 1);
                let _ = writeln!(text, "{hashes} {}", inline(pieces, Context::Heading).trim());
            }
            Out::Paragraph(pieces) => {
                let _ = writeln!(text, "{}", inline(pieces, Context::Paragraph).trim());
            }
            Out::Item { ordered, level, pieces } => {
                let indent = "    ".repeat(usize::from(*level));
                let marker = if *ordered { "1." } else { "-" };
                let _ = writeln!(
                    text,
                    "{indent}{marker} {}",
                    inline(pieces, Context::Item(indent.len() + marker.len() + 1)).trim()
                );
            }
            Out::Table(rows) => table(&mut text, rows),
            Out::Signatures => text.push_str("{{ underskrifter }}\n"),
        }
    }
    text
}

fn table(text: &mut String, rows: &[Vec<Vec<Piece>>]) {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    for (r, row) in rows.iter().enumerate() {
        let cells: Vec<String> = (0..columns)
            .map(|c| row.get(c).map(|cell| inline(cell, Context::Cell).trim().to_owned()).unwrap_or_default())
            .collect();
        let _ = writeln!(text, "| {} |", cells.join(" | "));
        if r == 0 {
            let _ = writeln!(text, "|{}", "---|".repeat(columns));
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Context {
    Heading,
    Paragraph,
    /// A list item, whose continuation lines are indented this far.
    Item(usize),
    Cell,
}

/// Inline Markdown: emphasis around the words (never around their spaces), links, fields as
/// placeholders, breaks as hard breaks (a space in a heading or a table cell).
fn inline(pieces: &[Piece], context: Context) -> String {
    let mut out = String::new();
    // A break or space that ends a paragraph ends nothing.
    let end = pieces.iter().rposition(|p| !matches!(p, Piece::Break | Piece::Space)).map_or(0, |last| last + 1);
    for piece in &pieces[..end] {
        match piece {
            Piece::Text { text, bold, italic, link } => {
                let text = text.replace(['\t', '\u{a0}'], " ");
                let core = text.trim();
                if core.is_empty() {
                    push_space(&mut out, &text);
                    continue;
                }
                let lead = &text[..text.len() - text.trim_start().len()];
                let trail = &text[text.trim_end().len()..];
                push_space(&mut out, lead);
                let marks = match (bold, italic) {
                    (true, true) => "***",
                    (true, false) => "**",
                    (false, true) => "*",
                    (false, false) => "",
                };
                let escaped = escape(core, context == Context::Cell);
                match link {
                    Some(url) => {
                        let url = if url.contains([' ', '(', ')', '<', '>']) {
                            format!("<{}>", url.replace(['<', '>'], ""))
                        } else {
                            url.clone()
                        };
                        let _ = write!(out, "{marks}[{escaped}]({url}){marks}");
                    }
                    None => {
                        let _ = write!(out, "{marks}{escaped}{marks}");
                    }
                }
                push_space(&mut out, trail);
            }
            Piece::Space => push_space(&mut out, " "),
            Piece::Break => match context {
                Context::Paragraph => out.push_str("\\\n"),
                Context::Item(indent) => {
                    out.push_str("\\\n");
                    out.push_str(&" ".repeat(indent));
                }
                Context::Heading | Context::Cell => push_space(&mut out, " "),
            },
            Piece::Field(id) => {
                let _ = write!(out, "{{{{ fält.{id} }}}}");
            }
        }
    }
    // What would start a block at the beginning of a line is escaped there.
    out.split('\n').map(escape_line_start).collect::<Vec<_>>().join("\n")
}

/// Spaces as one, never two in a row.
fn push_space(out: &mut String, space: &str) {
    if !space.is_empty() && !out.ends_with([' ', '\n']) && !out.is_empty() {
        out.push(' ');
    }
}

/// Escapes what Markdown reads as markup inside a line, and braces (a placeholder or a mark
/// `{tema=…}`); in a table cell, also the bar.
fn escape(text: &str, cell: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '{' | '}' | '~' | '&') || (cell && c == '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A line that would begin a heading, a quote, a list or a rule is escaped at its start.
fn escape_line_start(line: &str) -> String {
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    if trimmed.starts_with(['#', '+', '-', '=', '|']) {
        format!("{indent}\\{trimmed}")
    } else if digits > 0 && trimmed[digits..].starts_with(['.', ')']) {
        format!("{indent}{}\\{}", &trimmed[..digits], &trimmed[digits..])
    } else {
        line.to_owned()
    }
}

/// A YAML scalar: as it is where that is safe, else in double quotes.
fn yaml(text: &str) -> String {
    let plain = !text.is_empty()
        && text.chars().next().is_some_and(char::is_alphanumeric)
        && !text.ends_with(|c: char| c.is_whitespace() || c == ':')
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.contains(['"', '\'', '{', '}', '[', ']', '\t', '\n', '\\', '`', '|', '>', '*', '&', '!', '%', '@'])
        && !matches!(text.to_lowercase().as_str(), "yes" | "no" | "true" | "false" | "null" | "on" | "off" | "~")
        && text.parse::<f64>().is_err();
    if plain {
        return text.to_owned();
    }
    let mut quoted = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_markdown_would_read_is_escaped() {
        assert_eq!(escape_line_start("2021. Året"), "2021\\. Året");
        assert_eq!(escape_line_start("- inte en lista"), "\\- inte en lista");
        assert_eq!(escape("a_b {{ x }} *", false), "a\\_b \\{\\{ x \\}\\} \\*");
        assert_eq!(yaml("ST-läkare"), "ST-läkare");
        assert_eq!(yaml("Kontrakt: ST"), "\"Kontrakt: ST\"");
        assert_eq!(yaml("2021"), "\"2021\"");
    }
}
