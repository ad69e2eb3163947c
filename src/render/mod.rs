//! Render: fill the theme's templates for every page of a region, plus the pages the theme
//! generates (tillgänglighetsredogörelse, Om webbplatsen, 404, search, the role matrix) and the
//! regions' index. Input: the resolved site and each page's document. Output: files to write.

use crate::diagnostics::{Diagnostic, codes};
use crate::forms::Download;
use crate::history::History;
use crate::ids;
use crate::model::{Regulation, SiteConfig, Theme as Topic};
use crate::output::{Origin, Output};
use crate::page::{self, PageDoc, html::escape};
use crate::site::{Page, RegionSite, relative_url};
use crate::theme::Theme;
use crate::views::{self, Clause};
use minijinja::value::{Serde, Value};
use minijinja::{AutoEscape, Environment, UndefinedBehavior};
mod context;
mod menu;

pub use menu::Menus;

use context::{
    ChangeView, ClauseView, ComparisonRow, ComparisonValue, ContentsItem, Context, CoverageRow, EntryView, LinkView,
    MatrixRow, MatrixView, PageView, PointView, PrintContext, PrintSection, RegionLink, RegionView, RegionsContext,
    ResponsibilityView, RoleColumn, TopicGroup,
};
use serde::Serialize;
use std::collections::BTreeMap;

pub struct Templates<'t> {
    env: Environment<'t>,
    theme: &'t Theme,
}

impl<'t> Templates<'t> {
    pub fn new(theme: &'t Theme) -> Result<Self, Vec<Diagnostic>> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        // minijinja's HTML escaping also escapes `/`, which turns every URL into `..&#x2f;`.
        // Escape only what HTML needs, so links stay readable in the output.
        env.set_formatter(|out, state, value| {
            if value.is_safe() || value.as_str().is_none() || matches!(state.auto_escape(), AutoEscape::None) {
                return minijinja::escape_formatter(out, state, value);
            }
            out.write_str(&escape(value.as_str().unwrap_or_default())).map_err(minijinja::Error::from)
        });
        let mut problems = Vec::new();
        for (name, (source, _)) in &theme.templates {
            if let Err(err) = env.add_template_owned(name.clone(), source.clone()) {
                problems.push(template_error(theme, &err));
            }
        }
        if problems.is_empty() { Ok(Templates { env, theme }) } else { Err(problems) }
    }

    fn render(&self, name: &str, context: &impl Serialize) -> Result<String, Diagnostic> {
        let template = self.env.get_template(name).map_err(|e| template_error(self.theme, &e))?;
        template.render(Value::from(Serde(context))).map_err(|e| template_error(self.theme, &e))
    }
}

fn template_error(theme: &Theme, err: &minijinja::Error) -> Diagnostic {
    let name = err.name().unwrap_or("okänd mall");
    let file =
        theme.templates.get(name).map_or_else(|| format!("themes/default/templates/{name}").into(), |(_, f)| f.clone());
    let detail = err.detail().map_or(String::new(), |d| format!(": {d}"));
    Diagnostic::error(codes::MALLFEL, file, format!("mallen `{name}` kunde inte användas: {}{detail}", err.kind()))
        .at(err.line().unwrap_or(0), 0)
}

fn region_view<'a>(site: &'a RegionSite) -> RegionView<'a> {
    RegionView {
        slug: site.slug,
        name: &site.config.name,
        short_name: site.config.short_name.as_deref().unwrap_or(&site.config.name),
    }
}

/// What every page of a region is rendered with.
pub struct RegionInput<'a> {
    pub templates: &'a Templates<'a>,
    pub config: &'a SiteConfig,
    pub site: &'a RegionSite<'a>,
    /// The duties the region's documents give its roles.
    pub clauses: &'a [Clause],
    pub regulations: &'a [Regulation],
    pub menus: &'a Menus<'a>,
}

