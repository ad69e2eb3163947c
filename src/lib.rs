//! sthandbok turns a handbook folder (Markdown with YAML front matter, one folder per region)
//! into one static site per region. The pipeline runs in one direction:
//! load → resolve → markdown → check → render → write.

mod check;
pub mod diagnostics;
mod forms;
mod history;
mod lint;
mod markdown;
mod model;
mod output;
mod placeholder;
mod region;
mod render;
pub mod scaffold;
pub mod schema;
mod search;
pub mod serve;
mod site;
mod source;
mod theme;
mod views;

use diagnostics::Diagnostic;
use rayon::prelude::*;
use region::timed;
pub use region::{Cache, Reuse};
use render::Output;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub struct BuildOptions {
    pub root: PathBuf,
    pub out: PathBuf,
    /// Build only these regions (all when empty).
    pub regions: Vec<String>,
    /// Overrides `base_url` in sthandbok.yaml.
    pub base_url: Option<String>,
}

pub struct Report {
    pub regions: usize,
    pub pages: usize,
    pub files: usize,
    pub millis: u128,
    pub indexes: Vec<IndexSize>,
    pub warnings: Vec<Diagnostic>,
    /// Time per stage, for `-v`.
    pub timings: Vec<(&'static str, Duration)>,
}

/// What a region's search index weighs, all files together.
pub struct IndexSize {
    pub region: String,
    pub raw_bytes: usize,
    pub gzip_bytes: usize,
}

pub enum Failure {
    /// The sources have problems (exit code 1); all of them are listed.
    Content(Vec<Diagnostic>),
    /// The build could not run: bad arguments, unreadable or unwritable folders (exit code 2).
    Usage(String),
}

impl Failure {
    pub fn exit_code(&self) -> i32 {
        match self {
            Failure::Content(_) => 1,
            Failure::Usage(_) => 2,
        }
    }
}

/// Builds the handbook at `options.root` into `options.out`.
pub fn build(options: &BuildOptions) -> Result<Report, Failure> {
    let started = Instant::now();
    if !options.root.join(source::CONFIG_FILE).is_file() {
        return Err(Failure::Usage(format!(
            "{} är ingen handbok: {} saknas",
            options.root.display(),
            source::CONFIG_FILE
        )));
    }
    if let Some(reason) = output::refuse(&options.root, &options.out) {
        return Err(Failure::Usage(reason));
    }
    let settings = Settings { search: true, lint: false, reuse: None };
    let mut site = generate(&options.root, &options.regions, options.base_url.as_deref(), settings)?;
    let (written, write_time) = timed(|| output::write(&options.out, &site.outputs));
    written.map_err(|e| Failure::Usage(format!("kunde inte skriva {}: {e}", options.out.display())))?;
    site.timings.push(("skriva", write_time));
    Ok(Report {
        regions: site.regions,
        pages: site.pages,
        files: site.outputs.len(),
        millis: started.elapsed().as_millis(),
        indexes: site.indexes,
        warnings: site.warnings,
        timings: site.timings,
    })
}

/// Everything the build validates, plus the content rules (regulations, alternative text,
/// empty sections, unreachable pages, reviews), without writing anything.
pub fn check(root: &Path) -> Result<Vec<Diagnostic>, Failure> {
    if !root.join(source::CONFIG_FILE).is_file() {
        return Err(Failure::Usage(format!("{} är ingen handbok: {} saknas", root.display(), source::CONFIG_FILE)));
    }
    let settings = Settings { search: false, lint: true, reuse: None };
    match generate(root, &[], None, settings) {
        Ok(site) => Ok(site.warnings),
        Err(Failure::Content(problems)) => Ok(problems),
        Err(usage) => Err(usage),
    }
}

/// A built site in memory.
pub struct Generated {
    pub outputs: Vec<Output>,
    pub regions: usize,
    pub pages: usize,
    pub indexes: Vec<IndexSize>,
    pub warnings: Vec<Diagnostic>,
    /// Time per stage; stages that run per region are summed over regions.
    pub timings: Vec<(&'static str, Duration)>,
    /// What the next build may reuse.
    pub cache: Cache,
}

/// How to build: with the search index or not, and what to reuse from a previous build.
pub struct Settings<'a> {
    pub search: bool,
    /// Also apply the content rules `check` adds.
    pub lint: bool,
    pub reuse: Option<Reuse<'a>>,
}

/// Runs every stage but the write.
pub fn generate(
    root: &Path,
    regions: &[String],
    base_url: Option<&str>,
    settings: Settings,
) -> Result<Generated, Failure> {
    let known = source::region_folders(root);
    if let Some(unknown) = regions.iter().find(|r| !known.contains(r)) {
        return Err(Failure::Usage(format!("regionen `{unknown}` finns inte; regioner: {}", known.join(", "))));
    }
    let mut clock = Stopwatch::start();
    let mut sources = source::load(root, regions).map_err(content_failure)?;
    sources.config.base_url = normalize_base_url(base_url.unwrap_or(&sources.config.base_url));
    let theme = theme::load(root, &sources.config.theme).map_err(content_failure)?;
    let templates = render::Templates::new(&theme).map_err(content_failure)?;
    let history = history::History::read(root);
    clock.lap("läsa in");
    let (sites, mut problems) = site::resolve(&sources);
    if settings.lint {
        problems.extend(lint::sources(&sources, lint::Date::today()));
    }
    let mut outputs =
        render::regions_index(&templates, &sources.config, &sites).map_err(|d| content_failure(vec![d]))?;
    clock.lap("ordna");
    // Regions are independent: build them side by side.
    let shared = region::Shared {
        templates: &templates,
        config: &sources.config,
        theme: &theme,
        search: settings.search,
        lint: settings.lint,
        history: &history,
    };
    let built: Vec<region::RegionBuild> =
        sites.par_iter().map(|site| region::build(site, &shared, settings.reuse.as_ref())).collect();
    let mut indexes = Vec::new();
    let mut cache = region::Cache::default();
    for (site, region) in sites.iter().zip(built) {
        cache.remember(site.slug, &region);
        outputs.extend(region.outputs);
        problems.extend(region.problems);
        indexes.extend(region.index);
        for (name, time) in ["markdown", "sökindex", "formulär", "mallar"].into_iter().zip(region.times) {
            clock.add(name, time);
        }
    }
    clock.lap("regioner");
    problems.extend(sources.problems.iter().cloned());
    if problems.iter().any(Diagnostic::is_error) {
        return Err(content_failure(problems));
    }
    diagnostics::sort(&mut problems);
    let pages = sites.iter().map(|s| s.pages.len()).sum();
    Ok(Generated { outputs, regions: sites.len(), pages, indexes, warnings: problems, timings: clock.laps, cache })
}

/// Time spent per stage, for `-v`.
struct Stopwatch {
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
}

impl Stopwatch {
    fn start() -> Self {
        Stopwatch { last: Instant::now(), laps: Vec::new() }
    }

    fn lap(&mut self, name: &'static str) {
        self.laps.push((name, self.last.elapsed()));
        self.last = Instant::now();
    }

    /// Adds work done in parallel inside a lap, summed over regions.
    fn add(&mut self, name: &'static str, time: Duration) {
        match self.laps.iter_mut().find(|(n, _)| *n == name) {
            Some((_, total)) => *total += time,
            None => self.laps.push((name, time)),
        }
    }
}

fn content_failure(mut problems: Vec<Diagnostic>) -> Failure {
    diagnostics::sort(&mut problems);
    Failure::Content(problems)
}

/// `handbok` → `/handbok/`; full URLs keep their host.
fn normalize_base_url(base: &str) -> String {
    let trimmed = base.trim().trim_end_matches('/');
    if trimmed.contains("://") {
        format!("{trimmed}/")
    } else if trimmed.is_empty() {
        "/".to_owned()
    } else {
        format!("/{}/", trimmed.trim_start_matches('/'))
    }
}
