//! `sthandbok serve` as an editor uses it: edits show up, broken edits keep the last good site
//! and report the error, nothing outside the site is served, bursts of saves end in the last one.

mod common;
mod preview;

use common::Handbook;
use preview::Preview;

#[test]
fn an_edit_shows_up_and_a_broken_edit_keeps_the_last_good_page() {
    let handbook = Handbook::fixture();
    let preview = Preview::start(handbook.root());
    let (status, page) = preview.get("/testlan/sida/");
    assert_eq!(status, 200);
    assert!(page.contains("Studietiden är 4 timmar per vecka."));
    assert!(
        page.contains("data-generation=") && page.contains("/__sthandbok/events"),
        "the preview injects its script"
    );

    let mut events = preview.events();
    handbook.write("content/sida.md", "---\ntitle: En vanlig sida\n---\n\nNy text om studietid.\n");
    preview.wait_for("/testlan/sida/", "the edit", |b| b.contains("Ny text om studietid."));
    assert_eq!(events.next().0, "reload");

    handbook.write("content/sida.md", "---\ntitle: [trasig\n---\n\nTrasig text.\n");
    let (name, data) = events.next();
    assert_eq!(name, "fel");
    assert!(data.contains("content/sida.md:2:8"), "{data}");
    let (_, page) = preview.get("/testlan/sida/");
    assert!(page.contains("Ny text om studietid.") && !page.contains("Trasig text."), "the last good page stays");
    std::thread::sleep(std::time::Duration::from_millis(100));
    assert!(preview.printed().contains("content/sida.md:2:8"), "the terminal shows the error too");

    // A page opened while the build is broken is told at once.
    let mut late = preview.events();
    assert_eq!(late.next().0, "fel");

    handbook.write("content/sida.md", "---\ntitle: En vanlig sida\n---\n\nRättad text.\n");
    preview.wait_for("/testlan/sida/", "the fix", |b| b.contains("Rättad text."));
    assert_eq!(events.next().0, "ok");
    assert_eq!(events.next().0, "reload");
    assert!(!handbook.path("dist").exists(), "serve never writes dist/");
}

#[test]
fn nothing_outside_the_site_is_served() {
    let handbook = Handbook::fixture();
    handbook.write("hemlig.txt", "HEMLIGT");
    let preview = Preview::start(handbook.root());
    for path in [
        "/../hemlig.txt",
        "/%2e%2e/hemlig.txt",
        "/testlan/..%2f..%2fhemlig.txt",
        "/testlan/%2e%2e%2f%2e%2e%2fhemlig.txt",
        "/..\\hemlig.txt",
        "/%5c..%5chemlig.txt",
        "/testlan/../../sthandbok.yaml",
        "/sthandbok.yaml",
        "/content/sida.md",
        "//etc/passwd",
    ] {
        let (status, body) = preview.get(path);
        assert!(status == 400 || status == 404, "{path}: {status}");
        assert!(
            !body.contains("HEMLIGT") && !body.contains("title: Testhandboken") && !body.contains("root:"),
            "{path} leaked"
        );
    }
    let (status, body) = preview.get("/testlan/finns-inte/");
    assert_eq!(status, 404);
    assert!(body.contains("Sidan finns inte"), "the site's own 404 page: {body}");
    let (status, _) = preview.get("/testlan/assets/style.css");
    assert_eq!(status, 200);
}

#[test]
fn a_burst_of_saves_ends_in_the_last_one() {
    let handbook = Handbook::fixture();
    let preview = Preview::start(handbook.root());
    for n in 1..=50 {
        handbook.write("content/sida.md", format!("---\ntitle: En vanlig sida\n---\n\nVersion {n} av sidan.\n"));
    }
    preview.wait_for("/testlan/sida/", "the last save", |b| b.contains("Version 50 av sidan."));
    std::thread::sleep(std::time::Duration::from_millis(400));
    let (_, page) = preview.get("/testlan/sida/");
    assert!(page.contains("Version 50 av sidan."), "the last state wins");
    let builds = preview.printed().matches("Byggde").count();
    assert!(builds <= 4, "a burst is a few rebuilds at most, not 50: {builds}");
}

