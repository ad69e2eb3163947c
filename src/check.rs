//! Check: what can only be judged with the whole region in view — links and anchors between
//! pages, files a page links to, and contract fields defined but never placed.
//! Input: a resolved region and its pages' rendered Markdown. Output: diagnostics.

use crate::diagnostics::{Diagnostic, closest};
use crate::markdown::Rendered;
use crate::model::PageKind;
use crate::render::generated_sections;
use crate::site::RegionSite;
use crate::source::SourcePage;
use std::collections::HashSet;

pub fn region(site: &RegionSite, bodies: &[Rendered]) -> Vec<Diagnostic> {
    let anchors: Vec<HashSet<String>> = site
        .pages
        .iter()
        .zip(bodies)
        .map(|(page, body)| {
            body.anchors.iter().cloned().chain(generated_sections(page).into_iter().map(|s| s.id)).collect()
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
                    format!("länken pekar på `{}`, som inte finns i {}", link.target, site.config.name),
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
                    format!("`{}` har ingen rubrik med id `#{anchor}`", site.pages[target].source.file.display()),
                )
                .at(link.line, link.column);
                problems.push(match closest(anchor, anchors[target].iter().map(String::as_str)) {
                    Some(best) => d.help(format!(
                        "menade du `#{best}`? (rubrikens id kan ha ändrats när rubriken skrevs om)"
                    )),
                    None => {
                        let mut ids: Vec<&str> = anchors[target].iter().map(String::as_str).collect();
                        ids.sort_unstable();
                        ids.truncate(6);
                        let ids: Vec<String> = ids.iter().map(|id| format!("`#{id}`")).collect();
                        d.help(format!(
                            "rubriken kan ha skrivits om; där finns {} (ett id bildas av rubrikens text: \"Läkarens ansvar\" får `lakarens-ansvar`)",
                            ids.join(", ")
                        ))
                    }
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
        problems.extend(view_problems(site, page.source, &anchors[site.by_path[page.path()]]));
    }
    problems
}

fn field_problems(source: &SourcePage, body: &Rendered) -> Vec<Diagnostic> {
    let front = &source.front;
    let mut problems = Vec::new();
    let error = |code, line, message: String| Diagnostic::error(code, &source.file, message).at(line, 0);
    if !front.fields.is_empty() && front.kind != PageKind::Avtal {
        problems.push(
            error(
                "falt-utanfor-avtal",
                source.front_line_of(&front.fields[0].id),
                "fält kan bara finnas på en sida av typen `avtal`".into(),
            )
            .help("lägg till `kind: avtal` i sidans front matter"),
        );
    }
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for field in &front.fields {
        let count = seen.entry(&field.id).or_insert(0);
        let line = source.front_line_of_nth(&field.id, *count);
        *count += 1;
        let duplicate = *count > 1;
        let placed = body.placed_fields.iter().filter(|id| **id == field.id).count();
        if !is_id(&field.id) {
            problems.push(
                error("ogiltigt-falt-id", line, format!("fältets id `{}` får bara innehålla a–z, 0–9 och -", field.id))
                    .help("id:t blir fältets namn i PDF- och Word-filen, t.ex. `st-lakare`"),
            );
        } else if field.id.starts_with("underskrift-") {
            problems.push(
                error(
                    "reserverat-falt-id",
                    line,
                    format!("fältets id `{}` är reserverat för underskrifterna", field.id),
                )
                .help("välj ett id som inte börjar med `underskrift-`"),
            );
        }
        if field.label.trim().is_empty() {
            problems.push(error("falt-utan-etikett", line, format!("fältet `{}` har en tom `label`", field.id)));
        }
        if duplicate {
            problems.push(error("dubbelt-falt", line, format!("fältet `{}` är definierat två gånger", field.id)));
        } else if placed == 0 {
            problems.push(
                error(
                    "falt-ej-placerat",
                    line,
                    format!("fältet `{}` är definierat men står ingenstans i texten", field.id),
                )
                .help(format!("skriv {{{{ fält.{} }}}} där tomraden ska stå, eller ta bort definitionen", field.id)),
            );
        } else if placed > 1 {
            problems.push(
                error(
                    "falt-placerat-flera-ganger",
                    line,
                    format!("fältet `{}` står {placed} gånger i texten", field.id),
                )
                .help("ett fält fylls i på ett ställe; definiera ett fält till om samma uppgift behövs igen"),
            );
        }
    }
    if !front.signatures.is_empty() && body.placed_signatures != 1 {
        let line = source.front_line_of_key("signatures");
        let message = if body.placed_signatures == 0 {
            "underskrifterna är definierade men står ingenstans i texten".to_owned()
        } else {
            format!("underskrifterna står {} gånger i texten", body.placed_signatures)
        };
        problems.push(
            error("underskrifter-ej-placerade", line, message)
                .help("skriv {{ underskrifter }} en gång, där underskrifterna ska stå"),
        );
    }
    let mut points: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for point in &front.points {
        // A duplicate is reported where it repeats.
        let seen = points.entry(&point.id).or_insert(0);
        let line = source.front_line_of_nth(&point.id, *seen);
        *seen += 1;
        if !is_id(&point.id) {
            problems.push(error(
                "ogiltigt-punkt-id",
                line,
                format!("punktens id `{}` får bara innehålla a–z, 0–9 och -", point.id),
            ));
        }
        if *seen > 1 {
            problems.push(error("dubbel-punkt", line, format!("punkten `{}` finns två gånger", point.id)));
        }
    }
    problems
}

/// Points a document settles must be the checklist's; duties must name a role and a section.
fn view_problems(site: &RegionSite, source: &SourcePage, own_anchors: &HashSet<String>) -> Vec<Diagnostic> {
    let front = &source.front;
    let points: Vec<&str> =
        site.pages.iter().flat_map(|p| p.source.front.points.iter().map(|point| point.id.as_str())).collect();
    let mut problems = Vec::new();
    for id in &front.settles {
        if !points.contains(&id.as_str()) {
            let d = Diagnostic::error("okand-punkt", &source.file, format!("checklistan har ingen punkt `{id}`"))
                .at(source.front_line_of_key("settles"), 1);
            problems.push(match closest(id, points.iter().copied()) {
                Some(best) => d.help(format!("menade du `{best}`?")),
                None => d.help("punkternas id står under `points:` i checklistan"),
            });
        }
    }
    let roles: Vec<&str> = site.pages.iter().filter_map(|p| crate::views::role_id(p.path())).collect();
    for (n, duty) in front.duties.iter().enumerate() {
        let line = source
            .front_yaml
            .lines()
            .enumerate()
            .filter(|(_, l)| l.trim_start().starts_with("- role:"))
            .nth(n)
            .map_or(1, |(i, _)| i + 2);
        if !roles.contains(&duty.role.as_str()) {
            let d = Diagnostic::error(
                "okand-roll",
                &source.file,
                format!("rollen `{}` finns inte (ingen sida roller/{}.md)", duty.role, duty.role),
            )
            .at(line, 1);
            problems.push(match closest(&duty.role, roles.iter().copied()) {
                Some(best) => d.help(format!("menade du `{best}`?")),
                None => d,
            });
        }
        if !own_anchors.contains(&duty.section) {
            let d = Diagnostic::error(
                "okant-avsnitt",
                &source.file,
                format!("sidan har ingen rubrik med id `{}`", duty.section),
            )
            .at(line + 1, 1);
            problems.push(match closest(&duty.section, own_anchors.iter().map(String::as_str)) {
                Some(best) => d.help(format!("menade du `{best}`?")),
                None => d,
            });
        }
    }
    problems
}

/// Ids become anchors, PDF field names and Word tags: keep them plain.
fn is_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
