//! The hosting guide's server configurations (`docs/server/`), as an IT department would use
//! them, serving a build made for a sub-path through Debian's nginx and Apache: pages, the
//! regions' 404 pages, the downloads and the search index, with their types and caching; and
//! IIS's `web.config`, which cannot run here, checked as XML.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A response: status, headers (names lower-cased) and body.
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn get(port: u16, path: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: intranat.region.se\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a header");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).unwrap_or(0);
    let headers =
        lines.filter_map(|l| l.split_once(':')).map(|(n, v)| (n.trim().to_lowercase(), v.trim().to_owned())).collect();
    Response { status, headers, body: raw[split + 4..].to_vec() }
}

/// A server process, stopped when the test ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn the_documented_nginx_configuration_serves_a_build_under_a_sub_path() {
    let (out, port) = built_in_www();
    let work = out.path();
    let documented =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/server/nginx.conf")).unwrap();
    // Only the port and the folder differ from the guide.
    assert!(documented.contains("    listen 8080;\n") && documented.contains("    root /srv/www;\n"));
    let site = documented
        .replace("    listen 8080;\n", &format!("    listen 127.0.0.1:{port};\n"))
        .replace("    root /srv/www;\n", &format!("    root {};\n", work.join("www").display()));
    std::fs::write(work.join("site.conf"), site).unwrap();
    let temp = work.join("nginx-temp");
    std::fs::create_dir_all(&temp).unwrap();
    // What Debian's nginx.conf gives a site, running as this user in the foreground; missing
    // files are not logged, so anything on standard error is a problem with the configuration.
    let main = format!(
        "daemon off;\nmaster_process off;\npid {t}/nginx.pid;\nerror_log stderr warn;\nevents {{ worker_connections 64; }}\n\
         http {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n  access_log off;\n  log_not_found off;\n\
         \x20 client_body_temp_path {t}/body;\n  proxy_temp_path {t}/proxy;\n  fastcgi_temp_path {t}/fastcgi;\n\
         \x20 uwsgi_temp_path {t}/uwsgi;\n  scgi_temp_path {t}/scgi;\n  include {site};\n}}\n",
        t = temp.display(),
        site = work.join("site.conf").display()
    );
    std::fs::write(work.join("nginx.conf"), main).unwrap();
    let mut nginx = Command::new("nginx");
    nginx.arg("-e").arg("stderr").arg("-p").arg(&temp).arg("-c").arg(work.join("nginx.conf"));
    serve_and_check(nginx, work, port, "nginx (Debian's nginx-light; .ci/run installs it)");
}

#[test]
fn the_documented_htaccess_serves_a_build_under_a_sub_path_on_apache() {
    let (out, port) = built_in_www();
    let work = out.path();
    let documented = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/server/.htaccess");
    std::fs::copy(&documented, work.join("www/handbok/.htaccess")).unwrap();
    // Apache's user must read the folders (a temporary folder is its owner's alone).
    let chmod = Command::new("chmod").arg("-R").arg("a+rX").arg(work).status().unwrap();
    assert!(chmod.success());
    let root = Command::new("id").arg("-u").output().map(|o| o.stdout == b"0\n").unwrap_or(false);
    // What Debian's apache2.conf gives a site, with the modules the guide names, and the
    // `AllowOverride` it asks for.
    let main = format!(
        "ServerRoot /usr/lib/apache2\nServerName localhost\nListen 127.0.0.1:{port}\nPidFile {w}/httpd.pid\n\
         ErrorLog /dev/stderr\nLogLevel warn\n{user}\
         LoadModule mpm_event_module modules/mod_mpm_event.so\nLoadModule authz_core_module modules/mod_authz_core.so\n\
         LoadModule dir_module modules/mod_dir.so\nLoadModule mime_module modules/mod_mime.so\n\
         LoadModule headers_module modules/mod_headers.so\nLoadModule rewrite_module modules/mod_rewrite.so\n\
         TypesConfig /etc/mime.types\nDocumentRoot {w}/www\n\
         <Directory {w}/www/handbok>\n  AllowOverride FileInfo Indexes\n  Require all granted\n</Directory>\n",
        w = work.display(),
        user = if root { "User daemon\nGroup daemon\n" } else { "" },
    );
    std::fs::write(work.join("httpd.conf"), main).unwrap();
    let mut apache = Command::new("apache2");
    apache.arg("-X").arg("-f").arg(work.join("httpd.conf"));
    serve_and_check(apache, work, port, "Apache (Debian's apache2; .ci/run installs it)");
}

