//! Content rules that `check` adds to what the build validates: references to regulations
//! checked against the handbook's registry (`regelverk.yaml`), images without alternative
//! text, empty sections, pages left out of the menu that nothing links to, and pages overdue
//! for review.

use crate::diagnostics::{Diagnostic, LineIndex, closest};
use crate::markdown::Rendered;
use crate::model::{Regulation, RegulationStatus};
use crate::site::RegionSite;
use crate::source::{SourcePage, Sources};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// Rules on each source file, run once per file.
pub fn sources(sources: &Sources, today: Date) -> Vec<Diagnostic> {
    let pages = sources.national.pages.iter().chain(sources.regions.iter().flat_map(|r| &r.content.pages));
    let mut problems = Vec::new();
    for page in pages {
        problems.extend(regulations(page, &sources.regulations));
        problems.extend(structure(page));
        problems.extend(review(page, today));
    }
    problems
}

/// A page left out of the menu must be linked from another page of the region.
pub fn region(site: &RegionSite, bodies: &[Rendered]) -> Vec<Diagnostic> {
    site.pages
        .iter()
        .filter(|page| !page.source.front.menu)
        .filter(|page| !bodies.iter().any(|body| body.links.iter().any(|l| l.target == page.path())))
        .map(|page| {
            Diagnostic::warning(
                "onabar-sida",
                &page.source.file,
                format!("ingen sida i {} länkar hit, och sidan finns inte i menyn", site.config.name),
            )
            .at(page.source.front_line_of_key("menu"), 1)
            .help("länka till sidan från en annan sida, eller ta bort `menu: false`")
        })
        .collect()
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
    let text = format!("---\n{}---\n{}", page.front_yaml, page.body);
    let lines = LineIndex::new(&text);
    let mut problems = Vec::new();
    let found = references(&text);
    // One diagnostic per reference and file, at its first place, however often it is cited.
    let mut seen = std::collections::HashSet::new();
    for (offset, reference) in &found {
        if !seen.insert(reference) {
            continue;
        }
        let (offset, reference) = (*offset, reference.clone());
        let more = found.iter().filter(|(_, r)| *r == reference).count() - 1;
        let again = match more {
            0 => String::new(),
            1 => " (och 1 gång till i filen)".to_owned(),
            n => format!(" (och {n} gånger till i filen)"),
        };
        let (line, column) = lines.position(&text, offset);
        let at = |d: Diagnostic| d.at(line, column);
        match registry.iter().find(|r| r.reference == reference) {
            Some(known) => match known.status {
                RegulationStatus::InForce => {}
                RegulationStatus::Transitional => problems.push(at(Diagnostic::warning(
                    "forfattning-overgang",
                    &page.file,
                    format!(
                        "{reference} är upphävd men gäller enligt övergångsbestämmelser {}{again}",
                        known.applies_to.as_deref().unwrap_or("för vissa ST-läkare")
                    ),
                )
                .help(replacement(known)))),
                RegulationStatus::Repealed => problems.push(at(Diagnostic::warning(
                    "forfattning-upphavd",
                    &page.file,
                    format!("{reference} är upphävd{again}"),
                )
                .help(replacement(known)))),
            },
            None => {
                let nearest = nearest(&reference, registry);
                let d = at(Diagnostic::error(
                    "okand-forfattning",
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
fn structure(page: &SourcePage) -> Vec<Diagnostic> {
    let lines = LineIndex::new(&page.body);
    let position = |offset: usize| {
        let (line, column) = lines.position(&page.body, offset);
        (line + page.body_line - 1, column)
    };
    let mut problems = Vec::new();
    let mut open_heading: Option<(HeadingLevel, usize, String)> = None;
    let mut in_heading = false;
    let mut image: Option<(usize, String)> = None;
    for (event, range) in Parser::new_ext(&page.body, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                if let Some((open, at, text)) = open_heading.take()
                    && level <= open
                {
                    problems.push(empty_section(page, position(at), &text));
                }
                open_heading = Some((level, range.start, String::new()));
                in_heading = true;
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Start(Tag::Image { .. }) => image = Some((range.start, String::new())),
            Event::End(TagEnd::Image) => {
                if let Some((at, alt)) = image.take()
                    && alt.trim().is_empty()
                {
                    let (line, column) = position(at);
                    problems.push(
                        Diagnostic::warning("bild-utan-alt", &page.file, "bilden saknar alternativtext")
                            .at(line, column)
                            .help("skriv vad bilden visar mellan hakparenteserna: ![Organisationsschema för ST](schema.png)"),
                    );
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, alt)) = &mut image {
                    alt.push_str(&text);
                } else if in_heading {
                    if let Some((_, _, heading)) = &mut open_heading {
                        heading.push_str(&text);
                    }
                } else if !text.trim().is_empty() {
                    open_heading = None;
                }
            }
            // Any other content under a heading means the section is not empty.
            Event::Start(_) | Event::Html(_) | Event::InlineHtml(_) | Event::Rule if !in_heading => open_heading = None,
            _ => {}
        }
    }
    if let Some((_, at, text)) = open_heading {
        problems.push(empty_section(page, position(at), &text));
    }
    problems
}

fn empty_section(page: &SourcePage, (line, column): (usize, usize), heading: &str) -> Diagnostic {
    Diagnostic::warning("tomt-avsnitt", &page.file, format!("avsnittet ”{}” är tomt", heading.trim()))
        .at(line, column)
        .help("skriv text under rubriken eller ta bort den")
}

fn review(page: &SourcePage, today: Date) -> Vec<Diagnostic> {
    let front = &page.front;
    let line = |key: &str| page.front_line_of_key(key);
    let Some(reviewed) = &front.reviewed else {
        return match front.review_months {
            Some(_) => vec![
                Diagnostic::error("granskning-utan-datum", &page.file, "`review_months` utan `reviewed`")
                    .at(line("review_months"), 1)
                    .help("ange när sidan senast granskades: `reviewed: 2026-01-15`"),
            ],
            None => Vec::new(),
        };
    };
    let Some(date) = Date::parse(reviewed) else {
        return vec![
            Diagnostic::error("ogiltigt-datum", &page.file, format!("`{reviewed}` är inget datum"))
                .at(line("reviewed"), 1)
                .help("skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-01-15"),
        ];
    };
    match front.review_months {
        Some(months) if date.plus_months(months) < today => vec![
            Diagnostic::warning(
                "granskning-forsenad",
                &page.file,
                format!(
                    "sidan skulle ha granskats senast {} (granskad {reviewed}, var {months}:e månad)",
                    date.plus_months(months)
                ),
            )
            .at(line("reviewed"), 1)
            .help("granska sidan och ändra `reviewed` till dagens datum"),
        ],
        _ => Vec::new(),
    }
}

/// A calendar date, without time zones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    year: i32,
    month: u32,
    day: u32,
}

impl Date {
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month: u32 = parts.next()?.parse().ok()?;
        let day: u32 = parts.next()?.parse().ok()?;
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// Today, or the day `SOURCE_DATE_EPOCH` names, for reproducible checks.
    pub fn today() -> Date {
        let seconds =
            std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.parse::<i64>().ok()).unwrap_or_else(|| {
                std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
            });
        Date::from_days(seconds.div_euclid(86_400))
    }

    /// The civil date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
    fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    fn plus_months(self, months: u32) -> Date {
        let total = self.year * 12 + self.month as i32 - 1 + months as i32;
        let (year, month) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
        Date { year, month, day: self.day.min(days_in_month(year, month)) }
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
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

    #[test]
    fn dates_count_months_and_days() {
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days(20_414).to_string(), "2025-11-22");
        assert_eq!(Date::parse("2024-01-31").unwrap().plus_months(1).to_string(), "2024-02-29");
        assert_eq!(Date::parse("2025-02-30"), None);
    }
}
