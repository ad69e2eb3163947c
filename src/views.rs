//! Views across the content model, what only a handbook that knows its roles, checklist and
//! contracts as data can show: each role's duties in the region's contracts, the role matrix
//! (roles by theme), which documents settle each checklist point, and regions side by side.

use crate::ids;
use crate::model::{Basis, Theme};
use crate::page::PageDoc;
use crate::site::RegionSite;

/// A duty a document of the region gives a role, as the document writes it.
pub struct Clause {
    pub role: String,
    pub text: String,
    /// The document's title, its page (by index) and the duty's anchor on it.
    pub document: String,
    pub page: usize,
    pub anchor: String,
    pub theme: Theme,
}

/// Every duty the region's documents give a role, once per role it names, in page order. A
/// duty without a theme is an error the page already reports; it is left out here.
pub fn clauses(site: &RegionSite, docs: &[&PageDoc]) -> Vec<Clause> {
    let mut clauses = Vec::new();
    for (index, (page, doc)) in site.pages.iter().zip(docs).enumerate() {
        for duty in &doc.duties {
            let Some(theme) = duty.theme else { continue };
            for role in &duty.roles {
                clauses.push(Clause {
                    role: role.clone(),
                    theme,
                    text: duty.text.clone(),
                    document: page.source.front.title.clone(),
                    page: index,
                    anchor: duty.anchor.clone(),
                });
            }
        }
    }
    clauses
}

/// The matrix's cell entry: a duty with its basis and where it comes from.
pub struct Entry {
    pub basis: Basis,
    /// The regulation a föreskrift or an allmänt råd stands in.
    pub regulation: Option<String>,
    pub text: String,
    pub source: String,
    pub url: String,
}

/// Every duty of every role in the region, national and from its documents, by theme and role.
/// Returns the themes that have any duty, each with one list of entries per role page.
pub fn matrix(site: &RegionSite, clauses: &[Clause]) -> Vec<(Theme, Vec<Vec<Entry>>)> {
    let roles: Vec<(usize, &str)> =
        site.pages.iter().enumerate().filter_map(|(i, p)| Some((i, ids::role_id(p.path())?))).collect();
    let mut themes: Vec<Theme> = roles
        .iter()
        .flat_map(|(i, _)| site.pages[*i].source.front.responsibilities.iter().map(|r| r.theme))
        .chain(clauses.iter().map(|c| c.theme))
        .collect();
    themes.sort();
    themes.dedup();
    themes
        .into_iter()
        .map(|theme| {
            let cells = roles
                .iter()
                .map(|(i, id)| {
                    let page = &site.pages[*i];
                    let anchor = theme.anchor();
                    let national =
                        page.source.front.responsibilities.iter().filter(|r| r.theme == theme).map(|r| Entry {
                            basis: r.basis,
                            regulation: r.regulation.clone(),
                            text: r.text.clone(),
                            source: r.source.clone(),
                            url: format!("{}#{anchor}", page.url),
                        });
                    let regional = clauses.iter().filter(|c| c.role == *id && c.theme == theme).map(|c| Entry {
                        basis: Basis::RegionalOverenskommelse,
                        regulation: None,
                        text: c.text.clone(),
                        source: c.document.clone(),
                        url: format!("{}#{}", site.pages[c.page].url, c.anchor),
                    });
                    national.chain(regional).collect()
                })
                .collect();
            (theme, cells)
        })
        .collect()
}
