//! Resolve: lay each region's pages over the national ones, give every page its output URL,
//! and build the navigation tree (sections, reading order, breadcrumbs).
//! Input: `Sources`. Output: one `RegionSite` per region, or the problems that prevent it.

use crate::diagnostics::{Diagnostic, codes};
use crate::model::{PageKind, RegionConfig};
use crate::source::{Asset, RegionSource, SourcePage, Sources};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Output paths the theme generates in every region; content may not take them.
pub const GENERATED: &[(&str, &str)] = &[
    ("tillganglighet.md", "tillgänglighetsredogörelsen"),
    ("om.md", "sidan Om webbplatsen"),
    ("sok.md", "söksidan"),
    ("andringar.md", "sidan Senaste ändringar"),
    ("vem-gor-vad.md", "översikten Vem gör vad"),
    ("assets", "temats filer"),
];

pub struct RegionSite<'a> {
    pub slug: &'a str,
    pub config: &'a RegionConfig,
    /// Pages in reading order: the front page first, then depth first through the sections.
    pub pages: Vec<Page<'a>>,
    pub by_path: HashMap<&'a str, usize>,
    /// Non-page files, region files overriding national ones at the same path.
    pub assets: BTreeMap<&'a str, &'a Asset>,
    /// Content paths of sources that failed to load; links to them are not reported again.
    pub failed: HashSet<&'a str>,
}

impl RegionSite<'_> {
    /// The sections a page lies in, the nearest first, up to the front page.
    pub fn ancestors(&self, index: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.pages[index].parent, |&p| self.pages[p].parent)
    }
}

pub struct Page<'a> {
    pub source: &'a SourcePage,
    /// Whether the page comes from the region's own folder.
    pub regional: bool,
    /// Output file relative to the region's root, e.g. `roller/handledare/index.html`.
    pub url: String,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
}

impl Page<'_> {
    pub fn path(&self) -> &str {
        &self.source.path
    }
}

/// The output file of a content path: `a/b.md` → `a/b/index.html`, `a/_index.md` → `a/index.html`.
pub fn url_for(path: &str) -> String {
    let stem = path.strip_suffix(".md").unwrap_or(path);
    match stem.strip_suffix("_index") {
        Some(dir) => format!("{dir}index.html"),
        None => format!("{stem}/index.html"),
    }
}

