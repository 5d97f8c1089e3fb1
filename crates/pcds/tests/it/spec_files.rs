//! The committed files under `spec/` are exactly what the types generate.

#[test]
fn committed_spec_files_match_the_types() {
    let spec = super::support::repo_root().join("spec");
    match pcds::spec::check(&spec) {
        Ok(()) => {}
        Err(pcds::generated::GeneratedError::Stale(files)) => {
            let report: Vec<String> = files
                .iter()
                .map(|f| format!("{}:\n{}", f.path, f.diff))
                .collect();
            panic!(
                "spec/ is stale; run `cargo run -p pcds-cli -- schema` and commit:\n{}",
                report.join("\n")
            );
        }
        Err(e) => panic!("{e}"),
    }
}
