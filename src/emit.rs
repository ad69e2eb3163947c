//! Emit: one region's files from its pages. Every page becomes its page document once; the
//! checks, views, search index, forms and templates all read those documents. A preview passes
//! what it built last time: a page whose source and the data it reads are unchanged keeps its
//! document and search entries, and if its surroundings (titles, order, theme, the duties other
//! documents give) are unchanged too, its files.

use crate::check;
use crate::diagnostics::Diagnostic;
use crate::forms::{self, Download};
use crate::history::History;
use crate::model::SiteConfig;
use crate::output::Output;
use crate::page::{self, Data, PageDoc};
use crate::progress::{Progress, Step};
use crate::render::{self, Templates};
use crate::search::{self, IndexSize, PageEntries};
use crate::site::{Page, RegionSite};
use crate::theme::Theme;
use crate::views;
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What a build made, per region, for the next build to reuse, the vocabulary the reused
/// search entries are numbered in, and the parsed sources.
#[derive(Default)]
pub struct Cache {
    regions: HashMap<String, RegionCache>,
    pub(crate) vocabulary: Arc<search::Vocabulary>,
    pub(crate) parsed: Arc<crate::source::Parsed>,
}

impl Cache {
    pub(crate) fn new(vocabulary: Arc<search::Vocabulary>, parsed: Arc<crate::source::Parsed>) -> Self {
        Cache { regions: HashMap::new(), vocabulary, parsed }
    }

    /// Records a region's build for the next one.
    pub fn remember(&mut self, slug: &str, region: RegionCache) {
        self.regions.insert(slug.to_owned(), region);
    }

    pub(crate) fn region(&self, slug: &str) -> Option<&RegionCache> {
        self.regions.get(slug)
    }

    /// Makes the search index of every region whose index a build deferred, from the entries
    /// it kept, and returns each such region's slug with its index files.
    pub fn index_pending(&mut self) -> Vec<(String, Vec<Output>)> {
        let vocabulary = &*self.vocabulary;
        let pending: Vec<(&String, &mut RegionCache)> =
            self.regions.iter_mut().filter(|(_, region)| region.index.is_none()).collect();
        pending
            .into_par_iter()
            .map(|(slug, region)| {
                let entries: Vec<&PageEntries> = region.order.iter().map(|path| &*region.pages[path].entries).collect();
                let index = search::index(slug, &entries, vocabulary);
                let outputs = index.outputs.clone();
                region.index = Some(index);
                (slug.clone(), outputs)
            })
            .collect()
    }
}

pub struct RegionCache {
    /// What every page document depends on besides its own source: the region's data and the
    /// pages' titles.
    data: u64,
    /// What every page's HTML depends on besides its own document.
    structure: u64,
    pages: HashMap<String, PageCache>,
    /// The pages in order and the search index made from their entries: kept as it is while
    /// every entry is reused and the pages are the same.
    order: Vec<String>,
    index: Option<search::RegionIndex>,
    /// The whole handbook as one PDF, and its link: kept while every page's document is.
    handbook: Option<(Output, Download)>,
}

struct PageCache {
    source: u64,
    doc: Arc<PageDoc>,
    entries: Arc<PageEntries>,
    /// The source's last-changed date, which the page shows.
    changed: Option<String>,
    files: Vec<Output>,
}

pub struct Shared<'a> {
    pub templates: &'a Templates<'a>,
    pub config: &'a SiteConfig,
    pub theme: &'a Theme,
    /// Whether to apply `check`'s content rules too.
    pub lint: bool,
    pub history: &'a History,
    /// The regulations the handbook may cite, to tell a label from a repealed one.
    pub regulations: &'a [crate::model::Regulation],
    /// The words and sections analyzed so far, shared by the regions and kept by a preview.
    pub vocabulary: &'a search::Vocabulary,
    /// Whether to keep what the next build may reuse (a preview); a build lets each region's
    /// page documents go as soon as the region is done.
    pub keep: bool,
    pub progress: Option<&'a Progress>,
    /// Whether to leave a changed region's search index for `Cache::index_pending`.
    pub defer_index: bool,
}

impl Shared<'_> {
    /// Counts a page or region done, for a progress line.
    pub fn count(&self, step: Step) {
        if let Some(progress) = self.progress {
            progress.done(step);
        }
    }
}

pub struct RegionBuild {
    pub outputs: Vec<Output>,
    pub problems: Vec<Diagnostic>,
    pub index: IndexSize,
    /// Time spent on page documents, the search index, forms and templates.
    pub times: [Duration; 4],
    /// What the next build may reuse.
    pub cache: RegionCache,
    /// How many page documents were made anew rather than reused.
    pub made: usize,
}

