//! What the preview serves and who listens: the built site's files, the last build's errors,
//! and the open pages' event streams, shared by the rebuilding thread and the HTTP side.

use std::collections::HashMap;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, RwLock};

/// The site being served: every file by its path.
#[derive(Default)]
pub(crate) struct Files {
    pub files: HashMap<String, Arc<Vec<u8>>>,
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
    pub site: RwLock<Arc<Files>>,
    pub error: RwLock<Option<String>>,
    pub pages: Mutex<Vec<Sender<Message>>>,
}

impl State {
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

    pub fn swap(&self, files: Files) {
        *self.site.write().expect("the site lock") = Arc::new(files);
    }
}
