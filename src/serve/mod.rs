//! `sthandbok serve`: builds the handbook into memory, serves it, and rebuilds when a source
//! changes. A failed rebuild keeps the last good site and shows its errors over every open page;
//! a good one swaps the whole site at once and tells the pages to reload. Never writes to disk.

mod http;
mod watch;

use crate::diagnostics::Diagnostic;
use crate::{Cache, Failure, Reuse, Settings, generate, theme};
use std::collections::{BTreeSet, HashMap};
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Mutex, RwLock};
use std::thread;
use std::time::{Duration, Instant};
use watch::ChangeKind;

pub struct ServeOptions {
    pub root: PathBuf,
    pub regions: Vec<String>,
    pub bind: IpAddr,
    pub port: u16,
    pub open: bool,
    /// Look for changes by polling, where file events do not arrive (network drives, WSL).
    pub poll: bool,
}

/// The site being served: every file by its path.
#[derive(Default)]
pub(crate) struct Files {
    files: HashMap<String, Arc<Vec<u8>>>,
}

/// What open pages are told.
#[derive(Clone)]
pub(crate) enum Message {
    Reload,
    Css,
    Failed(String),
    Recovered,
}

impl Message {
    fn event(&self) -> String {
        match self {
            Message::Reload => "event: reload\ndata: {}\n\n".to_owned(),
            Message::Css => "event: css\ndata: {}\n\n".to_owned(),
            Message::Failed(errors) => format!("event: fel\ndata: {}\n\n", serde_json::Value::from(errors.as_str())),
            Message::Recovered => "event: ok\ndata: {}\n\n".to_owned(),
        }
    }
}

pub(crate) struct State {
    site: RwLock<Arc<Files>>,
    error: RwLock<Option<String>>,
    pages: Mutex<Vec<Sender<Message>>>,
}

impl State {
    fn site(&self) -> Arc<Files> {
        self.site.read().expect("the site lock").clone()
    }

    fn error(&self) -> Option<String> {
        self.error.read().expect("the error lock").clone()
    }

    fn subscribe(&self, page: Sender<Message>) {
        self.pages.lock().expect("the page list").push(page);
    }

    fn tell(&self, message: Message) {
        self.pages.lock().expect("the page list").retain(|page| page.send(message.clone()).is_ok());
    }

    fn swap(&self, files: Files) {
        *self.site.write().expect("the site lock") = Arc::new(files);
    }
}

/// Adds the live-reload script to an HTML page as it is served.
pub(crate) fn inject(mut html: Vec<u8>) -> Vec<u8> {
    let tag = b"<script src=\"/__sthandbok/live.js\" defer></script>";
    match html.windows(7).position(|w| w == b"</head>") {
        Some(at) => {
            html.splice(at..at, tag.iter().copied());
        }
        None => html.extend_from_slice(tag),
    }
    html
}

pub fn serve(options: ServeOptions) -> Result<(), Failure> {
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
    let state = Arc::new(State { site: RwLock::default(), error: RwLock::default(), pages: Mutex::default() });
    let mut preview = Preview { root: root.clone(), regions: options.regions, cache: None, generation: Arc::default() };
    preview.rebuild(&state, &BTreeSet::from([ChangeKind::Config]), true);

    let url = format!("http://{address}/");
    println!("Förhandsvisning: {url}");
    if !options.bind.is_loopback() {
        eprintln!(
            "varning: förhandsvisningen nås från andra datorer på nätverket ({}). Använd den bara på ett nätverk du litar på.",
            options.bind
        );
    }
    eprintln!("Bevakar {} – avsluta med Ctrl-C.", root.display());
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
    eprintln!("\nFörhandsvisningen stängs.");
    server.unblock();
    Ok(())
}

struct Preview {
    root: PathBuf,
    regions: Vec<String>,
    cache: Option<Cache>,
    /// Counts rebuilds, so a search index built in the background for an older state is
    /// thrown away.
    generation: Arc<AtomicU64>,
}

impl Preview {
    fn rebuild(&mut self, state: &Arc<State>, kinds: &BTreeSet<ChangeKind>, first: bool) {
        let started = Instant::now();
        if !first && kinds.iter().all(|k| *k == ChangeKind::Static) && self.swap_statics(state) {
            eprintln!("Temats filer uppdaterade på {} ms", started.elapsed().as_millis());
            return;
        }
        let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        let current = state.site();
        let file = |path: &str| current.files.get(path).map(|b| b.to_vec());
        let reuse = self.cache.as_ref().map(|cache| Reuse { cache, file: &file });
        // The first build includes the search index; later ones leave it to a background build.
        let settings = Settings { search: first, lint: false, reuse };
        match generate(&self.root, &self.regions, Some("/"), settings) {
            Ok(site) => {
                let mut files: HashMap<String, Arc<Vec<u8>>> =
                    site.outputs.into_iter().map(|o| (o.path, Arc::new(o.bytes))).collect();
                if !first {
                    // Keep serving the previous search index until the new one is ready.
                    for (path, bytes) in &current.files {
                        if is_index_file(path) {
                            files.entry(path.clone()).or_insert_with(|| bytes.clone());
                        }
                    }
                }
                for warning in &site.warnings {
                    eprint!("{}", warning.render(&self.root));
                }
                state.swap(Files { files });
                self.cache = Some(site.cache);
                let recovered = state.error.write().expect("the error lock").take().is_some();
                if recovered {
                    state.tell(Message::Recovered);
                }
                state.tell(Message::Reload);
                eprintln!("Byggde {} sidor på {} ms", site.pages, started.elapsed().as_millis());
                if !first {
                    self.index_in_background(state, generation);
                }
            }
            Err(failure) => {
                let text = match &failure {
                    Failure::Content(problems) => render_all(problems, &self.root),
                    Failure::Usage(message) => format!("fel: {message}\n"),
                };
                eprint!("{text}");
                eprintln!("Bygget misslyckades; förhandsvisningen visar den senaste fungerande versionen.");
                *state.error.write().expect("the error lock") = Some(text.clone());
                state.tell(Message::Failed(text));
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
        state.swap(Files { files });
        state.tell(if only_css { Message::Css } else { Message::Reload });
        true
    }

    fn index_in_background(&self, state: &Arc<State>, generation: u64) {
        let root = self.root.clone();
        let regions = self.regions.clone();
        let counter = self.generation.clone();
        let state = state.clone();
        thread::spawn(move || {
            let Ok(site) = generate(&root, &regions, Some("/"), Settings { search: true, lint: false, reuse: None })
            else {
                return;
            };
            if counter.load(Ordering::SeqCst) != generation {
                return;
            }
            let current = state.site();
            let mut files = current.files.clone();
            files.retain(|path, _| !is_index_file(path));
            files.extend(
                site.outputs.into_iter().filter(|o| is_index_file(&o.path)).map(|o| (o.path, Arc::new(o.bytes))),
            );
            if counter.load(Ordering::SeqCst) == generation {
                state.swap(Files { files });
            }
        });
    }
}

/// The search index's files: `<region>/sok/*.js` and `*.json`.
fn is_index_file(path: &str) -> bool {
    path.contains("/sok/") && (path.ends_with(".js") || path.ends_with(".json"))
}

fn render_all(problems: &[Diagnostic], root: &Path) -> String {
    let mut text: String = problems.iter().map(|d| d.render(root)).collect();
    let errors = problems.iter().filter(|d| d.is_error()).count();
    text.push_str(&format!("{errors} fel.\n"));
    text
}
