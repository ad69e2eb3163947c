//! sthandbok turns a handbook folder (Markdown with YAML front matter, one folder per region)
//! into one static site per region. The pipeline runs in one direction, in this order:
//!
//! 1. load (`source`): read every source file, split front matter from body, parse the YAML;
//! 2. resolve (`site`): lay each region's pages over the national ones, give each its address
//!    and place in the navigation;
//! 3. per region, side by side (`emit`):
//!    - page (`page`): one pass over each page's Markdown events gives its page document;
//!    - check (`check`): links, anchors, fields, duties; with `check`, the content rules too;
//!    - views (`views`), search index (`search`), forms (`forms`) and templates (`render`),
//!      each reading the page documents;
//! 4. collect every file into one output set keyed by path (`output`): two writers of one path
//!    are an error;
//! 5. write (`output`): into a fresh folder, swapped in only when everything succeeded.
//!
//! `check` stops before the write; `serve` keeps the page documents and files of its last
//! build and redoes only what a change touches.

mod check;
pub mod diagnostics;
mod emit;
mod forms;
mod history;
mod ids;
pub mod import;
mod model;
mod output;
mod page;
pub mod progress;
mod render;
pub mod scaffold;
pub mod schema;
mod search;
pub mod serve;
mod site;
mod source;
mod theme;
mod views;
mod yaml_help;

use diagnostics::Diagnostic;
pub use emit::Cache;
use emit::timed;
use output::OutputSet;
pub use progress::Progress;
use progress::Step;
use rayon::prelude::*;
pub use search::IndexSize;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub struct BuildOptions {
    pub root: PathBuf,
    pub out: PathBuf,
    /// Build only these regions (all when empty).
    pub regions: Vec<String>,
    /// Overrides `base_url` in sthandbok.yaml.
    pub base_url: Option<String>,
    /// Whether to measure each search index gzipped, for the detailed report (`-v`).
    pub sizes: bool,
    /// Where the build counts the pages and regions it has done, for a progress line.
    pub progress: Option<Arc<Progress>>,
}

pub struct Report {
    pub regions: usize,
    pub pages: usize,
    pub files: usize,
    pub millis: u128,
    pub indexes: Vec<IndexSize>,
    pub warnings: Vec<Diagnostic>,
    /// Time per step and stage, for `-v`.
    pub timings: Timings,
}

