//! The region's menu as templates see it: `nav`, the front page, and for each item its `title`,
//! `url`, whether it is the `current` page, and its `children` where the menu is open.
//!
//! A page's menu is open along its own path, so every page of a section without pages of its
//! own shows the same items at the same addresses, but for its own (`index.html`). Such a menu
//! is made once per section and shared: each page only marks itself as it is rendered.
//!
//! A level of more than [`LEVEL_MAX`] items shows those around the open one, and then a link to
//! the page above them, which lists them all: a reader cannot scan hundreds of items on a phone,
//! and a page's menu stays the same size however large the region grows.

use crate::site::{RegionSite, relative_url};
use minijinja::value::{Enumerator, Object, ObjectRepr, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The most items one level of a menu shows.
const LEVEL_MAX: usize = 30;
/// Items shown on either side of the open one in a longer level.
const AROUND: usize = 5;

/// The menus of a region's pages, made as they are first needed.
pub struct Menus<'a> {
    site: &'a RegionSite<'a>,
    /// Shared menus by the section and the folder above the pages that show them.
    shared: Mutex<HashMap<(usize, &'a str), Arc<Menu>>>,
}

/// Every item a menu shows, the front page first, with the links already made.
#[derive(Debug)]
struct Menu {
    items: Vec<Item>,
}

#[derive(Debug)]
struct Item {
    /// The page, or none for the link to all items of a long level.
    page: Option<usize>,
    title: Value,
    url: Value,
    /// The items under this one, where the menu is open here.
    children: Vec<usize>,
}

impl<'a> Menus<'a> {
    pub fn new(site: &'a RegionSite<'a>) -> Self {
        Menus { site, shared: Mutex::default() }
    }

    /// The menu of the page `index`, with links from its own address.
    pub fn of_page(&self, index: usize) -> Value {
        let page = &self.site.pages[index];
        let url = &page.url;
        let own = Value::from(relative_url(url, url));
        // The folder that holds the page's own folder: its siblings' links are the same from
        // any of them.
        let above = url.rsplitn(3, '/').nth(2).unwrap_or("");
        let menu = match page.parent {
            Some(section) if page.children.is_empty() && page.source.front.menu && !self.is_long(section) => {
                // Linked from a folder beside the pages' own that no page has: right for every
                // item but the page's own, which the page gives.
                let beside =
                    if above.is_empty() { "\0/index.html".to_owned() } else { format!("{above}/\0/index.html") };
                let mut shared = self.shared.lock().expect("the shared menus");
                let made = || Arc::new(self.make(Some(index), &|to| relative_url(&beside, to)));
                shared.entry((section, above)).or_insert_with(made).clone()
            }
            _ => Arc::new(self.make(Some(index), &|to| relative_url(url, to))),
        };
        Value::from_object(Node { menu, item: 0, current: Some((index, own)) })
    }

    /// A menu with no current page, linked with `href` (the theme's own pages).
    pub fn plain(&self, href: &dyn Fn(&str) -> String) -> Value {
        Value::from_object(Node { menu: Arc::new(self.make(None, href)), item: 0, current: None })
    }

    /// Whether a page has more children in the menu than one level shows.
    fn is_long(&self, page: usize) -> bool {
        let pages = &self.site.pages;
        pages[page].children.iter().filter(|&&c| pages[c].source.front.menu).nth(LEVEL_MAX).is_some()
    }

    /// The menu open along the way to `current`; `href` turns a page's output path into the link.
    fn make(&self, current: Option<usize>, href: &dyn Fn(&str) -> String) -> Menu {
        let pages = &self.site.pages;
        let mut path = vec![0];
        if let Some(index) = current {
            path.push(index);
            path.extend(self.site.ancestors(index));
        }
        let mut menu = Menu { items: Vec::new() };
        let mut pending: Vec<(Entry, Option<usize>)> = vec![(Entry::Page(0), None)];
        while let Some((entry, parent)) = pending.pop() {
            let at = menu.items.len();
            let item = match entry {
                Entry::Page(page) => {
                    let title = Value::from(pages[page].source.front.title.as_str());
                    Item { page: Some(page), title, url: Value::from(href(&pages[page].url)), children: Vec::new() }
                }
                Entry::All { above, count } => {
                    let title = Value::from(format!("Alla {count} sidor under {}", pages[above].source.front.title));
                    Item { page: None, title, url: Value::from(href(&pages[above].url)), children: Vec::new() }
                }
            };
            menu.items.push(item);
            if let Some(parent) = parent {
                menu.items[parent].children.push(at);
            }
            let Entry::Page(page) = entry else { continue };
            if !path.contains(&page) {
                continue;
            }
            // A page left out of the menu (`menu: false`) is shown only while it is the current
            // one. Children are taken last first, so they come off the stack in order.
            let shown: Vec<usize> = pages[page]
                .children
                .iter()
                .copied()
                .filter(|&c| pages[c].source.front.menu || current == Some(c))
                .collect();
            let mut window = 0..shown.len();
            if shown.len() > LEVEL_MAX {
                let open = shown.iter().position(|c| path.contains(c)).unwrap_or(AROUND);
                let from = open.saturating_sub(AROUND).min(shown.len() - (2 * AROUND + 1));
                window = from..from + 2 * AROUND + 1;
                pending.push((Entry::All { above: page, count: shown.len() }, Some(at)));
            }
            pending.extend(shown[window].iter().rev().map(|&c| (Entry::Page(c), Some(at))));
        }
        menu
    }
}

/// What an item of a menu is made from.
enum Entry {
    Page(usize),
    /// The link to the page `above` that lists all `count` items of a long level.
    All {
        above: usize,
        count: usize,
    },
}

/// An item of a menu as one page sees it.
#[derive(Debug)]
struct Node {
    menu: Arc<Menu>,
    item: usize,
    /// The page the menu is shown on, and its link to itself.
    current: Option<(usize, Value)>,
}

impl Object for Node {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let item = &self.menu.items[self.item];
        let current = self.current.as_ref().filter(|(page, _)| Some(*page) == item.page);
        match key.as_str()? {
            "title" => Some(item.title.clone()),
            "url" => Some(current.map_or_else(|| item.url.clone(), |(_, own)| own.clone())),
            "current" => Some(Value::from(current.is_some())),
            "children" => Some(Value::from_object(Children { node: self.clone() })),
            _ => None,
        }
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(&["title", "url", "current", "children"])
    }
}

/// The children of an item, in menu order.
#[derive(Debug)]
struct Children {
    node: Arc<Node>,
}

impl Object for Children {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let node = &self.node;
        let &item = node.menu.items[node.item].children.get(key.as_usize()?)?;
        Some(Value::from_object(Node { menu: node.menu.clone(), item, current: node.current.clone() }))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.node.menu.items[self.node.item].children.len())
    }
}
