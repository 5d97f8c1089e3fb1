//! `pcds completions SHELL` and `pcds man`: generated from the argument definitions, so they
//! always list the commands the binary has.

use super::pcds;

#[test]
fn bash_completions_are_a_valid_script_that_knows_every_command() {
    let output = pcds().args(["completions", "bash"]).output().expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let script = String::from_utf8(output.stdout).expect("UTF-8");
    for command in [
        "validate",
        "compile",
        "upgrade",
        "serve",
        "harvest",
        "completions",
    ] {
        assert!(script.contains(command), "{command}");
    }
    let checked = std::process::Command::new("bash")
        .args(["-n", "-c", &script])
        .output()
        .expect("bash runs");
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
}

#[test]
fn other_shells_and_the_manual_page() {
    let zsh = pcds().args(["completions", "zsh"]).output().expect("runs");
    assert!(String::from_utf8_lossy(&zsh.stdout).starts_with("#compdef pcds"));
    let fish = pcds().args(["completions", "fish"]).output().expect("runs");
    assert!(String::from_utf8_lossy(&fish.stdout).contains("complete -c pcds"));
    let man = pcds().arg("man").output().expect("runs");
    assert_eq!(man.status.code(), Some(0));
    let page = String::from_utf8_lossy(&man.stdout);
    assert!(page.contains(".TH pcds 1"), "{page}");
    assert!(page.contains("validate"), "{page}");
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let output = pcds().args(["completions", "tcsh"]).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("possible values"));
}

#[test]
fn the_release_archive_holds_the_binary_its_completions_and_a_checksum() {
    let out = super::scratch("archive");
    let script = super::repo_root().join("tools/release/build-archive.sh");
    let built = std::process::Command::new("bash")
        .arg(&script)
        .arg(&out)
        .env("PCDS_BIN", env!("CARGO_BIN_EXE_pcds"))
        .output()
        .expect("the script runs");
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let archive = String::from_utf8_lossy(&built.stdout)
        .lines()
        .last()
        .expect("prints the archive's path")
        .to_owned();
    assert!(archive.ends_with(".tar.gz"), "{archive}");
    let checked = std::process::Command::new("sha256sum")
        .arg("-c")
        .arg(format!("{archive}.sha256"))
        .current_dir(&out)
        .output()
        .expect("sha256sum runs");
    assert!(checked.status.success(), "{checked:?}");
    let listing = std::process::Command::new("tar")
        .arg("tzf")
        .arg(&archive)
        .output()
        .expect("tar runs");
    let listing = String::from_utf8_lossy(&listing.stdout);
    for file in [
        "/pcds\n",
        "/completions/pcds.bash",
        "/completions/_pcds",
        "/man/pcds.1",
        "/LICENSE",
    ] {
        assert!(listing.contains(file), "{file} in {listing}");
    }
    // The packaged binary runs.
    let unpacked = out.join("unpacked");
    std::fs::create_dir_all(&unpacked).expect("creates");
    let untar = std::process::Command::new("tar")
        .arg("xzf")
        .arg(&archive)
        .arg("-C")
        .arg(&unpacked)
        .status()
        .expect("tar runs");
    assert!(untar.success());
    let name = std::path::Path::new(&archive)
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix(".tar.gz"))
        .expect("a name")
        .to_owned();
    let version = std::process::Command::new(unpacked.join(name).join("pcds"))
        .arg("--version")
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("pcds "));
    // The archive holds a debug build of a few hundred megabytes: do not leave it behind.
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn every_pre_commit_hook_runs_a_real_command() {
    let hooks = std::fs::read_to_string(super::repo_root().join(".pre-commit-hooks.yaml"))
        .expect("the hooks file is readable");
    let entries: Vec<&str> = hooks
        .lines()
        .filter_map(|l| l.trim().strip_prefix("entry: pcds "))
        .collect();
    let hook_count = hooks.lines().filter(|l| l.starts_with("- id: ")).count();
    assert_eq!(entries.len(), hook_count);
    let example = super::repo_root().join("examples/ifa-framework-call-off.json");
    for entry in entries {
        let output = pcds()
            .args(entry.split_whitespace())
            .arg(&example)
            .output()
            .expect("runs");
        // Open-data hooks may find partnership detail; a usage error would be exit 2.
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{entry}: {output:?}"
        );
    }
}
