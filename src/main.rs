//! Command-line entry: parses arguments, runs the library, prints the report.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use sthandbok::serve::ServeOptions;
use sthandbok::{BuildOptions, Failure, build, diagnostics};

#[derive(Parser)]
#[command(
    name = "sthandbok",
    version,
    about = "Bygger ST-handböcker: en statisk webbplats per region"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Bygg webbplatserna till en mapp (standard: ROOT/dist)
    Build {
        /// Handbokens mapp (den som har sthandbok.yaml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Utmapp
        #[arg(long)]
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
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Utdata: läsbar text, JSON eller GitHub-anteckningar
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Räkna varningar som fel
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Förhandsvisa handboken och uppdatera den medan du skriver
    Serve {
        /// Handbokens mapp (den som har sthandbok.yaml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Visa bara denna region (kan anges flera gånger)
        #[arg(long = "region", value_name = "SLUG")]
        regions: Vec<String>,
        /// Port att lyssna på (0 väljer en ledig)
        #[arg(long, default_value_t = 4000)]
        port: u16,
        /// Adress att lyssna på; andra än 127.0.0.1 nås från nätverket
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Öppna förhandsvisningen i webbläsaren
        #[arg(long)]
        open: bool,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() { 2 } else { 0 });
        }
    };
    match cli.command {
        Command::Build {
            root,
            out,
            regions,
            base_url,
            verbose,
        } => {
            let out = out.unwrap_or_else(|| root.join("dist"));
            let options = BuildOptions {
                root: root.clone(),
                out: out.clone(),
                regions,
                base_url,
            };
            match build(&options) {
                Ok(report) => {
                    for warning in &report.warnings {
                        eprint!("{}", warning.render(&root));
                    }
                    if verbose {
                        for (stage, time) in &report.timings {
                            eprintln!("  {stage:<10} {:>8.1} ms", time.as_secs_f64() * 1000.0);
                        }
                    }
                    for index in &report.indexes {
                        eprintln!(
                            "Sökindex {}: {:.1} kB ({:.1} kB gzip)",
                            index.region,
                            index.raw_bytes as f64 / 1000.0,
                            index.gzip_bytes as f64 / 1000.0
                        );
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
        Command::Check {
            root,
            format,
            deny_warnings,
        } => run_check(&root, format, deny_warnings),
        Command::Serve {
            root,
            regions,
            port,
            bind,
            open,
        } => run_serve(ServeOptions {
            root,
            regions,
            bind,
            port,
            open,
        }),
    }
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
    let warnings = problems.len() - errors;
    match format {
        Format::Human => {
            for problem in &problems {
                print!("{}", problem.render(root));
            }
            println!("Kontrollen hittade {errors} fel och {warnings} varningar.");
        }
        Format::Json => println!("{}", diagnostics::to_json(&problems)),
        Format::Github => {
            for problem in &problems {
                println!("{}", diagnostics::to_github(problem));
            }
        }
    }
    if errors > 0 || (deny_warnings && warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_serve(options: ServeOptions) -> ExitCode {
    let root = options.root.clone();
    match sthandbok::serve::serve(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => report_failure(&failure, &root),
    }
}

fn report_failure(failure: &Failure, root: &std::path::Path) -> ExitCode {
    match failure {
        Failure::Content(problems) => {
            for problem in problems {
                eprint!("{}", problem.render(root));
            }
            let errors = problems.iter().filter(|d| d.is_error()).count();
            eprintln!("Bygget avbröts: {errors} fel. Den förra versionen av webbplatsen är orörd.");
        }
        Failure::Usage(message) => eprintln!("fel: {message}"),
    }
    ExitCode::from(failure.exit_code() as u8)
}
