//! Content rules that `check` adds to what the build validates: references to regulations
//! checked against the handbook's registry (`regelverk.yaml`), images without alternative
//! text, empty sections, pages left out of the menu that nothing links to, and pages overdue
//! for review.

use super::date::{Date, DateError};
use crate::diagnostics::{Diagnostic, LineIndex, closest, codes};
use crate::model::{Regulation, RegulationStatus};
use crate::page::PageDoc;
use crate::scaffold::TO_FILL;
use crate::site::RegionSite;
use crate::source::{SourcePage, Sources};

/// Rules on each source file's text and front matter, run once per file.
pub fn sources(sources: &Sources, today: Date) -> Vec<Diagnostic> {
    let pages = sources.national.pages.iter().chain(sources.regions.iter().flat_map(|r| &r.content.pages));
    let mut problems = Vec::new();
    for page in pages {
        problems.extend(regulations(page, &sources.regulations));
        problems.extend(review(page, today));
        problems.extend(unfilled(page));
    }
    for region in sources.regions.iter().filter(|r| r.config.description.contains(TO_FILL)) {
        problems.push(
            Diagnostic::warning(
                codes::EJ_IFYLLD,
                format!("regions/{}/region.yaml", region.slug),
                format!("`description` är inte ifylld: ”{}”", region.config.description.trim()),
            )
            .help("skriv en mening om regionens handbok; den visas där läsaren väljer region"),
        );
    }
    problems
}

/// Text that a skeleton of `sthandbok new` left to be written, marked `FYLL I`: one warning
/// per file, at the first place, so a placeholder is never published unnoticed. The marker
/// shown as code (between backticks) is no placeholder.
fn unfilled(page: &SourcePage) -> Option<Diagnostic> {
    if !page.front_yaml.contains(TO_FILL) && !page.body.contains(TO_FILL) {
        return None;
    }
    let text = file_text(page);
    let in_code = |at: usize| {
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        text[line_start..at].matches('`').count() % 2 == 1
    };
    let places: Vec<usize> = text.match_indices(TO_FILL).map(|(at, _)| at).filter(|&at| !in_code(at)).collect();
    let first = *places.first()?;
    let (line, column) = LineIndex::new(&text).position(&text, first);
    let shown: String = text[first..].lines().next().unwrap_or("").trim_end_matches('"').chars().take(60).collect();
    let again = again(places.len() - 1);
    Some(
        Diagnostic::warning(codes::EJ_IFYLLD, &page.file, format!("texten ”{shown}” är inte ifylld{again}"))
            .at(line, column)
            .help("skriv den riktiga texten i stället, eller ta bort raden"),
    )
}

/// A page file's text as written, front matter first, so offsets in it give the file's lines.
fn file_text(page: &SourcePage) -> String {
    format!("---\n{}---\n{}", page.front_yaml, page.body)
}

/// How many more times a finding stands in the file, for its one message.
fn again(more: usize) -> String {
    match more {
        0 => String::new(),
        1 => " (och 1 gång till i filen)".to_owned(),
        n => format!(" (och {n} gånger till i filen)"),
    }
}

/// Rules on a region's page documents: their structure, and pages left out of the menu that
/// must be linked from another page of the region. A national page is judged in every region
/// that uses it; the report lists each finding once.
pub fn region(site: &RegionSite, docs: &[&PageDoc]) -> Vec<Diagnostic> {
    let mut problems: Vec<Diagnostic> =
        site.pages.iter().zip(docs).flat_map(|(page, doc)| structure(page.source, doc)).collect();
    let unreachable = site
        .pages
        .iter()
        .filter(|page| !page.source.front.menu)
        .filter(|page| !docs.iter().any(|doc| doc.links.iter().any(|l| l.target == page.path())))
        .map(|page| {
            Diagnostic::warning(
                codes::ONABAR_SIDA,
                &page.source.file,
                format!("ingen sida i {} länkar hit, och sidan finns inte i menyn", site.config.name),
            )
            .at(page.source.front_line_of_key("menu"), 1)
            .help("länka till sidan från en annan sida, eller ta bort `menu: false`")
        });
    problems.extend(unreachable);
    problems
}

