//! The `pcds` command, run as a real process.

mod analyse;
mod catalogue;
mod completions;
mod conformance;
mod docs;
mod everywhere;
mod harvest;
mod memory;
mod other_languages;
mod page;
mod publish;
mod rare;
mod reading;
mod rules;
mod schema;
mod serve;
mod server;
mod server_stress;
mod sheet;
mod upgrade;
mod urls;
mod validate;
mod withdraw;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The built `pcds` binary, run from the validator crate's directory so paths in its output are
/// short and stable (`tests/fixtures/…`).
pub fn pcds() -> Command {
    let mut command = Command::cargo_bin("pcds").expect("the pcds binary is built");
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1");
    command
}

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs a command and renders its exit code, stdout and stderr for a snapshot.
pub fn transcript(command: &mut Command) -> String {
    let output = command.output().expect("runs");
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        output
            .status
            .code()
            .map_or("signal".into(), |c| c.to_string()),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Holds every build a test starts (cargo, the wheel, the browser page, mdBook), so builds run one
/// at a time: on two cores a build that waits for another's lock or CPU could otherwise overrun a
/// time limit that is meant for the work itself. A test that failed while holding it does not
/// stop the others.
pub fn one_build_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    static BUILDS: std::sync::Mutex<()> = std::sync::Mutex::new(());
    BUILDS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Installs headless Chromium and playwright-core with the project's own script (once a
/// machine has them, the script only checks they are there).
pub fn browser() {
    let _build = one_build_at_a_time();
    let installed = std::process::Command::new("bash")
        .arg(repo_root().join("tools/browser/install.sh"))
        .output()
        .expect("the install script runs");
    assert!(
        installed.status.success(),
        "{}",
        String::from_utf8_lossy(&installed.stderr)
    );
}

/// A fresh scratch directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pcds-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("creates a scratch directory");
    dir
}
