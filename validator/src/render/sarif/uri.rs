//! The artifact URIs of SARIF locations: how an input's name becomes a URI a viewer can open.

/// The artifact URI of an input, and its base when it is relative to the checkout.
pub(super) fn artifact_uri(name: &str) -> (String, Option<&'static str>) {
    if name == "-" {
        return ("stdin".to_owned(), None);
    }
    if has_scheme(name) {
        return (encode(name, true), None);
    }
    let path = name.replace('\\', "/");
    let bytes = path.as_bytes();
    if bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/' {
        // A Windows path with a drive letter: `C:/data/x.json`.
        return (
            format!("file:///{}:{}", &path[..1], encode(&path[2..], false)),
            None,
        );
    }
    if path.starts_with('/') {
        return (format!("file://{}", encode(&path, false)), None);
    }
    let mut relative = path.as_str();
    while let Some(rest) = relative.strip_prefix("./") {
        relative = rest.trim_start_matches('/');
    }
    (encode(relative, false), Some("%SRCROOT%"))
}

/// Whether a name starts with a URI scheme and `://`, as a URL does.
fn has_scheme(name: &str) -> bool {
    let Some((scheme, _)) = name.split_once("://") else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Percent-encodes what may not stand in a URI. In a path, also what would change its meaning
/// (`%`, `?`, `#`, `:`, brackets); in a URL, only what is never allowed, so that it keeps its
/// meaning.
fn encode(text: &str, url: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        let keep = byte.is_ascii_alphanumeric()
            || matches!(
                byte,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'/'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'@'
            )
            || (url && matches!(byte, b'%' | b'?' | b'#' | b':' | b'[' | b']'));
        if keep {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn artifact_uris() {
        let relative = Some("%SRCROOT%");
        assert_eq!(
            artifact_uri("examples/x.json"),
            ("examples/x.json".to_owned(), relative)
        );
        assert_eq!(
            artifact_uri("./examples/x.json"),
            ("examples/x.json".to_owned(), relative)
        );
        assert_eq!(
            artifact_uri(r"examples\sub dir\x.json"),
            ("examples/sub%20dir/x.json".to_owned(), relative)
        );
        assert_eq!(
            artifact_uri("a:b/100%.json"),
            ("a%3Ab/100%25.json".to_owned(), relative)
        );
        assert_eq!(
            artifact_uri("données/é.json"),
            ("donn%C3%A9es/%C3%A9.json".to_owned(), relative)
        );
        assert_eq!(
            artifact_uri("/srv/data/x.json"),
            ("file:///srv/data/x.json".to_owned(), None)
        );
        assert_eq!(
            artifact_uri(r"C:\data\x.json"),
            ("file:///C:/data/x.json".to_owned(), None)
        );
        assert_eq!(
            artifact_uri("https://example.org/feed.json?page=2#top"),
            ("https://example.org/feed.json?page=2#top".to_owned(), None)
        );
        assert_eq!(artifact_uri("-"), ("stdin".to_owned(), None));
    }
}