/// The references a text makes: `SOSFS 2015:8`, `HSLF-FS 2021:8`, also misspelt ones such as
/// `SOSF 2021:8` or a year alone. Returns (byte offset, reference as written).
fn references(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for series in ["HSLF-FS", "SOSFS", "SOSF"] {
        for (at, _) in text.match_indices(series) {
            let before = text[..at].chars().next_back();
            let rest = &text[at + series.len()..];
            if before.is_some_and(char::is_alphanumeric) || rest.starts_with(|c: char| c.is_alphabetic()) {
                continue;
            }
            // "SOSF" is also the start of "SOSFS": leave that to the longer name.
            if series == "SOSF" && rest.starts_with('S') {
                continue;
            }
            let number: String = rest
                .trim_start_matches([' ', '\u{a0}'])
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == ':')
                .collect();
            let number = number.trim_end_matches(':');
            if number.len() >= 4 && !found.iter().any(|(a, _): &(usize, String)| *a == at) {
                found.push((at, format!("{series} {number}")));
            }
        }
    }
    found.sort();
    found
}

fn regulations(page: &SourcePage, registry: &[Regulation]) -> Vec<Diagnostic> {
    if registry.is_empty() {
        return Vec::new();
    }
    let text = file_text(page);
    // Where the front matter ends in `file_text`: after the first `---` line and the YAML.
    let front_end = page.front_yaml.len() + 4;
    let lines = LineIndex::new(&text);
    let (accepted, _) = super::accept::comments(page);
    // Each reference where it is cited, with its line and column, and whether a comment on
    // its line or the line above accepts its warning.
    struct Cited<'r> {
        reference: String,
        at: (usize, usize),
        known: Option<&'r Regulation>,
        accepted: bool,
    }
    let mut cited: Vec<Cited> = Vec::new();
    for (offset, reference) in references(&text) {
        let known = registry.iter().find(|r| r.reference == reference);
        if offset < front_end && is_attribution(&text, offset) {
            continue;
        }
        if known.is_some_and(|k| states(statement(&text, offset), k.status)) {
            continue;
        }
        let at = lines.position(&text, offset);
        let code = match known.map(|k| k.status) {
            Some(RegulationStatus::Transitional) => codes::FORFATTNING_OVERGANG,
            Some(RegulationStatus::Repealed) => codes::FORFATTNING_UPPHAVD,
            _ => codes::OKAND_FORFATTNING,
        };
        let accepted = accepted.iter().any(|a| a.covers(code.as_str(), at.0));
        cited.push(Cited { reference, at, known, accepted });
    }
    let mut problems = Vec::new();
    // One diagnostic per reference and file, at its first place, however often it is cited;
    // one of its own where a comment accepts it there.
    let mut seen = std::collections::HashSet::new();
    for Cited { reference, at: (line, column), known, accepted } in &cited {
        if !*accepted && !seen.insert(reference) {
            continue;
        }
        let more = match accepted {
            true => 0,
            false => cited.iter().filter(|c| c.reference == *reference && !c.accepted).count() - 1,
        };
        let again = again(more);
        let at = |d: Diagnostic| d.at(*line, *column);
        match known {
            Some(known) => match known.status {
                RegulationStatus::InForce => {}
                RegulationStatus::Transitional => problems.push(at(Diagnostic::warning(
                    codes::FORFATTNING_OVERGANG,
                    &page.file,
                    format!(
                        "{reference} är upphävd men gäller enligt övergångsbestämmelser {}{again}",
                        known.applies_to.as_deref().unwrap_or("för vissa ST-läkare")
                    ),
                )
                .help(replacement(known)))),
                RegulationStatus::Repealed => problems.push(at(Diagnostic::warning(
                    codes::FORFATTNING_UPPHAVD,
                    &page.file,
                    format!("{reference} är upphävd{again}"),
                )
                .help(replacement(known)))),
            },
            None => {
                let nearest = nearest(reference, registry);
                let d = at(Diagnostic::error(
                    codes::OKAND_FORFATTNING,
                    &page.file,
                    format!("{reference} finns inte i regelverk.yaml"),
                ));
                problems.push(match nearest {
                    Some(best) => d.help(format!("menade du {best}?")),
                    None => d.help("lägg till författningen i regelverk.yaml om den finns"),
                });
            }
        }
    }
    problems
}