/// One content page of a region: its body in the page template.
pub fn page(
    input: &RegionInput,
    index: usize,
    body: &PageDoc,
    downloads: &[Download],
    handbook: Option<&Download>,
    changed: Option<&str>,
) -> Result<Output, Diagnostic> {
    let RegionInput { templates, config, site, menus, .. } = *input;
    let page = &site.pages[index];
    let href = |to: usize, anchor: Option<&str>| {
        let url = relative_url(&page.url, &site.pages[to].url);
        match anchor {
            Some(a) => format!("{url}#{a}"),
            None => url,
        }
    };
    let link = |to: usize| LinkView { title: site.pages[to].source.front.title.clone(), url: href(to, None) };
    let mut breadcrumbs: Vec<LinkView> = site.ancestors(index).map(link).collect();
    breadcrumbs.reverse();
    let view = PageView {
        toc: body.toc.clone(),
        breadcrumbs,
        prev: index.checked_sub(1).map(link),
        next: (index + 1 < site.pages.len()).then(|| link(index + 1)),
        children: page.children.iter().map(|&c| link(c)).collect(),
        downloads: downloads.to_vec(),
        handbook: handbook.cloned(),
        changed,
        edit_url: config
            .edit_url
            .as_ref()
            .map(|pattern| pattern.replace("{path}", &page.source.file.to_string_lossy().replace('\\', "/"))),
        overview: ids::in_roles(page.path()).then(|| relative_url(&page.url, "vem-gor-vad/index.html")),
        ..content_view(input, index, &body.html, &href)
    };
    let context = Context {
        site: config,
        region: region_view(site),
        page: view,
        nav: menus.of_page(index),
        root: relative_url(&page.url, ""),
    };
    let html = templates.render("page.html", &context)?;
    Ok(Output::new(format!("{}/{}", site.slug, page.url), html.into_bytes(), Origin::Page(page.source.file.clone())))
}

/// The region's print page (`page::PRINT_URL`): every page in menu order, each in a section
/// of its own that starts a new sheet in print, with the body its page document made for it
/// (`PageDoc::print`), under a table of contents.
pub fn print_page(input: &RegionInput, docs: &[&PageDoc]) -> Result<Output, Diagnostic> {
    let RegionInput { templates, config, site, menus, .. } = *input;
    let url = page::PRINT_URL;
    let root = relative_url(url, "");
    let href = |to: usize, anchor: Option<&str>| format!("#{}", page::print_id(to, anchor));
    let sections = (0..site.pages.len())
        .map(|i| PrintSection { id: page::print_id(i, None), page: content_view(input, i, &docs[i].print, &href) })
        .collect();
    fn contents(site: &RegionSite, pages: &[usize]) -> Vec<ContentsItem> {
        let item = |i: usize| ContentsItem {
            title: site.pages[i].source.front.title.clone(),
            url: format!("#{}", page::print_id(i, None)),
            children: contents(site, &site.pages[i].children),
        };
        pages.iter().map(|&i| item(i)).collect()
    }
    let mut contents = contents(site, &site.pages[0].children);
    let front = &site.pages[0].source.front.title;
    contents.insert(0, ContentsItem { title: front.clone(), url: href(0, None), children: Vec::new() });
    let base = Context {
        site: config,
        region: region_view(site),
        page: PageView {
            title: "Hela handboken",
            kind: "utskrift",
            breadcrumbs: vec![LinkView { title: front.clone(), url: format!("{root}index.html") }],
            ..PageView::default()
        },
        nav: menus.plain(&|to| format!("{root}{to}")),
        root,
    };
    let context = PrintContext { base, sections, contents };
    let html = templates.render("skriv-ut.html", &context)?;
    Ok(Output::new(format!("{}/{url}", site.slug), html.into_bytes(), Origin::Generated("utskriftssidan")))
}