/// Where a build's time went, for `-v`.
#[derive(Default)]
pub struct Timings {
    /// Wall time of each step, in the order they ran.
    pub steps: Vec<(&'static str, Duration)>,
    /// Time in each stage inside the regions, added up over regions, which run side by side:
    /// the sum may be more than the step's wall time.
    pub in_regions: Vec<(&'static str, Duration)>,
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
    let unwritable = |e: std::io::Error| Failure::Usage(format!("kunde inte skriva {}: {e}", options.out.display()));
    let staging = output::Staging::new(&options.out).map_err(unwritable)?;
    let settings = Settings {
        lint: false,
        sizes: options.sizes,
        reuse: None,
        staging: Some(&staging),
        progress: options.progress.as_deref(),
        defer_index: false,
    };
    let site = generate(&options.root, &options.regions, options.base_url.as_deref(), settings)?;
    let Generated { outputs, regions, pages, indexes, warnings, mut timings, cache, .. } = site;
    // The vocabulary (millions of small allocations at national scale) and the output's paths
    // are given back on a thread of their own: nothing waits for that, and a process that
    // exits first gives all its memory back at once.
    let files = outputs.len();
    std::thread::spawn(move || drop((cache, outputs)));
    let (swapped, swap_time) = timed(|| staging.finish());
    swapped.map_err(unwritable)?;
    timings.steps.push(("byta in", swap_time));
    Ok(Report { regions, pages, files, millis: started.elapsed().as_millis(), indexes, warnings, timings })
}

/// Everything the build validates, plus the content rules (regulations, alternative text,
/// empty sections, unreachable pages, reviews), without writing anything.
pub fn check(root: &Path) -> Result<Vec<Diagnostic>, Failure> {
    if !root.join(source::CONFIG_FILE).is_file() {
        return Err(Failure::Usage(format!("{} är ingen handbok: {} saknas", root.display(), source::CONFIG_FILE)));
    }
    let settings =
        Settings { lint: true, sizes: false, reuse: None, staging: None, progress: None, defer_index: false };
    match generate(root, &[], None, settings) {
        Ok(site) => Ok(site.warnings),
        Err(Failure::Content(problems)) => Ok(problems),
        Err(usage) => Err(usage),
    }
}

/// A built site: its files in memory, or, from a build that wrote them, only their paths.
pub struct Generated {
    pub outputs: OutputSet,
    pub regions: usize,
    pub pages: usize,
    pub indexes: Vec<IndexSize>,
    pub warnings: Vec<Diagnostic>,
    pub timings: Timings,
    /// What the next build may reuse (empty after a build that wrote its files).
    pub cache: Cache,
    /// How many page documents were made anew rather than reused, over all regions.
    pub made: usize,
}

/// How to build: with `check`'s content rules or not, whether to measure the search index
/// gzipped, a previous build to reuse what is unchanged from, and where to write the files.
pub struct Settings<'a> {
    pub lint: bool,
    pub sizes: bool,
    pub reuse: Option<&'a Cache>,
    /// Where a build writes each region's files as soon as the region is done, keeping only
    /// their paths; without it (a preview, a check) the files and what the next build may
    /// reuse are kept in memory.
    pub staging: Option<&'a output::Staging>,
    /// Where to count the pages and regions done.
    pub progress: Option<&'a Progress>,
    /// Whether a region whose search index must be made again keeps serving its last one for
    /// now, so a preview can show the pages first; `Cache::index_pending` makes the new ones.
    pub defer_index: bool,
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
    // A preview keeps the parsed sources, to parse again only what changed.
    let keep = settings.staging.is_none();
    let parsed = settings.reuse.map(|cache| cache.parsed.clone()).unwrap_or_default();
    let mut sources = source::load(root, regions, keep.then_some(&*parsed)).map_err(content_failure)?;
    sources.config.base_url = normalize_base_url(base_url.unwrap_or(&sources.config.base_url));
    let theme = theme::load(root, &sources.config.theme).map_err(content_failure)?;
    let templates = render::Templates::new(&theme).map_err(content_failure)?;
    let history = history::History::read(root);
    clock.lap("läsa in");
    let (sites, mut problems) = site::resolve(&sources);
    if settings.lint {
        problems.extend(check::rules::sources(&sources, check::Date::today()));
    }
    clock.lap("ordna");
    if let Some(progress) = settings.progress {
        progress.start(sites.iter().map(|s| s.pages.len()).sum(), sites.len());
    }
    // Regions are independent: build them side by side.
    // A preview's reused search entries hold the previous build's numbers.
    let vocabulary = settings.reuse.map(|cache| cache.vocabulary.clone()).unwrap_or_default();
    let shared = emit::Shared {
        templates: &templates,
        config: &sources.config,
        theme: &theme,
        lint: settings.lint,
        history: &history,
        regulations: &sources.regulations,
        vocabulary: &vocabulary,
        keep,
        progress: settings.progress,
        defer_index: settings.defer_index,
    };
    let built: Vec<(emit::RegionBuild, Duration)> = sites
        .par_iter()
        .map(|site| {
            let mut region = emit::region(site, &shared, settings.reuse.and_then(|cache| cache.region(site.slug)));
            let mut write_time = Duration::ZERO;
            if let Some(staging) = settings.staging {
                write_time = timed(|| staging.write(&region.outputs)).1;
                shared.count(Step::Written);
                // The written files leave memory; their paths stay, and for `-v` the index.
                for file in &mut region.outputs {
                    if !(settings.sizes && file.origin == output::Origin::SearchIndex) {
                        file.bytes = Default::default();
                    }
                }
            }
            (region, write_time)
        })
        .collect();
    let mut outputs = OutputSet::default();
    match render::regions_index(&templates, &sources.config, &sites) {
        Ok(files) => {
            if let Some(staging) = settings.staging {
                staging.write(&files);
            }
            outputs.extend(files, &mut problems);
        }
        Err(problem) => problems.push(problem),
    }
    let mut indexes = Vec::new();
    let mut cache = Cache::new(vocabulary.clone(), parsed);
    let mut made = 0;
    let mut index_files = Vec::new();
    for (site, (region, write_time)) in sites.iter().zip(built) {
        if settings.sizes {
            index_files.extend(region.outputs.iter().filter(|o| o.origin == output::Origin::SearchIndex).cloned());
        }
        outputs.extend(region.outputs, &mut problems);
        clock.add("skriva", write_time);
        problems.extend(region.problems);
        indexes.push(region.index);
        made += region.made;
        cache.remember(site.slug, region.cache);
        for (name, time) in ["sidor", "sökindex", "formulär", "mallar"].into_iter().zip(region.times) {
            clock.add(name, time);
        }
    }
    clock.lap("regioner");
    if settings.sizes {
        // Measured apart from the build, so that `-v` does not make the build look slower.
        for index in &mut indexes {
            index.measure_gzip(index_files.par_iter());
        }
        clock.lap("gzip-mäta sökindex");
    }
    problems.extend(sources.problems.iter().cloned());
    let pages = sources.national.pages.iter().chain(sources.regions.iter().flat_map(|r| &r.content.pages));
    check::accept::apply(&mut problems, pages.map(|p| &**p), settings.lint);
    if problems.iter().any(Diagnostic::is_error) {
        return Err(content_failure(problems));
    }
    diagnostics::sort(&mut problems);
    let pages = sites.iter().map(|s| s.pages.len()).sum();
    Ok(Generated {
        outputs,
        regions: sites.len(),
        pages,
        indexes,
        warnings: problems,
        timings: clock.timings,
        cache,
        made,
    })
}

impl Generated {
    /// Every file of the site: its path under the output folder, and its bytes.
    pub fn files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.outputs.iter().map(|o| (o.path.as_str(), o.bytes.as_slice()))
    }
}

/// Time spent per step and stage, for `-v`.
struct Stopwatch {
    last: Instant,
    timings: Timings,
}

impl Stopwatch {
    fn start() -> Self {
        Stopwatch { last: Instant::now(), timings: Timings::default() }
    }

    fn lap(&mut self, name: &'static str) {
        self.timings.steps.push((name, self.last.elapsed()));
        self.last = Instant::now();
    }

    /// Adds work done inside the regions, summed over regions.
    fn add(&mut self, name: &'static str, time: Duration) {
        match self.timings.in_regions.iter_mut().find(|(n, _)| *n == name) {
            Some((_, total)) => *total += time,
            None => self.timings.in_regions.push((name, time)),
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
