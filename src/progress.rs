//! How far a build has come: counters the stages add to as they finish pages and regions,
//! read by whoever shows progress (the command line draws a line on a terminal).

use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(Default)]
pub struct Progress {
    pages: AtomicUsize,
    regions: AtomicUsize,
    documents: AtomicUsize,
    rendered: AtomicUsize,
    indexed: AtomicUsize,
    written: AtomicUsize,
}

/// A stage whose work is counted.
#[derive(Clone, Copy)]
pub enum Step {
    /// A page document made (per page and region).
    Document,
    /// A page rendered to HTML.
    Rendered,
    /// A region's search index built.
    Indexed,
    /// A region's files written.
    Written,
}

impl Progress {
    pub(crate) fn start(&self, pages: usize, regions: usize) {
        self.pages.store(pages, Ordering::Relaxed);
        self.regions.store(regions, Ordering::Relaxed);
    }

    pub(crate) fn done(&self, step: Step) {
        let counter = match step {
            Step::Document => &self.documents,
            Step::Rendered => &self.rendered,
            Step::Indexed => &self.indexed,
            Step::Written => &self.written,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// One line for a terminal, in Swedish and short enough for 80 columns at 10,000 pages;
    /// `None` before the pages are counted.
    pub fn line(&self) -> Option<String> {
        let pages = self.pages.load(Ordering::Relaxed);
        let regions = self.regions.load(Ordering::Relaxed);
        if pages == 0 {
            return None;
        }
        let get = |counter: &AtomicUsize| counter.load(Ordering::Relaxed);
        Some(format!(
            "sidor {}/{pages} · mallar {}/{pages} · sökindex {}/{regions} · skrivna {}/{regions} regioner",
            get(&self.documents),
            get(&self.rendered),
            get(&self.indexed),
            get(&self.written),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_counts_each_stage_against_its_total() {
        let progress = Progress::default();
        assert_eq!(progress.line(), None, "nothing to show before the pages are counted");
        progress.start(120, 3);
        for _ in 0..40 {
            progress.done(Step::Document);
        }
        progress.done(Step::Rendered);
        progress.done(Step::Indexed);
        assert_eq!(progress.line().unwrap(), "sidor 40/120 · mallar 1/120 · sökindex 1/3 · skrivna 0/3 regioner");
    }
}
