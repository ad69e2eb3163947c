//! One region's build: Markdown for every page, the checks that need the whole region, then
//! the search index beside the forms and pages. A preview passes what it built last time, and
//! a page whose source and surroundings (titles, order, data, theme) are unchanged keeps its
//! files instead of being rendered again.

use crate::diagnostics::Diagnostic;
use crate::forms::{self, Download};
use crate::history::History;
use crate::markdown::{self, Data};
use crate::model::SiteConfig;
use crate::render::{self, Output, Templates};
use crate::site::RegionSite;
use crate::theme::Theme;
use crate::{IndexSize, check, search, views};
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::time::{Duration, Instant};

/// What was built last time, to reuse: per region, a fingerprint of everything a page's HTML
/// depends on besides its own source; per page, its own fingerprint and the files it made.
#[derive(Default)]
pub struct Cache {
    regions: HashMap<String, u64>,
    pages: HashMap<(String, String), (u64, Vec<String>)>,
}

/// A previous build to reuse files from: its cache, and a way to read a file it made.
pub struct Reuse<'a> {
    pub cache: &'a Cache,
    pub file: &'a (dyn Fn(&str) -> Option<Vec<u8>> + Sync),
}

pub struct Shared<'a> {
    pub templates: &'a Templates<'a>,
    pub config: &'a SiteConfig,
    pub theme: &'a Theme,
    /// Whether to build the search index (a preview builds it later, in the background).
    pub search: bool,
    /// Whether to apply `check`'s content rules too.
    pub lint: bool,
    pub history: &'a History,
}

pub struct RegionBuild {
    pub outputs: Vec<Output>,
    pub problems: Vec<Diagnostic>,
    pub index: Option<IndexSize>,
    /// Time spent on Markdown, the search index, forms and templates.
    pub times: [Duration; 4],
    pub structure: u64,
    pub pages: Vec<(String, u64, Vec<String>)>,
}

impl Cache {
    /// Records a region's build for the next one.
    pub fn remember(&mut self, slug: &str, build: &RegionBuild) {
        self.regions.insert(slug.to_owned(), build.structure);
        for (path, fingerprint, files) in &build.pages {
            self.pages.insert((slug.to_owned(), path.clone()), (*fingerprint, files.clone()));
        }
    }
}

pub fn build(site: &RegionSite, shared: &Shared, reuse: Option<&Reuse>) -> RegionBuild {
    let titles: HashMap<&str, &str> = site.pages.iter().map(|p| (p.path(), p.source.front.title.as_str())).collect();
    let data = Data { region: site.config, titles: &titles };
    let started = Instant::now();
    let bodies: Vec<_> = site.pages.par_iter().map(|page| markdown::render(page.source, &data)).collect();
    let markdown_time = started.elapsed();
    let mut problems = check::region(site, &bodies);
    if shared.lint {
        problems.extend(crate::lint::region(site, &bodies));
    }

    let clauses = views::clauses(site, &bodies);
    let structure = structure(site, shared, &clauses);
    let input = render::RegionInput { templates: shared.templates, config: shared.config, site, clauses: &clauses };
    let fingerprints: Vec<u64> = site.pages.iter().map(|page| page_fingerprint(page, shared.history)).collect();
    // The files of unchanged pages, read back from the previous build.
    let kept: Vec<Option<Vec<Output>>> = site
        .pages
        .par_iter()
        .zip(&fingerprints)
        .map(|(page, fingerprint)| {
            let reuse = reuse?;
            if reuse.cache.regions.get(site.slug) != Some(&structure) {
                return None;
            }
            let (previous, files) = reuse.cache.pages.get(&(site.slug.to_owned(), page.path().to_owned()))?;
            if previous != fingerprint {
                return None;
            }
            files.iter().map(|path| Some(Output { path: path.clone(), bytes: (reuse.file)(path)? })).collect()
        })
        .collect();

    let ((index, index_time), ((forms, forms_time), ((pages, extras), render_time))) = rayon::join(
        || timed(|| shared.search.then(|| search::index(site.slug, &search::documents(site, &bodies)))),
        || {
            // Pages link their forms with their size, so forms come first.
            let forms = timed(|| {
                site.pages
                    .par_iter()
                    .zip(&kept)
                    .map(|(page, kept)| if kept.is_some() { None } else { forms::files(site.slug, page, &data) })
                    .collect::<Vec<_>>()
            });
            let pages = timed(|| {
                let pages: Vec<Option<Result<Output, Diagnostic>>> = (0..site.pages.len())
                    .into_par_iter()
                    .map(|i| {
                        let downloads: &[Download] = forms.0[i].as_ref().map_or(&[], |(_, d)| d.as_slice());
                        kept[i].is_none().then(|| {
                            let changed = shared.history.changed(&site.pages[i].source.file);
                            render::page(&input, i, &bodies[i], downloads, changed)
                        })
                    })
                    .collect();
                (pages, render::region_extras(&input, &shared.theme.statics, shared.history))
            });
            (forms, pages)
        },
    );

    let (extras, extra_problems) = extras;
    problems.extend(extra_problems);
    let mut outputs = extras;
    let mut units = Vec::with_capacity(site.pages.len());
    for (i, ((kept, rendered), form)) in kept.into_iter().zip(pages).zip(forms).enumerate() {
        let files: Vec<Output> = match (kept, rendered) {
            (Some(files), _) => files,
            (None, Some(Ok(page))) => std::iter::once(page).chain(form.into_iter().flat_map(|(f, _)| f)).collect(),
            (None, Some(Err(problem))) => {
                problems.push(problem);
                Vec::new()
            }
            (None, None) => Vec::new(),
        };
        units.push((site.pages[i].path().to_owned(), fingerprints[i], files.iter().map(|f| f.path.clone()).collect()));
        outputs.extend(files);
    }
    let size = index.map(|index| {
        let size = IndexSize { region: site.slug.to_owned(), raw_bytes: index.raw_bytes, gzip_bytes: index.gzip_bytes };
        outputs.extend(index.outputs);
        size
    });
    RegionBuild {
        outputs,
        problems,
        index: size,
        times: [markdown_time, index_time, forms_time, render_time],
        structure,
        pages: units,
    }
}

pub fn timed<T>(work: impl FnOnce() -> T) -> (T, Duration) {
    let started = Instant::now();
    let value = work();
    (value, started.elapsed())
}

/// Everything a page's HTML depends on besides its own source.
fn structure(site: &RegionSite, shared: &Shared, clauses: &[views::Clause]) -> u64 {
    let mut hasher = DefaultHasher::new();
    serde_json::to_string(shared.config).unwrap_or_default().hash(&mut hasher);
    serde_json::to_string(site.config).unwrap_or_default().hash(&mut hasher);
    shared.theme.templates.hash(&mut hasher);
    shared.theme.statics.hash(&mut hasher);
    for page in &site.pages {
        let front = &page.source.front;
        (page.path(), &front.title, front.weight, page.regional, page.parent, &page.children).hash(&mut hasher);
        front.settles.hash(&mut hasher);
    }
    // Role pages list the duties other documents give them.
    for clause in clauses {
        (&clause.role, &clause.text, &clause.url).hash(&mut hasher);
    }
    hasher.finish()
}

fn page_fingerprint(page: &crate::site::Page, history: &History) -> u64 {
    let mut hasher = DefaultHasher::new();
    (&page.source.file, &page.source.front_yaml, &page.source.body).hash(&mut hasher);
    history.changed(&page.source.file).hash(&mut hasher);
    hasher.finish()
}
