//! The `pcds` command.

fn main() {
    std::process::exit(pcds_validator::cli::main());
}
