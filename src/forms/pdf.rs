//! PDF: the laid-out form written with pdf-writer. Body text uses subset CID fonts with a
//! ToUnicode map (so copying and text extraction give back the Swedish text); every blank is an
//! AcroForm field named by its id with its label as tooltip, typed text set in a complete
//! WinAnsi TrueType font (users may type any letter); the content is tagged; pages are numbered.

use super::fonts::{BOLD, Font, REGULAR};
use super::layout::{self, Chapter, Layout, Op, PAGE_HEIGHT, PAGE_WIDTH, Role, Widget};
use crate::model::FieldKind;
use crate::page::form::FormDoc;
use pdf_writer::types::{
    AnnotationFlags, CidFontType, FieldFlags, FontFlags, PageMode, StructRole, SystemInfo, UnicodeCmap,
};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use subsetter::GlyphRemapper;

/// The font typed text is shown in, named in every field's default appearance.
const FIELD_FONT: &[u8] = b"FF";
const FIELD_SIZE: f32 = 10.0;

struct Refs {
    next: i32,
}

impl Refs {
    fn next(&mut self) -> Ref {
        self.next += 1;
        Ref::new(self.next)
    }
}

/// A body font's subset: the new glyph id of every character used.
struct Subset {
    font: &'static Font,
    remapper: GlyphRemapper,
    chars: BTreeMap<u16, char>,
    /// The new glyph id of each Latin character used so far, 0 for one not yet used (0 is the
    /// subset's own missing glyph, which no character maps to).
    latin: Vec<u16>,
}

/// Characters a subset maps without looking them up again.
const LATIN: usize = 0x250;

impl Subset {
    fn new(font: &'static Font) -> Self {
        Subset { font, remapper: GlyphRemapper::new(), chars: BTreeMap::new(), latin: vec![0; LATIN] }
    }

    fn encode(&mut self, text: &str) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(text.len() * 2);
        for c in text.chars() {
            let known = self.latin.get(c as usize).copied().filter(|&g| g != 0);
            let glyph = known.unwrap_or_else(|| {
                let glyph = self.remapper.remap(self.font.glyph(c).0);
                self.chars.entry(glyph).or_insert(c);
                if let Some(slot) = self.latin.get_mut(c as usize) {
                    *slot = glyph;
                }
                glyph
            });
            bytes.extend(glyph.to_be_bytes());
        }
        bytes
    }
}

/// A form as a fillable PDF.
pub fn write(doc: &FormDoc) -> Vec<u8> {
    document(&layout::layout(doc), &format!("{} – {}", doc.title, doc.region), &[])
}

/// The whole handbook as one PDF to print, with an outline of its chapters.
pub fn handbook(title: &str, region: &str, chapters: &[Chapter]) -> Vec<u8> {
    let (layout, starts) = layout::handbook(title, region, chapters);
    let outline: Vec<(&str, usize)> = chapters.iter().map(|c| c.title).zip(starts).collect();
    document(&layout, &format!("{title} – {region}"), &outline)
}

