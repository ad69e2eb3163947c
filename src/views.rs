//! Views across the content model, what only a handbook that knows its roles, checklist and
//! contracts as data can show: each role's duties in the region's contracts, the role matrix
//! (roles by theme), which documents settle each checklist point, and regions side by side.

use crate::markdown::Rendered;
use crate::model::{Basis, Theme};
use crate::site::RegionSite;

/// A duty a document of the region gives a role: one list item under a section it declares.
pub struct Clause {
    pub role: String,
    pub text: String,
    /// The document's title, and the section's address from the region's root.
    pub document: String,
    pub url: String,
    pub theme: Theme,
}

pub fn clauses(site: &RegionSite, bodies: &[Rendered]) -> Vec<Clause> {
    let mut clauses = Vec::new();
    for (page, body) in site.pages.iter().zip(bodies) {
        for duty in &page.source.front.duties {
            for text in list_items(&body.html, &duty.section) {
                clauses.push(Clause {
                    role: duty.role.clone(),
                    theme: theme_of(&text),
                    text,
                    document: page.source.front.title.clone(),
                    url: format!("{}#{}", page.url, duty.section),
                });
            }
        }
    }
    clauses
}

/// The role of a role page: its file name in `roller/`.
pub fn role_id(path: &str) -> Option<&str> {
    path.strip_prefix("roller/")?.strip_suffix(".md").filter(|id| *id != "_index" && !id.contains('/'))
}

/// The text of each top-level list item in the section under the heading `id`.
fn list_items(html: &str, id: &str) -> Vec<String> {
    let Some(start) = ["<h2 id=\"", "<h3 id=\"", "<h4 id=\""].iter().find_map(|tag| html.find(&format!("{tag}{id}\"")))
    else {
        return Vec::new();
    };
    let level = &html[start + 2..start + 3];
    let rest = &html[start..];
    let after = rest.find('>').map_or(rest.len(), |i| i + 1);
    // The section ends at the next heading of the same or a higher level.
    let end = (1..=level.parse::<usize>().unwrap_or(2))
        .filter_map(|l| rest[after..].find(&format!("<h{l}")))
        .min()
        .map_or(rest.len(), |e| e + after);
    let section = &rest[after..end];
    let mut items = Vec::new();
    let mut depth = 0;
    let mut current = String::new();
    let mut at = 0;
    while at < section.len() {
        let tail = &section[at..];
        if tail.starts_with("<li") {
            depth += 1;
            if depth == 1 {
                current.clear();
            }
        } else if tail.starts_with("</li>") {
            if depth == 1 {
                let text = plain(&current);
                if !text.is_empty() {
                    items.push(text);
                }
            }
            depth -= 1;
        }
        let c = tail.chars().next().unwrap_or(' ');
        if depth > 0 {
            current.push(c);
        }
        at += c.len_utf8();
    }
    items
}

fn plain(html: &str) -> String {
    let text = crate::markdown::text_of_html(html);
    text.split_whitespace().collect::<Vec<_>>().join(" ").replace(" .", ".").replace(" ,", ",")
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
        site.pages.iter().enumerate().filter_map(|(i, p)| Some((i, role_id(p.path())?))).collect();
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
                    let anchor = format!("ansvar-{}", crate::markdown::slugify(theme.label()));
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
    fn list_items_of_a_section() {
        let html = "<h2 id=\"a\">A</h2>\n<ul>\n<li>Att <strong>ett</strong>.</li>\n<li>Två<ul><li>inre</li></ul></li>\n</ul>\n<h3 id=\"b\">B</h3><ul><li>tre</li></ul><h2 id=\"c\">C</h2><ul><li>fyra</li></ul>";
        assert_eq!(list_items(html, "a"), ["Att ett.", "Två inre", "tre"]);
        assert_eq!(list_items(html, "b"), ["tre"]);
        assert!(list_items(html, "x").is_empty());
    }

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
