//! Real headless Chromium (Debian's `chromium`), driven over the DevTools protocol, and a tiny
//! static file server to load built sites from, under a sub-path as on an intranet.
#![allow(dead_code)]

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tungstenite::{Message, WebSocket, stream::MaybeTlsStream};

pub struct Browser {
    child: Child,
    _profile: tempfile::TempDir,
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
    session: String,
    /// Exceptions and console errors the page reported.
    pub errors: Vec<String>,
}

fn chromium() -> &'static str {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .expect("Debian's chromium is installed (apt-get install chromium); .ci/run installs it")
}

impl Browser {
    pub fn launch() -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new(chromium())
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--allow-file-access-from-files",
                "--remote-debugging-port=0",
                "--window-size=1280,900",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("chromium starts");
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let mut url = String::new();
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(30) {
            let mut line = String::new();
            if stderr.read_line(&mut line).unwrap_or(0) == 0 {
                break;
            }
            if let Some(rest) = line.trim().strip_prefix("DevTools listening on ") {
                url = rest.to_owned();
                break;
            }
        }
        assert!(!url.is_empty(), "chromium printed its DevTools address");
        // Keep draining stderr so chromium never blocks on a full pipe.
        std::thread::spawn(move || {
            let mut sink = Vec::new();
            let _ = stderr.read_to_end(&mut sink);
        });
        let (socket, _) = tungstenite::connect(url.as_str()).expect("DevTools websocket");
        let mut browser =
            Browser { child, _profile: profile, socket, next_id: 0, session: String::new(), errors: Vec::new() };
        let target = browser.call_browser("Target.createTarget", json!({"url": "about:blank"}));
        let attached =
            browser.call_browser("Target.attachToTarget", json!({"targetId": target["targetId"], "flatten": true}));
        browser.session = attached["sessionId"].as_str().unwrap().to_owned();
        for domain in ["Page.enable", "Runtime.enable", "Log.enable"] {
            browser.call(domain, json!({}));
        }
        browser
    }

    fn send(&mut self, method: &str, params: Value, session: bool) -> Value {
        self.exchange(method, params, session).unwrap_or_else(|error| panic!("{method}: {error}"))
    }

    /// Sends a command and returns its result, or the protocol's error (a page that navigated
    /// away while the command ran, say).
    fn exchange(&mut self, method: &str, params: Value, session: bool) -> Result<Value, Value> {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({"id": id, "method": method, "params": params});
        if session {
            message["sessionId"] = json!(self.session);
        }
        self.socket.send(Message::text(message.to_string())).unwrap();
        loop {
            let Message::Text(text) = self.socket.read().expect("DevTools answers") else {
                continue;
            };
            let reply: Value = serde_json::from_str(&text).unwrap();
            if reply["id"] == json!(id) {
                return match reply.get("error") {
                    Some(error) => Err(error.clone()),
                    None => Ok(reply["result"].clone()),
                };
            }
            self.record(&reply);
        }
    }

    fn record(&mut self, event: &Value) {
        let params = &event["params"];
        match event["method"].as_str() {
            Some("Runtime.exceptionThrown") => self.errors.push(params["exceptionDetails"].to_string()),
            Some("Runtime.consoleAPICalled") if params["type"] == "error" => {
                self.errors.push(params["args"].to_string())
            }
            Some("Log.entryAdded") if params["entry"]["level"] == "error" => {
                self.errors.push(params["entry"]["text"].to_string())
            }
            _ => {}
        }
    }

    fn call_browser(&mut self, method: &str, params: Value) -> Value {
        self.send(method, params, false)
    }

    pub fn call(&mut self, method: &str, params: Value) -> Value {
        self.send(method, params, true)
    }

    /// Opens `url` and waits until the page and its deferred scripts have run. A navigation that
    /// the page cancels (a reload it starts at that moment) is made again.
    pub fn goto(&mut self, url: &str) {
        let target = serde_json::to_string(url).unwrap();
        let arrived = format!("location.href === new URL({target}).href && document.readyState === 'complete'");
        for _ in 0..3 {
            self.call("Page.navigate", json!({"url": url}));
            let started = Instant::now();
            while started.elapsed() < Duration::from_secs(3) {
                let params = json!({"expression": format!("!!({arrived})"), "returnByValue": true});
                if self.exchange("Runtime.evaluate", params, true).is_ok_and(|r| r["result"]["value"] == json!(true)) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        self.wait_for(&arrived, "the page loads");
    }

    /// Evaluates an expression (awaiting a promise) and returns its value.
    pub fn eval(&mut self, expression: &str) -> Value {
        let result = self
            .call("Runtime.evaluate", json!({"expression": expression, "returnByValue": true, "awaitPromise": true}));
        if let Some(exception) = result.get("exceptionDetails") {
            panic!("{expression}: {exception}");
        }
        result["result"]["value"].clone()
    }

    /// Waits until `condition` holds; a page that reloads meanwhile is asked again.
    pub fn wait_for(&mut self, condition: &str, what: &str) {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(15) {
            let params = json!({"expression": format!("!!({condition})"), "returnByValue": true, "awaitPromise": true});
            let answer = self.exchange("Runtime.evaluate", params, true);
            if answer.is_ok_and(|result| result["result"]["value"] == json!(true)) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let seen = self
            .exchange(
                "Runtime.evaluate",
                json!({"expression": "location.href + ' ' + document.readyState + ': ' + (document.body ? document.body.innerText.slice(0, 300) : '')", "returnByValue": true}),
                true,
            )
            .map(|answer| answer["result"]["value"].clone());
        panic!("timed out waiting for {what} ({condition}); the tab shows {seen:?}");
    }

    /// Types text into the focused element, as a keyboard would.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.call("Input.insertText", json!({"text": c.to_string()}));
        }
    }

    /// Presses a named key: "ArrowDown", "ArrowUp", "Enter", "Escape", "Tab", "/".
    pub fn press(&mut self, key: &str) {
        let (code, key_code, text) = match key {
            "ArrowDown" => ("ArrowDown", 40, ""),
            "ArrowUp" => ("ArrowUp", 38, ""),
            "Enter" => ("Enter", 13, "\r"),
            "Escape" => ("Escape", 27, ""),
            "Tab" => ("Tab", 9, "\t"),
            "/" => ("Slash", 191, "/"),
            other => panic!("no key {other}"),
        };
        let mut down = json!({"type": "keyDown", "key": key, "code": code, "windowsVirtualKeyCode": key_code});
        if !text.is_empty() {
            down["text"] = json!(text);
        }
        self.call("Input.dispatchKeyEvent", down);
        self.call(
            "Input.dispatchKeyEvent",
            json!({"type": "keyUp", "key": key, "code": code, "windowsVirtualKeyCode": key_code}),
        );
    }

    /// Collects any events that arrived, so `errors` is up to date.
    pub fn settle(&mut self) {
        self.eval("new Promise(r => setTimeout(r, 50))");
    }

    /// Prints the page to PDF as a reader's "Skriv ut" would, on A4.
    pub fn print_pdf(&mut self) -> Vec<u8> {
        let result = self.call(
            "Page.printToPDF",
            json!({"paperWidth": 8.27, "paperHeight": 11.69, "printBackground": false, "preferCSSPageSize": true}),
        );
        base64(result["data"].as_str().expect("PDF data"))
    }
}