/// IIS is not on this machine: its `web.config` is checked to be well-formed XML with the
/// types, the default document and the 404 page the guide describes.
#[test]
fn the_documented_web_config_is_well_formed_and_complete() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/server/web.config");
    let parsed = Command::new("python3")
        .arg("-c")
        .arg("import sys, xml.dom.minidom as m; m.parse(sys.argv[1])")
        .arg(&file)
        .output()
        .unwrap();
    assert!(parsed.status.success(), "{}", String::from_utf8_lossy(&parsed.stderr));
    let text = std::fs::read_to_string(&file).unwrap();
    for (ext, kind) in [
        (".js", "application/javascript"),
        (".json", "application/json"),
        (".pdf", "application/pdf"),
        (".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ] {
        assert!(text.contains(&format!("<mimeMap fileExtension=\"{ext}\" mimeType=\"{kind}")), "{ext}");
    }
    assert!(text.contains("<add value=\"index.html\" />"));
    let out = common::build_bundled(&["--base-url", "/handbok/"]);
    let page = text.split("<error statusCode=\"404\" path=\"").nth(1).and_then(|p| p.split('"').next()).unwrap();
    let served = page.strip_prefix("/handbok/").expect("under the sub-path");
    assert!(out.path().join("dist").join(served).is_file(), "the 404 page {page} is built");
}

/// The bundled handbook built for `/handbok/` and placed as the guides say, in `www/handbok`
/// (the web server's folder holds `handbok/`), and a free port to serve it on.
fn built_in_www() -> (tempfile::TempDir, u16) {
    let out = common::build_bundled(&["--base-url", "/handbok/"]);
    std::fs::create_dir_all(out.path().join("www")).unwrap();
    std::fs::rename(out.path().join("dist"), out.path().join("www/handbok")).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    (out, port)
}

/// Starts `server` on `port` for the build in `work/www`, checks what it serves, and that it
/// wrote nothing on standard error: a warning about the configuration fails the test.
fn serve_and_check(mut server: Command, work: &Path, port: u16, what: &str) {
    let stderr = work.join("server.stderr");
    let child = server
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&stderr).unwrap())
        .spawn()
        .unwrap_or_else(|e| panic!("{what} runs: {e}"));
    let _server = Server(child);
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        let log = std::fs::read_to_string(&stderr).unwrap_or_default();
        assert!(started.elapsed() < Duration::from_secs(10), "{what} starts: {log}");
        std::thread::sleep(Duration::from_millis(50));
    }
    expect_served(port, &work.join("www"));
    let log = std::fs::read_to_string(&stderr).unwrap();
    assert!(log.trim().is_empty(), "{what} warns: {log}");
}

/// What a reader and the hosting guide expect of the build in `www/handbok` served on `port`:
/// pages, each region's 404 page, the downloads and the search index with their types, and
/// the caching the guide describes (downloads kept an hour, the rest revalidated).
fn expect_served(port: u16, www: &Path) {
    let regions = get(port, "/handbok/");
    assert_eq!(regions.status, 200);
    assert!(regions.text().contains("skane/index.html"), "the regions' list");
    assert_eq!(regions.header("cache-control"), Some("no-cache"));

    let page = get(port, "/handbok/skane/roller/");
    assert_eq!(page.status, 200);
    assert_eq!(page.header("content-type"), Some("text/html; charset=utf-8"));

    // An unknown address in a region shows its 404 page, whose links work from any address.
    let missing = get(port, "/handbok/skane/finns/inte/");
    assert_eq!(missing.status, 404);
    let text = missing.text();
    assert!(text.contains("Sidan finns inte"), "{text}");
    assert!(text.contains("href=\"/handbok/skane/assets/style.css\""), "{text}");
    let style = get(port, "/handbok/skane/assets/style.css");
    assert_eq!((style.status, style.header("content-type")), (200, Some("text/css; charset=utf-8")));

    // A contract's downloads, with their types, kept an hour.
    let contract = www.join("handbok/skane/avtal/st-overenskommelse-allmanmedicin");
    let file = |ext: &str| {
        std::fs::read_dir(&contract)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == ext))
            .unwrap_or_else(|| panic!("a .{ext} download"))
    };
    for (ext, kind) in [
        ("pdf", "application/pdf"),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ] {
        let path = file(ext);
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let download = get(port, &format!("/handbok/skane/avtal/st-overenskommelse-allmanmedicin/{name}"));
        assert_eq!(download.status, 200, "{name}");
        assert_eq!(download.header("content-type"), Some(kind), "{name}");
        assert_eq!(download.header("cache-control"), Some("public, max-age=3600"), "{name}");
        assert_eq!(download.body, std::fs::read(&path).unwrap(), "{name} whole");
    }

    // The search index: a script, asked for anew with every visit.
    let index = get(port, "/handbok/skane/sok/meta.js");
    assert_eq!(index.status, 200);
    assert_eq!(index.header("content-type"), Some("application/javascript; charset=utf-8"));
    assert_eq!(index.header("cache-control"), Some("no-cache"));
    assert!(index.text().starts_with("sthandbokSok("), "{}", index.text());
    let script = get(port, "/handbok/skane/assets/sok.js");
    assert_eq!((script.status, script.header("content-type")), (200, Some("application/javascript; charset=utf-8")));
    // An unknown address in another region shows that region's 404 page.
    let other = get(port, "/handbok/orebro/finns-inte.html");
    assert_eq!(other.status, 404);
    assert!(other.text().contains("<title>Sidan finns inte – Örebro"), "{}", other.text());

    let printed = get(port, "/handbok/skane/skriv-ut/");
    assert_eq!(printed.status, 200);
}