/// What a page shows wherever it is shown, on its own or in the print page: its text, and what
/// the theme adds from its data (a role's responsibilities and the duties the region's
/// documents give it, the checklist's points and the documents that settle them). `href` links
/// to a page of the region, at an anchor.
fn content_view<'a, 'input: 'a>(
    input: &RegionInput<'input>,
    index: usize,
    body: &'a str,
    href: &dyn Fn(usize, Option<&str>) -> String,
) -> PageView<'a> {
    let RegionInput { site, clauses, regulations, .. } = *input;
    let page = &site.pages[index];
    let front = &page.source.front;
    let link = |to: usize| LinkView { title: site.pages[to].source.front.title.clone(), url: href(to, None) };
    // For the checklist: the region's documents that settle any of its points.
    let settling: Vec<usize> = if front.points.is_empty() {
        Vec::new()
    } else {
        (0..site.pages.len())
            .filter(|&other| {
                site.pages[other].source.front.settles.iter().any(|id| front.points.iter().any(|p| p.id == *id))
            })
            .collect()
    };
    let settles = |other: usize, point: &str| site.pages[other].source.front.settles.iter().any(|id| id == point);
    let role = ids::role_id(page.path());
    PageView {
        title: &front.title,
        kind: front.kind.name(),
        description: front.description.as_deref(),
        source: front.source.as_deref(),
        regional: page.regional,
        body: body.into(),
        responsibilities: page::by_theme(page.source)
            .into_iter()
            .map(|(topic, responsibilities)| TopicGroup {
                id: topic.anchor(),
                label: topic.label(),
                items: responsibilities
                    .into_iter()
                    .map(|r| ResponsibilityView {
                        text: &r.text,
                        basis: r.basis.shown(r.regulation.as_deref(), regulations),
                        basis_id: r.basis.id(),
                        source: &r.source,
                    })
                    .collect(),
            })
            .collect(),
        points: front
            .points
            .iter()
            .enumerate()
            .map(|(i, p)| PointView {
                number: i + 1,
                id: &p.id,
                text: &p.text,
                settled_by: settling.iter().filter(|&&other| settles(other, &p.id)).map(|&other| link(other)).collect(),
                covered: settling.iter().map(|&other| settles(other, &p.id)).collect(),
            })
            .collect(),
        documents: settling.iter().map(|&other| link(other)).collect(),
        role,
        clauses: role
            .map(|role| {
                clauses
                    .iter()
                    .filter(|c| c.role == role)
                    .map(|c| ClauseView {
                        text: c.text.clone(),
                        document: c.document.clone(),
                        url: href(c.page, Some(&c.anchor)),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        ..PageView::default()
    }
}

/// What every region has besides its content pages: the pages the theme generates, the
/// theme's static files and the content's other files.
pub fn region_extras(
    input: &RegionInput,
    statics: &BTreeMap<String, Vec<u8>>,
    history: &History,
) -> (Vec<Output>, Vec<Diagnostic>) {
    let RegionInput { templates, config, site, clauses, .. } = *input;
    let region = region_view(site);
    let mut outputs = Vec::new();
    let mut problems = Vec::new();
    let front_title = &site.pages[0].source.front.title;
    let mut pages: Vec<(&str, String, String, &'static str)> = vec![
        (
            "tillganglighet.html",
            "tillganglighet/index.html".into(),
            "Tillgänglighetsredogörelse".into(),
            "tillgänglighetsredogörelsen",
        ),
        ("om.html", "om/index.html".into(), "Om webbplatsen".into(), "sidan Om webbplatsen"),
        ("sok.html", "sok/index.html".into(), "Sök".into(), "söksidan"),
        ("andringar.html", "andringar/index.html".into(), "Senaste ändringar".into(), "sidan Senaste ändringar"),
        ("404.html", "404.html".into(), "Sidan finns inte".into(), "sidan för okända adresser (404)"),
    ];
    // The role matrix, and each role alone.
    let roles: Vec<(&str, &str)> =
        site.pages.iter().filter_map(|p| Some((ids::role_id(p.path())?, p.source.front.title.as_str()))).collect();
    if !roles.is_empty() {
        pages.push((
            "vem-gor-vad.html",
            "vem-gor-vad/index.html".into(),
            "Vem gör vad – översikt".into(),
            "översikten Vem gör vad",
        ));
        for (id, title) in &roles {
            pages.push((
                "vem-gor-vad.html",
                format!("vem-gor-vad/{id}/index.html"),
                format!("Vem gör vad: {title}"),
                "översikten Vem gör vad",
            ));
        }
    }
    let matrix = views::matrix(site, clauses);
    for (template, url, title, what) in &pages {
        let url = url.as_str();
        // The 404 page is served at any address, so it links from the site's absolute root.
        let root = if url == "404.html" { format!("{}{}/", config.base_url, site.slug) } else { relative_url(url, "") };
        let body = if *template == "om.html" { page::to_html(&config.about) } else { String::new() };
        let changes = if *template == "andringar.html" { recent_changes(site, history, url) } else { Vec::new() };
        let matrix = if *template == "vem-gor-vad.html" {
            let only = url.strip_prefix("vem-gor-vad/").and_then(|r| r.strip_suffix("/index.html")).map(str::to_owned);
            matrix_view(site, &matrix, url, only, input.regulations)
        } else {
            MatrixView::default()
        };
        let page = PageView {
            title,
            // The overview uses the whole width beside the menu, so more roles fit side by side.
            kind: if *template == "vem-gor-vad.html" { "oversikt" } else { "sida" },
            body: body.into(),
            breadcrumbs: vec![LinkView { title: front_title.clone(), url: format!("{root}index.html") }],
            changes,
            matrix,
            ..PageView::default()
        };
        let nav = input.menus.plain(&|to| format!("{root}{to}"));
        let context = Context { site: config, region, page, nav, root };
        match templates.render(template, &context) {
            Ok(html) => {
                outputs.push(Output::new(format!("{}/{url}", site.slug), html.into_bytes(), Origin::Generated(what)))
            }
            Err(d) => problems.push(d),
        }
    }
    for (path, bytes) in statics {
        outputs.push(Output::new(
            format!("{}/assets/{path}", site.slug),
            bytes.clone(),
            Origin::ThemeFile(path.clone()),
        ));
    }
    for (path, asset) in &site.assets {
        outputs.push(Output {
            path: format!("{}/{path}", site.slug),
            bytes: asset.bytes.clone(),
            origin: Origin::ContentFile(asset.file.clone()),
        });
    }
    (outputs, problems)
}

/// The role matrix as the template shows it, from the output file `from`; `only` limits it to
/// one role.
fn matrix_view(
    site: &RegionSite,
    matrix: &[(Topic, Vec<Vec<views::Entry>>)],
    from: &str,
    only: Option<String>,
    regulations: &[Regulation],
) -> MatrixView {
    let roles: Vec<(&str, &Page)> = site.pages.iter().filter_map(|p| Some((ids::role_id(p.path())?, p))).collect();
    let keep: Vec<bool> = roles.iter().map(|(id, _)| only.as_deref().is_none_or(|o| o == *id)).collect();
    MatrixView {
        roles: roles
            .iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|((id, page), _)| RoleColumn {
                title: page.source.front.title.clone(),
                url: relative_url(from, &page.url),
                only: relative_url(from, &format!("vem-gor-vad/{id}/index.html")),
            })
            .collect(),
        rows: matrix
            .iter()
            .map(|(topic, cells)| MatrixRow {
                id: topic.anchor(),
                label: topic.label(),
                cells: cells
                    .iter()
                    .zip(&keep)
                    .filter(|(_, k)| **k)
                    .map(|(entries, _)| {
                        entries
                            .iter()
                            .map(|e| EntryView {
                                basis: e.basis.shown(e.regulation.as_deref(), regulations),
                                basis_id: e.basis.id(),
                                text: e.text.clone(),
                                source: e.source.clone(),
                                url: relative_url(from, &e.url),
                            })
                            .collect()
                    })
                    .collect(),
            })
            .filter(|row: &MatrixRow| row.cells.iter().any(|c| !c.is_empty()))
            .collect(),
        only,
    }
}

/// The latest days on which a page of the region changed, newest first, with those pages. Commit
/// messages are written for editors and are not shown to readers.
fn recent_changes(site: &RegionSite, history: &History, from: &str) -> Vec<ChangeView> {
    const SHOWN: usize = 30;
    let mut changes: Vec<ChangeView> = Vec::new();
    for commit in &history.commits {
        let changed = site.pages.iter().filter(|page| commit.files.contains(&page.source.file));
        for page in changed {
            if changes.last().is_none_or(|last| last.date != commit.date) {
                if changes.len() == SHOWN {
                    return changes;
                }
                changes.push(ChangeView { date: commit.date.clone(), pages: Vec::new() });
            }
            let day = changes.last_mut().expect("pushed above");
            let link = LinkView { title: page.source.front.title.clone(), url: relative_url(from, &page.url) };
            if !day.pages.iter().any(|p| p.url == link.url) {
                day.pages.push(link);
            }
        }
    }
    changes
}

/// `index.html` at the output root: the regions.
pub fn regions_index(
    templates: &Templates,
    config: &SiteConfig,
    sites: &[RegionSite],
) -> Result<Vec<Output>, Diagnostic> {
    let regions = sites
        .iter()
        .map(|s| RegionLink {
            name: &s.config.name,
            description: &s.config.description,
            url: format!("{}/index.html", s.slug),
        })
        .collect();
    let comparison = config
        .compare
        .iter()
        .map(|row| ComparisonRow {
            label: &row.label,
            values: sites
                .iter()
                .map(|s| match s.config.facts.get(&row.fact) {
                    Some(fact) => ComparisonValue { value: &fact.value, source: &fact.source, missing: false },
                    None => ComparisonValue { value: "anges ej", source: "", missing: true },
                })
                .collect(),
        })
        .collect();
    // The checklist's points (the first region's checklist; the checklist is national), with the
    // documents of each region that settle them.
    let points = sites.first().and_then(|s| s.pages.iter().find(|p| !p.source.front.points.is_empty()));
    let coverage = points
        .map(|checklist| {
            checklist
                .source
                .front
                .points
                .iter()
                .enumerate()
                .map(|(i, point)| CoverageRow {
                    number: i + 1,
                    text: &point.text,
                    regions: sites
                        .iter()
                        .map(|s| {
                            s.pages
                                .iter()
                                .filter(|p| p.source.front.settles.contains(&point.id))
                                .map(|p| p.source.front.title.as_str())
                                .collect()
                        })
                        .collect(),
                })
                .collect()
        })
        .unwrap_or_default();
    let html = templates.render("regions.html", &RegionsContext { site: config, regions, comparison, coverage })?;
    let mut outputs = vec![Output::new("index.html".into(), html.into_bytes(), Origin::Generated("regionlistan"))];
    for (path, bytes) in &templates.theme.statics {
        outputs.push(Output::new(format!("assets/{path}"), bytes.clone(), Origin::ThemeFile(path.clone())));
    }
    Ok(outputs)
}
