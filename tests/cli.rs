//! The command line speaks Swedish like the rest of the tool: help, usage and argument errors,
//! with clap's suggestions kept.

use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_sthandbok")).args(args).output().unwrap();
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    (output.status.code().unwrap_or(-1), text(&output.stdout), text(&output.stderr))
}

/// What clap writes in English, lower-cased.
const ENGLISH: &[&str] = &[
    "usage",
    "options",
    "commands",
    "arguments",
    "error:",
    "print ",
    "default",
    "possible values",
    "more information",
    "tip:",
    "unrecognized",
    "unexpected",
    "invalid",
    "required",
    "provided",
    "found",
    "subcommand",
    "<command>",
];

fn assert_swedish(what: &str, text: &str) {
    let lower = text.to_lowercase();
    let english: Vec<&&str> = ENGLISH.iter().filter(|word| lower.contains(**word)).collect();
    assert!(english.is_empty(), "{what} has English {english:?}:\n{text}");
}

#[test]
fn help_is_swedish_for_every_command() {
    for args in [
        &["--help"][..],
        &["-h"],
        &["build", "--help"],
        &["check", "--help"],
        &["serve", "--help"],
        &["new", "--help"],
        &["new", "region", "--help"],
        &["new", "page", "--help"],
        &["import", "--help"],
        &["schema", "--help"],
    ] {
        let (code, stdout, stderr) = run(args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert!(stdout.contains("Användning: sthandbok"), "{args:?}:\n{stdout}");
        assert!(stdout.contains("Flaggor:") && stdout.contains("Visa hjälpen"), "{args:?}:\n{stdout}");
        assert_swedish(&format!("{args:?}"), &stdout);
    }
    let (_, top, _) = run(&["--help"]);
    assert!(top.contains("Kommandon:") && top.contains("<KOMMANDO>"), "{top}");
    let (_, build, _) = run(&["build", "--help"]);
    assert!(build.contains("--root <MAPP>") && build.contains("[standard: .]"), "{build}");
}

#[test]
fn argument_errors_are_swedish_with_suggestions_and_exit_code_2() {
    let cases: &[(&[&str], &str)] = &[
        (&["bygg"], "fel: det finns inget kommando 'bygg'"),
        (&["biuld"], "menade du 'build'?"),
        (&["build", "--rot", "x"], "menade du '--root'?"),
        (
            &["check", "--format", "xml"],
            "'xml' går inte att använda för '--format <FORMAT>'; välj ett av: human, json, github",
        ),
        (&["serve", "--port", "abc"], "'abc' går inte att använda för '--port <PORT>'"),
        (&["build", "--out"], "'--out <MAPP>' behöver ett värde"),
        (&["new", "region"], "det här måste anges: <SLUG>"),
        (&["import"], "det här måste anges: <FIL>"),
        (&["import", "mall.docx", "--kind", "lista"], "välj ett av: avtal, sida, roll"),
        (&[], "fel: ange ett kommando"),
        (&["new"], "fel: ange ett kommando"),
    ];
    for (args, expected) in cases {
        let (code, stdout, stderr) = run(args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stdout.is_empty(), "{args:?}: errors go to standard error: {stdout}");
        assert!(stderr.contains(expected), "{args:?}: expected {expected:?} in:\n{stderr}");
        assert_swedish(&format!("{args:?}"), &stderr);
    }
    let (_, _, stderr) = run(&["new"]);
    assert!(stderr.contains("region") && stderr.contains("page"), "the commands it lacks are listed: {stderr}");
}
