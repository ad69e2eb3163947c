//! Layout: sets a form document on A4 pages — words wrapped into lines, blanks as fields on the
//! line where they stand, headings kept with what follows, the signature block kept on one
//! page — and records the structure (headings, paragraphs, lists, tables) for tagging.

use super::fonts::{BOLD, Font, REGULAR};
use crate::model::{FieldKind, FormField};
use crate::page::form::{Block, FormDoc, Inline};

pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;
pub const MARGIN: f32 = 62.0;
const TOP: f32 = PAGE_HEIGHT - 64.0;
const BOTTOM: f32 = 72.0;
const WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
pub const BODY: f32 = 10.5;
const LEADING: f32 = 15.0;
const LABEL: f32 = 8.5;

/// The structure roles forms use, as PDF structure types.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Role {
    H1,
    H2,
    H3,
    P,
    L,
    LI,
    Table,
    TR,
    TH,
    TD,
    Form,
    Toc,
    TocItem,
}

pub struct Tag {
    pub role: Role,
    pub parent: Option<usize>,
}

pub enum Op {
    Text { x: f32, y: f32, size: f32, bold: bool, text: String, tag: usize },
    Line { x1: f32, y1: f32, x2: f32, y2: f32 },
}

pub struct Widget {
    pub name: String,
    pub tooltip: String,
    pub kind: FieldKind,
    pub required: bool,
    pub rect: [f32; 4],
    pub tag: usize,
}

#[derive(Default)]
pub struct Page {
    pub ops: Vec<Op>,
    pub widgets: Vec<Widget>,
}

pub struct Layout {
    pub pages: Vec<Page>,
    pub tags: Vec<Tag>,
}

/// What a line is made of.
enum Piece {
    Word(String, bool),
    Space(bool),
    Field(FormField),
    Break,
}

pub fn layout(doc: &FormDoc) -> Layout {
    let mut setter = Setter::new(true);
    let title = setter.tag(Role::H1, None);
    setter.lines(&[Piece::Word(doc.title.clone(), true)], MARGIN, WIDTH, 18.0, 24.0, title);
    let lead = setter.tag(Role::P, None);
    let mut intro = doc.region.clone();
    if let Some(source) = &doc.source {
        intro = format!("{intro}. Källa: {source}");
    }
    setter.lines(&words(&intro, false), MARGIN, WIDTH, 9.0, 13.0, lead);
    setter.y -= 8.0;
    for block in &doc.blocks {
        setter.block(block);
    }
    Layout { pages: setter.pages, tags: setter.tags }
}

/// A page of the handbook as a chapter of the whole: its title, how deep it lies in the menu
/// (0 for the front page), its description, and its content.
pub struct Chapter<'a> {
    pub title: &'a str,
    pub depth: usize,
    pub lead: Option<&'a str>,
    pub blocks: std::borrow::Cow<'a, [Block]>,
}

/// Room kept at the right of the table of contents for the page numbers.
const NUMBER_COLUMN: f32 = 36.0;

