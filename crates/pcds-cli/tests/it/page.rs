//! The browser validator page in the static site: `pcds export` copies a built page to
//! `validate/` (its files only, never what a link points at), and says so when it is not built.

use std::path::Path;

use super::{pcds, scratch};

/// A database with a publisher and nothing published.
fn empty_db(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("pcds.sqlite");
    super::server::token(&db, "ocds-pcdsex-");
    db
}

fn export(db: &Path, out: &Path, page: &Path) -> std::process::Output {
    pcds()
        .args(["export", "--db"])
        .arg(db)
        .arg("--out")
        .arg(out)
        .args([
            "--base-url",
            "https://data.example.org/pcds",
            "--validate-page",
        ])
        .arg(page)
        .output()
        .expect("runs")
}

#[test]
fn export_copies_a_built_page_and_only_its_files() {
    let dir = scratch("page-export");
    let db = empty_db(&dir);
    let page = dir.join("page");
    std::fs::create_dir_all(page.join("pkg")).expect("creates");
    std::fs::write(page.join("index.html"), "<!doctype html>").expect("writes");
    std::fs::write(page.join("pkg/pcds_wasm_bg.wasm"), b"\0asm").expect("writes");
    let secret = dir.join("secret.txt");
    std::fs::write(&secret, "not part of the page").expect("writes");
    std::os::unix::fs::symlink(&secret, page.join("linked.txt")).expect("links");

    let out = dir.join("site");
    let output = export(&db, &out, &page);
    assert!(output.status.success(), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("wrote the validator page (2 files)"));
    assert_eq!(
        std::fs::read_to_string(out.join("validate/index.html")).expect("copied"),
        "<!doctype html>"
    );
    assert!(out.join("validate/pkg/pcds_wasm_bg.wasm").is_file());
    assert!(
        !out.join("validate/linked.txt").exists(),
        "a link is not followed"
    );
    assert!(
        out.join("index.json").is_file(),
        "the feed is exported as before"
    );
}

#[test]
fn export_without_a_built_page_says_so_and_still_writes_the_site() {
    let dir = scratch("page-missing");
    let db = empty_db(&dir);
    let page = dir.join("unbuilt");
    std::fs::create_dir_all(&page).expect("creates");
    std::fs::write(page.join("index.html"), "<!doctype html>").expect("writes");
    let out = dir.join("site");
    let output = export(&db, &out, &page);
    assert!(output.status.success(), "{output:?}");
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("the validator page is not built"),
        "{output:?}"
    );
    assert!(!out.join("validate").exists());
    assert!(out.join("index.json").is_file());
}
