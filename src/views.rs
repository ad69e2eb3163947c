//! Views across the content model, what only a handbook that knows its roles, checklist and
//! contracts as data can show: each role's duties in the region's contracts, the role matrix
//! (roles by theme), which documents settle each checklist point, and regions side by side.

use crate::ids;
use crate::model::{Basis, Theme};
use crate::page::{PageDoc, SectionKind};
use crate::site::RegionSite;

/// A duty a document of the region gives a role: one list item under a section it declares.
pub struct Clause {
    pub role: String,
    pub text: String,
    /// The document's title, and the duty's address from the region's root.
    pub document: String,
    pub url: String,
    pub theme: Theme,
}

pub fn clauses(site: &RegionSite, docs: &[&PageDoc]) -> Vec<Clause> {
    let mut clauses = Vec::new();
    for (page, doc) in site.pages.iter().zip(docs) {
        for duty in &page.source.front.duties {
            for item in items_under(doc, &duty.section) {
                let anchor = item.anchor.as_deref().unwrap_or(&duty.section);
                clauses.push(Clause {
                    role: duty.role.clone(),
                    theme: theme_of(&item.text),
                    text: item.text.clone(),
                    document: page.source.front.title.clone(),
                    url: format!("{}#{anchor}", page.url),
                });
            }
        }
    }
    clauses
}

/// The top-level list items of the section with the heading `id`, and of the sections under it.
fn items_under<'d>(doc: &'d PageDoc, id: &str) -> impl Iterator<Item = &'d crate::page::Item> {
    let start = doc.sections.iter().position(|s| s.anchor.as_deref() == Some(id));
    let level = match start.map(|i| doc.sections[i].kind) {
        Some(SectionKind::Heading(level)) => level,
        _ => 0,
    };
    let sections = match start {
        Some(i) if level > 0 => {
            let inside = |kind: SectionKind| match kind {
                SectionKind::Heading(l) => l > level,
                SectionKind::Term | SectionKind::Lead => true,
            };
            let end =
                doc.sections[i + 1..].iter().position(|s| !inside(s.kind)).map_or(doc.sections.len(), |p| i + 1 + p);
            &doc.sections[i..end]
        }
        _ => &[],
    };
    sections.iter().flat_map(|s| &s.items)
}

/// The theme a contract clause belongs to, by the words it uses: the theme with the most of its
/// words in the clause; on a tie, the earlier theme in this list.
pub fn theme_of(text: &str) -> Theme {
    const WORDS: &[(Theme, &[&str])] = &[
        (Theme::Intyg, &["intyg", "ansökan", "specialistbevis"]),
        (Theme::Handledning, &["handledning", "handledar", "handleda", "instruktion"]),
        (
            Theme::Sidotjanstgoring,
            &[
                "sidotjänstgöring",
                "sidoplacering",
                "sidoutbildning",
                "randning",
                "extern arbetsplats",
                "externa arbetsplatser",
                "annan verksamhet",
                "annan klinik",
            ],
        ),
        (Theme::Vetenskap, &["vetenskaplig", "kvalitetsarbete", "kvalitetsutveckling", "fou"]),
        (
            Theme::Utbildningsprogram,
            &["utbildningsplan", "utbildningsprogram", "iup", "introduktionsprogram", "tjänstgöringsplan"],
        ),
        (
            Theme::Bedomning,
            &[
                "bedöm",
                "värdering",
                "utvärder",
                "återkoppling",
                "uppföljning",
                "följs upp",
                "stämma av",
                "mitt-i-st",
                "examen",
                "årsrapport",
                "dokumentera",
                "handledarutlåtande",
                "medarbetarsamtal",
                "utvecklingssamtal",
                "åtgärdsplan",
            ],
        ),
        (
            Theme::Kurser,
            &[
                "kurs",
                "seminari",
                "utbildningsaktivitet",
                "studietid",
                "fortbildning",
                "utbildning",
                "litteratur",
                "konferens",
                "kongress",
                "st-möten",
                "st-dagar",
            ],
        ),
    ];
    let lower = text.to_lowercase();
    let mut best = (0, Theme::Organisation);
    for (theme, words) in WORDS {
        let hits = words.iter().filter(|w| lower.contains(*w)).count();
        if hits > best.0 {
            best = (hits, *theme);
        }
    }
    best.1
}

/// The matrix's cell entry: a duty with its basis and where it comes from.
pub struct Entry {
    pub basis: Basis,
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
                            text: r.text.clone(),
                            source: r.source.clone(),
                            url: format!("{}#{anchor}", page.url),
                        });
                    let regional = clauses.iter().filter(|c| c.role == *id && c.theme == theme).map(|c| Entry {
                        basis: Basis::RegionalOverenskommelse,
                        text: c.text.clone(),
                        source: c.document.clone(),
                        url: c.url.clone(),
                    });
                    national.chain(regional).collect()
                })
                .collect();
            (theme, cells)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_are_sorted_into_themes_by_their_words() {
        assert_eq!(theme_of("Att initiera regelbundna handledarsamtal"), Theme::Handledning);
        assert_eq!(
            theme_of("följa och stötta ST-läkaren under tjänstgöringar på externa arbetsplatser"),
            Theme::Sidotjanstgoring
        );
        assert_eq!(theme_of("Att utfärda intyg vid ST-läkarens ansökan om specialistkompetens."), Theme::Intyg);
        assert_eq!(theme_of("att en god arbetsmiljö uppnås"), Theme::Organisation);
        assert_eq!(
            theme_of("Att initiera regelbundna handledarsamtal, och vid sidotjänstgöring minst en gång i månaden"),
            Theme::Handledning
        );
    }
}