/// Writes laid-out pages titled `title` (in the window, the footer and the document's
/// information), with an outline entry per (title, page).
fn document(layout: &Layout, title: &str, outline: &[(&str, usize)]) -> Vec<u8> {
    let mut refs = Refs { next: 0 };
    let catalog = refs.next();
    let tree = refs.next();
    let struct_root = refs.next();
    let document_element = refs.next();
    let page_refs: Vec<(Ref, Ref)> = layout.pages.iter().map(|_| (refs.next(), refs.next())).collect();
    let tag_refs: Vec<Ref> = layout.tags.iter().map(|_| refs.next()).collect();
    let body_fonts = [refs.next(), refs.next()];
    let field_font = refs.next();

    let mut pdf = Pdf::new();
    let mut subsets = [Subset::new(&REGULAR), Subset::new(&BOLD)];
    // Per tag, its content: marked content ids with their page, and widget annotations.
    let mut tag_content: Vec<Vec<Kid>> = vec![Vec::new(); layout.tags.len()];
    // The structure tree's way back from content: per page (keyed by its number) the element of
    // each marked content id, then per widget (keyed after the pages) its element.
    let mut page_parents: Vec<Vec<Ref>> = Vec::new();
    let mut widget_parents: Vec<Ref> = Vec::new();
    let mut all_fields = Vec::new();
    let pages = layout.pages.len();
    let mut widget_key = pages as i32;

    for (number, page) in layout.pages.iter().enumerate() {
        let (page_ref, content_ref) = page_refs[number];
        let mut content = Content::new();
        let mut mcids: Vec<Ref> = Vec::new();
        for op in &page.ops {
            match op {
                Op::Text { x, y, size, bold, text, tag } => {
                    let mcid = mcids.len() as i32;
                    mcids.push(tag_refs[*tag]);
                    tag_content[*tag].push(Kid::Content { page: page_ref, mcid });
                    let role = role_name(layout.tags[*tag].role);
                    content.begin_marked_content_with_properties(Name(role.as_bytes())).properties().identify(mcid);
                    let subset = &mut subsets[usize::from(*bold)];
                    let encoded = subset.encode(text);
                    content.begin_text();
                    content.set_font(Name(if *bold { b"F2" } else { b"F1" }), *size);
                    content.next_line(*x, *y);
                    content.show(Str(&encoded));
                    content.end_text();
                    content.end_marked_content();
                }
                Op::Line { x1, y1, x2, y2, .. } => {
                    content.begin_marked_content(Name(b"Artifact"));
                    content.set_line_width(0.6).set_stroke_gray(0.35);
                    content.move_to(*x1, *y1).line_to(*x2, *y2).stroke();
                    content.end_marked_content();
                }
            }
        }
        // The footer is an artifact: not part of the document's reading order.
        let footer = format!("Sida {} av {pages}", number + 1);
        let encoded = subsets[0].encode(&footer);
        let footer_title = subsets[0].encode(title);
        content.begin_marked_content(Name(b"Artifact"));
        content.begin_text().set_font(Name(b"F1"), 8.0).set_fill_gray(0.3);
        content.next_line(layout::MARGIN, 36.0).show(Str(&footer_title)).end_text();
        let width = REGULAR.width(&footer, 8.0);
        content.begin_text().set_font(Name(b"F1"), 8.0);
        content.next_line(PAGE_WIDTH - layout::MARGIN - width, 36.0).show(Str(&encoded)).end_text();
        content.end_marked_content();
        page_parents.push(mcids);

        let mut annotations = Vec::new();
        for widget in &page.widgets {
            let field = refs.next();
            annotations.push(field);
            all_fields.push(field);
            tag_content[widget.tag].push(Kid::Object { page: page_ref, object: field });
            widget_parents.push(tag_refs[widget.tag]);
            write_widget(&mut pdf, &mut refs, widget, [field, page_ref, field_font], widget_key);
            widget_key += 1;
        }

        let mut page_writer = pdf.page(page_ref);
        page_writer.parent(tree).media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT)).contents(content_ref);
        page_writer.struct_parents(number as i32);
        page_writer.pair(Name(b"Tabs"), Name(b"S"));
        if !annotations.is_empty() {
            page_writer.annotations(annotations);
        }
        let mut resources = page_writer.resources();
        let mut fonts = resources.fonts();
        fonts.pair(Name(b"F1"), body_fonts[0]);
        fonts.pair(Name(b"F2"), body_fonts[1]);
        fonts.finish();
        resources.finish();
        page_writer.finish();
        let data = deflate_fast(&content.finish());
        pdf.stream(content_ref, &data).filter(Filter::FlateDecode);
    }

    pdf.pages(tree).kids(page_refs.iter().map(|(p, _)| *p)).count(pages as i32);
    for (subset, font_ref) in subsets.iter().zip(body_fonts) {
        write_subset(&mut pdf, &mut refs, subset, font_ref);
    }
    // Typed text needs the complete font; a form of checkboxes only does without it, and then
    // names no font at all.
    let typed = layout.pages.iter().flat_map(|p| &p.widgets).any(|w| w.kind != FieldKind::Checkbox);
    if typed {
        write_field_font(&mut pdf, &mut refs, field_font);
    }
    write_structure(&mut pdf, layout, &tag_refs, &tag_content, document_element, struct_root);

    let outline_root = (!outline.is_empty()).then(|| write_outline(&mut pdf, &mut refs, outline, &page_refs));
    let mut catalog_writer = pdf.catalog(catalog);
    catalog_writer.pages(tree).lang(TextStr("sv-SE"));
    catalog_writer.viewer_preferences().display_doc_title(true);
    catalog_writer.mark_info().marked(true);
    catalog_writer.pair(Name(b"StructTreeRoot"), struct_root);
    if let Some(root) = outline_root {
        catalog_writer.outlines(root).page_mode(PageMode::UseOutlines);
    }
    // Every field has its appearance, so viewers show and print the form as it is written.
    if !all_fields.is_empty() {
        let mut form = catalog_writer.form();
        form.fields(all_fields);
        if typed {
            let appearance = format!("/{} {FIELD_SIZE} Tf 0 g", std::str::from_utf8(FIELD_FONT).unwrap_or("FF"));
            form.default_appearance(Str(appearance.as_bytes()));
            form.default_resources().fonts().pair(Name(FIELD_FONT), field_font);
        }
    }
    catalog_writer.finish();
    // A page's marked content ids index an array of their elements, an object of its own.
    let page_arrays: Vec<Ref> = page_parents.iter().map(|_| refs.next()).collect();
    for (id, elements) in page_arrays.iter().zip(&page_parents) {
        pdf.indirect(*id).array().items(elements.iter().copied());
    }
    // The structure tree's root is an object of its own, so its elements can point to it.
    let mut root = pdf.indirect(struct_root).start::<pdf_writer::writers::StructTreeRoot>();
    root.child(document_element);
    let mut numbers = root.parent_tree();
    let mut nums = numbers.nums();
    for (key, array) in page_arrays.iter().enumerate() {
        nums.insert(key as i32, *array);
    }
    for (key, element) in (pages as i32..).zip(&widget_parents) {
        nums.insert(key, *element);
    }
    nums.finish();
    numbers.finish();
    root.parent_tree_next_key(widget_key);
    root.finish();

    let mut info = pdf.document_info(refs.next());
    info.title(TextStr(title));
    info.producer(TextStr("sthandbok"));
    info.finish();
    let mut hasher = DefaultHasher::new();
    title.hash(&mut hasher);
    let id = Hasher::finish(&hasher).to_be_bytes().to_vec();
    pdf.set_file_id((id.clone(), id));
    pdf.finish()
}

