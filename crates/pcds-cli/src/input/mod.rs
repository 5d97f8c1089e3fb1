//! Inputs: files, directories, standard input and URLs (fetched by [`fetch`], bounded in time,
//! redirects and size).

pub mod fetch;

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// One input to validate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file.
    File(PathBuf),
    /// An `http` or `https` URL.
    Url(String),
    /// Standard input, given as `-`.
    Stdin,
}

impl Input {
    /// The input's name as reports show it.
    #[must_use]
    pub fn name(&self) -> String {
        match self {
            Input::File(path) => path.display().to_string(),
            Input::Url(url) => url.clone(),
            Input::Stdin => "-".to_owned(),
        }
    }
}

/// Why an input could not be read at all (as opposed to being read and found wanting). Each
/// has a stable code.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    /// A path given does not exist or cannot be read.
    #[error("PCDS-INPUT-001: cannot read `{}`: {source}", path.display())]
    Unreadable {
        /// The path given.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
    /// A directory was given but holds no JSON files.
    #[error("PCDS-INPUT-002: no `.json`, `.jsonl` or `.ndjson` files found in `{}`", .0.display())]
    EmptyDirectory(PathBuf),
    /// A URL could not be fetched.
    #[error("PCDS-INPUT-003: cannot fetch `{url}`: {reason}")]
    Network {
        /// The URL.
        url: String,
        /// What went wrong, in words.
        reason: String,
    },
    /// A URL answered with an error status.
    #[error("PCDS-INPUT-004: `{url}` answered HTTP {status}")]
    Status {
        /// The URL.
        url: String,
        /// The HTTP status code.
        status: u16,
    },
    /// An input is larger than the size limit.
    #[error("PCDS-INPUT-005: `{name}` is larger than the limit of {limit} bytes")]
    TooLarge {
        /// The input's name.
        name: String,
        /// The limit in bytes.
        limit: u64,
    },
    /// Standard input was given more than once.
    #[error("PCDS-INPUT-006: standard input (`-`) can be read only once")]
    StdinTwice,
    /// A path names a pipe, a device or a socket, which may never end (or never start).
    #[error(
        "PCDS-INPUT-008: `{}` is not a regular file but a pipe, a device or a socket; to read a stream, send it to standard input: `… | pcds validate -`",
        .0.display()
    )]
    NotAFile(PathBuf),
}

/// The file names read from directories.
fn is_json(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext == "json" || ext == "jsonl" || ext == "ndjson")
}

/// Expands the arguments into inputs: `-` is standard input, `http://` and `https://` are URLs,
/// directories are searched recursively for JSON files, in a stable (sorted) order.
///
/// # Errors
/// When a path cannot be read, a directory holds no JSON files, or `-` is given twice.
pub fn expand(arguments: &[String]) -> Result<Vec<Input>, InputError> {
    let mut inputs = Vec::new();
    for argument in arguments {
        if argument == "-" {
            if inputs.contains(&Input::Stdin) {
                return Err(InputError::StdinTwice);
            }
            inputs.push(Input::Stdin);
            continue;
        }
        if argument.starts_with("http://") || argument.starts_with("https://") {
            inputs.push(Input::Url(argument.clone()));
            continue;
        }
        let path = PathBuf::from(argument);
        let metadata = fs::metadata(&path).map_err(|source| InputError::Unreadable {
            path: path.clone(),
            source,
        })?;
        if metadata.is_dir() {
            let before = inputs.len();
            walk(&path, &mut inputs)?;
            if inputs.len() == before {
                return Err(InputError::EmptyDirectory(path));
            }
        } else if metadata.is_file() {
            inputs.push(Input::File(path));
        } else {
            return Err(InputError::NotAFile(path));
        }
    }
    Ok(inputs)
}

/// Adds the JSON files under `dir`, in sorted order. Symbolic links to directories are not
/// followed, so a link back up the tree cannot make the walk endless; links to files are read.
/// Pipes, devices and sockets are skipped, whatever their names.
fn walk(dir: &Path, inputs: &mut Vec<Input>) -> Result<(), InputError> {
    let unreadable = |source| InputError::Unreadable {
        path: dir.to_owned(),
        source,
    };
    let mut entries: Vec<(PathBuf, fs::FileType)> = fs::read_dir(dir)
        .map_err(unreadable)?
        .map(|e| e.and_then(|e| Ok((e.path(), e.file_type()?))))
        .collect::<Result<_, _>>()
        .map_err(unreadable)?;
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, kind) in entries {
        if kind.is_dir() {
            walk(&path, inputs)?;
        } else if is_json(&path) && fs::metadata(&path).is_ok_and(|m| m.is_file()) {
            inputs.push(Input::File(path));
        }
    }
    Ok(())
}

/// An open input: a reader and, when known, its length in bytes.
pub struct Opened {
    /// The input's bytes.
    pub reader: Box<dyn Read>,
    /// The length, when known in advance (for progress).
    pub length: Option<u64>,
}

/// Limits on what is read.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The most bytes read from a URL (files and standard input are streamed and unlimited).
    pub max_download: u64,
    /// How long a URL may take to answer and to arrive, in seconds.
    pub timeout_seconds: u64,
    /// How many redirects a URL may take.
    pub max_redirects: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_download: 1 << 30,
            timeout_seconds: 60,
            max_redirects: 5,
        }
    }
}

/// Opens an input for reading.
///
/// # Errors
/// When the input cannot be opened or fetched.
pub fn open(input: &Input, limits: &Limits) -> Result<Opened, InputError> {
    match input {
        Input::File(path) => {
            let file = fs::File::open(path).map_err(|source| InputError::Unreadable {
                path: path.clone(),
                source,
            })?;
            let length = file.metadata().ok().map(|m| m.len());
            Ok(Opened {
                reader: Box::new(io::BufReader::with_capacity(1 << 16, file)),
                length,
            })
        }
        Input::Stdin => Ok(Opened {
            reader: Box::new(io::stdin().lock()),
            length: None,
        }),
        Input::Url(url) => fetch::fetch(url, limits),
    }
}

/// Reads a whole input into memory, for commands that need the complete document (compiling
/// records, tabulating statistics), with the default limits.
///
/// # Errors
/// With a plain message when the input cannot be opened or read.
pub fn read_all(input: &Input) -> Result<Vec<u8>, String> {
    let mut opened = open(input, &Limits::default()).map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    opened
        .reader
        .read_to_end(&mut bytes)
        .map_err(|e| format!("reading `{}` failed: {e}", input.name()))?;
    Ok(bytes)
}
