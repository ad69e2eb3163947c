//! Load: walk the handbook folder, read every source as UTF-8, split front matter from body and
//! parse the YAML. Output: `Sources`, or every problem found on the way.

use crate::diagnostics::{Diagnostic, closest, codes};
use crate::model::{FrontMatter, RegionConfig, Regulation, SiteConfig};
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use walkdir::WalkDir;

pub const CONFIG_FILE: &str = "sthandbok.yaml";
pub const REGION_FILE: &str = "region.yaml";
/// The regulations the handbook may cite, for `check`; optional.
pub const REGULATIONS_FILE: &str = "regelverk.yaml";

pub struct Sources {
    pub config: SiteConfig,
    /// What went wrong while loading. Errors fail the build, but the stages after load still
    /// run on what did load, so one build reports every problem.
    pub problems: Vec<Diagnostic>,
    pub national: Content,
    pub regions: Vec<RegionSource>,
    pub regulations: Vec<Regulation>,
}

pub struct RegionSource {
    pub slug: String,
    pub config: RegionConfig,
    pub content: Content,
}

/// The pages and other files (images, attachments) of one content folder.
#[derive(Default)]
pub struct Content {
    pub pages: Vec<Arc<SourcePage>>,
    pub assets: Vec<Asset>,
    /// Content paths of files that could not be loaded: links to them are not reported again.
    pub failed: Vec<String>,
}

pub struct SourcePage {
    /// The file, relative to the handbook root.
    pub file: PathBuf,
    /// Path inside its content folder with `/` separators, e.g. `roller/handledare.md`.
    pub path: String,
    pub front: FrontMatter,
    pub body: String,
    /// Line in `file` where the body starts (1-based).
    pub body_line: usize,
    /// The front matter as written, to point at the line that defines something.
    pub front_yaml: String,
    /// A hash of the file's path and bytes: what a preview compares to tell a changed page
    /// from one it may keep.
    pub fingerprint: u64,
}

impl SourcePage {
    /// The line of the front matter entry whose `id` is `id`, or of the front matter's start.
    pub fn front_line_of(&self, id: &str) -> usize {
        self.front_line_of_entry("id", id, 0)
    }

    /// The line of the `n`th (from 0) front matter entry whose `key` is `value`, written as a
    /// block (`- key: value`) or inline (`- {other: x, key: value}`); the front matter's start
    /// if there is none.
    pub fn front_line_of_entry(&self, key: &str, value: &str, n: usize) -> usize {
        self.front_yaml
            .lines()
            .enumerate()
            .filter(|(_, line)| {
                line.split([',', '{']).any(|part| {
                    let part = part.trim_start().trim_start_matches("- ").trim_start();
                    part.strip_prefix(key)
                        .and_then(|rest| rest.strip_prefix(':'))
                        .is_some_and(|v| v.trim().trim_end_matches('}').trim().trim_matches(['"', '\'']) == value)
                })
            })
            .nth(n)
            .map_or(1, |(i, _)| i + 2)
    }

    /// The line of a top-level front matter key, or of the front matter's start.
    pub fn front_line_of_key(&self, key: &str) -> usize {
        self.front_yaml
            .lines()
            .position(|l| l.strip_prefix(key).is_some_and(|rest| rest.starts_with(':')))
            .map_or(1, |i| i + 2)
    }
}

pub struct Asset {
    /// The file, relative to the handbook root.
    pub file: PathBuf,
    /// Path inside its content folder, e.g. `bilder/schema.png`.
    pub path: String,
    /// Shared with the outputs that copy it.
    pub bytes: std::sync::Arc<Vec<u8>>,
}

/// Pages parsed so far, by file: a preview reads every file but parses again only those whose
/// bytes changed (by the page's fingerprint). A size and modification time would miss a
/// same-length save within the time stamp's resolution, which on network drives is two
/// seconds. The hash is a fast one, not a cryptographic one: a clash would only keep an
/// edit out of the preview until the next save.
#[derive(Default)]
pub struct Parsed {
    pages: Mutex<HashMap<PathBuf, Arc<SourcePage>>>,
}