/// The whole handbook laid out to print: a title page with the table of contents, then each
/// chapter from a new page, its blanks as lines and boxes. Gives the layout and the page each
/// chapter begins on.
pub fn handbook(title: &str, region: &str, chapters: &[Chapter]) -> (Layout, Vec<usize>) {
    let mut front = Setter::new(false);
    let h1 = front.tag(Role::H1, None);
    front.lines(&words(title, true), MARGIN, WIDTH, 20.0, 26.0, h1);
    let lead = front.tag(Role::P, None);
    front.lines(&words(region, false), MARGIN, WIDTH, 11.0, 15.0, lead);
    front.y -= 12.0;
    let heading = front.tag(Role::H2, None);
    front.lines(&words("Innehåll", true), MARGIN, WIDTH, 14.0, 19.0, heading);
    let toc = front.tag(Role::Toc, None);
    // Where each entry's page number goes, set once the chapters are laid out.
    let mut numbers = Vec::with_capacity(chapters.len());
    for chapter in chapters {
        let item = front.tag(Role::TocItem, Some(toc));
        let indent = 12.0 * chapter.depth.min(4) as f32;
        let width = WIDTH - indent - NUMBER_COLUMN;
        front.lines(&words(chapter.title, chapter.depth == 0), MARGIN + indent, width, BODY, LEADING, item);
        let y = front.y + LEADING - BODY;
        numbers.push((front.pages.len() - 1, front.page().ops.len()));
        front.page().ops.push(Op::Text { x: 0.0, y, size: BODY, bold: false, text: String::new(), tag: item });
    }
    let mut body = Setter::new(false);
    let mut starts = Vec::with_capacity(chapters.len());
    for (i, chapter) in chapters.iter().enumerate() {
        if i > 0 {
            body.pages.push(Page::default());
            body.y = TOP;
        }
        starts.push(front.pages.len() + body.pages.len() - 1);
        let h1 = body.tag(Role::H1, None);
        body.lines(&words(chapter.title, true), MARGIN, WIDTH, 18.0, 24.0, h1);
        if let Some(lead) = chapter.lead {
            let tag = body.tag(Role::P, None);
            body.lines(&words(lead, false), MARGIN, WIDTH, 11.0, 15.0, tag);
        }
        body.y -= 6.0;
        for block in chapter.blocks.iter() {
            body.block(block);
        }
    }
    for ((page, op), start) in numbers.into_iter().zip(&starts) {
        if let Op::Text { x, text, .. } = &mut front.pages[page].ops[op] {
            *text = (start + 1).to_string();
            *x = MARGIN + WIDTH - REGULAR.width(text, BODY);
        }
    }
    // The chapters' tags follow the front page's.
    let offset = front.tags.len();
    for tag in &mut body.tags {
        tag.parent = tag.parent.map(|p| p + offset);
    }
    for op in body.pages.iter_mut().flat_map(|p| &mut p.ops) {
        if let Op::Text { tag, .. } = op {
            *tag += offset;
        }
    }
    front.tags.extend(body.tags);
    front.pages.extend(body.pages);
    (Layout { pages: front.pages, tags: front.tags }, starts)
}

fn words(text: &str, bold: bool) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if !c.is_whitespace() {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            pieces.push(Piece::Word(std::mem::take(&mut word), bold));
        }
        if !matches!(pieces.last(), Some(Piece::Space(_))) {
            pieces.push(Piece::Space(bold));
        }
    }
    if !word.is_empty() {
        pieces.push(Piece::Word(word, bold));
    }
    pieces
}

fn pieces(inline: &[Inline]) -> Vec<Piece> {
    let mut out = Vec::new();
    for item in inline {
        match item {
            Inline::Text { text, bold } => {
                for piece in words(text, *bold) {
                    if !(matches!(piece, Piece::Space(_)) && matches!(out.last(), Some(Piece::Space(_)))) {
                        out.push(piece);
                    }
                }
            }
            Inline::Field(field) => out.push(Piece::Field(field.clone())),
            Inline::Break => out.push(Piece::Break),
        }
    }
    out
}

fn font(bold: bool) -> &'static Font {
    if bold { &BOLD } else { &REGULAR }
}

/// Width a blank takes on a line.
fn field_width(field: &FormField) -> f32 {
    match field.kind {
        FieldKind::Number => 60.0,
        FieldKind::Date => 90.0,
        FieldKind::Checkbox => 11.0,
        FieldKind::Multiline => 220.0,
        FieldKind::Text => 160.0,
    }
}

struct Setter {
    pages: Vec<Page>,
    tags: Vec<Tag>,
    /// Baseline of the next line's top, counting down the page.
    y: f32,
    /// Whether blanks are fields to fill in; if not, they are lines and boxes to print.
    fillable: bool,
}

impl Setter {
    fn new(fillable: bool) -> Self {
        Setter { pages: vec![Page::default()], tags: Vec::new(), y: TOP, fillable }
    }

    /// A blank at `rect`: a field to fill in, or where blanks are printed, a box drawn for a
    /// checkbox (a text blank's line is drawn where it stands).
    fn blank(&mut self, field: &FormField, rect: [f32; 4], parent: usize) -> Option<Widget> {
        if !self.fillable {
            if field.kind == FieldKind::Checkbox {
                self.box_lines(rect);
            }
            return None;
        }
        let form = self.tag(Role::Form, Some(parent));
        Some(widget(field, rect, form))
    }

