//! The finished site as one set of files keyed by path, each with the source that made it, so
//! two writers of one path are an error naming both; and the write: a build writes each
//! region's files as soon as the region is done, into a fresh folder beside the output folder
//! that is swapped in only when every file is written and the build succeeded, so a failed
//! build never damages the last good site.

use crate::diagnostics::{Diagnostic, codes};
use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// A file of the finished site, relative to the output folder.
#[derive(Clone)]
pub struct Output {
    pub path: String,
    pub bytes: Arc<Vec<u8>>,
    pub origin: Origin,
}

impl Output {
    pub fn new(path: String, bytes: Vec<u8>, origin: Origin) -> Self {
        Output { path, bytes: Arc::new(bytes), origin }
    }
}

/// What made a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A content page, by its source file.
    Page(PathBuf),
    /// A page's PDF or Word file, by the page's source file.
    Download(PathBuf),
    /// A file copied from a content folder.
    ContentFile(PathBuf),
    /// A static file of the theme (a style sheet, a script), by its name under `static/`.
    ThemeFile(String),
    /// A page the theme generates, by what it is ("söksidan").
    Generated(&'static str),
    SearchIndex,
}

impl Origin {
    fn describe(&self) -> String {
        match self {
            Origin::Page(file) => format!("sidan {}", file.display()),
            Origin::Download(file) => format!("nedladdningsfilen till {}", file.display()),
            Origin::ContentFile(file) => format!("filen {}", file.display()),
            Origin::ThemeFile(name) => format!("temats fil static/{name}"),
            Origin::Generated(what) => what.to_string(),
            Origin::SearchIndex => "sökindexet".to_owned(),
        }
    }

    /// The source file an editor can change, if any.
    fn file(&self) -> Option<&Path> {
        match self {
            Origin::Page(file) | Origin::Download(file) | Origin::ContentFile(file) => Some(file),
            _ => None,
        }
    }
}

/// Every file of a build by its path. A build that has written its files keeps them here
/// without their bytes, to find two writers of one path.
#[derive(Default)]
pub struct OutputSet {
    files: BTreeMap<String, Output>,
}

impl OutputSet {
    /// Adds a file; a path taken already is an error naming both writers, and the first stays.
    pub fn add(&mut self, output: Output) -> Result<(), Diagnostic> {
        if let Some(first) = self.files.get(&output.path) {
            let file =
                output.origin.file().or(first.origin.file()).map_or_else(|| PathBuf::from("themes"), Path::to_path_buf);
            return Err(Diagnostic::error(
                codes::SAMMA_UTFIL,
                file,
                format!(
                    "`{}` skulle skrivas två gånger: av {} och av {}",
                    output.path,
                    first.origin.describe(),
                    output.origin.describe()
                ),
            )
            .help("byt namn på filen eller flytta den, så att den får en egen adress"));
        }
        self.files.insert(output.path.clone(), output);
        Ok(())
    }

    /// Adds every file, collecting the collisions.
    pub fn extend(&mut self, outputs: impl IntoIterator<Item = Output>, problems: &mut Vec<Diagnostic>) {
        for output in outputs {
            if let Err(problem) = self.add(output) {
                problems.push(problem);
            }
        }
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Output> {
        self.files.values()
    }

    pub fn into_files(self) -> impl Iterator<Item = Output> {
        self.files.into_values()
    }
}

/// Marks a folder as ours, so a mistyped `--out` never replaces someone's documents.
const MARKER: &str = ".sthandbok-output";

/// Why an output folder cannot be used, in words for the user; `None` if it can.
pub fn refuse(root: &Path, out: &Path) -> Option<String> {
    let root = absolute(root);
    let out = absolute(out);
    if root.starts_with(&out) {
        return Some(format!("utmappen {} innehåller handbokens källor och skulle skrivas över", out.display()));
    }
    for sources in ["content", "regions", "themes"] {
        if out.starts_with(root.join(sources)) {
            return Some(format!("utmappen {} ligger bland källorna i {sources}/", out.display()));
        }
    }
    if out.exists() && !out.is_dir() {
        return Some(format!("{} finns redan och är ingen mapp", out.display()));
    }
    let foreign =
        fs::read_dir(&out).ok().is_some_and(|mut entries| entries.next().is_some()) && !out.join(MARKER).exists();
    if foreign {
        return Some(format!("{} innehåller filer som inte kommer från sthandbok; välj en tom mapp", out.display()));
    }
    None
}

/// Resolves `.` and `..` without touching the disk, and follows symbolic links where the path exists.
fn absolute(path: &Path) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    if let Ok(real) = path.canonicalize() {
        return real;
    }
    let mut clean = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                clean.pop();
            }
            std::path::Component::CurDir => {}
            other => clean.push(other),
        }
    }
    match (clean.parent(), clean.file_name()) {
        (Some(parent), Some(name)) => parent.canonicalize().map_or(clean.clone(), |p| p.join(name)),
        _ => clean,
    }
}

/// A build's files on their way to the output folder: written into a fresh folder beside it
/// as regions finish, and swapped in by `finish`. Dropped unfinished (the build failed), the
/// fresh folder is removed and the output folder is untouched.
pub struct Staging {
    out: PathBuf,
    fresh: PathBuf,
    /// Where the output folder goes while the fresh one takes its place.
    old: PathBuf,
    /// The first write that failed; the build goes on, and `finish` reports it.
    failed: Mutex<Option<io::Error>>,
    finished: bool,
}

impl Staging {
    pub fn new(out: &Path) -> io::Result<Staging> {
        let name = out.file_name().map_or("dist".into(), |n| n.to_string_lossy().into_owned());
        let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        fs::create_dir_all(parent)?;
        let fresh = parent.join(format!(".{name}.ny-{}", std::process::id()));
        let old = parent.join(format!(".{name}.gammal-{}", std::process::id()));
        let _ = fs::remove_dir_all(&fresh);
        fs::create_dir_all(&fresh)?;
        fs::write(fresh.join(MARKER), "")?;
        Ok(Staging { out: out.to_path_buf(), fresh, old, failed: Mutex::new(None), finished: false })
    }

    /// Writes files into the fresh folder, creating each folder once.
    pub fn write(&self, files: &[Output]) {
        let mut made: HashSet<&str> = HashSet::new();
        let written = files.iter().try_for_each(|output| {
            let path = self.fresh.join(&output.path);
            if let Some((folder, _)) = output.path.rsplit_once('/')
                && made.insert(folder)
            {
                fs::create_dir_all(self.fresh.join(folder))?;
            }
            fs::write(path, output.bytes.as_slice())
        });
        if let Err(error) = written {
            self.failed.lock().expect("the first failed write").get_or_insert(error);
        }
    }

    /// Replaces the output folder with the fresh one, unless a write failed.
    pub fn finish(mut self) -> io::Result<()> {
        if let Some(error) = self.failed.lock().expect("the first failed write").take() {
            return Err(error);
        }
        if self.out.exists() {
            fs::rename(&self.out, &self.old)?;
        }
        if let Err(error) = fs::rename(&self.fresh, &self.out) {
            let _ = fs::rename(&self.old, &self.out);
            return Err(error);
        }
        self.finished = true;
        let _ = fs::remove_dir_all(&self.old);
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.fresh);
        }
    }
}