/// Whether the front-matter line at `offset` is a `source:` attribution, which names the
/// document a text was taken from as it was titled, or a responsibility's `regulation:`,
/// whose label on the page says whether it still applies.
fn is_attribution(text: &str, offset: usize) -> bool {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let key = text[start..offset].trim_start().trim_start_matches("- ").trim_start();
    key.starts_with("source:") || key.starts_with("regulation:") || key.starts_with("reason:")
}

/// The statement a reference at `offset` stands in: its table row, or its sentence.
fn statement(text: &str, offset: usize) -> &str {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    if text[line_start..].trim_start().starts_with('|') {
        return &text[line_start..line_end];
    }
    let before = &text[..offset];
    let start = [before.rfind("\n\n").map(|i| i + 2), before.rfind(ends_sentence).map(|i| i + 1)]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(0);
    let after = &text[offset..];
    let end =
        [after.find("\n\n"), after.find(ends_sentence)].into_iter().flatten().min().map_or(text.len(), |i| offset + i);
    &text[start..end]
}

fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?')
}

/// Words that say a regulation is repealed, or applied only under its transition rules: a
/// statement with them already tells the reader what the warning would.
const STATES_REPEALED: &[&str] = &["upphävd", "upphävdes", "upphävts", "inte längre gäller", "gäller inte längre"];
const STATES_TRANSITIONAL: &[&str] = &[
    "övergångsbestämmelse",
    "fortfarande tillämpas",
    "tillämpas fortfarande",
    "gäller fortfarande",
    "fortfarande gäller",
];

fn states(statement: &str, status: RegulationStatus) -> bool {
    let statement = statement.to_lowercase();
    let words = match status {
        RegulationStatus::InForce => return false,
        RegulationStatus::Repealed => STATES_REPEALED,
        RegulationStatus::Transitional => STATES_TRANSITIONAL,
    };
    words.iter().any(|w| statement.contains(w))
}

fn replacement(regulation: &Regulation) -> String {
    match &regulation.replaced_by {
        Some(new) => format!("ersatt av {new}; hänvisa till den när texten gäller nya ST-läkare"),
        None => "kontrollera om texten ska hänvisa till en gällande författning".into(),
    }
}

/// The registry entry a misspelt reference most likely means: the same year and number,
/// then the same year, then the closest spelling.
fn nearest<'a>(reference: &str, registry: &'a [Regulation]) -> Option<&'a str> {
    let number = reference.rsplit(' ').next().unwrap_or_default();
    let year = number.split(':').next().unwrap_or_default();
    let by_number = |r: &&Regulation| r.reference.ends_with(&format!(" {number}")) && number.contains(':');
    let by_year = |r: &&Regulation| r.reference.rsplit(' ').next().is_some_and(|n| n.split(':').next() == Some(year));
    let in_force = |r: &&Regulation| r.status == RegulationStatus::InForce;
    registry
        .iter()
        .find(by_number)
        .or_else(|| registry.iter().filter(by_year).find(in_force))
        .or_else(|| registry.iter().find(by_year))
        .map(|r| r.reference.as_str())
        .or_else(|| closest(reference, registry.iter().map(|r| r.reference.as_str())))
}