    fn tag(&mut self, role: Role, parent: Option<usize>) -> usize {
        self.tags.push(Tag { role, parent });
        self.tags.len() - 1
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("there is always a page")
    }

    /// Starts a new page unless `height` still fits on this one.
    fn ensure(&mut self, height: f32) {
        if self.y - height < BOTTOM && self.y < TOP {
            self.pages.push(Page::default());
            self.y = TOP;
        }
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Heading(level, inline) => {
                let (role, size, leading) = match level {
                    1 | 2 => (Role::H2, 14.0, 19.0),
                    3 => (Role::H3, 12.0, 16.0),
                    _ => (Role::H3, BODY, LEADING),
                };
                // A heading is kept with the first lines after it.
                self.y -= 8.0;
                self.ensure(leading + 3.0 * LEADING);
                let tag = self.tag(role, None);
                let mut pieces = pieces(inline);
                for piece in &mut pieces {
                    if let Piece::Word(_, bold) | Piece::Space(bold) = piece {
                        *bold = true;
                    }
                }
                self.lines(&pieces, MARGIN, WIDTH, size, leading, tag);
                self.y -= 2.0;
            }
            Block::Paragraph(inline) => {
                let tag = self.tag(Role::P, None);
                match standalone_field(inline) {
                    Some(field) => self.field_box(field, MARGIN, WIDTH, tag),
                    None => self.lines(&pieces(inline), MARGIN, WIDTH, BODY, LEADING, tag),
                }
                self.y -= 6.0;
            }
            Block::List { ordered, items } => {
                let list = self.tag(Role::L, None);
                for (n, item) in items.iter().enumerate() {
                    let tag = self.tag(Role::LI, Some(list));
                    self.ensure(LEADING);
                    let marker = if *ordered { format!("{}.", n + 1) } else { "•".to_owned() };
                    let y = self.y - BODY;
                    self.page().ops.push(Op::Text { x: MARGIN + 4.0, y, size: BODY, bold: false, text: marker, tag });
                    self.lines(&pieces(item), MARGIN + 18.0, WIDTH - 18.0, BODY, LEADING, tag);
                    self.y -= 2.0;
                }
                self.y -= 4.0;
            }
            Block::Table(rows) => self.table(rows),
            Block::Checklist(points) => {
                let list = self.tag(Role::L, None);
                for point in points {
                    let tag = self.tag(Role::LI, Some(list));
                    self.ensure(2.0 * LEADING);
                    let y = self.y - BODY;
                    let field = FormField {
                        id: point.id.clone(),
                        label: point.text.clone(),
                        kind: FieldKind::Checkbox,
                        required: false,
                        hint: None,
                    };
                    if let Some(widget) = self.blank(&field, [MARGIN, y - 2.0, MARGIN + 11.0, y + 9.0], tag) {
                        self.page().widgets.push(widget);
                    }
                    self.lines(&words(&point.text, false), MARGIN + 20.0, WIDTH - 20.0, BODY, LEADING, tag);
                    self.y -= 5.0;
                }
            }
            Block::Signatures(signers) => self.signatures(signers),
        }
    }

    /// Sets pieces as wrapped lines from `x`, `width` wide, with each blank where it stands.
    fn lines(&mut self, pieces: &[Piece], x: f32, width: f32, size: f32, leading: f32, tag: usize) {
        let mut line: Vec<&Piece> = Vec::new();
        let mut used = 0.0;
        for piece in pieces {
            let measure = |p: &Piece| match p {
                Piece::Word(w, bold) => font(*bold).width(w, size),
                Piece::Space(bold) => font(*bold).width(" ", size),
                Piece::Field(f) => field_width(f),
                Piece::Break => 0.0,
            };
            let w = measure(piece);
            let overflow = !matches!(piece, Piece::Space(_)) && used + w > width && !line.is_empty();
            if matches!(piece, Piece::Break) || overflow {
                self.line(&line, x, size, leading, tag);
                line.clear();
                used = 0.0;
                if matches!(piece, Piece::Break) {
                    continue;
                }
            }
            if matches!(piece, Piece::Space(_)) && line.is_empty() {
                continue;
            }
            line.push(piece);
            used += w;
        }
        if !line.is_empty() {
            self.line(&line, x, size, leading, tag);
        }
    }

    fn line(&mut self, pieces: &[&Piece], x: f32, size: f32, leading: f32, tag: usize) {
        let has_field = pieces.iter().any(|p| matches!(p, Piece::Field(_)));
        let leading = if has_field { leading.max(size + 9.0) } else { leading };
        self.ensure(leading);
        let baseline = self.y - size;
        let mut at = x;
        let mut run = String::new();
        let mut run_start = x;
        let mut run_bold = false;
        let mut ops = Vec::new();
        let mut widgets = Vec::new();
        let end = pieces.iter().rposition(|p| !matches!(p, Piece::Space(_))).map_or(0, |i| i + 1);
        let flush = |ops: &mut Vec<Op>, run: &mut String, x: f32, bold: bool| {
            if !run.is_empty() {
                ops.push(Op::Text { x, y: baseline, size, bold, text: std::mem::take(run), tag });
            }
        };
        for piece in &pieces[..end] {
            let (text, bold) = match piece {
                Piece::Word(w, bold) => (w.as_str(), *bold),
                Piece::Space(bold) => (" ", *bold),
                Piece::Break => continue,
                Piece::Field(field) => {
                    flush(&mut ops, &mut run, run_start, run_bold);
                    let w = field_width(field);
                    if field.kind == FieldKind::Checkbox {
                        widgets.extend(self.blank(field, [at, baseline - 1.0, at + w, baseline + w - 1.0], tag));
                    } else {
                        ops.push(Op::Line { x1: at + 1.0, y1: baseline - 2.5, x2: at + w - 1.0, y2: baseline - 2.5 });
                        widgets.extend(self.blank(
                            field,
                            [at + 1.0, baseline - 2.0, at + w - 1.0, baseline + size],
                            tag,
                        ));
                    }
                    at += w;
                    continue;
                }
            };
            if bold != run_bold {
                flush(&mut ops, &mut run, run_start, run_bold);
            }
            if run.is_empty() {
                run_start = at;
                run_bold = bold;
            }
            run.push_str(text);
            at += font(bold).width(text, size);
        }
        flush(&mut ops, &mut run, run_start, run_bold);
        let page = self.page();
        page.ops.extend(ops);
        page.widgets.extend(widgets);
        self.y -= leading;
    }

    /// A blank that is a paragraph of its own: its label, then a box to write in.
    fn field_box(&mut self, field: &FormField, x: f32, width: f32, tag: usize) {
        if field.kind == FieldKind::Checkbox {
            let mut pieces = vec![Piece::Field(field.clone()), Piece::Space(false)];
            pieces.extend(words(&field.label, false));
            self.lines(&pieces, x, width, BODY, LEADING, tag);
            return;
        }
        let height = if field.kind == FieldKind::Multiline { 54.0 } else { 20.0 };
        let width = match field.kind {
            FieldKind::Date | FieldKind::Number => width.min(200.0),
            _ => width,
        };
        self.ensure(LABEL + 4.0 + height);
        let mut label = field.label.clone();
        if let Some(hint) = &field.hint {
            label = format!("{label} ({hint})");
        }
        self.lines(&words(&label, true), x, width, LABEL, LABEL + 4.0, tag);
        let top = self.y - 1.0;
        let rect = [x, top - height, x + width, top];
        self.box_lines(rect);
        if let Some(widget) = self.blank(field, rect, tag) {
            self.page().widgets.push(widget);
        }
        self.y = top - height - 2.0;
    }

    fn box_lines(&mut self, [x1, y1, x2, y2]: [f32; 4]) {
        let page = self.page();
        for (a, b, c, d) in [(x1, y1, x2, y1), (x2, y1, x2, y2), (x2, y2, x1, y2), (x1, y2, x1, y1)] {
            page.ops.push(Op::Line { x1: a, y1: b, x2: c, y2: d });
        }
    }

    fn table(&mut self, rows: &[Vec<Vec<Inline>>]) {
        let columns = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let column = WIDTH / columns as f32;
        let table = self.tag(Role::Table, None);
        for (r, row) in rows.iter().enumerate() {
            let tr = self.tag(Role::TR, Some(table));
            // Rows are short here: keep each on one page.
            self.ensure(2.0 * LEADING + 6.0);
            let top = self.y;
            let mut lowest = top;
            for (c, cell) in row.iter().enumerate() {
                let role = if r == 0 { Role::TH } else { Role::TD };
                let tag = self.tag(role, Some(tr));
                self.y = top - 3.0;
                let mut pieces = pieces(cell);
                if r == 0 {
                    for piece in &mut pieces {
                        if let Piece::Word(_, bold) | Piece::Space(bold) = piece {
                            *bold = true;
                        }
                    }
                }
                self.lines(&pieces, MARGIN + c as f32 * column + 4.0, column - 8.0, BODY, LEADING + 2.0, tag);
                lowest = lowest.min(self.y - 3.0);
            }
            self.box_lines([MARGIN, lowest, MARGIN + column * columns as f32, top]);
            for c in 1..columns {
                let x = MARGIN + c as f32 * column;
                self.page().ops.push(Op::Line { x1: x, y1: lowest, x2: x, y2: top });
            }
            self.y = lowest;
        }
        self.y -= 8.0;
    }

    /// The signature block, kept together: place, then per signer a line to sign on, the
    /// name in print and the date.
    fn signatures(&mut self, signers: &[String]) {
        let rows = signers.len().div_ceil(2);
        let row_height = 112.0;
        self.y -= 8.0;
        self.ensure(19.0 + 44.0 + rows as f32 * row_height);
        let heading = self.tag(Role::H2, None);
        self.lines(&words(crate::model::SIGNATURES_HEADING, true), MARGIN, WIDTH, 14.0, 19.0, heading);
        let place = self.tag(Role::P, None);
        self.field_box(&crate::model::signature_place(), MARGIN, 200.0, place);
        self.y -= 10.0;
        let column = (WIDTH - 24.0) / 2.0;
        for pair in signers.chunks(2) {
            let top = self.y;
            let mut bottom = top;
            for (i, signer) in pair.iter().enumerate() {
                let x = MARGIN + i as f32 * (column + 24.0);
                let tag = self.tag(Role::P, None);
                self.y = top - 26.0;
                let y = self.y;
                self.page().ops.push(Op::Line { x1: x, y1: y, x2: x + column, y2: y });
                self.y -= 2.0;
                self.lines(&words(&format!("Underskrift, {signer}"), true), x, column, LABEL, LABEL + 6.0, tag);
                for (label, field) in crate::model::signature_fields(signer) {
                    let shown = FormField { label: label.to_owned(), ..field.clone() };
                    self.field_box_named(&shown, &field, x, column, tag);
                    self.y -= 2.0;
                }
                bottom = bottom.min(self.y);
            }
            self.y = bottom - 10.0;
        }
    }

    /// A field box whose visible label is short but whose tooltip names the signer.
    fn field_box_named(&mut self, shown: &FormField, field: &FormField, x: f32, width: f32, tag: usize) {
        let before = self.page().widgets.len();
        self.field_box(shown, x, width, tag);
        if let Some(widget) = self.page().widgets.get_mut(before) {
            widget.tooltip = field.label.clone();
        }
    }
}

fn widget(field: &FormField, rect: [f32; 4], tag: usize) -> Widget {
    Widget {
        name: field.id.clone(),
        tooltip: field.label.clone(),
        kind: field.kind,
        required: field.required,
        rect,
        tag,
    }
}

/// The field of a paragraph that holds nothing else.
pub(super) fn standalone_field(inline: &[Inline]) -> Option<&FormField> {
    let mut field = None;
    for item in inline {
        match item {
            Inline::Field(f) if field.is_none() => field = Some(f),
            Inline::Text { text, .. } if text.trim().is_empty() => {}
            Inline::Break => {}
            _ => return None,
        }
    }
    field
}
