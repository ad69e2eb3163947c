//! Compresses the font every form embeds whole (for what is typed into its fields) once, when the
//! program is built, instead of in every build of a handbook.

use std::io::Write;
use std::path::PathBuf;

fn main() {
    let font = "src/forms/fonts/LiberationSans-Regular.ttf";
    println!("cargo::rerun-if-changed={font}");
    let data = std::fs::read(font).expect("the built-in font is readable");
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(&data).expect("compressing into memory succeeds");
    let compressed = encoder.finish().expect("compressing into memory succeeds");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("LiberationSans-Regular.ttf.zlib"), compressed).expect("OUT_DIR is writable");
}