/// Reads and parses the page in `file`; a preview's `parsed` pages are kept as they are when
/// the file's bytes did not change.
fn load_page(root: &Path, file: &Path, path: String, parsed: Option<&Parsed>) -> Result<Arc<SourcePage>, Diagnostic> {
    let bytes = read_bytes(root, file)?;
    let mut hasher = rustc_hash::FxHasher::default();
    file.hash(&mut hasher);
    hasher.write(&bytes);
    hasher.write_usize(bytes.len());
    let fingerprint = hasher.finish();
    let pages = parsed.map(|p| &p.pages);
    if let Some(kept) = pages.and_then(|p| p.lock().expect("the parsed pages").get(file).cloned())
        && kept.fingerprint == fingerprint
    {
        return Ok(kept);
    }
    let page = Arc::new(parse_page(file, path, &text_of(file, bytes)?, fingerprint)?);
    if let Some(pages) = pages {
        pages.lock().expect("the parsed pages").insert(file.to_path_buf(), page.clone());
    }
    Ok(page)
}

/// Loads everything that can be loaded; fails only when there is nothing to build.
/// `only` limits which regions load; `parsed`, kept by a preview, saves parsing files again.
pub fn load(root: &Path, only: &[String], parsed: Option<&Parsed>) -> Result<Sources, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let config = read_text(root, Path::new(CONFIG_FILE))
        .and_then(|text| parse_yaml::<SiteConfig>(&text, Path::new(CONFIG_FILE), 1));
    let mut found = Vec::new();
    let dirs: Vec<(String, PathBuf)> =
        region_dirs(root, &mut found).into_iter().filter(|(slug, _)| only.is_empty() || only.contains(slug)).collect();
    // The national folder and every region's are read at once, each reading its files in
    // parallel too; the problems are listed in the same order as one after the other.
    let load = |dir: &Path| {
        let mut problems = Vec::new();
        let content = load_content(root, dir, &mut problems, parsed);
        (content, problems)
    };
    let ((national, national_problems), loaded) = rayon::join(
        || load(Path::new("content")),
        || {
            dirs.par_iter()
                .map(|(slug, dir)| {
                    let file = dir.join(REGION_FILE);
                    if !root.join(&file).is_file() {
                        let missing = Diagnostic::error(
                            codes::REGION_UTAN_REGION_YAML,
                            dir,
                            format!("regionmappen `{slug}` saknar {REGION_FILE}"),
                        )
                        .help(format!("skapa {} med minst `name: Region …`", file.display()));
                        return Err(missing);
                    }
                    let region = read_text(root, &file).and_then(|text| parse_yaml::<RegionConfig>(&text, &file, 1));
                    Ok((region, load(&dir.join("content"))))
                })
                .collect::<Vec<_>>()
        },
    );
    problems.extend(national_problems);
    problems.extend(found);
    let mut regions = Vec::new();
    for ((slug, _), loaded) in dirs.into_iter().zip(loaded) {
        match loaded {
            Err(missing) => problems.push(missing),
            Ok((region, (content, found))) => {
                problems.extend(found);
                match region {
                    Ok(config) => regions.push(RegionSource { slug, config, content }),
                    Err(d) => problems.push(d),
                }
            }
        }
    }
    let config = match config {
        Ok(c) => Some(c),
        Err(d) => {
            problems.push(d);
            None
        }
    };
    if regions.is_empty() && !problems.iter().any(|d| d.code == codes::REGION_UTAN_REGION_YAML) {
        problems.push(
            Diagnostic::error(codes::TOM_HANDBOK, "regions", "handboken har ingen region att bygga")
                .help("lägg till en mapp regions/<slug>/ med en region.yaml"),
        );
    }
    let no_pages = national.pages.is_empty() && regions.iter().all(|r| r.content.pages.is_empty());
    if no_pages && national.failed.is_empty() && !regions.is_empty() {
        problems.push(
            Diagnostic::error(codes::TOM_HANDBOK, "content", "handboken har inga sidor")
                .help("lägg till content/_index.md med en titel"),
        );
    }
    match config {
        Some(config) if !problems.iter().any(|d| d.code == codes::TOM_HANDBOK) => {
            let regulations = load_regulations(root, &mut problems);
            Ok(Sources { config, problems, national, regions, regulations })
        }
        _ => Err(problems),
    }
}

fn load_regulations(root: &Path, problems: &mut Vec<Diagnostic>) -> Vec<Regulation> {
    let file = Path::new(REGULATIONS_FILE);
    if !root.join(file).is_file() {
        return Vec::new();
    }
    match read_text(root, file).and_then(|text| parse_yaml::<Vec<Regulation>>(&text, file, 1)) {
        Ok(list) => list,
        Err(problem) => {
            problems.push(problem);
            Vec::new()
        }
    }
}

/// The names of the folders in `regions/`, sorted, hidden ones left out.
pub fn region_folders(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root.join("regions"))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.'))
        .collect();
    names.sort();
    names
}

