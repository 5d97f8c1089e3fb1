//! The documentation site in `docs/`: it builds with mdBook without a warning, every field,
//! code and rule is on it, every relative link resolves, and every guide's commands run as
//! written.
//!
//! mdBook comes from `target/tools/bin/mdbook` when that is the pinned version; otherwise the
//! test installs it there with `cargo install` (once; CI caches `target/`), so the README's test
//! command needs nothing else.
//!
//! # How guides are run
//!
//! Every fenced block whose info string is `sh` in `docs/src/guides/*.md` is a command a reader
//! types, and the test runs it with `sh -e`, in order, with the directory of the freshly built
//! `pcds` first on `PATH` and `NO_COLOR` set. By default a block runs in a scratch directory
//! made for its guide, which starts as a copy of the repository's `examples/` directory (so
//! `examples/…` paths work and files the commands write go nowhere else); later blocks of the
//! same guide see what earlier ones wrote. The nearest non-blank line before a block may be an
//! HTML comment that changes this:
//!
//! - `<!-- run in the checkout -->`: the block runs in the repository root instead. Such a block
//!   must not write files there.
//! - `<!-- not run: REASON -->`: the block is not run, for the reason given (for example, it
//!   installs software or needs the network).
//!
//! A block must finish within five minutes; one that starts a server stops it itself. Shell
//! snippets are always `sh` blocks (`bash`, `shell` and `console` are refused, so nothing escapes
//! the run by its label); CI configuration goes in `yaml` blocks, which are never run.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use pcds::schema::{SchemaKind, generate};
use serde_json::Value;

use super::{repo_root, scratch};

/// The mdBook version the site is built with.
const MDBOOK_VERSION: &str = "0.5.4";

/// How long one guide block may run.
const BLOCK_TIME_LIMIT: Duration = Duration::from_secs(300);

/// How long a block run in the checkout may run: it builds with cargo, and on a fresh machine a
/// build of an example compiles its crate's dependencies again with that crate's own features.
const CHECKOUT_BLOCK_TIME_LIMIT: Duration = Duration::from_secs(1500);

/// The cargo target directory: the built `pcds` is in its `debug/` (or other profile) directory.
pub(super) fn target_dir() -> PathBuf {
    let pcds = Path::new(env!("CARGO_BIN_EXE_pcds"));
    pcds.ancestors()
        .nth(2)
        .expect("the pcds binary is inside the target directory")
        .to_path_buf()
}

/// The pinned mdBook, installed under `target/tools` if it is not there yet.
fn mdbook() -> PathBuf {
    let root = target_dir().join("tools");
    let binary = root
        .join("bin")
        .join(format!("mdbook{}", std::env::consts::EXE_SUFFIX));
    let version = || {
        Command::new(&binary)
            .arg("--version")
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
    };
    let wanted = format!("mdbook v{MDBOOK_VERSION}");
    let _build = super::one_build_at_a_time();
    if version().as_deref() != Some(wanted.as_str()) {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let status = Command::new(cargo)
            .args(["install", "mdbook", "--version"])
            .arg(format!("={MDBOOK_VERSION}"))
            .args([
                "--locked",
                "--force",
                "--no-default-features",
                "--features",
                "search",
                "--root",
            ])
            .arg(&root)
            .status()
            .expect("cargo runs");
        assert!(
            status.success(),
            "installing mdbook {MDBOOK_VERSION} failed"
        );
        assert_eq!(version().as_deref(), Some(wanted.as_str()));
    }
    binary
}

/// The built site, and what mdBook printed while building it.
pub(super) struct Book {
    pub(super) dir: PathBuf,
    pub(super) log: String,
    pub(super) success: bool,
}

/// Builds the site once for every test here.
pub(super) fn book() -> &'static Book {
    static BOOK: OnceLock<Book> = OnceLock::new();
    BOOK.get_or_init(|| {
        let dir = scratch("docs-book").join("book");
        let output = Command::new(mdbook())
            .arg("build")
            .arg(repo_root().join("docs"))
            .arg("--dest-dir")
            .arg(&dir)
            .env("NO_COLOR", "1")
            .output()
            .expect("mdbook runs");
        Book {
            dir,
            log: format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ),
            success: output.status.success(),
        }
    })
}

