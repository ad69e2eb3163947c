//! What the preview serves and who listens: the built site's files, the last build's errors,
//! and the open pages' event streams, shared by the rebuilding thread and the HTTP side.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{SystemTime, UNIX_EPOCH};

/// The site being served: every file by its path, and the generation it belongs to.
#[derive(Default)]
pub(crate) struct Files {
    pub files: HashMap<String, Arc<Vec<u8>>>,
    /// Unique to this site in this preview process: a page served from it carries it, and a
    /// page whose generation is no longer the served one is stale.
    pub generation: String,
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
    pub fn event(&self) -> String {
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
    /// Tells this process's generations from an earlier preview's, whose pages may still be
    /// open when it restarts.
    epoch: String,
    swaps: AtomicU64,
    pub error: RwLock<Option<String>>,
    pub pages: Mutex<Vec<Sender<Message>>>,
}

impl State {
    pub fn new() -> Self {
        let started = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        State {
            site: RwLock::default(),
            epoch: format!("{started:x}.{}", std::process::id()),
            swaps: AtomicU64::new(0),
            error: RwLock::default(),
            pages: Mutex::default(),
        }
    }

    pub fn site(&self) -> Arc<Files> {
        self.site.read().expect("the site lock").clone()
    }

    pub fn error(&self) -> Option<String> {
        self.error.read().expect("the error lock").clone()
    }

    pub fn subscribe(&self, page: Sender<Message>) {
        self.pages.lock().expect("the page list").push(page);
    }

    pub fn tell(&self, message: Message) {
        self.pages.lock().expect("the page list").retain(|page| page.send(message.clone()).is_ok());
    }

    /// Serves the regions' search indexes that a build left for later, each region's in place of
    /// its last: the pages stay the same, and so does the generation.
    pub fn swap_indexes(&self, indexes: Vec<(String, Vec<crate::output::Output>)>) {
        // Only the preview's own thread swaps, so the site cannot change meanwhile; pages keep
        // being served from it while the new file list is made.
        let current = self.site();
        let mut files = current.files.clone();
        for (slug, outputs) in indexes {
            files.retain(|path, _| !crate::search::is_index_file(&slug, path));
            files.extend(outputs.into_iter().map(|o| (o.path, o.bytes)));
        }
        *self.site.write().expect("the site lock") = Arc::new(Files { files, generation: current.generation.clone() });
    }

    /// Serves `files` from now on, as a new generation.
    pub fn swap(&self, files: HashMap<String, Arc<Vec<u8>>>) {
        let n = self.swaps.fetch_add(1, Ordering::SeqCst) + 1;
        let generation = format!("{}-{n}", self.epoch);
        *self.site.write().expect("the site lock") = Arc::new(Files { files, generation });
    }
}
