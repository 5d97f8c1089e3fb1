//! Suggesting the nearest valid code for a typo.

/// The candidate nearest to `word`, if any is near enough to be a likely typo: the same word in
/// another case, or within an edit distance of a third of its length (at least 2).
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if word.is_empty() {
        return None;
    }
    let lower = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(2);
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        let distance = if candidate.to_lowercase() == lower {
            0
        } else {
            strsim::levenshtein(&lower, &candidate.to_lowercase())
        };
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn suggests_near_codes_only() {
        let codes = ["childrensHome", "secureChildrensHome", "fosterCare"];
        assert_eq!(nearest("childrensHomes", codes), Some("childrensHome"));
        assert_eq!(nearest("ChildrensHome", codes), Some("childrensHome"));
        assert_eq!(nearest("fostercare", codes), Some("fosterCare"));
        assert_eq!(nearest("igloo", codes), None);
        assert_eq!(nearest("", codes), None);
    }
}
