//! Write: put the finished files into a fresh folder beside the output folder and swap it in
//! only when every file is written, so a failed build never damages the last good site.

use crate::render::Output;
use rayon::prelude::*;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

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

pub fn write(out: &Path, outputs: &[Output]) -> io::Result<()> {
    let name = out.file_name().map_or("dist".into(), |n| n.to_string_lossy().into_owned());
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(parent)?;
    let fresh = parent.join(format!(".{name}.ny-{}", std::process::id()));
    let old = parent.join(format!(".{name}.gammal-{}", std::process::id()));
    let _ = fs::remove_dir_all(&fresh);
    let written = write_all(&fresh, outputs).and_then(|()| {
        if out.exists() {
            fs::rename(out, &old)?;
        }
        fs::rename(&fresh, out).inspect_err(|_| {
            let _ = fs::rename(&old, out);
        })
    });
    if written.is_err() {
        let _ = fs::remove_dir_all(&fresh);
    }
    let _ = fs::remove_dir_all(&old);
    written
}

fn write_all(dir: &Path, outputs: &[Output]) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    fs::write(dir.join(MARKER), "")?;
    outputs.par_iter().try_for_each(|output| {
        let path = dir.join(&output.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, &output.bytes)
    })
}
