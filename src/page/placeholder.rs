//! Data placeholders in page bodies: `{{ fakta.KEY }}`, `{{ region.namn }}`, `{{ roll.ID }}`,
//! `{{ fält.ID }}` and `{{ underskrifter }}`. One resolver serves every output (the HTML page,
//! the PDF and the Word file), so each format shows the same data.

use crate::diagnostics::{Diagnostic, closest, codes};
use crate::model::{FormField, RegionConfig};
use crate::source::SourcePage;
use std::collections::HashMap;

/// What a page body may refer to.
pub struct Data<'a> {
    pub region: &'a RegionConfig,
    /// Title of every page in the region, by content path.
    pub titles: &'a HashMap<&'a str, &'a str>,
    /// Whether every page's content is read as blocks, for the whole handbook as one PDF (a
    /// form's always is).
    pub blocks: bool,
}

/// What a placeholder stands for.
pub enum Placeholder<'a> {
    Text(String),
    /// A link to a role page: its title and content path.
    Role {
        title: String,
        target: String,
    },
    Field(&'a FormField),
    Signatures(&'a [String]),
}

/// A piece of text: plain, or a placeholder with its inner text and byte offset.
pub enum Segment<'t> {
    Text(&'t str),
    Placeholder { inner: &'t str, offset: usize },
}

/// Splits text into plain pieces and placeholders.
pub fn split(text: &str) -> Vec<Segment<'_>> {
    let mut segments = Vec::new();
    let mut rest = text;
    let mut consumed = 0;
    while let Some(start) = rest.find("{{") {
        let Some(length) = rest[start..].find("}}") else { break };
        if start > 0 {
            segments.push(Segment::Text(&rest[..start]));
        }
        segments.push(Segment::Placeholder { inner: rest[start + 2..start + length].trim(), offset: consumed + start });
        consumed += start + length + 2;
        rest = &rest[start + length + 2..];
    }
    if !rest.is_empty() {
        segments.push(Segment::Text(rest));
    }
    segments
}

pub fn resolve<'a>(
    inner: &str,
    page: &'a SourcePage,
    data: &Data,
    (line, column): (usize, usize),
) -> Result<Placeholder<'a>, Diagnostic> {
    let error = |message: String| Diagnostic::error(codes::OKAND_DATA, &page.file, message).at(line, column);
    let (namespace, key) = inner.split_once('.').unwrap_or((inner, ""));
    match namespace {
        "fakta" => {
            let facts = &data.region.facts;
            facts.get(key).map(|f| Placeholder::Text(f.value.clone())).ok_or_else(|| {
                let d = error(format!("{} har inget faktum `{key}`", data.region.name));
                match closest(key, facts.keys().map(String::as_str)) {
                    Some(best) => d.help(format!("menade du `fakta.{best}`?")),
                    None => d.help("fakta skrivs under `facts:` i regionens region.yaml"),
                }
            })
        }
        "region" => match key {
            "namn" => Ok(Placeholder::Text(data.region.name.clone())),
            "kortnamn" => {
                Ok(Placeholder::Text(data.region.short_name.clone().unwrap_or_else(|| data.region.name.clone())))
            }
            _ => {
                Err(error(format!("okänd regionuppgift `{key}`")).help("använd `region.namn` eller `region.kortnamn`"))
            }
        },
        "roll" => {
            let target = crate::ids::role_path(key);
            match data.titles.get(target.as_str()) {
                Some(title) => Ok(Placeholder::Role { title: title.to_lowercase(), target }),
                None => {
                    let roles = data.titles.keys().filter_map(|p| crate::ids::role_id(p));
                    let d = error(format!("rollen `{key}` finns inte (ingen sida roller/{key}.md)"));
                    Err(match closest(key, roles) {
                        Some(best) => d.help(format!("menade du `roll.{best}`?")),
                        None => d,
                    })
                }
            }
        }
        "fält" | "falt" => {
            let fields = &page.front.fields;
            fields.iter().find(|f| f.id == key).map(Placeholder::Field).ok_or_else(|| {
                let d = error(format!("fältet `{key}` är inte definierat under `fields:`"));
                match closest(key, fields.iter().map(|f| f.id.as_str())) {
                    Some(best) => d.help(format!("menade du `fält.{best}`?")),
                    None => d.help("lägg till fältet med id, label och type under `fields:` i sidans front matter"),
                }
            })
        }
        "underskrifter" if key.is_empty() => {
            if page.front.signatures.is_empty() {
                Err(error("sidan har inga `signatures:` att placera".into())
                    .help("lista under `signatures:` vilka roller som skriver under"))
            } else {
                Ok(Placeholder::Signatures(&page.front.signatures))
            }
        }
        _ => Err(error(format!("okänd platshållare `{{{{ {inner} }}}}`"))
            .help("tillgängliga: fakta.NYCKEL, region.namn, region.kortnamn, roll.ID, fält.ID, underskrifter")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_text_and_placeholders() {
        let segments = split("a {{ fakta.x }} b {{fält.y}}");
        let shown: Vec<String> = segments
            .iter()
            .map(|s| match s {
                Segment::Text(t) => format!("T({t})"),
                Segment::Placeholder { inner, offset } => format!("P({inner}@{offset})"),
            })
            .collect();
        assert_eq!(shown, ["T(a )", "P(fakta.x@2)", "T( b )", "P(fält.y@18)"]);
    }
}