#[test]
fn new_folders_renames_and_deletes_are_seen() {
    let handbook = Handbook::fixture();
    let preview = Preview::start(handbook.root());
    // A new section, its folder and files created at once.
    handbook.write("content/ny/_index.md", "---\ntitle: Nytt avsnitt\n---\n\nNytt.\n");
    handbook.write("content/ny/sida.md", "---\ntitle: Ny sida\n---\n\nHelt ny sida.\n");
    preview.wait_for("/testlan/ny/sida/", "a page in a new folder", |b| b.contains("Helt ny sida."));
    // An editor's atomic save: write elsewhere, rename over the file.
    let temporary = handbook.path("content/.sida.md.tmp");
    std::fs::write(&temporary, "---\ntitle: En vanlig sida\n---\n\nSparad atomärt.\n").unwrap();
    std::fs::rename(&temporary, handbook.path("content/sida.md")).unwrap();
    preview.wait_for("/testlan/sida/", "an atomic save", |b| b.contains("Sparad atomärt."));
    // A renamed folder: its pages move to the new address.
    std::fs::rename(handbook.path("content/ny"), handbook.path("content/nytt")).unwrap();
    preview.wait_for("/testlan/nytt/sida/", "a renamed folder", |b| b.contains("Helt ny sida."));
    preview.wait_for("/testlan/ny/sida/", "the old address", |b| b.contains("Sidan finns inte"));
    std::fs::remove_dir_all(handbook.path("content/nytt")).unwrap();
    preview.wait_for("/testlan/nytt/sida/", "a deleted folder", |b| b.contains("Sidan finns inte"));
}

#[test]
fn a_style_sheet_change_is_swapped_in_without_a_reload() {
    let handbook = Handbook::fixture();
    handbook.write("themes/default/static/style.css", "body { color: black }");
    let preview = Preview::start(handbook.root());
    let mut events = preview.events();
    handbook.write("themes/default/static/style.css", "body { color: navy }");
    assert_eq!(events.next().0, "css");
    let (_, css) = preview.get("/testlan/assets/style.css");
    assert_eq!(css, "body { color: navy }");
}

#[test]
fn a_handbook_that_fails_at_start_is_served_once_fixed() {
    let handbook = Handbook::fixture();
    handbook.write("content/sida.md", "---\ntitel: x\n---\n");
    let preview = Preview::start(handbook.root());
    let (status, body) = preview.get("/testlan/sida/");
    assert_eq!(status, 503);
    assert!(body.contains("Handboken kunde inte byggas") && body.contains("/__sthandbok/events"));
    handbook.write("content/sida.md", "---\ntitle: Sida\n---\n\nNu fungerar det.\n");
    preview.wait_for("/testlan/sida/", "the fixed handbook", |b| b.contains("Nu fungerar det."));
}

