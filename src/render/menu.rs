//! The region's menu as templates see it: `nav`, the front page, and for each item its `title`,
//! `url`, whether it is the `current` page, and its `children` where the menu is open.
//!
//! A page's menu is open along its own path, so every page of a section without pages of its
//! own shows the same items at the same addresses, but for its own (`index.html`). Such a menu
//! is made once per section and shared: each page only marks itself as it is rendered.

use crate::site::{RegionSite, relative_url};
use minijinja::value::{Enumerator, Object, ObjectRepr, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

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
    page: usize,
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
            Some(section) if page.children.is_empty() && page.source.front.menu => {
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

    /// The menu open along the way to `current`; `href` turns a page's output path into the link.
    fn make(&self, current: Option<usize>, href: &dyn Fn(&str) -> String) -> Menu {
        let site = self.site;
        let mut open = vec![false; site.pages.len()];
        open[0] = true;
        let mut at = current;
        while let Some(index) = at {
            open[index] = true;
            at = site.pages[index].parent;
        }
        let mut menu = Menu { items: Vec::new() };
        let mut pending: Vec<(usize, Option<usize>)> = vec![(0, None)];
        while let Some((page, parent)) = pending.pop() {
            let at = menu.items.len();
            let source = site.pages[page].source;
            let url = Value::from(href(&site.pages[page].url));
            menu.items.push(Item { page, title: Value::from(source.front.title.as_str()), url, children: Vec::new() });
            if let Some(parent) = parent {
                menu.items[parent].children.push(at);
            }
            if open[page] {
                // A page left out of the menu (`menu: false`) is shown only while it is the
                // current one. Children are taken last first, so they come off the stack in order.
                let shown = site.pages[page]
                    .children
                    .iter()
                    .filter(|&&c| site.pages[c].source.front.menu || current == Some(c));
                pending.extend(shown.rev().map(|&c| (c, Some(at))));
            }
        }
        menu
    }
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
        let current = self.current.as_ref().filter(|(page, _)| *page == item.page);
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
