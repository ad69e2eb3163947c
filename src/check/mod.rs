//! Check: what every build validates with a region's page documents in view — links and
//! anchors between pages, files a page links to, contract fields and signatures defined but
//! not placed once, checklist points, and the sections that give roles duties. The content
//! rules `check` adds live in `rules`; a calendar date for them in `date`.
//! Input: a resolved region and its page documents. Output: diagnostics.

pub mod accept;
mod date;
pub mod rules;

pub use date::Date;

use crate::diagnostics::{Diagnostic, closest, codes};
use crate::ids;
use crate::model::PageKind;
use crate::page::PageDoc;
use crate::site::RegionSite;
use crate::source::SourcePage;
use std::collections::{HashMap, HashSet};

pub fn region(site: &RegionSite, docs: &[&PageDoc]) -> Vec<Diagnostic> {
    let anchors: Vec<HashSet<&str>> = docs.iter().map(|doc| doc.anchors.iter().map(String::as_str).collect()).collect();
    // What pages may name: the checklist's points and the roles, gathered once for the region.
    let names = Names {
        points: site.pages.iter().flat_map(|p| p.source.front.points.iter().map(|point| point.id.as_str())).collect(),
        roles: site.pages.iter().filter_map(|p| ids::role_id(p.path())).collect(),
    };
    let mut problems = Vec::new();
    for (page, body) in site.pages.iter().zip(docs) {
        let file = &page.source.file;
        problems.extend(body.diagnostics.iter().cloned());
        for link in &body.links {
            if site.failed.contains(link.target.as_str()) {
                continue;
            }
            let Some(&target) = site.by_path.get(link.target.as_str()) else {
                let d = Diagnostic::error(
                    codes::TRASIG_LANK,
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
                && !anchors[target].contains(anchor.as_str())
            {
                let d = Diagnostic::error(
                    codes::SAKNAT_ANKARE,
                    file,
                    format!("`{}` har ingen rubrik med id `#{anchor}`", site.pages[target].source.file.display()),
                )
                .at(link.line, link.column);
                problems.push(match closest(anchor, anchors[target].iter().copied()) {
                    Some(best) => d.help(format!(
                        "menade du `#{best}`? (rubrikens id kan ha ändrats när rubriken skrevs om)"
                    )),
                    None => {
                        let mut ids: Vec<&str> = anchors[target].iter().copied().collect();
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
                    Diagnostic::error(codes::SAKNAD_FIL, file, format!("filen `{}` finns inte", asset.target))
                        .at(asset.line, asset.column),
                );
            }
        }
        problems.extend(field_problems(page.source, body));
        problems.extend(view_problems(&names, page.source, body, &anchors[site.by_path[page.path()]]));
    }
    problems
}

fn field_problems(source: &SourcePage, body: &PageDoc) -> Vec<Diagnostic> {
    let front = &source.front;
    let mut problems = Vec::new();
    let error = |code, line, message: String| Diagnostic::error(code, &source.file, message).at(line, 0);
    if !front.fields.is_empty() && front.kind != PageKind::Avtal {
        problems.push(
            error(
                codes::FALT_UTANFOR_AVTAL,
                source.front_line_of(&front.fields[0].id),
                "fält kan bara finnas på en sida av typen `avtal`".into(),
            )
            .help("lägg till `kind: avtal` i sidans front matter"),
        );
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for field in &front.fields {
        let count = seen.entry(&field.id).or_insert(0);
        let line = source.front_line_of_entry("id", &field.id, *count);
        *count += 1;
        let duplicate = *count > 1;
        let placed = body.placed_fields.iter().filter(|(id, _)| *id == field.id).count();
        if !ids::is_plain_id(&field.id) {
            problems.push(
                error(
                    codes::OGILTIGT_FALT_ID,
                    line,
                    format!("fältets id `{}` får bara innehålla a–z, 0–9 och -", field.id),
                )
                .help("id:t blir fältets namn i PDF- och Word-filen, t.ex. `st-lakare`"),
            );
        } else if field.id.starts_with("underskrift-") {
            problems.push(
                error(
                    codes::RESERVERAT_FALT_ID,
                    line,
                    format!("fältets id `{}` är reserverat för underskrifterna", field.id),
                )
                .help("välj ett id som inte börjar med `underskrift-`"),
            );
        }
        if field.label.trim().is_empty() {
            problems.push(error(codes::FALT_UTAN_ETIKETT, line, format!("fältet `{}` har en tom `label`", field.id)));
        }
        if duplicate {
            problems.push(error(codes::DUBBELT_FALT, line, format!("fältet `{}` är definierat två gånger", field.id)));
        } else if placed == 0 {
            problems.push(
                error(
                    codes::FALT_EJ_PLACERAT,
                    line,
                    format!("fältet `{}` är definierat men står ingenstans i texten", field.id),
                )
                .help(format!("skriv {{{{ fält.{} }}}} där tomraden ska stå, eller ta bort definitionen", field.id)),
            );
        } else if placed > 1 {
            // At the second place, naming every place, so the editor sees which to change.
            let places: Vec<(usize, usize)> =
                body.placed_fields.iter().filter(|(id, _)| *id == field.id).map(|&(_, at)| at).collect();
            let named: Vec<String> = places.iter().map(|(l, c)| format!("rad {l}, kolumn {c}")).collect();
            let (last, first) = named.split_last().expect("placed more than once");
            problems.push(
                Diagnostic::error(
                    codes::FALT_PLACERAT_FLERA_GANGER,
                    &source.file,
                    format!("fältet `{}` står {placed} gånger i texten: {} och {last}", field.id, first.join(", ")),
                )
                .at(places[1].0, places[1].1)
                .help(format!(
                    "ett fält fylls i på ett ställe; behåll ett av dem, eller definiera ett fält till (rad {line}) om samma uppgift behövs igen"
                )),
            );
        }
    }
    let placed_signatures = body.placed_signatures.len();
    if !front.signatures.is_empty() && placed_signatures != 1 {
        let line = source.front_line_of_key("signatures");
        let message = if placed_signatures == 0 {
            "underskrifterna är definierade men står ingenstans i texten".to_owned()
        } else {
            format!("underskrifterna står {placed_signatures} gånger i texten")
        };
        problems.push(
            error(codes::UNDERSKRIFTER_EJ_PLACERADE, line, message)
                .help("skriv {{ underskrifter }} en gång, där underskrifterna ska stå"),
        );
    }
    let mut points: HashMap<&str, usize> = HashMap::new();
    for point in &front.points {
        // A duplicate is reported where it repeats.
        let seen = points.entry(&point.id).or_insert(0);
        let line = source.front_line_of_entry("id", &point.id, *seen);
        *seen += 1;
        if !ids::is_plain_id(&point.id) {
            problems.push(error(
                codes::OGILTIGT_PUNKT_ID,
                line,
                format!("punktens id `{}` får bara innehålla a–z, 0–9 och -", point.id),
            ));
        }
        if *seen > 1 {
            problems.push(error(codes::DUBBEL_PUNKT, line, format!("punkten `{}` finns två gånger", point.id)));
        }
    }
    problems
}

/// The region's checklist points and roles, which pages name.
struct Names<'a> {
    points: Vec<&'a str>,
    roles: Vec<&'a str>,
}

/// Points a document settles must be the checklist's; a section named under `duties:` must be
/// the page's, and every role a duty names must have a role page.
fn view_problems(names: &Names, source: &SourcePage, doc: &PageDoc, own_anchors: &HashSet<&str>) -> Vec<Diagnostic> {
    let front = &source.front;
    let Names { points, roles } = names;
    let mut problems = Vec::new();
    for id in &front.settles {
        if !points.contains(&id.as_str()) {
            let d = Diagnostic::error(codes::OKAND_PUNKT, &source.file, format!("checklistan har ingen punkt `{id}`"))
                .at(source.front_line_of_key("settles"), 1);
            problems.push(match closest(id, points.iter().copied()) {
                Some(best) => d.help(format!("menade du `{best}`?")),
                None => d.help("punkternas id står under `points:` i checklistan"),
            });
        }
    }
    let unknown_role = |role: &str, (line, column): (usize, usize)| {
        let d = Diagnostic::error(
            codes::OKAND_ROLL,
            &source.file,
            format!("rollen `{role}` finns inte (ingen sida roller/{role}.md)"),
        )
        .at(line, column);
        match closest(role, roles.iter().copied()) {
            Some(best) => d.help(format!("menade du `{best}`?")),
            None => d.help(format!("rollerna är {}", roles.join(", "))),
        }
    };
    for duty in &front.duties {
        let line = source.front_line_of_entry("section", &duty.section, 0);
        if let Some(role) = &duty.role
            && !roles.contains(&role.as_str())
        {
            problems.push(unknown_role(role, (line, 1)));
        }
        if !own_anchors.contains(duty.section.as_str()) {
            let d = Diagnostic::error(
                codes::OKANT_AVSNITT,
                &source.file,
                format!("sidan har ingen rubrik med id `{}`", duty.section),
            )
            .at(line, 1);
            problems.push(match closest(&duty.section, own_anchors.iter().copied()) {
                Some(best) => d.help(format!("menade du `{best}`?")),
                None => d,
            });
        }
    }
    // A föreskrift or an allmänt råd names its regulation; nothing else does.
    for responsibility in &front.responsibilities {
        let line = source.front_line_of_entry("text", &responsibility.text, 0);
        let basis = responsibility.basis;
        match (basis.is_regulation(), &responsibility.regulation) {
            (true, None) => problems.push(
                Diagnostic::error(
                    codes::GRUND_UTAN_FORFATTNING,
                    &source.file,
                    format!("ansvaret är märkt {} men anger inte i vilken författning", basis.label().to_lowercase()),
                )
                .at(line, 1)
                .help("skriv `regulation:` med författningen, t.ex. `regulation: HSLF-FS 2021:8`, eller välj en annan grund (`uppgift`)"),
            ),
            (false, Some(regulation)) => problems.push(
                Diagnostic::error(
                    codes::FORFATTNING_UTAN_GRUND,
                    &source.file,
                    format!("ansvaret anger författningen {regulation} men är märkt {}", basis.label().to_lowercase()),
                )
                .at(line, 1)
                .help("bara en föreskrift eller ett allmänt råd står i en författning"),
            ),
            _ => {}
        }
    }
    let defaults: Vec<&str> = front.duties.iter().filter_map(|d| d.role.as_deref()).collect();
    for duty in &doc.duties {
        for role in &duty.roles {
            // A section's role is reported once, at its entry.
            if !roles.contains(&role.as_str()) && (duty.mark_at.is_some() || !defaults.contains(&role.as_str())) {
                problems.push(unknown_role(role, duty.mark_at.unwrap_or(duty.at)));
            }
        }
    }
    problems
}
