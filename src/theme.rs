//! The theme: templates and static files built into the binary from `themes/default/`, any of
//! which a handbook overrides by putting a file at the same path in its own `themes/<name>/`.

use crate::diagnostics::{Diagnostic, codes};
use crate::source::read_text;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

macro_rules! builtin {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!("../themes/default/", $path)))),*]
    };
}

const BUILTIN: &[(&str, &[u8])] = builtin![
    "templates/base.html",
    "templates/page.html",
    "templates/regions.html",
    "templates/404.html",
    "templates/tillganglighet.html",
    "templates/om.html",
    "templates/macros.html",
    "templates/sok.html",
    "templates/andringar.html",
    "templates/vem-gor-vad.html",
    "templates/skriv-ut.html",
    "static/style.css",
    "static/sok.js",
];

pub struct Theme {
    /// Template name (path under `templates/`) → source, and the file it came from.
    pub templates: BTreeMap<String, (String, PathBuf)>,
    /// Path under `static/` → bytes.
    pub statics: BTreeMap<String, Vec<u8>>,
}

pub fn load(root: &Path, name: &str) -> Result<Theme, Vec<Diagnostic>> {
    let builtin_dir = Path::new("themes/default");
    let mut theme = Theme { templates: BTreeMap::new(), statics: BTreeMap::new() };
    for (path, bytes) in BUILTIN {
        theme.add(path, bytes.to_vec(), builtin_dir.join(path));
    }
    let dir = Path::new("themes").join(name);
    let mut problems = Vec::new();
    if root.join(&dir).is_dir() {
        for entry in
            WalkDir::new(root.join(&dir)).follow_links(true).sort_by_file_name().into_iter().filter_map(Result::ok)
        {
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(root.join(&dir)).unwrap_or(entry.path());
            let key = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            let file = dir.join(rel);
            let bytes = if key.starts_with("templates/") {
                read_text(root, &file).map(String::into_bytes)
            } else {
                std::fs::read(entry.path())
                    .map_err(|e| Diagnostic::error(codes::LAS_FEL, &file, format!("kunde inte läsa filen: {e}")))
            };
            match bytes {
                Ok(bytes) => theme.add(&key, bytes, file),
                Err(d) => problems.push(d),
            }
        }
    }
    if problems.is_empty() { Ok(theme) } else { Err(problems) }
}

impl Theme {
    fn add(&mut self, key: &str, bytes: Vec<u8>, file: PathBuf) {
        if let Some(name) = key.strip_prefix("templates/") {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            self.templates.insert(name.to_owned(), (text, file));
        } else if let Some(name) = key.strip_prefix("static/") {
            self.statics.insert(name.to_owned(), bytes);
        }
    }
}
