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
                foreign_dirs: Vec::new(),
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
                foreign_dirs: Vec::new(),
            },
        ),
    ];
    let docs_dir = reference_dir.parent().unwrap_or(Path::new(""));
    let summary = summary(docs_dir)?.map(|set| (docs_dir, set));
    let sets: Vec<&(&Path, GeneratedSet)> = sets.iter().chain(&summary).collect();
    let template_dir = spec_dir.join("template");
    let template = pcds_sheet::template(&pcds_sheet::Layout::new()).map_err(|e| e.to_string())?;
    if check {
        let mut stale = Vec::new();
        for (dir, set) in &sets {
            stale.extend(set.stale(dir).map_err(|e| e.to_string())?);
        }
        stale.extend(template_stale(&template_dir, &template)?);
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
    written[0] += write_template(&template_dir, &template)?;
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
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            documents.push((name, document));
        }
    }
    let examples = pcds::reference::Examples::from_release_packages(
        documents
            .iter()
            .map(|(name, document)| (name.as_str(), document)),
    );
    let mut files = pcds::reference::pages(&examples);
    files.push(GeneratedFile {
        path: "rules.md".into(),
        contents: pcds_validator::rules::catalogue_markdown(),
    });
    files.push(GeneratedFile {
        path: "spreadsheet.md".into(),
        contents: pcds_sheet::reference_page(&pcds_sheet::Layout::new()),
    });
    Ok(files)
}

/// The template's files under `spec/template/` that differ from what the types generate, are
/// missing, or are not generated at all. The workbook is binary, so it is compared byte for
/// byte rather than diffed.
fn template_stale(
    dir: &Path,
    files: &[(String, Vec<u8>)],
) -> Result<Vec<pcds::generated::StaleFile>, String> {
    let mut stale = Vec::new();
    for (path, contents) in files {
        let named = format!("spec/template/{path}");
        match std::fs::read(dir.join(path)) {
            Ok(committed) if committed == *contents => {}
            Ok(_) => stale.push(pcds::generated::StaleFile {
                path: named,
                diff: "differs from what the types generate".into(),
            }),
            Err(_) => stale.push(pcds::generated::StaleFile {
                path: named,
                diff: "missing: the types generate this file".into(),
            }),
        }
    }
    for extra in template_extras(dir, files)? {
        stale.push(pcds::generated::StaleFile {
            path: format!("spec/template/{extra}"),
            diff: "not generated by the types: remove it or regenerate".into(),
        });
    }
    Ok(stale)
}

/// Writes the template's files, removing any other file under `spec/template/`.
fn write_template(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<usize, String> {
    for extra in template_extras(dir, files)? {
        let path = dir.join(extra);
        std::fs::remove_file(&path)
            .map_err(|e| format!("cannot remove `{}`: {e}", path.display()))?;
    }
    for (path, contents) in files {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create `{}`: {e}", parent.display()))?;
        }
        std::fs::write(&path, contents)
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
    }
    Ok(files.len())
}

/// Files under the template directory that the types do not generate.
fn template_extras(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<Vec<String>, String> {
    let mut found = Vec::new();
    let mut pending = vec![(dir.to_owned(), String::new())];
    while let Some((at, prefix)) = pending.pop() {
        let entries = match std::fs::read_dir(&at) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(format!("cannot read `{}`: {e}", at.display())),
        };
        for entry in entries.flatten() {
            let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
            if entry.path().is_dir() {
                pending.push((entry.path(), format!("{name}/")));
            } else if !files.iter().any(|(path, _)| *path == name) {
                found.push(name);
            }
        }
    }
    found.sort();
    Ok(found)
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
        foreign_dirs: Vec::new(),
    }))
}
