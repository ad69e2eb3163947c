//! `sthandbok new region SLUG` and `sthandbok new page PATH`: starting files that build as they
//! are, with comments that say what goes where.

use std::path::{Path, PathBuf};

/// The regions of Sweden: slug, name, county code.
const REGIONS: &[(&str, &str, &str)] = &[
    ("stockholm", "Region Stockholm", "01"),
    ("uppsala", "Region Uppsala", "03"),
    ("sormland", "Region Sörmland", "04"),
    ("ostergotland", "Region Östergötland", "05"),
    ("jonkoping", "Region Jönköpings län", "06"),
    ("kronoberg", "Region Kronoberg", "07"),
    ("kalmar", "Region Kalmar län", "08"),
    ("gotland", "Region Gotland", "09"),
    ("blekinge", "Region Blekinge", "10"),
    ("skane", "Region Skåne", "12"),
    ("halland", "Region Halland", "13"),
    ("vastra-gotaland", "Västra Götalandsregionen", "14"),
    ("varmland", "Region Värmland", "17"),
    ("orebro", "Region Örebro län", "18"),
    ("vastmanland", "Region Västmanland", "19"),
    ("dalarna", "Region Dalarna", "20"),
    ("gavleborg", "Region Gävleborg", "21"),
    ("vasternorrland", "Region Västernorrland", "22"),
    ("jamtland-harjedalen", "Region Jämtland Härjedalen", "23"),
    ("vasterbotten", "Region Västerbotten", "24"),
    ("norrbotten", "Region Norrbotten", "25"),
];

/// Writes a new region's folder; returns the files written.
pub fn region(root: &Path, slug: &str) -> Result<Vec<PathBuf>, String> {
    if slug.is_empty() || !slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        return Err(format!(
            "`{slug}` går inte som namn på en regionmapp: använd a–z, 0–9 och -, t.ex. vastra-gotaland"
        ));
    }
    let dir = root.join("regions").join(slug);
    if dir.exists() {
        return Err(format!("{} finns redan", dir.display()));
    }
    let (name, code) = REGIONS.iter().find(|(s, _, _)| *s == slug).map_or(("Region …", "\"\""), |(_, n, c)| (*n, *c));
    let name_line = if name == "Region …" {
        format!("name: Region {slug}   # ändra till regionens namn")
    } else {
        format!("name: {name}")
    };
    let region_yaml = format!(
        "# Regionens uppgifter. Bara `name` krävs; resten syns på regionens sidor och i jämförelser.\n\
         {name_line}\n\
         code: \"{}\"               # länskoden\n\
         description: \"FYLL I: en mening om regionens handbok, som visas där läsaren väljer region.\"\n\
         units: []                 # t.ex. [Primärvårdens utbildningsenhet]\n\
         # Fakta som sidorna visar med {{{{ fakta.NYCKEL }}}}. Skriv en tomrad som regionen lämnar till\n\
         # det enskilda avtalet som just det, t.ex. \"anges i det enskilda avtalet\".\n\
         facts:\n  studietid:\n    label: Studietid\n    value: anges i det enskilda avtalet\n    source: Regionens ST-avtal\n",
        code.trim_matches('"')
    );
    let front = format!(
        "---\n# Regionens startsida. Den ersätter den nationella startsidan content/_index.md.\ntitle: ST-handboken för {}\ndescription: Vem gör vad i ST i regionen.\n---\n\n\
         Den här handboken beskriver hur specialiseringstjänstgöringen (ST) fungerar i {{{{ region.namn }}}}.\n\n\
         ## Var börjar jag? {{#borja-har}}\n\nFYLL I: vilka sidor ST-läkare, handledare, studierektorer och verksamhetschefer ska börja med.\n",
        if name == "Region …" { slug } else { name }
    );
    write_new(&dir.join("region.yaml"), &region_yaml)?;
    write_new(&dir.join("content/_index.md"), &front)?;
    Ok(vec![dir.join("region.yaml"), dir.join("content/_index.md")])
}

/// What a new page is: it decides its skeleton.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Sida,
    Roll,
    Checklista,
    Avtal,
}

/// The marker that begins every text a skeleton leaves for the editor to write: `check` warns
/// about each one left, so no placeholder is published.
pub const TO_FILL: &str = "FYLL I";