/// The outline: one entry per (title, page), in order; gives its root.
fn write_outline(pdf: &mut Pdf, refs: &mut Refs, entries: &[(&str, usize)], pages: &[(Ref, Ref)]) -> Ref {
    let root = refs.next();
    let items: Vec<Ref> = entries.iter().map(|_| refs.next()).collect();
    let last = items.len() - 1;
    pdf.outline(root).first(items[0]).last(items[last]).count(items.len() as i32);
    for (i, (title, page)) in entries.iter().enumerate() {
        let mut item = pdf.outline_item(items[i]);
        item.title(TextStr(title)).parent(root);
        if i > 0 {
            item.prev(items[i - 1]);
        }
        if i < last {
            item.next(items[i + 1]);
        }
        item.dest().page(pages[*page].0).xyz(0.0, PAGE_HEIGHT, None);
    }
    root
}

#[derive(Clone)]
enum Kid {
    Content { page: Ref, mcid: i32 },
    Object { page: Ref, object: Ref },
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::H1 => "H1",
        Role::H2 => "H2",
        Role::H3 => "H3",
        Role::P => "P",
        Role::L => "L",
        Role::LI => "LI",
        Role::Table => "Table",
        Role::TR => "TR",
        Role::TH => "TH",
        Role::TD => "TD",
        Role::Form => "Form",
        Role::Toc => "TOC",
        Role::TocItem => "TOCI",
    }
}

fn struct_role(role: Role) -> StructRole {
    match role {
        Role::H1 => StructRole::H1,
        Role::H2 => StructRole::H2,
        Role::H3 => StructRole::H3,
        Role::P => StructRole::P,
        Role::L => StructRole::L,
        Role::LI => StructRole::LI,
        Role::Table => StructRole::Table,
        Role::TR => StructRole::TR,
        Role::TH => StructRole::TH,
        Role::TD => StructRole::TD,
        Role::Form => StructRole::Form,
        Role::Toc => StructRole::TOC,
        Role::TocItem => StructRole::TOCI,
    }
}

fn write_structure(pdf: &mut Pdf, layout: &Layout, refs: &[Ref], content: &[Vec<Kid>], document: Ref, root: Ref) {
    let mut children: Vec<Vec<Ref>> = vec![Vec::new(); layout.tags.len()];
    let mut top = Vec::new();
    for (i, tag) in layout.tags.iter().enumerate() {
        match tag.parent {
            Some(parent) => children[parent].push(refs[i]),
            None => top.push(refs[i]),
        }
    }
    let mut element = pdf.struct_element(document);
    element.kind(StructRole::Document).parent(root);
    let mut kids = element.children();
    for child in top {
        kids.struct_element(child);
    }
    kids.finish();
    element.finish();
    for (i, tag) in layout.tags.iter().enumerate() {
        let mut element = pdf.struct_element(refs[i]);
        element.kind(struct_role(tag.role));
        element.parent(tag.parent.map_or(document, |p| refs[p]));
        // The element's page is that of its first content; content there is named by its id
        // alone, content on a later page by a reference that names the page.
        let home = content[i].first().map(|kid| match kid {
            Kid::Content { page, .. } | Kid::Object { page, .. } => *page,
        });
        if let Some(page) = home {
            element.page(page);
        }
        let mut kids = element.children();
        for kid in &content[i] {
            match kid {
                Kid::Content { page, mcid } if Some(*page) == home => {
                    kids.marked_content_id(*mcid);
                }
                Kid::Content { page, mcid } => {
                    kids.marked_content_ref().page(*page).marked_content_id(*mcid);
                }
                Kid::Object { page, object } => {
                    kids.object_ref().page(*page).object(*object);
                }
            }
        }
        for child in &children[i] {
            kids.struct_element(*child);
        }
        kids.finish();
        element.finish();
    }
}

