//! The preview's HTTP side: files only from the built site in memory (so no path can reach the
//! disk), the site's own 404 page, headers for a preview (never cached), and the event stream
//! that tells open pages to reload.

use super::state::{Message, State};
use std::io::Write;
use std::sync::Arc;
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::time::Duration;
use tiny_http::{Header, Request, Response, StatusCode};

/// The live-reload script, written into every page it serves: a page never waits for it on a
/// second request, which a preview stopped at that moment would leave the page without.
const LIVE_SCRIPT: &str = include_str!("live.js");
const PLAIN: &str = "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>{}</title></head><body><h1>{}</h1></body></html>";
const EVENTS: &str = "/__sthandbok/events";

pub fn answer(state: &Arc<State>, request: Request) {
    let url = request.url().to_owned();
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if path == EVENTS {
        return events(state, request);
    }
    let Some(key) = file_key(path) else {
        return respond(request, 400, "text/plain; charset=utf-8", "Ogiltig adress".into());
    };
    let site = state.site();
    let found = [key.clone(), format!("{key}/index.html")]
        .into_iter()
        .chain((key.is_empty() || key.ends_with('/')).then(|| format!("{key}index.html")))
        .find_map(|k| site.files.get(&k).map(|bytes| (k, bytes.clone())));
    match found {
        Some((key, bytes)) => {
            let kind = content_type(&key);
            let body = if key.ends_with(".html") { inject(bytes.to_vec(), &site.generation) } else { bytes.to_vec() };
            respond(request, 200, kind, body)
        }
        None => {
            // The 404 page of the region the address is in, else a plain one.
            let region = key.split('/').next().unwrap_or_default();
            let page = site.files.get(&format!("{region}/404.html")).map(|b| b.to_vec());
            let (status, page) = match page {
                Some(page) => (404, page),
                // Nothing built yet: the first build failed, and the page shows why.
                None if site.files.is_empty() => (503, PLAIN.replace("{}", "Handboken kunde inte byggas").into_bytes()),
                None => (404, PLAIN.replace("{}", "Sidan finns inte").into_bytes()),
            };
            respond(request, status, "text/html; charset=utf-8", inject(page, &site.generation));
        }
    }
}

/// The key of a file in the site for a URL path, or `None` for a path that tries to leave it:
/// `..` or `.` segments, backslashes, encoded slashes or NUL, invalid encoding.
pub fn file_key(path: &str) -> Option<String> {
    let decoded = percent_decode(path)?;
    if decoded.contains(['\\', '\0']) || !decoded.starts_with('/') {
        return None;
    }
    // A slash that arrived encoded (%2f) is not a folder separator.
    let raw_segments: Vec<&str> = path.split('/').collect();
    let mut parts = Vec::new();
    for raw in &raw_segments[1..] {
        let segment = percent_decode(raw)?;
        if segment == ".." || segment == "." || segment.contains('/') {
            return None;
        }
        parts.push(segment);
    }
    Some(parts.join("/"))
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "pdf" => "application/pdf",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "svg" => "image/svg+xml",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

fn respond(request: Request, status: u16, kind: &str, body: Vec<u8>) {
    let response = Response::from_data(body)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", kind))
        // A preview is always fresh: never let the browser keep an old copy.
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"));
    let _ = request.respond(response);
}

/// How soon a page's event stream reconnects after losing the preview, in milliseconds: a
/// restarted preview is found within a second.
const RECONNECT: u32 = 250;

/// Server-sent events: first `generation` (the site being served now: a page built in another
/// one is stale and reloads at once), then `reload`, `css`, `fel` (with the build's errors)
/// and `ok`.
fn events(state: &Arc<State>, request: Request) {
    let (sender, receiver) = channel();
    state.subscribe(sender.clone());
    // After subscribing: a swap from now on is told, and one before shows in the generation.
    let generation = state.site().generation.clone();
    // A page opened while the last build is broken shows the errors at once.
    if let Some(errors) = state.error() {
        let _ = sender.send(Message::Failed(errors));
    }
    drop(sender);
    let mut stream = request.into_writer();
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\nretry: {RECONNECT}\nevent: generation\ndata: {}\n\n",
        serde_json::Value::from(generation)
    );
    if stream.write_all(head.as_bytes()).and_then(|()| stream.flush()).is_err() {
        return;
    }
    loop {
        let text = match receiver.recv_timeout(Duration::from_secs(15)) {
            Ok(message) => message.event(),
            // A comment now and then finds out whether the page is still there.
            Err(RecvTimeoutError::Timeout) => ": ping\n\n".to_owned(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if stream.write_all(text.as_bytes()).and_then(|()| stream.flush()).is_err() {
            return;
        }
    }
}

/// Adds the live-reload script to the end of an HTML page as it is served, with the generation
/// of the site the page comes from.
fn inject(mut html: Vec<u8>, generation: &str) -> Vec<u8> {
    let tag = format!("<script data-generation=\"{generation}\">{LIVE_SCRIPT}</script>");
    match html.windows(7).rposition(|w| w == b"</body>") {
        Some(at) => {
            html.splice(at..at, tag.bytes());
        }
        None => html.extend_from_slice(tag.as_bytes()),
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_site_are_refused() {
        assert_eq!(file_key("/skane/roller/").as_deref(), Some("skane/roller/"));
        assert_eq!(file_key("/").as_deref(), Some(""));
        assert_eq!(file_key("/s%C3%B6k/a.html").as_deref(), Some("sök/a.html"));
        for bad in
            ["/../x", "/%2e%2e/x", "/a/..%2f..%2fx", "/a%2fb", "/..\\\\x", "/%5c..%5cx", "/a/./b", "/%zz", "/%00"]
        {
            assert_eq!(file_key(bad), None, "{bad}");
        }
    }
}
