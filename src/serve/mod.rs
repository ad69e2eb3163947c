//! `sthandbok serve`: builds the handbook into memory, serves it, and rebuilds when a source
//! changes. A rebuild keeps the page documents, search entries and files of the last build and
//! redoes only what the change touches, the search index included. A failed rebuild keeps the
//! last good site and shows its errors over every open page; a good one swaps the whole site at
//! once and tells the pages to reload. Never writes to disk; never prints: what happens is
//! reported to the caller as `Event`s.

mod http;
mod state;
mod watch;

use crate::diagnostics::Diagnostic;
use crate::{Cache, Failure, Settings, generate, theme};
use state::{Message, State};
use std::collections::{BTreeSet, HashMap};
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::channel;
use std::thread;
use std::time::{Duration, Instant};
use watch::ChangeKind;

/// What the preview tells whoever runs it, as it happens.
pub enum Event {
    /// Serving at this address.
    Listening {
        url: String,
        exposed: Option<IpAddr>,
    },
    /// Watching this folder for changes.
    Watching(PathBuf),
    /// A build succeeded: the pages, how many page documents were made anew, and the warnings.
    Built {
        pages: usize,
        made: usize,
        millis: u128,
        warnings: Vec<Diagnostic>,
    },
    /// Only the theme's static files changed, and were swapped in.
    StaticsSwapped {
        millis: u128,
    },
    /// A build failed; the last good site stays served.
    Failed(Failure),
    Stopping,
}

/// Where the preview reports its events.
pub type Reporter = Arc<dyn Fn(Event) + Send + Sync>;

pub struct ServeOptions {
    pub root: PathBuf,
    pub regions: Vec<String>,
    pub bind: IpAddr,
    pub port: u16,
    pub open: bool,
    /// Look for changes by polling, where file events do not arrive (network drives, WSL).
    pub poll: bool,
}

pub fn serve(options: ServeOptions, report: Reporter) -> Result<(), Failure> {
    let root = options.root.clone();
    if !root.join(crate::source::CONFIG_FILE).is_file() {
        return Err(Failure::Usage(format!("{} är ingen handbok: sthandbok.yaml saknas", root.display())));
    }
    let server = tiny_http::Server::http((options.bind, options.port))
        .map_err(|e| Failure::Usage(format!("kunde inte lyssna på {}:{}: {e}", options.bind, options.port)))?;
    let address = server.server_addr().to_ip().ok_or_else(|| Failure::Usage("ingen adress att lyssna på".into()))?;
    // Watch before the first build, so an edit made while it runs is not missed.
    let mut watcher = watch::Watcher::new(&root, options.poll)
        .map_err(|e| Failure::Usage(format!("kunde inte bevaka {}: {e}", root.display())))?;
    let state = Arc::new(State::new());
    let mut preview = Preview { root: root.clone(), regions: options.regions, cache: None, report: report.clone() };
    preview.rebuild(&state, &BTreeSet::from([ChangeKind::Config]), true);

    let url = format!("http://{address}/");
    let exposed = (!options.bind.is_loopback()).then_some(options.bind);
    report(Event::Listening { url: url.clone(), exposed });
    report(Event::Watching(root.clone()));
    if options.open {
        let _ = std::process::Command::new("xdg-open").arg(&url).spawn();
    }

    let server = Arc::new(server);
    let listening = server.clone();
    let serving = state.clone();
    thread::spawn(move || {
        for request in listening.incoming_requests() {
            let state = serving.clone();
            thread::spawn(move || http::answer(&state, request));
        }
    });
    let watching = state.clone();
    thread::spawn(move || {
        while let Some(batch) = watcher.next_batch() {
            preview.rebuild(&watching, &batch.kinds, false);
            if batch.folder_created {
                // Files written into a new folder before it was watched: look once more.
                thread::sleep(Duration::from_millis(150));
                preview.rebuild(&watching, &BTreeSet::from([ChangeKind::Content]), false);
            }
        }
    });
    let (stop, stopped) = channel();
    ctrlc::set_handler(move || {
        let _ = stop.send(());
    })
    .map_err(|e| Failure::Usage(format!("kunde inte fånga Ctrl-C: {e}")))?;
    let _ = stopped.recv();
    report(Event::Stopping);
    server.unblock();
    Ok(())
}

struct Preview {
    root: PathBuf,
    regions: Vec<String>,
    /// The last good build's page documents, search entries and files.
    cache: Option<Cache>,
    report: Reporter,
}

impl Preview {
    fn rebuild(&mut self, state: &Arc<State>, kinds: &BTreeSet<ChangeKind>, first: bool) {
        let started = Instant::now();
        if !first && kinds.iter().all(|k| *k == ChangeKind::Static) && self.swap_statics(state) {
            (self.report)(Event::StaticsSwapped { millis: started.elapsed().as_millis() });
            return;
        }
        let settings = Settings {
            lint: false,
            sizes: false,
            reuse: self.cache.as_ref(),
            staging: None,
            progress: None,
            defer_index: true,
        };
        match generate(&self.root, &self.regions, Some("/"), settings) {
            Ok(site) => {
                let files: HashMap<String, Arc<Vec<u8>>> =
                    site.outputs.into_files().map(|o| (o.path, o.bytes)).collect();
                state.swap(files);
                let mut cache = site.cache;
                let recovered = state.error.write().expect("the error lock").take().is_some();
                if recovered {
                    state.tell(Message::Recovered);
                }
                state.tell(Message::Reload);
                // Search follows: the regions whose index changed get it now.
                state.swap_indexes(cache.index_pending());
                self.cache = Some(cache);
                let millis = started.elapsed().as_millis();
                (self.report)(Event::Built { pages: site.pages, made: site.made, millis, warnings: site.warnings });
            }
            Err(failure) => {
                let text = match &failure {
                    Failure::Content(problems) => render_all(problems, &self.root),
                    Failure::Usage(message) => format!("fel: {message}\n"),
                };
                *state.error.write().expect("the error lock") = Some(text.clone());
                state.tell(Message::Failed(text));
                (self.report)(Event::Failed(failure));
            }
        }
    }

    /// A change to a theme's style sheet or script only: swap those files in without building.
    fn swap_statics(&self, state: &Arc<State>) -> bool {
        let Some(config) = std::fs::read_to_string(self.root.join(crate::source::CONFIG_FILE))
            .ok()
            .and_then(|text| crate::source::parse_yaml::<crate::model::SiteConfig>(&text, Path::new(""), 1).ok())
        else {
            return false;
        };
        let Ok(theme) = theme::load(&self.root, &config.theme) else {
            return false;
        };
        let current = state.site();
        let mut files = current.files.clone();
        let mut only_css = true;
        for (name, bytes) in &theme.statics {
            let suffix = format!("assets/{name}");
            for (path, old) in files.iter_mut() {
                if (path == &suffix || path.ends_with(&format!("/{suffix}"))) && old.as_slice() != bytes.as_slice() {
                    *old = Arc::new(bytes.clone());
                    only_css &= name.ends_with(".css");
                }
            }
        }
        state.swap(files);
        state.tell(if only_css { Message::Css } else { Message::Reload });
        true
    }
}

fn render_all(problems: &[Diagnostic], root: &Path) -> String {
    let mut text: String = problems.iter().map(|d| d.render(root)).collect();
    let errors = problems.iter().filter(|d| d.is_error()).count();
    text.push_str(&format!("{errors} fel.\n"));
    text
}
