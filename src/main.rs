//! Command-line entry: parses arguments, runs the library, prints the report.

mod cli;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use sthandbok::serve::ServeOptions;
use sthandbok::{BuildOptions, Failure, Progress, build, diagnostics};

/// mimalloc: the build makes and frees millions of small strings from two threads, where it is
/// about a sixth faster than the system's allocator at 10,000 pages, for a larger peak.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A build is one short run: the memory it frees is kept for what it allocates next, not
/// handed back to the system a second later (mimalloc's default), which at 100,000 pages had
/// the kernel zero the same memory again for every region, about a tenth of the build's time.
/// The preview keeps the default.
fn keep_freed_memory() {
    // mimalloc's `mi_option_purge_delay` (15 in its `mi_option_e`, in both its versions; the
    // sys crate leaves such options unnamed); -1 is never.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: called before the build starts a thread; it sets one entry of mimalloc's table
    // of options, which it reads when it would purge.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
}

#[derive(Parser)]
#[command(
    name = "sthandbok",
    version,
    about = "Bygger ST-handböcker: en statisk webbplats per region",
    disable_help_subcommand = true,
    subcommand_value_name = "KOMMANDO"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Bygg webbplatserna till en mapp (standard: MAPP/dist)
    Build {
        /// Handbokens mapp (den som har sthandbok.yaml)
        #[arg(long, default_value = ".", value_name = "MAPP")]
        root: PathBuf,
        /// Utmapp (standard: MAPP/dist)
        #[arg(long, value_name = "MAPP")]
        out: Option<PathBuf>,
        /// Bygg bara denna region (kan anges flera gånger)
        #[arg(long = "region", value_name = "SLUG")]
        regions: Vec<String>,
        /// Sökväg eller adress som webbplatsen publiceras under, t.ex. /handbok/
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Visa tid per steg
        #[arg(short, long)]
        verbose: bool,
    },
    /// Kontrollera handboken utan att bygga den: länkar, fält, författningar, granskningsdatum
    Check {
        /// Handbokens mapp (den som har sthandbok.yaml)
        #[arg(long, default_value = ".", value_name = "MAPP")]
        root: PathBuf,
        /// Utdata: läsbar text, JSON eller GitHub-anteckningar
        #[arg(long, value_enum, default_value_t = Format::Human, value_name = "FORMAT")]
        format: Format,
        /// Räkna varningar som fel
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Skapa en ny region eller sida med kommenterade startfiler
    #[command(subcommand_value_name = "KOMMANDO")]
    New {
        #[command(subcommand)]
        what: New,
        /// Handbokens mapp (den som har sthandbok.yaml)
        #[arg(long, default_value = ".", global = true, value_name = "MAPP")]
        root: PathBuf,
    },
    /// Gör en sida av en Word-mall (.docx): text, rubriker, listor, tabeller och tomrader som fält
    Import {
        /// Word-dokumentet (.docx)
        #[arg(value_name = "FIL")]
        file: PathBuf,
        /// Handbokens mapp (den som har sthandbok.yaml)
        #[arg(long, default_value = ".", value_name = "MAPP")]
        root: PathBuf,
        /// Regionen sidan hör till (utan den blir sidan nationell)
        #[arg(long, value_name = "SLUG")]
        region: Option<String>,
        /// Sidans typ (standard: avtal om dokumentet har tomrader eller underskrifter, annars sida)
        #[arg(long, value_enum, value_name = "TYP")]
        kind: Option<ImportKind>,
        /// Sidans sökväg, som för `new page`, i regionens mapp med --region (standard: ur titeln, i avtal/ eller roller/)
        #[arg(long, value_name = "SÖKVÄG")]
        out: Option<String>,
        /// Skriv över en sida som redan finns
        #[arg(long)]
        force: bool,
    },
    /// Skriv ut JSON Schema för sidornas front matter, för redaktörers YAML-verktyg
    Schema,
    /// Förhandsvisa handboken och uppdatera den medan du skriver
    Serve {
        /// Handbokens mapp (den som har sthandbok.yaml)
        #[arg(long, default_value = ".", value_name = "MAPP")]
        root: PathBuf,
        /// Visa bara denna region (kan anges flera gånger)
        #[arg(long = "region", value_name = "SLUG")]
        regions: Vec<String>,
        /// Port att lyssna på (0 väljer en ledig)
        #[arg(long, default_value_t = 4000)]
        port: u16,
        /// Adress att lyssna på; andra än 127.0.0.1 nås från nätverket
        #[arg(long, default_value = "127.0.0.1", value_name = "ADRESS")]
        bind: std::net::IpAddr,
        /// Öppna förhandsvisningen i webbläsaren
        #[arg(long)]
        open: bool,
        /// Leta efter ändringar genom att titta på filerna (för nätverksdiskar och WSL)
        #[arg(long)]
        poll: bool,
    },
}

