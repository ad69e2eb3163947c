//! Watching the sources: every file event is classified once (content, config, template, static
//! file); a burst of events (an editor's atomic save, a checkout, 50 saves in a row) becomes one
//! batch once the folder has been quiet for a moment.

use notify::{Event, EventKind, PollWatcher, RecursiveMode};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// How long the folder must be quiet before a batch is handed over.
const QUIET: Duration = Duration::from_millis(15);
/// A batch is handed over after this long even if saves keep coming.
const LONGEST: Duration = Duration::from_millis(250);

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    /// A page, an image or another file in a content folder.
    Content,
    /// `sthandbok.yaml` or a `region.yaml`.
    Config,
    Template,
    /// A theme's static file (style sheet, script).
    Static,
}

pub struct Batch {
    pub kinds: BTreeSet<ChangeKind>,
    /// A folder appeared: files created in it before it was watched may have no event of
    /// their own, so the caller looks again shortly.
    pub folder_created: bool,
}

pub struct Watcher {
    root: PathBuf,
    watcher: Box<dyn notify::Watcher + Send>,
    events: Receiver<notify::Result<Event>>,
    watched: BTreeSet<PathBuf>,
}

const SOURCES: [&str; 3] = ["content", "regions", "themes"];

impl Watcher {
    /// Watches with the system's file events, or by looking at the files several times a
    /// second when `poll` is set (network drives and WSL deliver no events).
    pub fn new(root: &Path, poll: bool) -> notify::Result<Self> {
        let (sender, events) = channel();
        let watcher: Box<dyn notify::Watcher + Send> = if poll {
            let config = notify::Config::default().with_poll_interval(Duration::from_millis(250));
            Box::new(PollWatcher::new(sender, config)?)
        } else {
            Box::new(notify::recommended_watcher(sender)?)
        };
        // Events name absolute paths; compare them with the absolute root.
        let root = root.canonicalize()?;
        let mut this = Watcher { root: root.clone(), watcher, events, watched: BTreeSet::new() };
        // The root itself only for sthandbok.yaml and source folders created later; never the
        // output folder or build directories beside the sources.
        this.watcher.watch(&root, RecursiveMode::NonRecursive)?;
        this.watch_sources();
        Ok(this)
    }

    fn watch_sources(&mut self) {
        for folder in SOURCES {
            let path = self.root.join(folder);
            if path.is_dir()
                && !self.watched.contains(&path)
                && self.watcher.watch(&path, RecursiveMode::Recursive).is_ok()
            {
                self.watched.insert(path);
            }
        }
    }

    /// Waits for the next change, then gathers the events that follow it into one batch.
    pub fn next_batch(&mut self) -> Option<Batch> {
        let mut batch = Batch { kinds: BTreeSet::new(), folder_created: false };
        let mut started: Option<Instant> = None;
        loop {
            let event = match started {
                None => self.events.recv().ok()?,
                Some(at) => {
                    let wait = QUIET.min(LONGEST.saturating_sub(at.elapsed()));
                    match self.events.recv_timeout(wait) {
                        Ok(event) => event,
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return None,
                    }
                }
            };
            let Ok(event) = event else { continue };
            if matches!(event.kind, EventKind::Access(_)) {
                continue;
            }
            let created_folder = matches!(event.kind, EventKind::Create(notify::event::CreateKind::Folder))
                || event.paths.iter().any(|p| p.is_dir() && matches!(event.kind, EventKind::Create(_)));
            for path in event.paths {
                if let Some(kind) = classify(&self.root, &path) {
                    batch.kinds.insert(kind);
                    batch.folder_created |= created_folder;
                    started.get_or_insert_with(Instant::now);
                }
            }
            if started.is_some_and(|at| at.elapsed() >= LONGEST) {
                break;
            }
        }
        if batch.folder_created {
            self.watch_sources();
        }
        Some(batch)
    }
}

/// What kind of source a path is, or `None` for what the build never reads (hidden files,
/// editors' swap and backup files, anything outside the sources).
pub fn classify(root: &Path, path: &Path) -> Option<ChangeKind> {
    let relative = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let name = parts.last()?;
    if parts.iter().any(|p| p.starts_with('.') || p.starts_with('#')) || name.ends_with('~') || name.ends_with(".swp") {
        return None;
    }
    match parts.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["sthandbok.yaml" | "regelverk.yaml"] => Some(ChangeKind::Config),
        ["content", ..] => Some(ChangeKind::Content),
        ["regions", _, "region.yaml"] => Some(ChangeKind::Config),
        ["regions", ..] => Some(ChangeKind::Content),
        ["themes", _, "templates", ..] => Some(ChangeKind::Template),
        ["themes", _, "static", ..] => Some(ChangeKind::Static),
        ["themes", ..] => Some(ChangeKind::Template),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_classified_once_by_where_they_are() {
        let root = Path::new("/h");
        let kind = |p: &str| classify(root, &root.join(p));
        assert_eq!(kind("sthandbok.yaml"), Some(ChangeKind::Config));
        assert_eq!(kind("regelverk.yaml"), Some(ChangeKind::Config));
        assert_eq!(kind("content/roller/handledare.md"), Some(ChangeKind::Content));
        assert_eq!(kind("regions/skane/region.yaml"), Some(ChangeKind::Config));
        assert_eq!(kind("regions/skane/content/_index.md"), Some(ChangeKind::Content));
        assert_eq!(kind("themes/default/templates/base.html"), Some(ChangeKind::Template));
        assert_eq!(kind("themes/default/static/style.css"), Some(ChangeKind::Static));
        assert_eq!(kind("content/.handledare.md.swp"), None);
        assert_eq!(kind("content/handledare.md~"), None);
        assert_eq!(kind("dist/index.html"), None);
        assert_eq!(kind("target/debug/x"), None);
    }
}