fn base64(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut buffer, mut bits) = (0u32, 0);
    for byte in text.bytes().take_while(|&b| b != b'=') {
        let Some(value) = ALPHABET.iter().position(|&a| a == byte) else {
            continue;
        };
        buffer = (buffer << 6) | value as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    out
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Serves `dir` at `http://127.0.0.1:PORT{prefix}` until the test ends. Returns the base URL.
pub fn serve(dir: PathBuf, prefix: &'static str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let dir = dir.clone();
            std::thread::spawn(move || answer(stream, &dir, prefix));
        }
    });
    format!("http://127.0.0.1:{port}{prefix}")
}

fn answer(mut stream: TcpStream, dir: &Path, prefix: &str) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) <= 2 {
            break;
        }
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let file = path
        .strip_prefix(prefix)
        .filter(|p| !p.split('/').any(|part| part == ".."))
        .map(|p| dir.join(percent_decode(p)))
        .map(|f| if f.is_dir() { f.join("index.html") } else { f });
    let (status, body, kind) = match file.and_then(|f| std::fs::read(&f).ok().map(|b| (f, b))) {
        Some((f, body)) => ("200 OK", body, content_type(&f)),
        None => ("404 Not Found", b"saknas".to_vec(), "text/plain"),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(byte) = text.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