/// Every file under `dir` with the extension `ext`, sorted.
fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("a readable directory") {
            let path = entry.expect("a readable entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == ext) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

#[test]
fn the_site_builds_without_warnings() {
    let book = book();
    assert!(book.success, "mdbook build failed:\n{}", book.log);
    let noisy: Vec<&str> = book
        .log
        .lines()
        .filter(|l| l.contains("WARN") || l.contains("ERROR"))
        .collect();
    assert!(noisy.is_empty(), "mdbook warned:\n{}", book.log);
}

#[test]
fn every_page_is_built() {
    let book = book();
    assert!(book.success, "{}", book.log);
    let src = repo_root().join("docs/src");
    for page in files(&src, "md") {
        let relative = page.strip_prefix(&src).expect("under src");
        if relative == Path::new("SUMMARY.md") {
            continue;
        }
        let html = book.dir.join(relative.with_extension("html"));
        assert!(
            html.is_file(),
            "{} is not in the site: list it in docs/SUMMARY.template.md and run `pcds schema`",
            relative.display()
        );
    }
}

#[test]
fn every_field_code_and_rule_is_in_the_site() {
    let book = book();
    assert!(book.success, "{}", book.log);
    let page = |path: &str| read(&book.dir.join(path));
    let records = generate(SchemaKind::RecordPackage);
    let releases = generate(SchemaKind::ReleasePackage);
    let mut objects: Vec<(String, &Value)> = vec![
        ("ReleasePackage".into(), &releases),
        ("RecordPackage".into(), &records),
    ];
    for (name, def) in records["$defs"].as_object().expect("$defs") {
        if def.get("properties").is_some() {
            objects.push((name.clone(), def));
        }
    }
    assert!(objects.len() > 40, "only {} objects", objects.len());
    for (name, schema) in objects {
        let html = page(&format!("reference/objects/{name}.html"));
        for field in schema["properties"].as_object().expect("properties").keys() {
            assert!(
                html.contains(&format!("<code>{field}</code>")),
                "`{name}.{field}` is not on its page"
            );
        }
    }
    for info in pcds::codelists::ALL {
        let html = page(&format!("reference/codelists/{}.html", info.name));
        for code in info.codes {
            assert!(
                html.contains(&format!("<code>{}</code>", code.code)),
                "code `{}` of `{}` is not on its page",
                code.code,
                info.name
            );
        }
    }
    let rules = page("reference/rules.html");
    for rule in pcds_validator::rules::ALL {
        assert!(
            rules.contains(&format!("<code>{}</code>", rule.code))
                && rules.contains(&format!("id=\"{}\"", rule.code.to_lowercase())),
            "rule `{}` is not in the catalogue page",
            rule.code
        );
    }
    for kind in SchemaKind::ALL {
        let download = book
            .dir
            .join("reference/spec/schema")
            .join(kind.file_name());
        assert_eq!(
            read(&download),
            read(&repo_root().join("spec/schema").join(kind.file_name())),
            "the schema offered for download is the published one"
        );
    }
}

#[test]
fn every_example_is_shown_from_the_file_itself() {
    let book = book();
    assert!(book.success, "{}", book.log);
    for path in files(&repo_root().join("examples"), "json") {
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("a name");
        let name = format!("{stem}.json");
        let source = read(
            &repo_root()
                .join("docs/src/examples")
                .join(format!("{stem}.md")),
        );
        assert!(
            source.contains(&format!("{{{{#include ../../../examples/{name}}}}}")),
            "docs/src/examples/{stem}.md does not include examples/{name}"
        );
        let document: Value = serde_json::from_str(&read(&path)).expect("JSON");
        let html = read(&book.dir.join(format!("examples/{stem}.html")));
        for release in document["releases"].as_array().expect("releases") {
            let id = release["id"].as_str().expect("a release id");
            assert!(html.contains(id), "{stem}.html does not show release {id}");
        }
    }
}

/// The value of every `href` and `src` attribute in an HTML page.
fn links(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in [" href=\"", " src=\""] {
        let mut rest = html;
        while let Some(start) = rest.find(attribute) {
            rest = &rest[start + attribute.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            found.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    found
}

/// The `id`s of the elements of an HTML page.
fn ids(html: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = html;
    while let Some(start) = rest.find(" id=\"") {
        rest = &rest[start + 5..];
        let end = rest.find('"').unwrap_or(rest.len());
        found.insert(rest[..end].to_owned());
        rest = &rest[end..];
    }
    found
}

#[test]
fn every_relative_link_and_image_resolves() {
    let book = book();
    assert!(book.success, "{}", book.log);
    let mut page_ids: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    let mut broken = Vec::new();
    let pages = files(&book.dir, "html");
    assert!(pages.len() > 100, "only {} pages", pages.len());
    for page in &pages {
        let html = read(page);
        // The 404 page sets `<base href="/">`: its links are relative to the site's root.
        let base = if html.contains("<base href=\"/\">") {
            book.dir.clone()
        } else {
            page.parent().expect("a directory").to_path_buf()
        };
        for link in links(&html) {
            let external = ["http://", "https://", "mailto:", "javascript:", "data:"]
                .iter()
                .any(|scheme| link.starts_with(scheme));
            if external || link.is_empty() {
                continue;
            }
            let (path, fragment) = link.split_once('#').unwrap_or((link.as_str(), ""));
            let path = path.split('?').next().unwrap_or_default();
            let target = if path.is_empty() {
                page.clone()
            } else {
                let joined = match path.strip_prefix('/') {
                    Some(from_root) => book.dir.join(from_root),
                    None => base.join(path),
                };
                if joined.is_dir() {
                    joined.join("index.html")
                } else {
                    joined
                }
            };
            let Ok(target) = target.canonicalize() else {
                broken.push(format!("{}: {link}", page.display()));
                continue;
            };
            if !target.starts_with(book.dir.canonicalize().expect("the site exists")) {
                broken.push(format!("{}: {link} (outside the site)", page.display()));
                continue;
            }
            let is_html = target.extension().is_some_and(|e| e == "html");
            if !fragment.is_empty() && is_html {
                let known = page_ids
                    .entry(target.clone())
                    .or_insert_with(|| ids(&read(&target)));
                if !known.contains(fragment) {
                    broken.push(format!("{}: {link} (no such anchor)", page.display()));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "broken links in the site:\n{}",
        broken.join("\n")
    );
}

/// A block of commands from a guide.
struct Block {
    guide: String,
    line: usize,
    text: String,
    in_checkout: bool,
}

/// The `sh` blocks of a guide that are run, by the convention in this module's documentation.
fn blocks(guide: &Path) -> Vec<Block> {
    let name = guide
        .file_name()
        .and_then(|n| n.to_str())
        .expect("a name")
        .to_owned();
    let text = read(guide);
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(info) = lines[i].trim_start().strip_prefix("```") else {
            i += 1;
            continue;
        };
        let info = info.trim();
        let start = i;
        i += 1;
        let mut body = String::new();
        while i < lines.len() && lines[i].trim_start() != "```" {
            body.push_str(lines[i]);
            body.push('\n');
            i += 1;
        }
        i += 1;
        assert!(
            !["bash", "shell", "console", "shell-session", "zsh"].contains(&info),
            "{name}:{}: shell blocks are `sh` blocks, so the docs test runs them",
            start + 1
        );
        if info != "sh" {
            continue;
        }
        let before = lines[..start]
            .iter()
            .rev()
            .map(|l| l.trim())
            .find(|l| !l.is_empty())
            .unwrap_or_default();
        if let Some(reason) = before.strip_prefix("<!-- not run:") {
            assert!(
                reason.trim_end_matches("-->").trim().len() > 3,
                "{name}:{}: say why the block is not run",
                start + 1
            );
            continue;
        }
        found.push(Block {
            guide: name.clone(),
            line: start + 1,
            text: body,
            in_checkout: before == "<!-- run in the checkout -->",
        });
    }
    found
}

/// Copies a directory tree.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("creates a directory");
    for entry in std::fs::read_dir(from).expect("a readable directory") {
        let entry = entry.expect("a readable entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copies a file");
        }
    }
}

/// Runs one block with `sh -e` in `dir`, within the time limit; panics with its output if it
/// fails.
fn run(block: &Block, dir: &Path, logs: &Path) {
    let script = logs.join(format!("{}-{}.sh", block.guide, block.line));
    std::fs::write(&script, &block.text).expect("writes the block");
    let stdout = logs.join(format!("{}-{}.out", block.guide, block.line));
    let stderr = logs.join(format!("{}-{}.err", block.guide, block.line));
    let bin = Path::new(env!("CARGO_BIN_EXE_pcds"))
        .parent()
        .expect("a directory")
        .to_path_buf();
    let path = std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .expect("a PATH");
    // A block run in the checkout builds with cargo: it waits for any other build first, so its
    // time limit is its own.
    let _build = block.in_checkout.then(super::one_build_at_a_time);
    let mut child = Command::new("sh")
        .arg("-e")
        .arg(&script)
        .current_dir(dir)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&stdout).expect("creates a log"))
        .stderr(std::fs::File::create(&stderr).expect("creates a log"))
        .spawn()
        .expect("sh runs");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("waits") {
            break Some(status);
        }
        let limit = if block.in_checkout {
            CHECKOUT_BLOCK_TIME_LIMIT
        } else {
            BLOCK_TIME_LIMIT
        };
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    if status.is_none_or(|s| !s.success()) {
        panic!(
            "the block at docs/src/guides/{}:{} failed ({}):\n{}\n--- stdout\n{}--- stderr\n{}",
            block.guide,
            block.line,
            status.map_or_else(
                || "timed out".to_owned(),
                |s| format!("exit {}", s.code().unwrap_or(-1))
            ),
            block.text,
            read(&stdout),
            read(&stderr)
        );
    }
}

#[test]
fn every_guide_runs_as_written() {
    let guides = files(&repo_root().join("docs/src/guides"), "md");
    assert!(guides.len() >= 4, "only {} guides", guides.len());
    let root = scratch("docs-guides");
    let logs = root.join("logs");
    std::fs::create_dir_all(&logs).expect("creates the log directory");
    let mut ran = 0;
    for guide in &guides {
        let stem = guide.file_stem().and_then(|s| s.to_str()).expect("a name");
        let dir = root.join(stem);
        copy_dir(&repo_root().join("examples"), &dir.join("examples"));
        for block in blocks(guide) {
            let cwd = if block.in_checkout {
                repo_root()
            } else {
                dir.clone()
            };
            run(&block, &cwd, &logs);
            ran += 1;
        }
    }
    assert!(ran >= 5, "only {ran} guide blocks ran");
}

#[test]
fn guide_blocks_follow_the_convention() {
    let dir = scratch("docs-convention");
    let guide = dir.join("sample.md");
    std::fs::write(
        &guide,
        "# Sample\n\n```sh\npcds --version\n```\n\n<!-- not run: installs software -->\n```sh\ncargo install x\n```\n\n<!-- run in the checkout -->\n\n```sh\nls\n```\n\n```yaml\n- run: x\n```\n",
    )
    .expect("writes");
    let found = blocks(&guide);
    assert_eq!(
        found
            .iter()
            .map(|b| (b.line, b.in_checkout, b.text.as_str()))
            .collect::<Vec<_>>(),
        [(3, false, "pcds --version\n"), (14, true, "ls\n")]
    );
}

#[test]
fn pcds_serve_serves_the_built_site_under_docs() {
    let book = book();
    assert!(book.success, "{}", book.log);
    let dir = scratch("docs-served");
    let dir_arg = book.dir.to_string_lossy().into_owned();
    let server = super::server::Server::start(&dir.join("pcds.sqlite"), &["--docs", &dir_arg]);
    let http = super::server::client();
    for (path, needle) in [
        ("/docs/", "<title>"),
        ("/docs/reference/rules.html", "PCDS-REF-001"),
        ("/docs/guides/council-publishing.html", "pcds serve"),
    ] {
        let fetched = http
            .fetch(&format!("{}{path}", server.url), &[])
            .expect("answers");
        assert_eq!(fetched.status, 200, "{path}");
        assert!(
            String::from_utf8_lossy(&fetched.body).contains(needle),
            "{path}"
        );
    }
    let missing = http
        .fetch(&format!("{}/docs/no-such-page.html", server.url), &[])
        .expect("answers");
    assert_eq!(missing.status, 404);
    // The discovery document links the docs.
    let discovery = super::server::get_json(&format!("{}/", server.url));
    assert_eq!(discovery["links"]["docs"], format!("{}/docs/", server.url));
}
