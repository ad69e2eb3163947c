//! The handbook this repository ships: it builds, and every built page is whole — every
//! internal link and anchor resolves on disk, nothing is fetched from another host, and each
//! page has the landmarks a reader relies on.

mod common;
use std::collections::{BTreeMap, HashSet};
use std::path::{Component, Path, PathBuf};

fn build_bundled() -> tempfile::TempDir {
    common::build_bundled(&[])
}

/// Values of `attr="…"` in an HTML text, with the few entities our pages use decoded.
fn attribute_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest[..rest.find('"').unwrap()].replace("&amp;", "&")
        })
        .collect()
}

/// Tags with an attribute that makes the browser fetch something.
fn fetched_urls(html: &str) -> Vec<String> {
    let mut urls = Vec::new();
    for tag in html.split('<').skip(1) {
        let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        let attrs: &[&str] = match name.as_str() {
            "link" => &["href"],
            "script" | "img" | "iframe" | "source" | "audio" | "video" | "embed" => &["src", "srcset"],
            "object" => &["data"],
            _ => &[],
        };
        for attr in attrs {
            urls.extend(attribute_values(&format!(" {tag}"), attr));
        }
    }
    urls
}

fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[test]
fn every_page_is_whole_and_every_link_resolves() {
    let out = build_bundled();
    let dist = out.path().join("dist");
    let pages: BTreeMap<PathBuf, String> = common::files(&dist)
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (dist.join(path), String::from_utf8(bytes).unwrap()))
        .collect();
    assert!(pages.len() > 40, "only {} pages", pages.len());
    let ids: BTreeMap<&PathBuf, HashSet<String>> =
        pages.iter().map(|(path, html)| (path, attribute_values(html, "id").into_iter().collect())).collect();
    let mut problems = Vec::new();
    for (path, html) in &pages {
        let name = path.strip_prefix(&dist).unwrap().display().to_string();
        for required in ["<html lang=\"sv\">", "<main id=\"huvudinnehall\"", "href=\"#huvudinnehall\"", "<h1>"] {
            if !html.contains(required) {
                problems.push(format!("{name}: lacks {required}"));
            }
        }
        // Scripts only enhance (search): deferred, never in the way of reading.
        if html.matches("<script").count() != html.matches("<script src=\"").count()
            || html.contains("<script src=\"http")
        {
            problems.push(format!("{name}: has an inline or remote script"));
        }
        for url in fetched_urls(html) {
            if url.starts_with("data:") {
                continue;
            }
            if url.contains("//") || url.contains(':') {
                problems.push(format!("{name}: fetches {url} from another host"));
            }
        }
        // The 404 page links from the site root, which only a server knows.
        if name.ends_with("404.html") {
            continue;
        }
        for href in attribute_values(html, "href") {
            if href.starts_with("https://") || href.starts_with("mailto:") || href.starts_with("data:") {
                continue;
            }
            if href.contains(':') || href.starts_with('/') {
                problems.push(format!("{name}: link {href} does not work opened from disk"));
                continue;
            }
            let (file, anchor) = href.split_once('#').unwrap_or((&href, ""));
            let target = if file.is_empty() { path.clone() } else { normalize(&path.parent().unwrap().join(file)) };
            if !target.starts_with(&dist) || !target.is_file() {
                problems.push(format!("{name}: link {href} leads to no file"));
            } else if !anchor.is_empty() && !ids.get(&target).is_some_and(|ids| ids.contains(anchor)) {
                problems.push(format!("{name}: link {href} leads to no element with id {anchor}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn each_region_has_a_front_page_for_each_reader() {
    let out = build_bundled();
    for region in ["skane", "orebro", "sormland"] {
        let front = std::fs::read_to_string(out.path().join(format!("dist/{region}/index.html"))).unwrap();
        for reader in ["Som ST-läkare", "Som handledare", "Som studierektor", "Som verksamhetschef"] {
            assert!(front.contains(reader), "{region} front page lacks “{reader}”");
        }
    }
    let index = std::fs::read_to_string(out.path().join("dist/index.html")).unwrap();
    for name in ["Region Skåne", "Region Örebro län", "Region Sörmland"] {
        assert!(index.contains(name), "the regions page lists {name}");
    }
}

#[test]
fn the_seeds_figures_reach_the_pages() {
    let out = build_bundled();
    let read = |page: &str| std::fs::read_to_string(out.path().join("dist").join(page)).unwrap();
    let orebro = read("orebro/avtal/st-kontrakt-allmanmedicin/index.html");
    assert!(orebro.contains("högst 130 000 kronor under hela ST"));
    assert!(orebro.contains("name=\"studietid\""), "the blank for study time is a field");
    let sormland = read("sormland/avtal/st-kontrakt/index.html");
    assert!(sormland.contains("i genomsnitt 2 timmar i månaden under hela ST-tiden"));
    assert!(sormland.contains("tio veckors studieledighet med lön"));
    assert!(!sormland.contains("name=\"personnummer\""), "no personnummer field");
    let skane = read("skane/avtal/st-overenskommelse-allmanmedicin/index.html");
    assert!(skane.contains("minst 1 timme i veckan"));
    assert!(skane.contains("6–8 månader efter påbörjad ST"));
    let checklist = read("skane/ramoverenskommelse/index.html");
    assert_eq!(checklist.matches("<li id=\"").count(), 15, "SUS lists 15 points");
    let role = read("orebro/roller/verksamhetschef/index.html");
    // A label from the 2008 leaflet names its repealed regulation where it stands.
    assert!(
        role.contains("<span class=\"grund\">Föreskrift enligt SOSFS 2008:17, upphävd:</span>"),
        "basis is a text label"
    );
    assert!(role.contains("<span class=\"grund\">Allmänt råd enligt SOSFS 2008:17, upphävd:</span>"));
    assert!(role.contains("<span class=\"grund\">Beskrivning av uppgiften:</span>"), "lönesättning is no allmänt råd");
}
