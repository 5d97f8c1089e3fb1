//! Any bytes as a document for `pcds validate`: the validator must answer with a report (or a
//! read error), never panic, at either publication level and with a bound on findings.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use pcds_validator::{Options, RunTotals, Validator};

fn validator() -> &'static Validator {
    static VALIDATOR: OnceLock<Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        Validator::with_options(Options {
            threads: Some(1),
            max_findings: Some(100),
            ..Options::default()
        })
        .expect("the schemas compile")
    })
}

fuzz_target!(|data: &[u8]| {
    if let Ok(report) = validator().check_reader("fuzz", data, &mut RunTotals::default()) {
        assert!(report.findings.len() <= 100);
    }
});