pub fn region(site: &RegionSite, shared: &Shared, previous: Option<&RegionCache>) -> RegionBuild {
    let titles: HashMap<&str, &str> = site.pages.iter().map(|p| (p.path(), p.source.front.title.as_str())).collect();
    // The whole handbook (its PDF and its print page) reads every page's blocks and print body.
    let whole = shared.config.whole_handbook;
    let data = Data { region: site.config, titles: &titles, blocks: whole };
    let data_print = data_fingerprint(site, shared.regulations, whole);
    let previous_pages = previous.filter(|p| p.data == data_print).map(|p| &p.pages);
    let sources: Vec<u64> = site.pages.iter().map(|p| p.source.fingerprint).collect();
    // The previous build's page, if its document still holds.
    let kept: Vec<Option<&PageCache>> = site
        .pages
        .iter()
        .zip(&sources)
        .map(|(page, source)| previous_pages?.get(page.path()).filter(|c| c.source == *source))
        .collect();

    // Each page's number on the print page, by content path.
    let numbers: HashMap<&str, usize> =
        if whole { site.pages.iter().enumerate().map(|(i, p)| (p.path(), i)).collect() } else { HashMap::new() };

    let started = Instant::now();
    let docs: Vec<Arc<PageDoc>> = site
        .pages
        .par_iter()
        .zip(&kept)
        .enumerate()
        .map(|(i, (page, kept))| {
            let doc = match kept {
                Some(cache) => cache.doc.clone(),
                None => {
                    let mut doc = page::build(page.source, &data);
                    if whole {
                        doc.print = page::print_html(page.source, &data, i, &numbers);
                    }
                    Arc::new(doc)
                }
            };
            shared.count(Step::Document);
            doc
        })
        .collect();
    let made = kept.iter().filter(|k| k.is_none()).count();
    let doc_time = started.elapsed();
    let refs: Vec<&PageDoc> = docs.iter().map(Arc::as_ref).collect();
    let mut problems = check::region(site, &refs);
    if shared.lint {
        problems.extend(check::rules::region(site, &refs));
    }

    let clauses = views::clauses(site, &refs);
    let structure = structure(site, shared, data_print, &clauses);
    let same_structure = previous.is_some_and(|p| p.structure == structure);
    let changed: Vec<Option<&str>> = site.pages.iter().map(|page| shared.history.changed(&page.source.file)).collect();
    // The whole handbook as one PDF, kept while every page's document, title and place is.
    let kept_handbook = previous
        .and_then(|p| p.handbook.clone())
        .filter(|_| whole && same_structure && kept.iter().all(Option::is_some));
    // The files of unchanged pages, from the previous build; the front page shows the size of
    // the whole handbook, so it is made anew with the handbook.
    let front_kept = !whole || kept_handbook.is_some();
    let kept_files: Vec<Option<Vec<Output>>> = kept
        .iter()
        .zip(&changed)
        .enumerate()
        .map(|(i, (kept, changed))| {
            kept.filter(|c| (i > 0 || front_kept) && same_structure && c.changed.as_deref() == *changed)
                .map(|c| c.files.clone())
        })
        .collect();
    let menus = render::Menus::new(site);
    let input = render::RegionInput {
        templates: shared.templates,
        config: shared.config,
        site,
        clauses: &clauses,
        regulations: shared.regulations,
        menus: &menus,
    };

    let ((entries, index, index_time), ((forms, forms_time), handbook, ((pages, extras), render_time))) = rayon::join(
        || {
            let started = Instant::now();
            let roles = search::roles(&site.pages, shared.vocabulary);
            let entries: Vec<Arc<PageEntries>> = site
                .pages
                .iter()
                .zip(&kept)
                .zip(&refs)
                .map(|((page, kept), doc)| match kept {
                    Some(cache) => cache.entries.clone(),
                    None => {
                        // A national page's sections are analyzed once for every region.
                        let remember = shared.keep || !page.regional;
                        Arc::new(search::entries(page, doc, &roles, shared.regulations, shared.vocabulary, remember))
                    }
                })
                .collect();
            let all: Vec<&PageEntries> = entries.iter().map(Arc::as_ref).collect();
            let same_pages =
                previous.is_some_and(|p| p.order.iter().map(String::as_str).eq(site.pages.iter().map(Page::path)));
            let unchanged = same_pages && kept.iter().all(Option::is_some);
            let index = match previous.and_then(|p| p.index.as_ref()).filter(|_| unchanged) {
                Some(index) => Some(index.clone()),
                // Made after the pages are shown (`Cache::index_pending`).
                None if shared.defer_index => None,
                None => Some(search::index(site.slug, &all, shared.vocabulary)),
            };
            shared.count(Step::Indexed);
            (entries, index, started.elapsed())
        },
        || {
            // Pages link their forms, and the front page the whole handbook, with their size,
            // so these come first.
            let ((forms, handbook), forms_time) = timed(|| {
                rayon::join(
                    || {
                        let files = site.pages.par_iter().zip(&kept_files).zip(&refs);
                        files
                            .map(
                                |((page, kept), doc)| {
                                    if kept.is_some() { None } else { forms::files(site.slug, page, doc) }
                                },
                            )
                            .collect::<Vec<_>>()
                    },
                    || {
                        whole.then(|| {
                            let title = &shared.config.title;
                            kept_handbook.unwrap_or_else(|| forms::handbook(title, site, &refs, shared.regulations))
                        })
                    },
                )
            });
            let handbook_link = handbook.as_ref().map(|(_, link)| link);
            let pages = timed(|| {
                let pages: Vec<Option<Result<Output, Diagnostic>>> = (0..site.pages.len())
                    .into_par_iter()
                    .map(|i| {
                        let downloads: &[Download] = forms[i].as_ref().map_or(&[], |(_, d)| d.as_slice());
                        let page = kept_files[i].is_none().then(|| {
                            let handbook = handbook_link.filter(|_| i == 0);
                            render::page(&input, i, refs[i], downloads, handbook, changed[i])
                        });
                        shared.count(Step::Rendered);
                        page
                    })
                    .collect();
                let (mut extras, mut problems) = render::region_extras(&input, &shared.theme.statics, shared.history);
                if whole {
                    match render::print_page(&input, &refs) {
                        Ok(output) => extras.push(output),
                        Err(problem) => problems.push(problem),
                    }
                }
                (pages, (extras, problems))
            });
            ((forms, forms_time), handbook, pages)
        },
    );

    let (extras, extra_problems) = extras;
    problems.extend(extra_problems);
    let mut outputs = extras;
    let mut cache = RegionCache {
        data: data_print,
        structure,
        pages: HashMap::with_capacity(site.pages.len()),
        order: Vec::new(),
        index: None,
        handbook: None,
    };
    if shared.keep {
        cache.order = site.pages.iter().map(|p| p.path().to_owned()).collect();
        cache.index = index.clone();
        cache.handbook = handbook.clone();
    }
    outputs.extend(handbook.map(|(output, _)| output));
    let units = kept_files.into_iter().zip(pages).zip(forms);
    for (i, ((kept, rendered_page), form)) in units.enumerate() {
        let files: Vec<Output> = match (kept, rendered_page) {
            (Some(files), _) => files,
            (None, Some(Ok(page))) => std::iter::once(page).chain(form.into_iter().flat_map(|(f, _)| f)).collect(),
            (None, Some(Err(problem))) => {
                problems.push(problem);
                Vec::new()
            }
            (None, None) => Vec::new(),
        };
        if !shared.keep {
            outputs.extend(files);
            continue;
        }
        outputs.extend(files.iter().cloned());
        let unit = PageCache {
            source: sources[i],
            doc: docs[i].clone(),
            entries: entries[i].clone(),
            changed: changed[i].map(str::to_owned),
            files,
        };
        cache.pages.insert(site.pages[i].path().to_owned(), unit);
    }
    // A deferred index: the last one serves until the new one is made.
    let served = index.or_else(|| previous.and_then(|p| p.index.clone())).unwrap_or_default();
    let size = IndexSize { region: site.slug.to_owned(), raw_bytes: served.raw_bytes, gzip_bytes: None };
    outputs.extend(served.outputs);
    RegionBuild { outputs, problems, index: size, times: [doc_time, index_time, forms_time, render_time], cache, made }
}

