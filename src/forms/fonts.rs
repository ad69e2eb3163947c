//! The fonts forms are set in: Liberation Sans regular and bold (SIL OFL, see fonts/LICENSE),
//! built into the binary so every handbook's forms look the same on every machine.

use std::sync::LazyLock;
use ttf_parser::{Face, GlyphId};

pub struct Font {
    pub data: &'static [u8],
    pub face: Face<'static>,
    /// PostScript name, as the PDF names the font.
    pub name: &'static str,
    /// The advance and the glyph of each character below U+0250 (Latin, with every Swedish
    /// letter), looked up once.
    latin: Vec<f32>,
    latin_glyphs: Vec<GlyphId>,
}

/// Characters whose advance a font keeps at hand.
const LATIN: u32 = 0x250;

pub static REGULAR: LazyLock<Font> =
    LazyLock::new(|| Font::new(include_bytes!("fonts/LiberationSans-Regular.ttf"), "LiberationSans"));
pub static BOLD: LazyLock<Font> =
    LazyLock::new(|| Font::new(include_bytes!("fonts/LiberationSans-Bold.ttf"), "LiberationSans-Bold"));

impl Font {
    fn new(data: &'static [u8], name: &'static str) -> Self {
        let face = Face::parse(data, 0).expect("the built-in font parses");
        let mut font = Font { data, face, name, latin: Vec::new(), latin_glyphs: Vec::new() };
        font.latin_glyphs = (0..LATIN).map(|c| char::from_u32(c).map_or(GlyphId(0), |c| font.find_glyph(c))).collect();
        font.latin = font.latin_glyphs.iter().map(|&g| font.glyph_width(g)).collect();
        font
    }

    fn advance(&self, c: char) -> f32 {
        self.glyph_width(self.glyph(c))
    }

    /// The glyph for a character, or for `?` when the font lacks it.
    pub fn glyph(&self, c: char) -> GlyphId {
        self.latin_glyphs.get(c as usize).copied().unwrap_or_else(|| self.find_glyph(c))
    }

    fn find_glyph(&self, c: char) -> GlyphId {
        self.face.glyph_index(c).or_else(|| self.face.glyph_index('?')).unwrap_or(GlyphId(0))
    }

    /// Advance of a glyph in thousandths of the font size, as PDF widths are given.
    pub fn glyph_width(&self, glyph: GlyphId) -> f32 {
        let advance = self.face.glyph_hor_advance(glyph).unwrap_or(0);
        f32::from(advance) * 1000.0 / f32::from(self.face.units_per_em())
    }

    /// Width of a text in points at `size`.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let advance = |c: char| self.latin.get(c as usize).copied().unwrap_or_else(|| self.advance(c));
        text.chars().map(advance).sum::<f32>() * size / 1000.0
    }

    /// Scales a font-unit metric to thousandths of the size.
    pub fn scaled(&self, units: i16) -> f32 {
        f32::from(units) * 1000.0 / f32::from(self.face.units_per_em())
    }
}
