//! Snapshot tests of every kind of rendered page, and what must hold of any build: identical
//! bytes on every run, a site that works under any sub-path.

mod common;
use common::{Handbook, files};

fn built() -> Handbook {
    let handbook = Handbook::fixture();
    let run = handbook.build(&["--base-url", "/handbok/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    handbook
}

#[test]
fn pages_of_each_kind() {
    let handbook = built();
    for (name, page) in [
        ("regioner", "dist/index.html"),
        ("startsida", "dist/testlan/index.html"),
        ("sida", "dist/testlan/sida/index.html"),
        ("avsnitt", "dist/testlan/roller/index.html"),
        ("roll", "dist/testlan/roller/handledare/index.html"),
        ("checklista", "dist/testlan/checklista/index.html"),
        ("avtal", "dist/testlan/avtal/kontrakt/index.html"),
        ("tillganglighet", "dist/testlan/tillganglighet/index.html"),
        ("om", "dist/testlan/om/index.html"),
        ("404", "dist/testlan/404.html"),
    ] {
        insta::assert_snapshot!(name, handbook.read(page));
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let handbook = built();
    let first = files(&handbook.path("dist"));
    let run = handbook.build(&["--base-url", "/handbok/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(first, files(&handbook.path("dist")));
}

#[test]
fn the_build_reports_pages_regions_and_time() {
    let handbook = Handbook::fixture();
    let run = handbook.build(&[]);
    assert_eq!(run.code, 0);
    let line = run.stderr.lines().last().unwrap();
    assert!(line.starts_with("Byggde 7 sidor i 1 regioner"), "{line}");
    assert!(line.contains(" ms → "), "{line}");
}

#[test]
fn pages_link_relatively_and_the_404_page_from_the_base_url() {
    let handbook = built();
    let role = handbook.read("dist/testlan/roller/handledare/index.html");
    assert!(role.contains("href=\"../../assets/style.css\""));
    assert!(!role.contains("href=\"/"), "no page but 404 links from the host root");
    let missing = handbook.read("dist/testlan/404.html");
    assert!(missing.contains("href=\"/handbok/testlan/assets/style.css\""), "{missing}");
    assert!(missing.contains("href=\"/handbok/testlan/roller/index.html\""), "{missing}");
}

#[test]
fn a_region_page_overrides_the_national_page_at_the_same_path() {
    let handbook = Handbook::fixture();
    handbook.write("regions/testlan/content/sida.md", "---\ntitle: Regionens sida\n---\nEgen text.\n");
    let run = handbook.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = handbook.read("dist/testlan/sida/index.html");
    assert!(page.contains("<h1>Regionens sida</h1>") && page.contains("Egen text."));
    assert!(page.contains("Den här sidan gäller Region Testlän."));
}

#[test]
fn a_theme_file_in_the_handbook_overrides_the_built_in_one() {
    let handbook = Handbook::fixture();
    handbook.write("themes/default/static/style.css", "body { color: black }");
    let run = handbook.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(handbook.read("dist/testlan/assets/style.css"), "body { color: black }");
}

#[test]
fn only_the_asked_regions_are_built() {
    let handbook = Handbook::fixture();
    common::copy_dir(&handbook.path("regions/testlan"), &handbook.path("regions/annat"));
    let run = handbook.build(&["--region", "annat"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(handbook.path("dist/annat/index.html").exists());
    assert!(!handbook.path("dist/testlan").exists());
}

/// Every page's menu marks that page, and only it, as the current one, and every link in the
/// menu leads to a page that exists: also where the pages of a section share one menu.
#[test]
fn every_menu_marks_its_own_page_and_links_to_pages_that_exist() {
    let out = common::build_bundled(&[]);
    let dist = out.path().join("dist");
    // The pages the theme makes have no place in the menu.
    let generated = ["/tillganglighet/", "/om/", "/sok/", "/andringar/", "/vem-gor-vad/", "/skriv-ut/", "/404.html"];
    let mut marked = 0;
    for file in common::files_under(&dist).into_iter().filter(|f| f.extension().is_some_and(|e| e == "html")) {
        let html = std::fs::read_to_string(&file).unwrap();
        let Some(menu) = html.split("<nav class=\"meny\"").nth(1).and_then(|m| m.split("</nav>").next()) else {
            continue;
        };
        let shown = file.strip_prefix(&dist).unwrap().to_string_lossy().replace('\\', "/");
        let mut current = Vec::new();
        for link in menu.split("<a href=\"").skip(1) {
            let (href, rest) = link.split_once('"').unwrap();
            // The 404 page links from the site's root, since a server shows it at any address.
            let target = match href.strip_prefix('/') {
                Some(from_root) => dist.join(from_root),
                None => file.parent().unwrap().join(href),
            };
            assert!(target.is_file(), "{shown}: the menu links to {href}, which does not exist");
            if rest.starts_with(" aria-current=\"page\"") {
                current.push(target.canonicalize().unwrap());
            }
        }
        if generated.iter().any(|g| format!("/{shown}").contains(g)) {
            assert!(current.is_empty(), "{shown}: a page the theme makes is not in the menu");
        } else {
            assert_eq!(current, [file.canonicalize().unwrap()], "{shown}: the menu marks this page alone");
            marked += 1;
        }
    }
    assert!(marked > 40, "every content page of the three regions was checked ({marked})");
}

/// A section of more pages than a menu level shows: each page's menu shows the pages around
/// its own, marks its own, and links to the section, which lists them all; the menu is the
/// same size on every page.
#[test]
fn a_long_menu_level_shows_the_pages_around_and_links_to_all() {
    let handbook = Handbook::fixture();
    handbook.write("content/lang/_index.md", "---\ntitle: Långt avsnitt\nweight: 9\n---\n\nMånga sidor.\n");
    for n in 1..=40 {
        handbook.write(
            &format!("content/lang/s{n:02}.md"),
            format!("---\ntitle: Sida {n}\nweight: {n}\n---\n\nText {n}.\n"),
        );
    }
    let run = handbook.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let menu_of = |n: usize| {
        let html = handbook.read(&format!("dist/testlan/lang/s{n:02}/index.html"));
        let menu = html.split("<nav class=\"meny\"").nth(1).unwrap().split("</nav>").next().unwrap().to_owned();
        let titles: Vec<String> = menu
            .split("<a href=\"")
            .skip(1)
            .map(|l| l.split_once('>').unwrap().1.split('<').next().unwrap().to_owned())
            .collect();
        (menu, titles)
    };
    let sizes: Vec<usize> = [1, 2, 20, 39, 40].iter().map(|&n| menu_of(n).1.len()).collect();
    assert!(sizes.windows(2).all(|w| w[0] == w[1]), "every page's menu has as many items: {sizes:?}");
    for (n, around) in [(1, 1..=11), (20, 15..=25), (40, 30..=40)] {
        let (menu, titles) = menu_of(n);
        let shown: Vec<String> = titles.iter().filter(|t| t.starts_with("Sida ")).cloned().collect();
        let expected: Vec<String> = around.map(|k| format!("Sida {k}")).collect();
        assert_eq!(shown, expected, "page {n} shows the pages around it");
        assert!(
            menu.contains(&format!("<a href=\"index.html\" aria-current=\"page\">Sida {n}</a>")),
            "page {n}: {menu}"
        );
        assert!(
            menu.contains("<a href=\"../index.html\">Alla 40 sidor under Långt avsnitt</a>"),
            "page {n} links to the section that lists all: {menu}"
        );
    }
    let section = handbook.read("dist/testlan/lang/index.html");
    for n in 1..=40 {
        assert!(
            section.contains(&format!("<a href=\"s{n:02}/index.html\">Sida {n}</a>")),
            "the section lists page {n}"
        );
    }
}

/// `whole_handbook: false` leaves out the whole handbook as one PDF and as one page to print,
/// and every link to them.
#[test]
fn the_whole_handbook_can_be_turned_off() {
    let handbook = Handbook::fixture();
    let run = handbook.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(handbook.path("dist/testlan/hela-handboken.pdf").is_file(), "made unless turned off");
    assert!(handbook.path("dist/testlan/skriv-ut/index.html").is_file(), "made unless turned off");
    let page = handbook.read("dist/testlan/sida/index.html");
    assert!(page.contains("hela-handboken.pdf") && page.contains("skriv-ut/index.html"));
    let config = handbook.read("sthandbok.yaml");
    handbook.write("sthandbok.yaml", format!("{config}whole_handbook: false\n"));
    let run = handbook.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!handbook.path("dist/testlan/hela-handboken.pdf").exists());
    assert!(!handbook.path("dist/testlan/skriv-ut").exists());
    for file in common::files_under(&handbook.path("dist")) {
        if file.extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(&file).unwrap();
            assert!(!html.contains("skriv-ut"), "{} links to a page not made", file.display());
            assert!(!html.contains("hela-handboken"), "{} links to a file not made", file.display());
        }
    }
}
