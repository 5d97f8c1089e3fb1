//! Inputs that are not spreadsheets, refused with a coded finding and nothing written.

use pcds_sheet::Layout;
use serde_json::Value;

use super::*;

#[test]
fn what_is_not_a_spreadsheet_is_refused_with_a_code() {
    let dir = scratch("sheet-refused");
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("package.xlsx", br#"{"releases": []}"#.to_vec()),
        (
            "old.xlsx",
            vec![0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
        ),
        ("report.xlsx", b"%PDF-1.7\n".to_vec()),
        ("empty.xlsx", Vec::new()),
        ("cut.xlsx", {
            let layout = Layout::new();
            let mut bytes = pcds_sheet::template(&layout).expect("template")[0]
                .1
                .clone();
            bytes.truncate(bytes.len() / 2);
            bytes
        }),
        (
            "noise.xlsx",
            (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect(),
        ),
        ("latin1.csv", b"Process,Release\n\xe9t\xe9,1\n".to_vec()),
    ];
    let first_code = |report: &Value| report["inputs"][0]["findings"][0]["code"].clone();
    for (name, bytes) in cases {
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("writes");
        let (code, report) = import_report(&path, &dir);
        assert_eq!(code, Some(1), "{name}");
        assert_eq!(first_code(&report), "PCDS-SHEET-001", "{name}: {report}");
        assert!(!dir.join("out.json").exists(), "{name}: nothing written");
    }
    // Too large: refused before it is read.
    let big = dir.join("big.xlsx");
    std::fs::File::create(&big)
        .expect("creates")
        .set_len(65 * 1024 * 1024)
        .expect("sparse");
    let (code, report) = import_report(&big, &dir);
    assert_eq!(code, Some(1));
    assert_eq!(first_code(&report), "PCDS-SHEET-010", "{report}");
    // A directory with no CSV files, a missing file, and a bad flag.
    let empty = dir.join("nothing");
    std::fs::create_dir_all(&empty).expect("a directory");
    let (_, report) = import_report(&empty, &dir);
    assert_eq!(first_code(&report), "PCDS-SHEET-001", "{report}");
    let missing = pcds()
        .args(["import", "no-such.xlsx", "-o"])
        .arg(dir.join("out.json"))
        .output()
        .expect("runs");
    assert_eq!(missing.status.code(), Some(2));
    let bad_flag = pcds()
        .args(["import", "x.xlsx", "-o", "y.json", "--format", "yaml"])
        .output()
        .expect("runs");
    assert_eq!(bad_flag.status.code(), Some(2));
}

#[test]
fn a_fifo_is_refused_without_blocking() {
    let dir = scratch("sheet-fifo");
    let fifo = dir.join("pipe.xlsx");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let (code, report) = import_report(&fifo, &dir);
    assert_eq!(code, Some(1));
    assert_eq!(report["inputs"][0]["findings"][0]["code"], "PCDS-SHEET-001");
}
