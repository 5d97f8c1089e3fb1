//! `pcds schema`: writes the generated files (spec/, the conformance files, the documentation's
//! reference pages, the rule catalogue and the site's table of contents) from the types, or
//! checks the committed copies against them.
//!
//! The reference pages take example values from the release packages in `examples/` beside the
//! spec directory. The table of contents, `SUMMARY.md` in the directory above the reference
//! pages, is generated from `SUMMARY.template.md` one directory further up, when that template
//! exists.

use std::io::Write;
use std::path::{Path, PathBuf};

use pcds::generated::{GeneratedFile, GeneratedSet};

use super::{EXIT_FINDINGS, EXIT_OK, write_error};

/// Writes or checks every generated file.
pub(super) fn run(
    spec_dir: &std::path::Path,
    conformance_dir: &std::path::Path,
    reference_dir: &std::path::Path,
    check: bool,
    out: &mut dyn Write,
) -> Result<i32, String> {
    let sets = [
        (spec_dir, pcds::spec::set()),
        (
            conformance_dir,
            GeneratedSet {
                label: "conformance".into(),
                files: pcds_conformance::generated_files()
                    .into_iter()
                    .map(|(path, contents)| GeneratedFile {
                        path: path.to_owned(),
                        contents,
                    })
                    .collect(),
                owned_dirs: Vec::new(),
                whole_directory: false,
            },
        ),
        (
            reference_dir,
            GeneratedSet {
                label: "docs/src/reference".into(),
                files: reference_pages(spec_dir)?,
                owned_dirs: ["objects", "codelists", "spec/schema", "spec/codelists"]
                    .map(String::from)
                    .to_vec(),
                whole_directory: false,
            },
        ),
    ];
    let docs_dir = reference_dir.parent().unwrap_or(Path::new(""));
    let summary = summary(docs_dir)?.map(|set| (docs_dir, set));
    let sets: Vec<&(&Path, GeneratedSet)> = sets.iter().chain(&summary).collect();
    if check {
        let mut stale = Vec::new();
        for (dir, set) in &sets {
            stale.extend(set.stale(dir).map_err(|e| e.to_string())?);
        }
        if stale.is_empty() {
            writeln!(
                out,
                "spec/, the conformance files and the reference pages are up to date"
            )
            .map_err(write_error)?;
            return Ok(EXIT_OK);
        }
        for file in &stale {
            writeln!(out, "stale: {}\n{}", file.path, file.diff).map_err(write_error)?;
        }
        writeln!(
            out,
            "{} generated file(s) are stale; run `pcds schema` to regenerate them",
            stale.len()
        )
        .map_err(write_error)?;
        return Ok(EXIT_FINDINGS);
    }
    let mut written = Vec::new();
    for (dir, set) in &sets {
        written.push(set.write(dir).map_err(|e| e.to_string())?.len());
    }
    writeln!(
        out,
        "wrote {} file(s) under {} and {} beside it",
        written[0],
        spec_dir.display(),
        written[1..].iter().sum::<usize>()
    )
    .map_err(write_error)?;
    Ok(EXIT_OK)
}

/// The reference pages, with example values from the release packages in `examples/` beside
/// the spec directory (none when there is no such directory), and the rule catalogue.
fn reference_pages(spec_dir: &Path) -> Result<Vec<GeneratedFile>, String> {
    let examples_dir = spec_dir.parent().unwrap_or(Path::new("")).join("examples");
    let mut documents = Vec::new();
    if examples_dir.is_dir() {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&examples_dir)
            .map_err(|e| format!("cannot read `{}`: {e}", examples_dir.display()))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
            let document: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
                format!(
                    "`{}` is not JSON: {e}; run `pcds validate` on it",
                    path.display()
                )
            })?;
            documents.push(document);
        }
    }
    let examples = pcds::reference::Examples::from_release_packages(&documents);
    let mut files = pcds::reference::pages(&examples);
    files.push(GeneratedFile {
        path: "rules.md".into(),
        contents: pcds_validator::rules::catalogue_markdown(),
    });
    Ok(files)
}

/// The site's table of contents, generated from `SUMMARY.template.md` in the directory above
/// `docs_dir`, when there is one.
fn summary(docs_dir: &Path) -> Result<Option<GeneratedSet>, String> {
    let template_path = docs_dir
        .parent()
        .unwrap_or(Path::new(""))
        .join("SUMMARY.template.md");
    let template = match std::fs::read_to_string(&template_path) {
        Ok(template) => template,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot read `{}`: {e}", template_path.display())),
    };
    let contents = pcds::reference::summary(&template)
        .map_err(|e| format!("`{}`: {e}", template_path.display()))?;
    Ok(Some(GeneratedSet {
        label: "docs/src".into(),
        files: vec![GeneratedFile {
            path: "SUMMARY.md".into(),
            contents,
        }],
        owned_dirs: Vec::new(),
        whole_directory: false,
    }))
}
