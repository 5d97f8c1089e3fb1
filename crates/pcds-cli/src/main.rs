//! The `pcds` command.

fn main() {
    std::process::exit(pcds_cli::cli::main());
}
