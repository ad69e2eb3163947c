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
         description: >-\n  En mening om regionens handbok, som visas på sidan där läsaren väljer region.\n\
         units: []                 # t.ex. [Primärvårdens utbildningsenhet]\n\
         # Fakta som sidorna visar med {{{{ fakta.NYCKEL }}}}. Skriv en tomrad som regionen lämnar till\n\
         # det enskilda avtalet som just det, t.ex. \"anges i det enskilda avtalet\".\n\
         facts:\n  studietid:\n    label: Studietid\n    value: anges i det enskilda avtalet\n    source: Regionens ST-avtal\n",
        code.trim_matches('"')
    );
    let front = format!(
        "---\n# Regionens startsida. Den ersätter den nationella startsidan content/_index.md.\ntitle: ST-handboken för {}\ndescription: Vem gör vad i ST i regionen.\n---\n\n\
         Den här handboken beskriver hur specialiseringstjänstgöringen (ST) fungerar i {{{{ region.namn }}}}.\n\n\
         ## Var börjar jag? {{#borja-har}}\n\nSkriv här vilka sidor ST-läkare, handledare, studierektorer och verksamhetschefer ska börja med.\n",
        if name == "Region …" { slug } else { name }
    );
    write_new(&dir.join("region.yaml"), &region_yaml)?;
    write_new(&dir.join("content/_index.md"), &front)?;
    Ok(vec![dir.join("region.yaml"), dir.join("content/_index.md")])
}

/// Writes a new page (and the section page of its folder if there is none); returns the files
/// written. `path` is inside `content/` unless it starts with `content/` or `regions/`.
pub fn page(root: &Path, path: &str) -> Result<Vec<PathBuf>, String> {
    let mut path = path.trim_start_matches("./").trim_start_matches('/').to_owned();
    if !path.starts_with("content/") && !path.starts_with("regions/") {
        path = format!("content/{path}");
    }
    if !path.ends_with(".md") {
        path.push_str(".md");
    }
    if path.split('/').any(|p| p == ".." || p.is_empty()) {
        return Err(format!("`{path}` är ingen sökväg i handboken"));
    }
    let file = root.join(&path);
    if file.exists() {
        return Err(format!("{} finns redan", file.display()));
    }
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let title = title_case(&stem);
    let mut written = Vec::new();
    // Every folder with pages needs a section page; write one if this is the folder's first.
    let content_root = if path.starts_with("regions/") {
        path.split('/').take(3).collect::<Vec<_>>().join("/")
    } else {
        "content".into()
    };
    let mut folder = file.parent().map(Path::to_path_buf).unwrap_or_default();
    while folder.strip_prefix(root.join(&content_root)).is_ok_and(|rest| !rest.as_os_str().is_empty()) {
        let index = folder.join("_index.md");
        if !index.exists() && stem != "_index" {
            let name = folder.file_name().map(|n| title_case(&n.to_string_lossy())).unwrap_or_default();
            write_new(
                &index,
                &format!(
                    "---\n# Avsnittets egen sida: den visas i menyn och listar avsnittets sidor.\ntitle: {name}\n---\n\nOm avsnittet {name}.\n"
                ),
            )?;
            written.push(index);
        }
        folder.pop();
    }
    let text = format!(
        "---\n\
         # Sidans rubrik (krävs).\n\
         title: {title}\n\
         # En mening om sidan, för sökning och listor.\n\
         description: Vad sidan handlar om.\n\
         # Ordning i menyn bland sidorna i samma mapp: lägre först.\n\
         weight: 10\n\
         # Dokumentet sidan bygger på.\n\
         # source: ST-kontrakt, Region …\n\
         # När sidan senast granskades, och hur ofta den ska granskas (månader).\n\
         # reviewed: 2026-01-15\n\
         # review_months: 12\n\
         ---\n\n\
         Skriv sidans text här. Länka till en annan sida med dess fil, till exempel\n\
         `[handledaren](roller/handledare.md)`, räknat från den här filens mapp.\n\n\
         ## En rubrik\n\nText under rubriken.\n"
    );
    write_new(&file, &text)?;
    written.push(file);
    Ok(written)
}

fn title_case(stem: &str) -> String {
    let words = stem.replace(['-', '_'], " ");
    let mut chars = words.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn write_new(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("kunde inte skapa {}: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("kunde inte skriva {}: {e}", path.display()))
}