/// An appearance state's name, the stream's id and its content.
type AppearanceStream = (&'static [u8], Ref, Vec<u8>);

/// Writes a widget merged with its field; `ids` are the field's, its page's and the field font's.
fn write_widget(pdf: &mut Pdf, refs: &mut Refs, widget: &Widget, ids: [Ref; 3], key: i32) {
    let [field, page, font] = ids;
    let [x1, y1, x2, y2] = widget.rect;
    let (width, height) = (x2 - x1, y2 - y1);
    let appearances: Vec<AppearanceStream> = if widget.kind == FieldKind::Checkbox {
        let mut off = Content::new();
        off.set_line_width(0.8).set_stroke_gray(0.2).rect(0.5, 0.5, width - 1.0, height - 1.0).stroke();
        let mut on = Content::new();
        on.set_line_width(0.8).set_stroke_gray(0.2).rect(0.5, 0.5, width - 1.0, height - 1.0).stroke();
        on.set_line_width(1.4)
            .move_to(2.2, height * 0.5)
            .line_to(width * 0.42, 2.2)
            .line_to(width - 2.0, height - 2.0)
            .stroke();
        vec![(b"Off", refs.next(), off.finish().into_vec()), (b"Yes", refs.next(), on.finish().into_vec())]
    } else {
        let mut empty = Content::new();
        empty.begin_marked_content(Name(b"Tx")).end_marked_content();
        vec![(b"N", refs.next(), empty.finish().into_vec())]
    };
    for (_, id, data) in &appearances {
        let mut xobject = pdf.form_xobject(*id, data);
        xobject.bbox(Rect::new(0.0, 0.0, width, height));
        if widget.kind != FieldKind::Checkbox {
            xobject.resources().fonts().pair(Name(FIELD_FONT), font);
        }
    }
    let mut writer = pdf.form_field(field);
    writer.partial_name(TextStr(&widget.name));
    writer.alternate_name(TextStr(&widget.tooltip));
    let mut flags = FieldFlags::empty();
    if widget.required {
        flags |= FieldFlags::REQUIRED;
    }
    if widget.kind == FieldKind::Checkbox {
        writer.field_type(pdf_writer::types::FieldType::Button);
        writer.checkbox_value(pdf_writer::types::CheckBoxState::Off);
    } else {
        writer.field_type(pdf_writer::types::FieldType::Text);
        if widget.kind == FieldKind::Multiline {
            flags |= FieldFlags::MULTILINE;
        }
        writer.vartext_default_appearance(Str(format!("/FF {FIELD_SIZE} Tf 0 g").as_bytes()));
    }
    writer.field_flags(flags);
    let mut annotation = writer.into_annotation();
    annotation.rect(Rect::new(x1, y1, x2, y2)).page(page).flags(AnnotationFlags::PRINT);
    annotation.struct_parent(key);
    if widget.kind == FieldKind::Checkbox {
        // The box's border and background, for a viewer that draws the box itself.
        annotation.appearance_characteristics().border_color_gray(0.2).background_color_gray(1.0);
        annotation.appearance_state(Name(b"Off"));
        let mut appearance = annotation.appearance();
        let mut normal = appearance.normal().streams();
        for (state, id, _) in &appearances {
            normal.pair(Name(state), *id);
        }
        normal.finish();
        appearance.finish();
    } else {
        annotation.appearance().normal().stream(appearances[0].1);
    }
    annotation.finish();
}

fn write_subset(pdf: &mut Pdf, refs: &mut Refs, subset: &Subset, type0: Ref) {
    let cid = refs.next();
    let descriptor = refs.next();
    let file = refs.next();
    let cmap_ref = refs.next();
    let data = subsetter::subset(subset.font.data, 0, &subset.remapper).unwrap_or_default();
    // A subset's name starts with a tag derived from what it holds.
    let mut hasher = DefaultHasher::new();
    subset.chars.hash(&mut hasher);
    let hash = Hasher::finish(&hasher);
    let tag: String = (0..6).map(|i| char::from(b'A' + ((hash >> (i * 5)) % 26) as u8)).collect();
    let name = format!("{tag}+{}", subset.font.name);
    pdf.type0_font(type0)
        .base_font(Name(name.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(cmap_ref);
    let system = SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };
    let mut cid_font = pdf.cid_font(cid);
    cid_font.subtype(CidFontType::Type2).base_font(Name(name.as_bytes())).system_info(system);
    cid_font.font_descriptor(descriptor).default_width(0.0).cid_to_gid_map_predefined(Name(b"Identity"));
    let mut widths = cid_font.widths();
    for (new, old) in subset.remapper.remapped_gids().enumerate() {
        widths.consecutive(new as u16, [subset.font.glyph_width(ttf_parser::GlyphId(old))]);
    }
    widths.finish();
    cid_font.finish();
    write_descriptor(pdf, subset.font, descriptor, &name).font_file2(file);
    let mut cmap = UnicodeCmap::new(Name(b"Custom"), system);
    for (glyph, c) in &subset.chars {
        cmap.pair(*glyph, *c);
    }
    pdf.cmap(cmap_ref, &cmap.finish());
    pdf.stream(file, &deflate_fast(&data)).filter(Filter::FlateDecode).pair(Name(b"Length1"), data.len() as i32);
}

fn write_descriptor<'a>(pdf: &'a mut Pdf, font: &Font, id: Ref, name: &str) -> pdf_writer::writers::FontDescriptor<'a> {
    let face = &font.face;
    let bbox = face.global_bounding_box();
    let mut descriptor = pdf.font_descriptor(id);
    descriptor
        .name(Name(name.as_bytes()))
        .flags(FontFlags::NON_SYMBOLIC)
        .bbox(Rect::new(
            font.scaled(bbox.x_min),
            font.scaled(bbox.y_min),
            font.scaled(bbox.x_max),
            font.scaled(bbox.y_max),
        ))
        .italic_angle(0.0)
        .ascent(font.scaled(face.ascender()))
        .descent(font.scaled(face.descender()))
        .cap_height(font.scaled(face.capital_height().unwrap_or(face.ascender())))
        .stem_v(if font.name.ends_with("Bold") { 120.0 } else { 80.0 });
    descriptor
}

