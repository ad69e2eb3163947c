//! What the templates see: the view of a page, the navigation, the role matrix and the
//! regions' index, as plain data the render stage fills.

use crate::forms::Download;
use crate::model::SiteConfig;
use crate::page::TocEntry;
use serde::Serialize;

#[derive(Serialize)]
pub(super) struct Context<'a> {
    pub(super) site: &'a SiteConfig,
    pub(super) region: RegionView<'a>,
    pub(super) page: PageView<'a>,
    /// The menu (`menu::Menus`).
    pub(super) nav: minijinja::Value,
    /// Prefix that leads from this page to the region's root.
    pub(super) root: String,
}

/// The region's print page: what every page has, every page in menu order, and their table of
/// contents.
#[derive(Serialize)]
pub(super) struct PrintContext<'a> {
    #[serde(flatten)]
    pub(super) base: Context<'a>,
    pub(super) sections: Vec<PrintSection<'a>>,
    /// The pages as the menu nests them, the front page first.
    pub(super) contents: Vec<ContentsItem>,
}

/// One page on the print page: the id of its section, and what it shows.
#[derive(Serialize)]
pub(super) struct PrintSection<'a> {
    pub(super) id: String,
    pub(super) page: PageView<'a>,
}

#[derive(Serialize)]
pub(super) struct ContentsItem {
    pub(super) title: String,
    pub(super) url: String,
    pub(super) children: Vec<ContentsItem>,
}

#[derive(Serialize, Clone, Copy)]
pub(super) struct RegionView<'a> {
    pub(super) slug: &'a str,
    pub(super) name: &'a str,
    pub(super) short_name: &'a str,
}

#[derive(Serialize, Default)]
pub(super) struct PageView<'a> {
    pub(super) title: &'a str,
    pub(super) kind: &'a str,
    pub(super) description: Option<&'a str>,
    pub(super) source: Option<&'a str>,
    /// Whether the text is the region's own rather than the national text.
    pub(super) regional: bool,
    pub(super) body: std::borrow::Cow<'a, str>,
    pub(super) toc: Vec<TocEntry>,
    pub(super) breadcrumbs: Vec<LinkView>,
    pub(super) prev: Option<LinkView>,
    pub(super) next: Option<LinkView>,
    pub(super) children: Vec<LinkView>,
    /// The page as files to download (a form's PDF and Word file).
    pub(super) downloads: Vec<Download>,
    /// On the front page: the whole handbook as one PDF.
    pub(super) handbook: Option<Download>,
    /// When the page's source last changed (from git).
    pub(super) changed: Option<&'a str>,
    /// Where to suggest a change to the page's source.
    pub(super) edit_url: Option<String>,
    /// For "Senaste ändringar": recent changes that touch the region.
    pub(super) changes: Vec<ChangeView>,
    /// For a role page: the duties the region's documents give the role.
    pub(super) clauses: Vec<ClauseView>,
    /// For a role page: its id.
    pub(super) role: Option<&'a str>,
    /// For role pages and their section: the overview of all roles.
    pub(super) overview: Option<String>,
    /// For "Vem gör vad": the role matrix.
    pub(super) matrix: MatrixView,
    pub(super) responsibilities: Vec<TopicGroup<'a>>,
    pub(super) points: Vec<PointView<'a>>,
    /// For the checklist: the region's documents that settle any point.
    pub(super) documents: Vec<LinkView>,
}

#[derive(Serialize)]
pub(super) struct ChangeView {
    pub(super) date: String,
    pub(super) pages: Vec<LinkView>,
}

#[derive(Serialize)]
pub(super) struct LinkView {
    pub(super) title: String,
    pub(super) url: String,
}

#[derive(Serialize)]
pub(super) struct TopicGroup<'a> {
    pub(super) id: String,
    pub(super) label: &'static str,
    pub(super) items: Vec<ResponsibilityView<'a>>,
}

#[derive(Serialize)]
pub(super) struct ResponsibilityView<'a> {
    pub(super) text: &'a str,
    pub(super) basis: String,
    pub(super) basis_id: &'static str,
    pub(super) source: &'a str,
}

#[derive(Serialize)]
pub(super) struct PointView<'a> {
    pub(super) number: usize,
    pub(super) id: &'a str,
    pub(super) text: &'a str,
    /// The region's documents that settle the point.
    pub(super) settled_by: Vec<LinkView>,
    /// For each of the page's `documents`, whether it settles the point.
    pub(super) covered: Vec<bool>,
}

#[derive(Serialize)]
pub(super) struct ClauseView {
    pub(super) text: String,
    pub(super) document: String,
    pub(super) url: String,
}

#[derive(Serialize)]
pub(super) struct RoleColumn {
    pub(super) title: String,
    pub(super) url: String,
    /// The view of this role alone.
    pub(super) only: String,
}

#[derive(Serialize)]
pub(super) struct MatrixRow {
    pub(super) id: String,
    pub(super) label: &'static str,
    pub(super) cells: Vec<Vec<EntryView>>,
}

#[derive(Serialize)]
pub(super) struct EntryView {
    pub(super) basis: String,
    pub(super) basis_id: &'static str,
    pub(super) text: String,
    pub(super) source: String,
    pub(super) url: String,
}

/// The role matrix: every role's duties by theme, or one role's.
#[derive(Serialize, Default)]
pub(super) struct MatrixView {
    pub(super) roles: Vec<RoleColumn>,
    pub(super) rows: Vec<MatrixRow>,
    /// The role shown alone, if any.
    pub(super) only: Option<String>,
}

#[derive(Serialize)]
pub(super) struct RegionsContext<'a> {
    pub(super) site: &'a SiteConfig,
    pub(super) regions: Vec<RegionLink<'a>>,
    pub(super) comparison: Vec<ComparisonRow<'a>>,
    /// The checklist's points across the regions.
    pub(super) coverage: Vec<CoverageRow<'a>>,
}

/// A checklist point, and for each region the titles of its documents that settle it.
#[derive(Serialize)]
pub(super) struct CoverageRow<'a> {
    pub(super) number: usize,
    pub(super) text: &'a str,
    pub(super) regions: Vec<Vec<&'a str>>,
}

/// One fact across the regions; a region that gives none says so.
#[derive(Serialize)]
pub(super) struct ComparisonRow<'a> {
    pub(super) label: &'a str,
    pub(super) values: Vec<ComparisonValue<'a>>,
}

#[derive(Serialize)]
pub(super) struct ComparisonValue<'a> {
    pub(super) value: &'a str,
    pub(super) source: &'a str,
    pub(super) missing: bool,
}

#[derive(Serialize)]
pub(super) struct RegionLink<'a> {
    pub(super) name: &'a str,
    pub(super) description: &'a str,
    pub(super) url: String,
}