#[test]
fn files_come_with_their_type_and_are_never_cached() {
    let handbook = Handbook::fixture();
    let preview = Preview::start(handbook.root());
    for (path, kind) in [
        ("/testlan/sida/", "text/html; charset=utf-8"),
        ("/testlan/assets/style.css", "text/css; charset=utf-8"),
        ("/testlan/assets/sok.js", "text/javascript; charset=utf-8"),
        ("/testlan/avtal/kontrakt/kontrakt.pdf", "application/pdf"),
        (
            "/testlan/avtal/kontrakt/kontrakt.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ] {
        let (status, head, _) = preview::get_with_head(preview.port, path);
        assert_eq!(status, 200, "{path}");
        let head = head.to_ascii_lowercase();
        assert!(head.contains(&format!("content-type: {kind}")), "{path}: {head}");
        assert!(head.contains("cache-control: no-store"), "{path}: {head}");
    }
}

#[test]
fn ctrl_c_stops_the_preview_cleanly() {
    let handbook = Handbook::fixture();
    let mut preview = Preview::start(handbook.root());
    let _events = preview.events();
    assert_eq!(preview.interrupt(), Some(0));
    std::thread::sleep(std::time::Duration::from_millis(100));
    assert!(preview.printed().contains("Förhandsvisningen stängs."));
}

#[test]
fn listening_beyond_this_computer_is_said_out_loud() {
    let handbook = Handbook::fixture();
    let preview = Preview::start_with(handbook.root(), &["--bind", "0.0.0.0"]);
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert!(preview.printed().contains("varning: förhandsvisningen nås från andra datorer på nätverket"));
}

#[test]
fn polling_sees_edits_where_file_events_do_not_arrive() {
    let handbook = Handbook::fixture();
    let preview = Preview::start_with(handbook.root(), &["--poll"]);
    // The poller takes its first look at the files in the background; let it.
    std::thread::sleep(std::time::Duration::from_millis(1000));
    handbook.write("content/sida.md", "---\ntitle: En vanlig sida\n---\n\nSedd genom att titta.\n");
    preview.wait_for("/testlan/sida/", "a polled edit", |b| b.contains("Sedd genom att titta."));
}

#[test]
fn two_writers_of_one_path_are_an_error_in_the_preview_too() {
    let handbook = Handbook::fixture();
    let preview = Preview::start(handbook.root());
    preview.wait_for("/testlan/assets/style.css", "the theme's style sheet", |b| b.contains("{"));
    handbook.write("content/assets/style.css", "body { color: red }");
    let started = std::time::Instant::now();
    let mut printed = String::new();
    while !printed.contains("samma-utfil") && started.elapsed() < std::time::Duration::from_secs(20) {
        std::thread::sleep(std::time::Duration::from_millis(50));
        printed.push_str(&preview.printed());
    }
    assert!(printed.contains("fel[samma-utfil]: `testlan/assets/style.css` skulle skrivas två gånger"), "{printed}");
    assert!(
        printed.contains("temats fil static/style.css") && printed.contains("content/assets/style.css"),
        "{printed}"
    );
    let (_, css) = preview.get("/testlan/assets/style.css");
    assert!(!css.contains("color: red"), "the last good site stays served");
}

/// The generation a served page carries in its script tag.
fn generation_of(page: &str) -> String {
    let at = page.find("data-generation=\"").expect("the page carries its generation") + "data-generation=\"".len();
    page[at..at + page[at..].find('"').unwrap()].to_owned()
}

#[test]
fn a_page_that_connects_after_a_rebuild_learns_it_is_stale() {
    let handbook = Handbook::fixture();
    let preview = Preview::start(handbook.root());
    let (_, old) = preview.get("/testlan/sida/");
    let events = preview.events();
    assert_eq!(events.generation, generation_of(&old), "a fresh page is current");
    handbook.write("content/sida.md", "---\ntitle: En vanlig sida\n---\n\nOmbyggd.\n");
    let new = preview.wait_for("/testlan/sida/", "the rebuild", |b| b.contains("Ombyggd."));
    // A page loaded before the rebuild whose stream connects only now: it is told the new
    // generation, which is not its own.
    let late = preview.events();
    assert_eq!(late.generation, generation_of(&new));
    assert_ne!(late.generation, generation_of(&old), "the old page is stale");
    assert!(late.retry.is_some_and(|ms| ms < 1000), "a lost stream reconnects within a second: {:?}", late.retry);
    // A page that connects while the last build failed is shown the errors at once.
    let mut watching = preview.events();
    handbook.write("content/sida.md", "---\ntitle: [trasig\n---\n");
    assert_eq!(watching.next().0, "fel");
    let mut connecting = preview.events();
    assert_eq!(connecting.generation, generation_of(&new), "a failed build serves the last good site");
    let (name, data) = connecting.next();
    assert_eq!(name, "fel");
    assert!(data.contains("content/sida.md:2:8"), "{data}");
}

#[test]
fn a_restarted_preview_tells_open_pages_they_are_stale() {
    let handbook = Handbook::fixture();
    let mut first = Preview::start(handbook.root());
    let (_, page) = first.get("/testlan/sida/");
    let port = first.port;
    assert_eq!(first.interrupt(), Some(0));
    let second = Preview::start_on(handbook.root(), port, &[]);
    let events = second.events();
    assert_ne!(events.generation, generation_of(&page), "a page from the stopped preview reloads");
    assert!(events.retry.is_some_and(|ms| ms < 1000), "and finds the new one within a second");
}

/// The preview parses again only pages whose text changed; a save of the same length within
/// the time stamp's resolution (two seconds on network drives) must still count as a change.
#[test]
fn a_same_length_edit_with_the_same_time_stamp_shows_up() {
    let handbook = Handbook::fixture();
    let preview = Preview::start(handbook.root());
    let mut events = preview.events();
    let page = handbook.path("content/sida.md");
    let stamp = std::fs::metadata(&page).unwrap().modified().unwrap();
    for word in ["Alfa", "Beta", "Gamm"] {
        handbook.write("content/sida.md", format!("---\ntitle: En vanlig sida\n---\n\nOrdet {word}.\n"));
        std::fs::File::options().write(true).open(&page).unwrap().set_modified(stamp).unwrap();
        preview.wait_for("/testlan/sida/", "the edit", |b| b.contains(&format!("Ordet {word}.")));
        assert_eq!(events.next().0, "reload");
    }
}

/// Search follows an edit: once the page shows a new word, the region's index learns it too,
/// while the search page itself stays served.
#[test]
fn search_follows_an_edit() {
    let handbook = Handbook::fixture();
    let preview = Preview::start(handbook.root());
    let text = handbook.read("content/sida.md").replace("## Tabell", "Ett ord som heter zyxelbrygga.\n\n## Tabell");
    handbook.write("content/sida.md", text);
    preview.wait_for("/testlan/sida/", "the edit", |b| b.contains("zyxelbrygga"));
    let data = |script: &str| -> serde_json::Value {
        let json = script.split_once(',').and_then(|(_, rest)| rest.trim_end().strip_suffix(");"));
        serde_json::from_str(json.unwrap_or_else(|| panic!("an index file: {script}"))).unwrap()
    };
    let meta = preview.wait_for("/testlan/sok/meta.js", "the index", |b| data(b)["shards"].get("zyx").is_some());
    let shard = data(&meta)["shards"]["zyx"].clone();
    let (status, terms) = preview.get(&format!("/testlan/sok/t{shard}.js"));
    assert_eq!(status, 200);
    assert!(data(&terms).as_object().unwrap().keys().any(|term| term.starts_with("zyxelbryg")), "{terms}");
    let (status, page) = preview.get("/testlan/sok/");
    assert!(status == 200 && page.contains("<form"), "the search page is still served");
}