/// Images without alternative text, and headings with nothing under them.
fn structure(page: &SourcePage, doc: &PageDoc) -> Vec<Diagnostic> {
    let images = doc.facts.images_without_alt.iter().map(|&(line, column)| {
        Diagnostic::warning(codes::BILD_UTAN_ALT, &page.file, "bilden saknar alternativtext")
            .at(line, column)
            .help("skriv vad bilden visar mellan hakparenteserna: ![Organisationsschema för ST](schema.png)")
    });
    let empty = doc.facts.empty_sections.iter().map(|(at, heading)| empty_section(page, *at, heading));
    images.chain(empty).collect()
}

fn empty_section(page: &SourcePage, (line, column): (usize, usize), heading: &str) -> Diagnostic {
    Diagnostic::warning(codes::TOMT_AVSNITT, &page.file, format!("avsnittet ”{}” är tomt", heading.trim()))
        .at(line, column)
        .help("skriv text under rubriken eller ta bort den")
}

fn review(page: &SourcePage, today: Date) -> Vec<Diagnostic> {
    let front = &page.front;
    let line = |key: &str| page.front_line_of_key(key);
    let Some(reviewed) = &front.reviewed else {
        return match front.review_months {
            Some(_) => vec![
                Diagnostic::error(codes::GRANSKNING_UTAN_DATUM, &page.file, "`review_months` utan `reviewed`")
                    .at(line("review_months"), 1)
                    .help("ange när sidan senast granskades: `reviewed: 2026-01-15`"),
            ],
            None => Vec::new(),
        };
    };
    let date = match Date::parse(reviewed) {
        Ok(date) => date,
        Err(error) => {
            let message = match error {
                DateError::Invalid => format!("`{reviewed}` är inget datum"),
                DateError::OutOfRange => format!("`{reviewed}` ligger utanför åren 1000–9999"),
            };
            return vec![
                Diagnostic::error(codes::OGILTIGT_DATUM, &page.file, message)
                    .at(line("reviewed"), 1)
                    .help("skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-01-15"),
            ];
        }
    };
    let Some(months) = front.review_months else {
        return Vec::new();
    };
    match date.plus_months(months) {
        None => vec![
            Diagnostic::error(
                codes::OGILTIGT_DATUM,
                &page.file,
                format!("`review_months: {months}` räknar fram en granskning efter år 9999"),
            )
            .at(line("review_months"), 1)
            .help("ange hur många månader som får gå mellan granskningarna, t.ex. `review_months: 12`"),
        ],
        Some(due) if due < today => vec![
            Diagnostic::warning(
                codes::GRANSKNING_FORSENAD,
                &page.file,
                format!("sidan skulle ha granskats senast {due} (granskad {reviewed}, var {months}:e månad)"),
            )
            .at(line("reviewed"), 1)
            .help("granska sidan och ändra `reviewed` till dagens datum"),
        ],
        Some(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_found_as_written() {
        let found = references("enligt SOSFS 2015:18 eller HSLF-FS 2021:8, SOSF 2021:8 och SOSFS 2021samt");
        let refs: Vec<&str> = found.iter().map(|(_, r)| r.as_str()).collect();
        assert_eq!(refs, ["SOSFS 2015:18", "HSLF-FS 2021:8", "SOSF 2021:8", "SOSFS 2021"]);
    }

    #[test]
    fn a_misspelt_reference_suggests_the_real_one() {
        let registry: Vec<Regulation> = serde_saphyr::from_str(
            "- {reference: 'HSLF-FS 2021:8', status: gäller}\n- {reference: 'SOSFS 2015:8', status: övergång}\n- {reference: 'SOSFS 2008:17', status: upphävd}\n",
        )
        .unwrap();
        assert_eq!(nearest("SOSFS 2015:18", &registry), Some("SOSFS 2015:8"));
        assert_eq!(nearest("SOSF 2021:8", &registry), Some("HSLF-FS 2021:8"));
        assert_eq!(nearest("SOSFS 2021", &registry), Some("HSLF-FS 2021:8"));
    }
}
