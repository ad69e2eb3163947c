//! What a preview reuses from its last build: a page's document while its source and the data it
//! reads are unchanged, and its files while its surroundings are too. Whatever is reused, the
//! site must be byte for byte what a fresh build makes.

mod common;

use std::collections::BTreeMap;
use sthandbok::{Cache, Generated, Settings, generate};

fn build(handbook: &common::Handbook, reuse: Option<&Cache>) -> Generated {
    build_deferring(handbook, reuse, false)
}

fn build_deferring(handbook: &common::Handbook, reuse: Option<&Cache>, defer_index: bool) -> Generated {
    let settings = Settings { lint: false, sizes: false, reuse, staging: None, progress: None, defer_index };
    match generate(handbook.root(), &[], None, settings) {
        Ok(site) => site,
        Err(sthandbok::Failure::Content(problems)) => panic!("the fixture builds: {problems:?}"),
        Err(sthandbok::Failure::Usage(message)) => panic!("the fixture builds: {message}"),
    }
}

fn files(site: &Generated) -> BTreeMap<String, Vec<u8>> {
    site.files().map(|(path, bytes)| (path.to_owned(), bytes.to_vec())).collect()
}

/// Asserts two sites are the same, naming the files that differ.
fn same_files(made: &BTreeMap<String, Vec<u8>>, fresh: &BTreeMap<String, Vec<u8>>) {
    let differ: Vec<&String> =
        fresh.keys().chain(made.keys()).filter(|path| made.get(*path) != fresh.get(*path)).collect();
    assert!(differ.is_empty(), "the site is what a fresh build makes; these differ: {differ:?}");
}

/// Builds again reusing `previous`, checks the result against a fresh build, and returns it.
fn rebuild(handbook: &common::Handbook, previous: &Generated) -> Generated {
    let reused = build(handbook, Some(&previous.cache));
    let fresh = build(handbook, None);
    same_files(&files(&reused), &files(&fresh));
    reused
}

#[test]
fn unchanged_pages_are_reused_and_the_site_stays_what_a_fresh_build_makes() {
    let handbook = common::Handbook::fixture();
    let first = build(&handbook, None);
    assert_eq!(first.made, first.pages, "a first build makes every page");

    let same = rebuild(&handbook, &first);
    assert_eq!(same.made, 0, "nothing changed, nothing is made again");

    // One page's text: that page alone.
    let text = handbook.read("content/sida.md").replace("## Tabell", "Ett nytt stycke.\n\n## Tabell");
    handbook.write("content/sida.md", text);
    let edited = rebuild(&handbook, &same);
    assert_eq!(edited.made, 1, "only the edited page");
    let page = edited.files().find(|(p, _)| *p == "testlan/sida/index.html").unwrap().1.to_vec();
    assert!(String::from_utf8(page).unwrap().contains("Ett nytt stycke."));

    // A template: every page is rendered again, but no page document is made again.
    let template = include_str!("../themes/default/templates/page.html").replace("</section>", "</section><!-- ny -->");
    assert!(template.contains("<!-- ny -->"), "the template has a section to mark");
    handbook.write("themes/default/templates/page.html", template);
    let themed = rebuild(&handbook, &edited);
    assert_eq!(themed.made, 0, "documents do not depend on templates");
    assert!(
        themed
            .files()
            .filter(|(p, _)| p.ends_with("index.html"))
            .any(|(_, b)| b.windows(11).any(|w| w == b"<!-- ny -->"))
    );

    // A title: any page may show it (role placeholders, links), so every document is made again.
    let checklist = handbook.read("content/checklista.md").replacen("title: ", "title: Ny ", 1);
    handbook.write("content/checklista.md", checklist);
    let retitled = rebuild(&handbook, &themed);
    assert_eq!(retitled.made, retitled.pages);

    // The region's data: every document may show it.
    let region = handbook.read("regions/testlan/region.yaml");
    handbook.write("regions/testlan/region.yaml", region.replacen("name: ", "name: Nya ", 1));
    let redata = rebuild(&handbook, &retitled);
    assert_eq!(redata.made, redata.pages);

    // A page left out of the menu: every page's menu changes.
    let page = handbook.read("content/sida.md").replacen("title: ", "menu: false\ntitle: ", 1);
    handbook.write("content/sida.md", page);
    let hidden = rebuild(&handbook, &redata);
    let front =
        String::from_utf8(hidden.files().find(|(p, _)| *p == "testlan/index.html").unwrap().1.to_vec()).unwrap();
    let menu = front.split("<nav class=\"meny\"").nth(1).unwrap().split("</nav>").next().unwrap();
    assert!(!menu.contains("En vanlig sida"), "the menu leaves it out: {menu}");

    // The regulations: a label names a regulation as repealed once the registry says so.
    handbook.write(
        "regelverk.yaml",
        "- reference: HSLF-FS 2021:8\n  status: upphävd\n- reference: SOSFS 2015:8\n  status: upphävd\n",
    );
    let repealed = rebuild(&handbook, &hidden);
    let role = repealed.files().find(|(p, _)| *p == "testlan/roller/handledare/index.html").unwrap().1.to_vec();
    assert!(String::from_utf8(role).unwrap().contains("Föreskrift enligt HSLF-FS 2021:8, upphävd"));
}

/// A preview shows an edited page before the search index has caught up: the build serves the
/// region's last index, and the index made afterwards completes a site that is what a fresh
/// build makes.
#[test]
fn a_deferred_search_index_follows_and_completes_the_site() {
    let handbook = common::Handbook::fixture();
    let complete = |site: &mut Generated| {
        let mut files = files(site);
        let pending = site.cache.index_pending();
        for (slug, outputs) in &pending {
            files.retain(|path, _| !(path.starts_with(&format!("{slug}/sok/")) && path.ends_with(".js")));
            files.extend(outputs.iter().map(|o| (o.path.clone(), o.bytes.to_vec())));
        }
        (files, pending.into_iter().map(|(slug, _)| slug).collect::<Vec<_>>())
    };
    let mut first = build_deferring(&handbook, None, true);
    let (first_files, indexed) = complete(&mut first);
    assert_eq!(indexed, ["testlan"], "a first build leaves every region's index for later");
    same_files(&first_files, &files(&build(&handbook, None)));

    let text = handbook.read("content/sida.md").replace("## Tabell", "Ett ord som heter zyxelbrygga.\n\n## Tabell");
    handbook.write("content/sida.md", text);
    let mut edited = build_deferring(&handbook, Some(&first.cache), true);
    let in_index = |files: &BTreeMap<String, Vec<u8>>| {
        files.iter().any(|(path, bytes)| path.contains("/sok/") && bytes.windows(12).any(|w| w == b"zyxelbrygga\""))
    };
    let shown = files(&edited);
    assert!(shown.contains_key("testlan/sok/meta.js"), "the last index serves meanwhile");
    assert!(!in_index(&shown), "the last index does not know the new word yet");
    let page = &shown["testlan/sida/index.html"];
    assert!(page.windows(11).any(|w| w == b"zyxelbrygga"), "the page shows the edit at once");
    let (edited_files, indexed) = complete(&mut edited);
    assert_eq!(indexed, ["testlan"]);
    assert!(in_index(&edited_files), "the index made afterwards knows it");
    same_files(&edited_files, &files(&build(&handbook, None)));
    assert!(edited.cache.index_pending().is_empty(), "nothing is left pending");
}
