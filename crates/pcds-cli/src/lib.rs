//! The `pcds` command line: argument parsing, reading inputs (files, directories, standard input
//! and URLs), the feed clients, the synthetic data generator and progress. Validation itself is
//! the `pcds-validator` library; this crate turns its reports into output and exit statuses.

pub mod cli;
pub mod feed;
pub mod generate;
pub mod input;
pub mod pool;
