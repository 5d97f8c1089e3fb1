//! What the server's integration tests share.

/// The bytes of one of the repository's examples.
pub fn example(name: &str) -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../examples")
            .join(name),
    )
    .expect("reads the example")
}