fn region_dirs(root: &Path, problems: &mut Vec<Diagnostic>) -> Vec<(String, PathBuf)> {
    let mut dirs: Vec<(String, PathBuf)> =
        region_folders(root).into_iter().map(|name| (name.clone(), Path::new("regions").join(name))).collect();
    dirs.retain(|(slug, dir)| {
        let valid = !slug.is_empty() && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !valid {
            problems.push(
                Diagnostic::error(
                    codes::OGILTIG_SLUG,
                    dir,
                    format!("regionmappens namn `{slug}` får bara innehålla a–z, 0–9 och -"),
                )
                .help("mappnamnet blir en del av webbadressen, t.ex. regions/vastra-gotaland"),
            );
        }
        valid
    });
    dirs
}

fn load_content(root: &Path, dir: &Path, problems: &mut Vec<Diagnostic>, parsed: Option<&Parsed>) -> Content {
    let mut files = Vec::new();
    // Following links lets editors share folders, and walkdir reports a loop instead of
    // descending forever.
    let walk = WalkDir::new(root.join(dir)).follow_links(true).sort_by_file_name();
    for entry in walk.into_iter().filter_entry(|e| !is_ignored(e.file_name())) {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let rel = e.path().strip_prefix(root).unwrap_or(e.path()).to_path_buf();
                files.push(rel);
            }
            Ok(_) => {}
            Err(err) => {
                let path = err
                    .path()
                    .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf())
                    .unwrap_or_else(|| dir.to_path_buf());
                if err.loop_ancestor().is_some() {
                    problems.push(Diagnostic::warning(
                        codes::SYMLANK_SLINGA,
                        path,
                        "symbolisk länk pekar tillbaka på en överordnad mapp; hoppas över",
                    ));
                } else if err.io_error().is_some_and(|e| e.kind() != std::io::ErrorKind::NotFound) {
                    problems.push(Diagnostic::error(codes::LAS_FEL, path, format!("kunde inte läsa: {err}")));
                }
            }
        }
    }
    let loaded: Vec<(String, Result<Loaded, Diagnostic>)> = files
        .par_iter()
        .map(|file| {
            let path = content_path(file, dir);
            let loaded = if path.ends_with(".md") {
                load_page(root, file, path.clone(), parsed).map(Loaded::Page)
            } else {
                std::fs::read(root.join(file))
                    .map(|bytes| Loaded::Asset(Asset { file: file.clone(), path: path.clone(), bytes: bytes.into() }))
                    .map_err(|e| Diagnostic::error(codes::LAS_FEL, file, format!("kunde inte läsa filen: {e}")))
            };
            (path, loaded)
        })
        .collect();
    let mut content = Content::default();
    for (path, item) in loaded {
        match item {
            Ok(Loaded::Page(p)) => content.pages.push(p),
            Ok(Loaded::Asset(a)) => content.assets.push(a),
            Err(d) => {
                problems.push(d);
                content.failed.push(path);
            }
        }
    }
    content
}

enum Loaded {
    Page(Arc<SourcePage>),
    Asset(Asset),
}

/// Hidden files and editors' backup and swap files are never content.
fn is_ignored(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.starts_with('#') || name.ends_with('~') || name.ends_with(".swp")
}

fn content_path(file: &Path, dir: &Path) -> String {
    let rel = file.strip_prefix(dir).unwrap_or(file);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Reads a file as UTF-8, pointing at the first invalid byte if it is not.
pub fn read_text(root: &Path, file: &Path) -> Result<String, Diagnostic> {
    text_of(file, read_bytes(root, file)?)
}

/// The bytes of a file, without a byte order mark.
fn read_bytes(root: &Path, file: &Path) -> Result<Vec<u8>, Diagnostic> {
    let bytes = std::fs::read(root.join(file))
        .map_err(|e| Diagnostic::error(codes::LAS_FEL, file, format!("kunde inte läsa filen: {e}")))?;
    Ok(bytes.strip_prefix(b"\xEF\xBB\xBF").map(<[u8]>::to_vec).unwrap_or(bytes))
}

/// The text of a file's bytes, which must be UTF-8.
fn text_of(file: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        let line = valid.matches('\n').count() + 1;
        let column = valid.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
        Diagnostic::error(codes::OGILTIG_UTF8, file, "filen är inte giltig UTF-8")
            .at(line, column)
            .help("spara filen som UTF-8 (i Word: Spara som → Oformaterad text → Unicode (UTF-8))")
    })
}

