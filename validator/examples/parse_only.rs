//! The raw-parse baseline of the bench scripts: reads one file and parses it into a
//! `serde_json::Value` (each document of JSON Lines in turn), the least any JSON validator must
//! do, and prints only the number of bytes read. Build it with
//! `cargo build --release -p pcds-validator --example parse_only`.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: parse_only FILE");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("error: cannot read `{}`: {error}", path.display());
            return ExitCode::from(2);
        }
    };
    // One document, or one after another (JSON Lines): each parsed whole, then dropped.
    for document in serde_json::Deserializer::from_slice(&bytes).into_iter::<serde_json::Value>() {
        match document {
            Ok(document) => {
                std::hint::black_box(&document);
            }
            Err(error) => {
                eprintln!(
                    "error: `{}` is not well-formed JSON: {error}",
                    path.display()
                );
                return ExitCode::FAILURE;
            }
        }
    }
    println!("{}", bytes.len());
    ExitCode::SUCCESS
}
