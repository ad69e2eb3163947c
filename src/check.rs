//! Check: what can only be judged with the whole region in view — links and anchors between
//! pages, files a page links to, and contract fields defined but never placed.
//! Input: a resolved region and its pages' rendered Markdown. Output: diagnostics.

use crate::diagnostics::{Diagnostic, closest};
use crate::markdown::Rendered;
use crate::render::generated_sections;
use crate::site::RegionSite;
use crate::source::SourcePage;
use std::collections::{HashMap, HashSet};

pub fn region(site: &RegionSite, bodies: &[Rendered]) -> Vec<Diagnostic> {
    let anchors: Vec<HashSet<String>> = site
        .pages
        .iter()
        .zip(bodies)
        .map(|(page, body)| {
            body.anchors
                .iter()
                .cloned()
                .chain(generated_sections(page).into_iter().map(|s| s.id))
                .collect()
        })
        .collect();
    let mut problems = Vec::new();
    for (page, body) in site.pages.iter().zip(bodies) {
        let file = &page.source.file;
        problems.extend(body.diagnostics.iter().cloned());
        for link in &body.links {
            if site.failed.contains(link.target.as_str()) {
                continue;
            }
            let Some(&target) = site.by_path.get(link.target.as_str()) else {
                let d = Diagnostic::error(
                    "trasig-lank",
                    file,
                    format!(
                        "länken pekar på `{}`, som inte finns i {}",
                        link.target, site.config.name
                    ),
                )
                .at(link.line, link.column);
                problems.push(match closest(&link.target, site.by_path.keys().copied()) {
                    Some(best) => d.help(format!("menade du `{best}`?")),
                    None => d,
                });
                continue;
            };
            if let Some(anchor) = &link.anchor
                && !anchors[target].contains(anchor)
            {
                let d = Diagnostic::error(
                    "saknat-ankare",
                    file,
                    format!(
                        "`{}` har ingen rubrik med id `#{anchor}`",
                        site.pages[target].source.file.display()
                    ),
                )
                .at(link.line, link.column);
                problems.push(match closest(anchor, anchors[target].iter().map(String::as_str)) {
                    Some(best) => d.help(format!(
                        "menade du `#{best}`? (rubrikens id kan ha ändrats när rubriken skrevs om)"
                    )),
                    None => d.help("ett id bildas av rubrikens text: \"Läkarens ansvar\" får id `lakarens-ansvar`"),
                });
            }
        }
        for asset in &body.assets {
            if !site.assets.contains_key(asset.target.as_str()) {
                problems.push(
                    Diagnostic::error("saknad-fil", file, format!("filen `{}` finns inte", asset.target))
                        .at(asset.line, asset.column),
                );
            }
        }
        problems.extend(field_problems(page.source, body));
    }
    problems
}

fn field_problems(source: &SourcePage, body: &Rendered) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for field in &source.front.fields {
        let line = source.front_line_of(&field.id);
        if seen.insert(&field.id, line).is_some() {
            problems.push(
                Diagnostic::error(
                    "dubbelt-falt",
                    &source.file,
                    format!("fältet `{}` är definierat två gånger", field.id),
                )
                .at(line, 0),
            );
        } else if !body.placed_fields.contains(&field.id) {
            problems.push(
                Diagnostic::error(
                    "falt-ej-placerat",
                    &source.file,
                    format!("fältet `{}` är definierat men står ingenstans i texten", field.id),
                )
                .at(line, 0)
                .help(format!(
                    "skriv {{{{ fält.{} }}}} där tomraden ska stå, eller ta bort definitionen",
                    field.id
                )),
            );
        }
    }
    let mut points = HashSet::new();
    for point in &source.front.points {
        if !points.insert(&point.id) {
            let line = source.front_line_of(&point.id);
            problems.push(
                Diagnostic::error(
                    "dubbel-punkt",
                    &source.file,
                    format!("punkten `{}` finns två gånger", point.id),
                )
                .at(line, 0),
            );
        }
    }
    problems
}