/// A progress line on a terminal, drawn from a second into the build until `stop`; nothing
/// when standard error is no terminal or in CI.
struct ProgressLine {
    stop: Option<std::sync::mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

fn show_progress(progress: Arc<Progress>) -> ProgressLine {
    use std::io::{IsTerminal, Write};
    use std::time::Duration;
    if !std::io::stderr().is_terminal() || std::env::var_os("CI").is_some() {
        return ProgressLine { stop: None, thread: None };
    }
    let (stop, stopped) = std::sync::mpsc::channel::<()>();
    let thread = std::thread::spawn(move || {
        let mut wait = Duration::from_secs(1);
        let mut drawn = false;
        while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(wait) {
            wait = Duration::from_millis(200);
            if let Some(line) = progress.line() {
                let _ = write!(std::io::stderr().lock(), "\r\x1b[2K{line}");
                drawn = true;
            }
        }
        if drawn {
            let _ = write!(std::io::stderr().lock(), "\r\x1b[2K");
        }
    });
    ProgressLine { stop: Some(stop), thread: Some(thread) }
}

impl ProgressLine {
    fn stop(mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The steps' wall times, then the stages inside the regions added up over regions.
fn print_timings(timings: &sthandbok::Timings) {
    let print = |list: &[(&str, std::time::Duration)]| {
        for (name, time) in list {
            eprintln!("  {name:<20} {:>9.1} ms", time.as_secs_f64() * 1000.0);
        }
    };
    eprintln!("Tid per steg (väggtid):");
    print(&timings.steps);
    eprintln!(
        "Tid inom regionerna, summerad över regionerna ({} byggs samtidigt, så summan kan vara större än stegets väggtid):",
        rayon::current_num_threads()
    );
    print(&timings.in_regions);
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) if cli::is_answer(&err) => {
            out(cli::swedish(&err.render().to_string()).trim_end());
            return ExitCode::SUCCESS;
        }
        Err(err) if cli::wants_command(&err) => {
            // The help of the command that lacks one, which lists them.
            let asked = std::env::args_os().chain([std::ffi::OsString::from("--help")]);
            let help = Cli::try_parse_from(asked).err().map(|e| e.render().to_string()).unwrap_or_default();
            eprintln!("fel: ange ett kommando\n\n{}", cli::swedish(&help).trim_end());
            return ExitCode::from(2);
        }
        Err(err) => {
            eprint!("{}", cli::error(&err));
            return ExitCode::from(2);
        }
    };
    match cli.command {
        Command::Build { root, out, regions, base_url, verbose } => {
            keep_freed_memory();
            let out = out.unwrap_or_else(|| root.join("dist"));
            let progress = Arc::new(Progress::default());
            let options = BuildOptions {
                root: root.clone(),
                out: out.clone(),
                regions,
                base_url,
                sizes: verbose,
                progress: Some(progress.clone()),
            };
            let shown = show_progress(progress);
            let built = build(&options);
            shown.stop();
            match built {
                Ok(report) => {
                    for warning in report.warnings.iter().filter(|w| w.accepted.is_none()) {
                        eprint!("{}", warning.render(&root));
                    }
                    if verbose {
                        print_timings(&report.timings);
                        for index in &report.indexes {
                            eprintln!(
                                "Sökindex {}: {:.1} kB ({:.1} kB gzip)",
                                index.region,
                                index.raw_bytes as f64 / 1000.0,
                                index.gzip_bytes.unwrap_or(0) as f64 / 1000.0
                            );
                        }
                    }
                    eprintln!(
                        "Byggde {} sidor i {} regioner ({} filer) på {} ms → {}",
                        report.pages,
                        report.regions,
                        report.files,
                        report.millis,
                        out.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(failure) => report_failure(&failure, &root),
            }
        }
        Command::Check { root, format, deny_warnings } => run_check(&root, format, deny_warnings),
        Command::Import { file, root, region, kind, out, force } => {
            use sthandbok::scaffold::Kind;
            let kind = kind.map(|k| match k {
                ImportKind::Avtal => Kind::Avtal,
                ImportKind::Sida => Kind::Sida,
                ImportKind::Roll => Kind::Roll,
            });
            run_import(&sthandbok::import::ImportOptions { root, file, region, kind, out, force })
        }
        Command::Schema => {
            out(&serde_json::to_string_pretty(&sthandbok::schema::front_matter()).unwrap_or_default());
            ExitCode::SUCCESS
        }
        Command::New { what, root } => run_new(&root, what),
        Command::Serve { root, regions, port, bind, open, poll } => {
            run_serve(ServeOptions { root, regions, bind, port, open, poll })
        }
    }
}

#[derive(Subcommand)]
enum New {
    /// En ny region: regions/SLUG/region.yaml och en startsida
    Region {
        #[arg(value_name = "SLUG")]
        slug: String,
    },
    /// En ny sida, t.ex. roller/instruktor eller regions/skane/content/avtal/nytt
    Page {
        #[arg(value_name = "SÖKVÄG")]
        path: String,
        /// Sidans typ (standard: roll i roller/, avtal i avtal/, annars sida)
        #[arg(long, value_enum, value_name = "TYP")]
        kind: Option<KindArg>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum KindArg {
    Sida,
    Roll,
    Checklista,
    Avtal,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ImportKind {
    Avtal,
    Sida,
    Roll,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Human,
    Json,
    Github,
}

fn run_check(root: &std::path::Path, format: Format, deny_warnings: bool) -> ExitCode {
    let problems = match sthandbok::check(root) {
        Ok(problems) => problems,
        Err(failure) => return report_failure(&failure, root),
    };
    let errors = problems.iter().filter(|d| d.is_error()).count();
    let warnings = problems.iter().filter(|d| d.is_open_warning()).count();
    let accepted = problems.len() - errors - warnings;
    // Accepted warnings are listed in the JSON output only, with their reasons.
    let shown = problems.iter().filter(|d| d.accepted.is_none());
    match format {
        Format::Human => {
            let mut text: String = shown.map(|p| p.render(root)).collect();
            text.push_str(&format!("Kontrollen hittade {errors} fel och {warnings} varningar."));
            if accepted > 0 {
                text.push_str(&format!(" {accepted} godtagna varningar visas inte (se dem med --format json)."));
            }
            out(&text);
        }
        Format::Json => out(&diagnostics::to_json(&problems)),
        Format::Github => out(&shown.map(diagnostics::to_github).collect::<Vec<_>>().join("\n")),
    }
    if errors > 0 || (deny_warnings && warnings > 0) { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// Prints a command's output; a reader that stops early (`| head`) is no error.
fn out(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}

fn run_new(root: &std::path::Path, what: New) -> ExitCode {
    let written = match what {
        New::Region { slug } => sthandbok::scaffold::region(root, &slug),
        New::Page { path, kind } => {
            use sthandbok::scaffold::Kind;
            let kind = kind.map(|k| match k {
                KindArg::Sida => Kind::Sida,
                KindArg::Roll => Kind::Roll,
                KindArg::Checklista => Kind::Checklista,
                KindArg::Avtal => Kind::Avtal,
            });
            sthandbok::scaffold::page(root, &path, kind)
        }
    };
    match written {
        Ok(files) => {
            for file in files {
                println!("Skapade {}", file.display());
            }
            println!("Fyll i texterna som börjar med ”FYLL I” och kör sedan `sthandbok check`.");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("fel: {message}");
            ExitCode::from(2)
        }
    }
}

fn run_import(options: &sthandbok::import::ImportOptions) -> ExitCode {
    let shown = options.file.display();
    match sthandbok::import::import(options) {
        Ok(imported) => {
            let mut files = imported.written.iter();
            if let Some(page) = files.next() {
                let page = page.strip_prefix(&options.root).unwrap_or(page);
                println!("Skrev {}: {} fält, {} underskrifter.", page.display(), imported.fields, imported.signatures);
            }
            for file in files {
                println!("Skapade {}", file.strip_prefix(&options.root).unwrap_or(file).display());
            }
            for note in &imported.notes {
                eprintln!("varning: {shown}: {note}");
            }
            // What `check` says about the new page (a regulation the template cites that the
            // handbook does not know, say), said now.
            let page = &imported.written[0];
            let problems = sthandbok::check(&options.root).unwrap_or_default();
            let own: Vec<_> =
                problems.iter().filter(|d| d.accepted.is_none() && options.root.join(&d.file) == *page).collect();
            for problem in &own {
                eprint!("{}", problem.render(&options.root));
            }
            let errors = own.iter().filter(|d| d.is_error()).count();
            if errors > 0 {
                println!("Sidan har {errors} fel enligt kontrollen (ovan): rätta dem innan den publiceras.");
            }
            if imported.kind == sthandbok::scaffold::Kind::Avtal {
                println!(
                    "Granska sidan: varje fält fick id och etikett ur texten intill tomraden. Kör sedan `sthandbok check`."
                );
            } else {
                println!("Granska sidan och kör sedan `sthandbok check`.");
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("fel: {message}");
            ExitCode::from(2)
        }
    }
}

fn run_serve(options: ServeOptions) -> ExitCode {
    use sthandbok::serve::Event;
    let root = options.root.clone();
    let shown = root.clone();
    let report = move |event: Event| match event {
        Event::Listening { url, exposed } => {
            println!("Förhandsvisning: {url}");
            if let Some(address) = exposed {
                eprintln!(
                    "varning: förhandsvisningen nås från andra datorer på nätverket ({address}). Använd den bara på ett nätverk du litar på."
                );
            }
        }
        Event::Watching(folder) => eprintln!("Bevakar {} – avsluta med Ctrl-C.", folder.display()),
        Event::Built { pages, made, millis, warnings } => {
            for warning in warnings.iter().filter(|w| w.accepted.is_none()) {
                eprint!("{}", warning.render(&shown));
            }
            eprintln!("Byggde {pages} sidor ({made} nya eller ändrade) på {millis} ms");
        }
        Event::StaticsSwapped { millis } => eprintln!("Temats filer uppdaterade på {millis} ms"),
        Event::Failed(failure) => {
            print_failure(&failure, &shown);
            eprintln!("Bygget misslyckades; förhandsvisningen visar den senaste fungerande versionen.");
        }
        Event::Stopping => eprintln!("\nFörhandsvisningen stängs."),
    };
    match sthandbok::serve::serve(options, std::sync::Arc::new(report)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => report_failure(&failure, &root),
    }
}

fn report_failure(failure: &Failure, root: &std::path::Path) -> ExitCode {
    print_failure(failure, root);
    if let Failure::Content(_) = failure {
        eprintln!("Den förra versionen av webbplatsen är orörd.");
    }
    ExitCode::from(failure.exit_code() as u8)
}

/// Every problem with its source line, then how many errors there were.
fn print_failure(failure: &Failure, root: &std::path::Path) {
    match failure {
        Failure::Content(problems) => {
            for problem in problems {
                eprint!("{}", problem.render(root));
            }
            let errors = problems.iter().filter(|d| d.is_error()).count();
            eprintln!("Bygget avbröts: {errors} fel.");
        }
        Failure::Usage(message) => eprintln!("fel: {message}"),
    }
}