fn parse_page(file: &Path, path: String, text: &str, fingerprint: u64) -> Result<SourcePage, Diagnostic> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or_default();
    if first.trim_end() != "---" {
        return Err(Diagnostic::error(codes::SAKNAR_FRONT_MATTER, file, "sidan börjar inte med front matter")
            .at(1, 1)
            .help("börja filen med en rad `---`, sedan `title: Sidans rubrik`, sedan en rad `---`"));
    }
    let mut offset = first.len();
    let mut yaml_end = None;
    for (index, line) in lines.enumerate() {
        if line.trim_end() == "---" {
            yaml_end = Some((offset, offset + line.len(), index + 2));
            break;
        }
        offset += line.len();
    }
    let Some((end, body_start, closing_line)) = yaml_end else {
        return Err(Diagnostic::error(
            codes::OAVSLUTAD_FRONT_MATTER,
            file,
            "front matter avslutas aldrig med en rad `---`",
        )
        .at(1, 1));
    };
    let yaml = &text[first.len()..end];
    let front: FrontMatter = parse_yaml(yaml, file, 2)?;
    if front.title.trim().is_empty() {
        return Err(Diagnostic::error(codes::SAKNAR_TITEL, file, "sidans `title` är tom").at(2, 1));
    }
    Ok(SourcePage {
        file: file.to_path_buf(),
        path,
        front,
        body: text[body_start..].to_owned(),
        body_line: closing_line + 1,
        front_yaml: yaml.to_owned(),
        fingerprint,
    })
}

/// A YAML mistake explained in the editor's words, at the place it names in YAML that starts
/// at `first_line` of its file.
fn explain(explained: crate::yaml_help::Explained, diagnostic: Diagnostic, first_line: usize) -> Diagnostic {
    Diagnostic { message: explained.message, ..diagnostic }
        .at(explained.line + first_line - 1, explained.column)
        .help(explained.help)
}

/// Parses YAML that starts at `first_line` of `file`, turning the parser's error into a
/// diagnostic at the right place, with a "did you mean" hint for a misspelt key.
pub fn parse_yaml<T: DeserializeOwned>(yaml: &str, file: &Path, first_line: usize) -> Result<T, Diagnostic> {
    let yaml = if yaml.trim().is_empty() { "{}" } else { yaml };
    serde_saphyr::from_str::<T>(yaml).map_err(|err| {
        let (line, column) = err.location().map_or((1, 1), |l| (l.line() as usize, l.column() as usize));
        let raw = err.without_snippet().to_string();
        let message = raw.split(" at line ").next().unwrap_or(&raw).to_owned();
        let diagnostic = Diagnostic::error(codes::YAML, file, String::new()).at(line + first_line - 1, column);
        // serde lists what is allowed after "expected one of" (or "expected" for one choice).
        let allowed: Vec<&str> = message
            .split_once("expected")
            .map_or("", |(_, list)| list)
            .trim_start_matches(" one of")
            .split(',')
            .map(|k| k.trim().trim_matches('`'))
            .filter(|k| !k.is_empty())
            .collect();
        let suggest = |d: Diagnostic, word: &str, what: &str| match closest(word, allowed.iter().copied()) {
            Some(best) => d.help(format!("menade du `{best}`?")),
            None => d.help(format!("tillåtna {what}: {}", allowed.join(", "))),
        };
        if let Some(key) = message.strip_prefix("unknown field `").and_then(|m| m.split('`').next()) {
            suggest(
                Diagnostic { code: codes::OKAND_NYCKEL, message: format!("okänd nyckel `{key}`"), ..diagnostic },
                key,
                "nycklar",
            )
        } else if let Some(value) = message.strip_prefix("unknown variant `").and_then(|m| m.split('`').next()) {
            suggest(
                Diagnostic { code: codes::OKANT_VARDE, message: format!("okänt värde `{value}`"), ..diagnostic },
                value,
                "värden",
            )
        } else if let Some(key) = message.strip_prefix("missing field `").and_then(|m| m.split('`').next()) {
            match crate::yaml_help::misplaced(key, yaml, (line, column), first_line) {
                Some(explained) => explain(explained, diagnostic, first_line),
                None => {
                    let code = if key == "title" { codes::SAKNAR_TITEL } else { codes::SAKNAR_NYCKEL };
                    Diagnostic { code, message: format!("nyckeln `{key}` saknas"), ..diagnostic }
                }
            }
        } else if let Some(explained) = crate::yaml_help::explain(&message, yaml, (line, column), first_line) {
            explain(explained, diagnostic, first_line)
        } else {
            Diagnostic { message: format!("felaktig YAML: {message}"), ..diagnostic }
        }
    })
}
