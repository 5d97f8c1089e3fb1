//! The template and a filled-in workbook opened by LibreOffice headless, installed by the
//! project's script when it is missing.

use std::path::{Path, PathBuf};

use pcds_sheet::Layout;
use serde_json::Value;

use super::*;

/// LibreOffice, installed by the project's script when it is missing.
fn soffice() -> std::process::Command {
    let _build = crate::one_build_at_a_time();
    let install = std::process::Command::new(repo_root().join("tools/libreoffice/install.sh"))
        .output()
        .expect("the install script runs");
    assert!(
        install.status.success(),
        "tools/libreoffice/install.sh failed: {}",
        String::from_utf8_lossy(&install.stderr)
    );
    std::process::Command::new("soffice")
}

/// Converts every sheet of a workbook to CSV with LibreOffice headless, and returns the files
/// by sheet name.
fn libreoffice_csv(workbook: &Path, dir: &Path) -> Vec<(String, PathBuf)> {
    let out = dir.join("libreoffice");
    let output = soffice()
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("profile").display()
        ))
        .arg("--headless")
        .arg("--convert-to")
        // Comma-separated, quoted, UTF-8 (76), every sheet to its own file (-1).
        .arg("csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1")
        .arg("--outdir")
        .arg(&out)
        .arg(workbook)
        .output()
        .expect("soffice runs");
    let said = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "LibreOffice failed: {said}");
    assert!(
        !said.to_lowercase().contains("error"),
        "LibreOffice reported an error: {said}"
    );
    let stem = workbook
        .file_stem()
        .expect("a name")
        .to_string_lossy()
        .into_owned();
    let mut files: Vec<(String, PathBuf)> = std::fs::read_dir(&out)
        .expect("LibreOffice wrote files")
        .map(|e| e.expect("entry").path())
        .map(|p| {
            let name = p
                .file_stem()
                .expect("a name")
                .to_string_lossy()
                .into_owned();
            (name.trim_start_matches(&format!("{stem}-")).to_owned(), p)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn the_template_opens_in_libreoffice_and_converts_to_csv() {
    let dir = scratch("sheet-libreoffice-template");
    let files = libreoffice_csv(&repo_root().join("spec/template/pcds-template.xlsx"), &dir);
    let layout = Layout::new();
    for sheet in &layout.sheets {
        let (_, path) = files
            .iter()
            .find(|(name, _)| name == sheet.name())
            .unwrap_or_else(|| panic!("LibreOffice wrote no CSV for {}", sheet.name()));
        let text = std::fs::read_to_string(path).expect("UTF-8");
        let header: Vec<String> = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes())
            .records()
            .next()
            .expect("a header")
            .expect("CSV")
            .iter()
            .map(str::to_owned)
            .collect();
        assert_eq!(
            header,
            sheet.header(),
            "{}: LibreOffice reads the titles",
            sheet.name()
        );
    }
    let codes = files
        .iter()
        .find(|(name, _)| name == "Codes")
        .expect("the codes sheet");
    assert!(
        std::fs::read_to_string(&codes.1)
            .expect("reads")
            .contains("childrensHome")
    );
}

#[test]
fn a_workbook_saved_as_csv_by_libreoffice_imports_to_the_same_releases() {
    // A filled-in workbook as a council without Excel handles it: opened and saved as CSV
    // files by LibreOffice, then imported.
    let dir = scratch("sheet-libreoffice-filled");
    let workbook = dir.join("history.xlsx");
    let (metadata, releases) = example_workbook("placement-release-history.json", &workbook);
    let csv_dir = dir.join("csv");
    std::fs::create_dir_all(&csv_dir).expect("a directory");
    for (name, path) in libreoffice_csv(&workbook, &dir) {
        std::fs::copy(path, csv_dir.join(format!("{name}.csv"))).expect("copies");
    }
    let got = import_ok(&csv_dir, &dir.join("back.json"));
    let mut original = metadata;
    original.insert("releases".into(), Value::Array(releases));
    assert_eq!(normalise(&got), normalise(&Value::Object(original)));
}