/// Writes a new page of `kind` (by default a role in `roller/`, a contract in `avtal/`, and a
/// plain page elsewhere), and the section page of each new folder; returns the files written.
pub fn page(root: &Path, path: &str, kind: Option<Kind>) -> Result<Vec<PathBuf>, String> {
    let place = place(root, path, kind)?;
    if place.file.exists() {
        return Err(format!("{} finns redan", place.file.display()));
    }
    let mut written = place.write_sections()?;
    // An example link to a page every handbook has, written from where this page lands.
    let example = format!("{}roller/handledare.md", "../".repeat(place.depth));
    let stem = place.file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    write_new(&place.file, &skeleton(place.kind, &title_case(&stem), &example))?;
    written.push(place.file);
    Ok(written)
}

/// Where a new page goes: its file, its kind, and the folder of pages it lies in.
pub struct Place {
    pub file: PathBuf,
    pub kind: Kind,
    /// The content folder it lies in (`content` or `regions/SLUG/content`) under the root.
    content_root: PathBuf,
    /// How many folders down from the content folder.
    depth: usize,
}

/// The file for a page at `path` (`avtal/st-kontrakt`, `content/…`, `regions/SLUG/content/…`),
/// checked to be an address a reader can type, and its kind (from the folder unless given).
pub fn place(root: &Path, path: &str, kind: Option<Kind>) -> Result<Place, String> {
    let mut path = path.trim_start_matches("./").trim_start_matches('/').to_owned();
    if !path.starts_with("content/") && !path.starts_with("regions/") {
        path = format!("content/{path}");
    }
    if path.split('/').any(|p| p == ".." || p.is_empty()) {
        return Err(format!("`{path}` är ingen sökväg i handboken"));
    }
    let path = path.strip_suffix(".md").unwrap_or(&path).to_owned();
    // The content folder, and the page's address inside it.
    let (content_root, address) = match path.strip_prefix("regions/") {
        Some(rest) => match rest.split_once("/content/") {
            Some((slug, address)) => (format!("regions/{slug}/content"), address.to_owned()),
            None => return Err(format!("`{path}` ligger inte i en regions content-mapp: regions/SLUG/content/…")),
        },
        None => ("content".to_owned(), path.trim_start_matches("content/").to_owned()),
    };
    let plain = |part: &str| {
        part == "_index"
            || (!part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'))
    };
    if !address.split('/').all(plain) {
        let suggested: Vec<String> =
            address.split('/').map(|p| if p == "_index" { p.to_owned() } else { crate::ids::slugify(p) }).collect();
        return Err(format!(
            "`{address}` går inte som adress till en sida: använd a–z, 0–9 och - i varje del. Förslag: {}",
            suggested.join("/")
        ));
    }
    let kind = kind.unwrap_or(match address.split('/').next() {
        Some("roller") => Kind::Roll,
        Some("avtal") => Kind::Avtal,
        _ => Kind::Sida,
    });
    if kind == Kind::Roll && !address.starts_with("roller/") {
        return Err(format!(
            "en roll ligger i mappen roller/, t.ex. roller/{}",
            address.rsplit('/').next().unwrap_or("")
        ));
    }
    Ok(Place {
        file: root.join(format!("{content_root}/{address}.md")),
        kind,
        content_root: root.join(content_root),
        depth: address.matches('/').count(),
    })
}

impl Place {
    /// Every folder with pages needs a section page: writes one in each folder on the way to
    /// the page that has none, and returns them.
    pub fn write_sections(&self) -> Result<Vec<PathBuf>, String> {
        let mut written = Vec::new();
        if self.file.file_stem().is_some_and(|s| s == "_index") {
            return Ok(written);
        }
        let mut folder = self.file.parent().map(Path::to_path_buf).unwrap_or_default();
        while folder.strip_prefix(&self.content_root).is_ok_and(|rest| !rest.as_os_str().is_empty()) {
            let index = folder.join("_index.md");
            if !index.exists() {
                let name = folder.file_name().map(|n| title_case(&n.to_string_lossy())).unwrap_or_default();
                write_new(
                    &index,
                    &format!(
                        "---\n# Avsnittets egen sida: den visas i menyn och listar avsnittets sidor.\ntitle: {name}\n---\n\n{TO_FILL}: en mening om vad avsnittet {name} innehåller.\n"
                    ),
                )?;
                written.push(index);
            }
            folder.pop();
        }
        Ok(written)
    }
}

/// The front matter every kind shares, with what each key does.
fn common_front(title: &str, kind: &str) -> String {
    format!(
        "---\n\
         # Sidans rubrik (krävs).\n\
         title: {title}\n\
         {kind}\
         # En mening om sidan, för sökning och listor.\n\
         description: \"{TO_FILL}: vad sidan handlar om.\"\n\
         # Ordning i menyn bland sidorna i samma mapp: lägre först.\n\
         weight: 10\n\
         # Dokumentet sidan bygger på, som det heter.\n\
         source: \"{TO_FILL}: dokumentets namn, utgivare och datum.\"\n\
         # När sidan senast granskades, och hur ofta den ska granskas (månader):\n\
         # reviewed: 2026-01-15\n\
         # review_months: 12\n"
    )
}

fn skeleton(kind: Kind, title: &str, example: &str) -> String {
    match kind {
        Kind::Sida => format!(
            "{}---\n\n\
             {TO_FILL}: sidans text. Länka till en annan sida med dess fil, räknat från den här\n\
             filens mapp, till exempel [handledaren]({example}).\n\n\
             ## En rubrik\n\n{TO_FILL}: text under rubriken.\n",
            common_front(title, "")
        ),
        Kind::Roll => format!(
            "{}\
             # Rollens ansvar, vart och ett med grund, tema och källa. Grunder: föreskrift och\n\
             # allmänt råd (med regulation: som i regelverk.yaml), regional överenskommelse,\n\
             # uppgift, regional organisation. Teman: handledning, utbildningsprogram, bedomning,\n\
             # kurser, sidotjanstgoring, vetenskap, intyg, organisation.\n\
             responsibilities:\n\
             \x20 - text: \"{TO_FILL}: vad rollen ansvarar för.\"\n\
             \x20   basis: uppgift\n\
             \x20   theme: handledning\n\
             \x20   source: \"{TO_FILL}: dokumentet som säger det.\"\n\
             ---\n\n\
             {TO_FILL}: vem som har rollen. Rollens ansvar visas under texten, ordnat efter tema,\n\
             och sedan det som regionens avtal ger rollen.\n",
            common_front(title, "kind: roll\n")
        ),
        Kind::Checklista => format!(
            "{}\
             # Punkterna som regionens avtal ska reglera; ett avtal anger med settles: vilka det reglerar.\n\
             # Ett id skrivs med a–z, 0–9 och -.\n\
             points:\n\
             \x20 - id: forsta-punkten\n\
             \x20   text: \"{TO_FILL}: den första punkten.\"\n\
             \x20 - id: andra-punkten\n\
             \x20   text: \"{TO_FILL}: den andra punkten.\"\n\
             ---\n\n\
             {TO_FILL}: vad checklistan är till för. Punkterna och vilka dokument som reglerar\n\
             dem visas under texten.\n",
            common_front(title, "kind: checklista\n")
        ),
        Kind::Avtal => format!(
            "{}\
             # Fälten som fylls i. Typer: text (standard), date, number, checkbox, multiline.\n\
             # Varje fält placeras i texten med {{{{ fält.ID }}}}.\n\
             fields:\n\
             \x20 - id: st-lakare\n\
             \x20   label: ST-läkare\n\
             \x20   required: true\n\
             \x20 - id: startdatum\n\
             \x20   label: ST-tjänsten påbörjad\n\
             \x20   type: date\n\
             # Vilka som skriver under, i ordning. Placeras med {{{{ underskrifter }}}}.\n\
             signatures:\n\
             \x20 - ST-läkare\n\
             \x20 - Handledare\n\
             \x20 - Verksamhetschef\n\
             # Checklistans punkter som avtalet reglerar (punkternas id):\n\
             # settles: [forsta-punkten]\n\
             # Avsnitt vars punkter är uppgifter för en roll, med tema:\n\
             # duties:\n\
             #   - {{ section: handledarens-ansvar, role: handledare, theme: handledning }}\n\
             ---\n\n\
             Avtal för {{{{ fält.st-lakare }}}}, från {{{{ fält.startdatum }}}}.\n\n\
             ## Handledarens ansvar\n\n\
             - {TO_FILL}: en uppgift. {{roll=handledare tema=handledning}}\n\n\
             {{{{ underskrifter }}}}\n",
            common_front(title, "kind: avtal\n")
        ),
    }
}

fn title_case(stem: &str) -> String {
    let words = stem.replace(['-', '_'], " ");
    let mut chars = words.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

pub fn write_new(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("kunde inte skapa {}: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("kunde inte skriva {}: {e}", path.display()))
}