/// A link from one output file to another, relative so the site works from any sub-path and
/// from disk.
pub fn relative_url(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect();
    let from_dirs = &from_dirs[..from_dirs.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dirs.iter().zip(&to_parts).take_while(|(a, b)| a == b).count();
    let mut out = "../".repeat(from_dirs.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    out
}

/// The `_index.md` of the folder a content path lives in, or of its parent for an index.
fn parent_index(path: &str) -> Option<String> {
    if path == "_index.md" {
        return None;
    }
    let dir = path.strip_suffix("/_index.md").unwrap_or(path);
    Some(match dir.rsplit_once('/') {
        Some((parent, _)) => format!("{parent}/_index.md"),
        None => "_index.md".to_owned(),
    })
}

/// Resolves every region that can be resolved, and reports why the others cannot.
pub fn resolve(sources: &Sources) -> (Vec<RegionSite<'_>>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let sites = sources.regions.iter().filter_map(|region| resolve_region(sources, region, &mut problems)).collect();
    (sites, problems)
}

fn resolve_region<'a>(
    sources: &'a Sources,
    region: &'a RegionSource,
    problems: &mut Vec<Diagnostic>,
) -> Option<RegionSite<'a>> {
    // The region's page at the same path replaces the national one.
    let mut merged: BTreeMap<&str, (&SourcePage, bool)> = BTreeMap::new();
    for page in &sources.national.pages {
        merged.insert(&page.path, (page, false));
    }
    for page in &region.content.pages {
        merged.insert(&page.path, (page, true));
    }
    let mut assets: BTreeMap<&str, &Asset> = BTreeMap::new();
    for asset in sources.national.assets.iter().chain(&region.content.assets) {
        assets.insert(&asset.path, asset);
    }

    let mut urls: HashMap<String, &SourcePage> = HashMap::new();
    // Pages whose address is taken: reported, and left out so no second error repeats it.
    let mut dropped: Vec<&str> = Vec::new();
    for (path, (page, _)) in &merged {
        for (reserved, what) in GENERATED {
            let clash = *path == *reserved || path.starts_with(&format!("{}/", reserved.trim_end_matches(".md")));
            if clash {
                problems.push(
                    Diagnostic::error(
                        codes::RESERVERAD_SOKVAG,
                        &page.file,
                        format!("sökvägen `{path}` används redan av {what}"),
                    )
                    .help("byt namn på filen"),
                );
                dropped.push(path);
            }
        }
        if let Some(other) = urls.insert(url_for(path), page) {
            dropped.push(path);
            problems.push(
                Diagnostic::error(
                    codes::DUBBEL_ADRESS,
                    &page.file,
                    format!("sidan får samma adress som {}", other.file.display()),
                )
                .help("en mapp med _index.md och en fil med mappens namn kan inte finnas samtidigt"),
            );
        }
        if let Some(index) = parent_index(path).filter(|index| !merged.contains_key(index.as_str())) {
            problems.push(
                Diagnostic::error(
                    codes::SAKNAR_AVSNITTSSIDA,
                    &page.file,
                    format!("mappen för `{path}` har ingen {index}"),
                )
                .help("varje mapp med sidor behöver en _index.md med avsnittets titel"),
            );
        }
        if page.front.kind == PageKind::Roll && !path.starts_with("roller/") {
            problems.push(
                Diagnostic::error(
                    codes::ROLL_UTANFOR_ROLLER,
                    &page.file,
                    "en sida av typen `roll` ska ligga i mappen roller/",
                )
                .at(2, 1),
            );
        }
    }
    if !merged.contains_key("_index.md") {
        problems.push(
            Diagnostic::error(
                codes::SAKNAR_STARTSIDA,
                format!("regions/{}", region.slug),
                "regionen har ingen startsida",
            )
            .help("lägg till content/_index.md eller regions/<slug>/content/_index.md"),
        );
    }
    for path in &dropped {
        merged.remove(path);
    }
    // Without a front page there is no tree to hang the pages on. Every other problem above
    // is reported and the region still resolved, so its links and data are checked too.
    if !merged.contains_key("_index.md") {
        return None;
    }

    // Children of each section, ordered by weight, then title, then path. A page in a folder
    // without `_index.md` (reported above) hangs under the nearest section above it.
    let mut children: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for path in merged.keys() {
        let mut parent = parent_index(path);
        while let Some(index) = parent.as_deref().filter(|index| !merged.contains_key(index)) {
            parent = parent_index(index);
        }
        if let Some(parent) = parent {
            children.entry(parent).or_default().push(path);
        }
    }
    for list in children.values_mut() {
        list.sort_by(|a, b| {
            let (pa, pb) = (merged[a].0, merged[b].0);
            (pa.front.weight, &pa.front.title, a).cmp(&(pb.front.weight, &pb.front.title, b))
        });
    }

    let failed =
        sources.national.failed.iter().chain(&region.content.failed).map(String::as_str).chain(dropped).collect();
    let mut site = RegionSite {
        slug: &region.slug,
        config: &region.config,
        pages: Vec::new(),
        by_path: HashMap::new(),
        assets,
        failed,
    };
    // Depth first with an explicit stack, so deep folders cannot overflow the call stack.
    let mut stack: Vec<(&str, Option<usize>)> = vec![("_index.md", None)];
    while let Some((path, parent)) = stack.pop() {
        let (source, regional) = merged[path];
        let index = site.pages.len();
        site.pages.push(Page { source, regional, url: url_for(path), parent, children: Vec::new() });
        site.by_path.insert(&source.path, index);
        if let Some(parent) = parent {
            site.pages[parent].children.push(index);
        }
        if let Some(kids) = children.get(path) {
            for kid in kids.iter().rev() {
                stack.push((kid, Some(index)));
            }
        }
    }
    Some(site)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_folders_with_an_index() {
        assert_eq!(url_for("_index.md"), "index.html");
        assert_eq!(url_for("roller/_index.md"), "roller/index.html");
        assert_eq!(url_for("roller/handledare.md"), "roller/handledare/index.html");
    }

    #[test]
    fn relative_urls_climb_only_as_far_as_needed() {
        assert_eq!(relative_url("index.html", "roller/index.html"), "roller/index.html");
        assert_eq!(relative_url("roller/handledare/index.html", "roller/index.html"), "../index.html");
        assert_eq!(relative_url("roller/handledare/index.html", "avtal/x/index.html"), "../../avtal/x/index.html");
        assert_eq!(relative_url("a/index.html", "a/index.html"), "index.html");
    }

    #[test]
    fn every_page_has_a_section() {
        assert_eq!(parent_index("_index.md"), None);
        assert_eq!(parent_index("om.md").as_deref(), Some("_index.md"));
        assert_eq!(parent_index("roller/_index.md").as_deref(), Some("_index.md"));
        assert_eq!(parent_index("a/b/c.md").as_deref(), Some("a/b/_index.md"));
    }
}
