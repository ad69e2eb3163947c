//! A running `sthandbok serve` for tests, and a small HTTP client for talking to it.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

pub struct Preview {
    child: Child,
    pub url: String,
    pub port: u16,
    /// What the preview prints to the terminal.
    pub stderr: Receiver<String>,
}

impl Preview {
    pub fn start(root: &Path) -> Preview {
        Preview::start_with(root, &[])
    }

    pub fn start_with(root: &Path, extra: &[&str]) -> Preview {
        Preview::start_on(root, 0, extra)
    }

    /// A preview on a given port (0: any free one), as when a preview is started again.
    pub fn start_on(root: &Path, port: u16, extra: &[&str]) -> Preview {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sthandbok"))
            .args(["serve", "--port", &port.to_string(), "--root"])
            .arg(root)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("serve starts");
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let url = line.trim().strip_prefix("Förhandsvisning: ").expect("serve prints its address").to_owned();
        let port = url.trim_end_matches('/').rsplit(':').next().unwrap().parse().unwrap();
        let (send, stderr) = channel();
        let mut err = BufReader::new(child.stderr.take().unwrap());
        std::thread::spawn(move || {
            let mut line = String::new();
            while err.read_line(&mut line).unwrap_or(0) > 0 {
                let _ = send.send(std::mem::take(&mut line));
            }
        });
        Preview { child, url, port, stderr }
    }

    /// The preview's process id, for reading its CPU counters.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn get(&self, path: &str) -> (u16, String) {
        let (status, body) = get(self.port, path);
        (status, String::from_utf8_lossy(&body).into_owned())
    }

    /// Waits until `path` answers with a body for which `test` holds.
    pub fn wait_for(&self, path: &str, what: &str, test: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let (_, body) = self.get(path);
            if test(&body) {
                return body;
            }
            assert!(started.elapsed() < Duration::from_secs(20), "timed out waiting for {what}; last body:\n{body}");
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Stops the preview as Ctrl-C in its terminal would, and returns its exit code.
    pub fn interrupt(&mut self) -> Option<i32> {
        let status = Command::new("kill").args(["-INT", &self.child.id().to_string()]).status().unwrap();
        assert!(status.success());
        let started = Instant::now();
        loop {
            if let Some(exit) = self.child.try_wait().unwrap() {
                return exit.code();
            }
            assert!(started.elapsed() < Duration::from_secs(10), "the preview stops on Ctrl-C");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Everything the preview printed so far.
    pub fn printed(&self) -> String {
        self.stderr.try_iter().collect()
    }

    /// Opens the event stream, as a page does, and reads the generation the preview serves,
    /// which it tells first.
    pub fn events(&self) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(stream, "GET /__sthandbok/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
            .unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap() > 0 && line != "\r\n" {
            line.clear();
        }
        let mut events = Events { reader, generation: String::new(), retry: None };
        let (name, data) = events.next();
        assert_eq!(name, "generation", "a stream starts with the generation served");
        events.generation = serde_json::from_str(&data).unwrap();
        events
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Events {
    reader: BufReader<TcpStream>,
    /// The generation the preview served when the stream connected.
    pub generation: String,
    /// How soon the preview asks the stream to reconnect, in milliseconds.
    pub retry: Option<u32>,
}

impl Events {
    /// The next event's name and data, skipping comments.
    pub fn next(&mut self) -> (String, String) {
        let (mut name, mut data) = (String::new(), String::new());
        let started = Instant::now();
        loop {
            assert!(started.elapsed() < Duration::from_secs(20), "no event in time");
            let mut line = String::new();
            assert!(self.reader.read_line(&mut line).expect("an event in time") > 0, "the stream ended");
            let line = line.trim_end_matches(['\r', '\n']);
            if let Some(ms) = line.strip_prefix("retry: ") {
                self.retry = ms.parse().ok();
            } else if let Some(n) = line.strip_prefix("event: ") {
                name = n.to_owned();
            } else if let Some(d) = line.strip_prefix("data: ") {
                data = d.to_owned();
            } else if line.is_empty() && !name.is_empty() {
                return (name, data);
            }
        }
    }
}

/// A plain HTTP/1.1 GET with the path sent exactly as given.
pub fn get(port: u16, path: &str) -> (u16, Vec<u8>) {
    let (status, _, body) = get_with_head(port, path);
    (status, body)
}

/// A GET that also returns the response head.
pub fn get_with_head(port: u16, path: &str) -> (u16, String, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let head_end = response.windows(4).position(|w| w == b"\r\n\r\n").expect("a response head") + 4;
    let head = String::from_utf8_lossy(&response[..head_end]).into_owned();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    let mut body = response[head_end..].to_vec();
    if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        body = unchunk(&body);
    }
    (status, head, body)
}

fn unchunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(end) = data.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size = usize::from_str_radix(std::str::from_utf8(&data[..end]).unwrap().trim(), 16).unwrap_or(0);
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[end + 2..end + 2 + size]);
        data = &data[end + 4 + size..];
    }
}