pub fn timed<T>(work: impl FnOnce() -> T) -> (T, Duration) {
    let started = Instant::now();
    let value = work();
    (value, started.elapsed())
}

/// What every page document of the region reads besides its own source.
fn data_fingerprint(site: &RegionSite, regulations: &[crate::model::Regulation], whole: bool) -> u64 {
    let mut hasher = DefaultHasher::new();
    whole.hash(&mut hasher);
    serde_json::to_string(site.config).unwrap_or_default().hash(&mut hasher);
    // Labels name a regulation as repealed or not (role pages, their search entries).
    serde_json::to_string(regulations).unwrap_or_default().hash(&mut hasher);
    for page in &site.pages {
        (page.path(), &page.source.front.title).hash(&mut hasher);
    }
    hasher.finish()
}

/// Everything a page's HTML depends on besides its own document and last-changed date: the
/// site's settings, the region's data (`data`), the theme, the navigation and the duties.
fn structure(site: &RegionSite, shared: &Shared, data: u64, clauses: &[views::Clause]) -> u64 {
    let mut hasher = DefaultHasher::new();
    serde_json::to_string(shared.config).unwrap_or_default().hash(&mut hasher);
    data.hash(&mut hasher);
    shared.theme.templates.hash(&mut hasher);
    shared.theme.statics.hash(&mut hasher);
    for page in &site.pages {
        let front = &page.source.front;
        (page.path(), &front.title, front.weight, front.menu, page.regional, page.parent, &page.children)
            .hash(&mut hasher);
        front.settles.hash(&mut hasher);
    }
    // Role pages list the duties other documents give them.
    for clause in clauses {
        (&clause.role, &clause.text, clause.page, &clause.anchor).hash(&mut hasher);
    }
    hasher.finish()
}
