//! Tests of the detector of people's names.

use super::*;

#[test]
fn names() {
    assert_hits(
        Kind::Name,
        &[
            ("Referral made by Ms Holloway", "Ms Holloway"),
            ("Referral made by Ms Holloway.", "Ms Holloway"),
            ("Mr. J Smith attended", "Mr. J Smith"),
            ("Mr J. Smith attended", "Mr J. Smith"),
            ("spoke to Mrs O'Brien today", "Mrs O'Brien"),
            ("Mx Taylor-Jones", "Mx Taylor-Jones"),
            ("seen by Dr Patel", "Dr Patel"),
            ("Master Jayden Smith", "Master Jayden Smith"),
            ("MR SMITH", "MR SMITH"),
            ("Miss Zoë Ávila", "Miss Zoë Ávila"),
            ("child's name: Jayden", "Jayden"),
            ("Name: Jayden Smith", "Jayden Smith"),
            ("NAME: JAYDEN", "JAYDEN"),
            ("a boy called Tom", "Tom"),
            ("her name is Zoë", "Zoë"),
            ("a girl named Ava, aged 9", "Ava"),
            ("known to the team, called \"Kai\"", "Kai"),
            ("Mr Wes Streeting", "Mr Wes Streeting"),
            ("Miss Childs", "Miss Childs"),
            ("Name:\n“Jayden”", "Jayden"),
        ],
    );
    assert_misses(
        Kind::Name,
        &[
            "Mr",
            "Referral made by Mr",
            "Mr smith",
            "mr Smith",
            "Ms B was placed",
            "Mr A B",
            "Children's Trust",
            "Name of provider: Oak Lodge",
            "Provider name: Acme Care Ltd",
            "Setting name: Oak House",
            "Provider's name is Acme",
            "name: N/A",
            "Name: Unknown",
            "Name: Not known",
            "Name: TBC",
            "Name: Child A",
            "Called off lot 2",
            "Called Off Contract",
            "Named provider on the DPS",
            "The provider was called on Monday",
            "a provider called Acme",
            "a home called Oak Lodge",
            "a course called Understanding Trauma",
            "Master Services Agreement",
            "MASTER AGREEMENT",
            "MS Teams meeting",
            "Dr Barnardo's Homes",
            "called CAMHS for advice",
            "Name:",
            "name-calling between peers",
            "Her name isn't known",
            "the so-called Pathway Model",
            "also called Staying Put",
            "previously called Horizon",
            "two providers called Acme and Zenith",
        ],
    );
}

#[test]
fn names_without_a_cue() {
    assert_hits(
        Kind::Name,
        &[
            ("Jamie Smith was placed on Monday", "Jamie Smith"),
            ("placed with Jamie Smith.", "Jamie Smith"),
            ("Smith, Jamie - emergency placement", "Smith, Jamie"),
            ("SMITH, Jamie", "SMITH, Jamie"),
            ("JAMIE SMITH", "JAMIE SMITH"),
            ("J. Patterson to attend", "J. Patterson"),
            ("Jamie A. Smith", "Jamie A. Smith"),
            ("Olivia Thornton-Clarke moved", "Olivia Thornton-Clarke"),
            ("Mary-Jane O'Brien", "Mary-Jane O'Brien"),
            ("Jamie Smith's carers", "Jamie Smith's"),
            ("foster carer Jamie", "Jamie"),
            ("Foster Carer Jamie Smith", "Jamie Smith"),
            ("Social worker Daniel visited", "Daniel"),
            ("contact with mum, Lisa, is supervised", "Lisa"),
            ("her carer is Sam", "Sam"),
            ("Brother Aaron is placed separately", "Aaron"),
            ("Zoë Smith", "Zoë Smith"),
            ("ZOË SMITH", "ZOË SMITH"),
            ("met Niamh Begum", "Niamh Begum"),
        ],
    );
    assert_misses(
        Kind::Name,
        &[
            "Smith Care Ltd has two homes",
            "Grace Fostering Limited",
            "St Mary's Children's Home",
            "Will Smith",
            "May Green",
            "Grace Hall",
            "Hope Lane",
            "Rose Hill",
            "Mark Young",
            "Bill Long",
            "Frank Church",
            "Victoria Park and Stanley Park",
            "Jamie Park",
            "Jamie Road",
            "Jamie's Farm",
            "Chester Zoo",
            "Preston North End",
            "Milton Keynes Council",
            "Turner & Hughes",
            "Smith, Jones and Partners",
            "Collins, Harper and Walker",
            "Walsall, Dudley and Sandwell",
            "Price, Quality and Social Value",
            "Appendix A. Price Schedule",
            "Part B. Young People",
            "Jamie",
            "Smith",
            "jamie smith",
            "Residential Children's Homes Framework Lot 1",
            "Independent Reviewing Officer",
            "child Protection plan",
            "Summer Term",
            "Jamie Lee Anne Marie Smith Jones",
        ],
    );
}

#[test]
fn name_lists_are_clean() {
    for list in [
        include_str!("../data/given-names.txt"),
        include_str!("../data/given-names-added.txt"),
        include_str!("../data/surnames.txt"),
        include_str!("../data/surnames-added.txt"),
    ] {
        let words: Vec<&str> = list.lines().collect();
        assert!(words.len() > 30);
        assert!(
            words.windows(2).all(|pair| pair[0] < pair[1]),
            "sorted and unique"
        );
        assert!(
            words
                .iter()
                .all(|word| word.len() > 1 && word.bytes().all(|b| b.is_ascii_lowercase()))
        );
    }
}