/// The complete regular font as a simple TrueType font in WinAnsi encoding, for typed text.
fn write_field_font(pdf: &mut Pdf, refs: &mut Refs, id: Ref) {
    let descriptor = refs.next();
    let file = refs.next();
    let widths: Vec<f32> = (32u8..=255).map(|code| REGULAR.glyph_width(REGULAR.glyph(win_ansi(code)))).collect();
    let mut font = pdf.indirect(id).dict();
    font.pair(Name(b"Type"), Name(b"Font"));
    font.pair(Name(b"Subtype"), Name(b"TrueType"));
    font.pair(Name(b"BaseFont"), Name(REGULAR.name.as_bytes()));
    font.pair(Name(b"FirstChar"), 32);
    font.pair(Name(b"LastChar"), 255);
    font.insert(Name(b"Widths")).array().items(widths);
    font.pair(Name(b"Encoding"), Name(b"WinAnsiEncoding"));
    font.pair(Name(b"FontDescriptor"), descriptor);
    font.finish();
    write_descriptor(pdf, &REGULAR, descriptor, REGULAR.name).font_file2(file);
    pdf.stream(file, FIELD_FONT_FILE).filter(Filter::FlateDecode).pair(Name(b"Length1"), REGULAR.data.len() as i32);
}

/// The complete regular font, compressed when the program was built (`build.rs`).
static FIELD_FONT_FILE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/LiberationSans-Regular.ttf.zlib"));

/// The character a WinAnsi code stands for.
fn win_ansi(code: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match code {
        128..=159 => HIGH[usize::from(code - 128)],
        _ => char::from(code),
    }
}

/// Compresses a font subset or a page's content at deflate's fastest level: a few hundred
/// bytes larger per form than the default level, in a third of the time.
fn deflate_fast(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    let _ = encoder.write_all(data);
    encoder.finish().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    /// The font compressed when the program was built is the built-in font, byte for byte.
    #[test]
    fn the_field_font_inflates_to_the_built_in_font() {
        let mut inflated = Vec::new();
        flate2::read::ZlibDecoder::new(FIELD_FONT_FILE).read_to_end(&mut inflated).unwrap();
        assert!(inflated == REGULAR.data, "the compressed field font is LiberationSans-Regular.ttf");
    }
}
