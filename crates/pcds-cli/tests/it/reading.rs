//! Every kind of page a person reads, looked at in headless Chromium as a reader on a desktop
//! (1280 px) and on a phone (400 px) would: the site's index, a concept page, every guide, two
//! object reference pages, a codelist page, the rules page, and the conformance report and
//! certificate `pcds conformance` writes. Each must load with nothing on the console, fetch
//! nothing from elsewhere, and fit its window: the main content never wider than the window
//! (wide code and tables scroll inside their own boxes). The screenshots are kept under the
//! target directory's `page-screenshots/`.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use super::{pcds, repo_root, scratch};

/// The widths each page is looked at.
const WIDTHS: [u64; 2] = [1280, 400];

/// Opens `pages` under `root` at every width and checks what each did.
fn look_at(root: &Path, pages: &[&str]) {
    let shots = super::docs::target_dir().join("page-screenshots");
    let widths = WIDTHS.map(|w| w.to_string()).join(",");
    let output = Command::new("node")
        .arg(repo_root().join("tools/browser/check-pages.mjs"))
        .arg(root)
        .arg(&shots)
        .arg(&widths)
        .args(pages)
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let seen: Vec<Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object a page"))
        .collect();
    assert_eq!(
        seen.len(),
        pages.len() * WIDTHS.len(),
        "every page, every width"
    );
    for page in &seen {
        let width = page["width"].as_u64().expect("a width");
        assert_eq!(page["status"], 200, "{page}");
        assert_eq!(page["console"], serde_json::json!([]), "{page}");
        assert_eq!(page["errors"], serde_json::json!([]), "{page}");
        assert_eq!(page["outside"], serde_json::json!([]), "{page}");
        assert!(
            page["scrollWidth"].as_u64().is_some_and(|w| w <= width),
            "the page scrolls sideways: {page}"
        );
        assert!(
            page["mainScrollWidth"].as_u64() <= page["mainWidth"].as_u64(),
            "the main content is wider than its column: {page}"
        );
        assert_eq!(page["wide"], serde_json::json!([]), "{page}");
        let name = page["page"]
            .as_str()
            .expect("a page")
            .replace('/', "-")
            .replace(".html", "");
        let png = std::fs::read(shots.join(format!("{name}-{width}.png"))).expect("a screenshot");
        assert!(png.starts_with(b"\x89PNG") && png.len() > 5_000, "{name}");
    }
}

#[test]
fn the_sites_pages_fit_a_desktop_and_a_phone() {
    let book = super::docs::book();
    assert!(book.success, "{}", book.log);
    super::browser();
    look_at(
        &book.dir,
        &[
            "index.html",
            "concepts/privacy.html",
            "guides/council-publishing.html",
            "guides/vendor-ci.html",
            "guides/regional-pooling.html",
            "guides/commissioner.html",
            "guides/developer.html",
            "reference/objects/Referral.html",
            "reference/objects/PriceSchedule.html",
            "reference/codelists/placementType.html",
            "reference/rules.html",
        ],
    );
}

#[test]
fn conformance_reports_fit_a_desktop_and_a_phone() {
    let dir = scratch("reading-reports");
    let report = pcds()
        .args(["conformance", "report", "--out"])
        .arg(&dir)
        .arg(repo_root().join("examples"))
        .output()
        .expect("runs");
    assert!(report.status.code().is_some_and(|c| c <= 1), "{report:?}");
    let run = pcds()
        .current_dir(repo_root())
        .args(["conformance", "run", "--certificate"])
        .arg(&dir)
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    super::browser();
    look_at(
        &dir,
        &["conformance-report.html", "conformance-certificate.html"],
    );
}
