//! Field names that suggest personal data.

/// Splits a field name into lower-case words at separators, at changes from lower to upper
/// case, at the end of a run of capitals (`NHSNumber`) and between letters and digits.
pub(super) fn field_words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            continue;
        }
        if let Some(&previous) = i.checked_sub(1).and_then(|p| chars.get(p)) {
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            let boundary = (previous.is_lowercase() && c.is_uppercase())
                || (previous.is_uppercase() && c.is_uppercase() && next_lower)
                || (previous.is_alphabetic() && c.is_numeric())
                || (previous.is_numeric() && c.is_alphabetic());
            if boundary && !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
        }
        word.extend(c.to_lowercase());
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// People whose name a field called `…Name` would hold, as the ends of the words before
/// `name` run together: `childName`, `youngPersonName`, `socialWorkerName`, `firstName`,
/// `surname` (`sur`), `forename` (`fore`).
const PERSON_ROLES: &[&str] = &[
    "applicant",
    "author",
    "baby",
    "birth",
    "brother",
    "carer",
    "child",
    "children",
    "christian",
    "clinician",
    "contact",
    "daughter",
    "doctor",
    "family",
    "father",
    "first",
    "fore",
    "full",
    "given",
    "grandchild",
    "guardian",
    "infant",
    "kid",
    "last",
    "learner",
    "maiden",
    "manager",
    "middle",
    "mother",
    "nick",
    "nurse",
    "officer",
    "parent",
    "patient",
    "people",
    "person",
    "preferred",
    "pupil",
    "referrer",
    "resident",
    "serviceuser",
    "sibling",
    "sister",
    "staff",
    "student",
    "sur",
    "teacher",
    "therapist",
    "worker",
];

/// Abbreviations for people that are only trusted as the whole prefix (`ypName`), since as
/// word endings they would match too much.
/// `f` and `l` are the first and last of `fName` and `lName`.
const PERSON_ABBREVIATIONS: &[&str] = &["cla", "cyp", "f", "l", "lac", "sw", "yp"];

/// Whether the words before `name`, run together, end with a person's role.
fn names_a_person(prefix: &str) -> bool {
    let role = |prefix: &str| {
        PERSON_ABBREVIATIONS.contains(&prefix)
            || PERSON_ROLES.iter().any(|role| prefix.ends_with(role))
    };
    !prefix.is_empty() && (role(prefix) || prefix.strip_suffix('s').is_some_and(role))
}

/// Whether a field name, split into `words`, is for a person's name: a word ending in `name`
/// after a person's role (`childName`, `childFirstName`, `surname`, `nickname`), or `nameOf`
/// and a role (`nameOfChild`). Plain `name` and the names of things (`providerName`,
/// `legalName`, `settingName`) are not.
fn is_person_name_field(words: &[String]) -> bool {
    words.iter().enumerate().any(|(i, word)| {
        let Some(stem) = word
            .strip_suffix("names")
            .or_else(|| word.strip_suffix("name"))
        else {
            return false;
        };
        let prefix = words[..i].concat() + stem;
        let of_person = stem.is_empty()
            && words.get(i + 1).is_some_and(|next| next == "of")
            && words.get(i + 2).is_some_and(|role| names_a_person(role));
        names_a_person(&prefix) || of_person
    })
}

/// Whether a field name, split into `words`, is for a person's initials: the word `initials`,
/// or `initial` after a person's role (`childInitial`, but not `initialAssessment`).
fn is_initials_field(words: &[String]) -> bool {
    words.iter().enumerate().any(|(i, word)| {
        word == "initials" || (word == "initial" && names_a_person(&words[..i].concat()))
    })
}

/// `words` with each run of words of one or two letters joined into one: `d_o_b` and `DoB`
/// are the words `d`, `o`, `b` and `do`, `b`, which join into `dob`.
fn join_short_words(words: &[String]) -> Vec<String> {
    let mut joined: Vec<String> = Vec::with_capacity(words.len());
    let mut short = false;
    for word in words {
        let is_short = word.chars().count() <= 2;
        match joined.last_mut() {
            Some(last) if short && is_short => last.push_str(word),
            _ => joined.push(word.clone()),
        }
        short = is_short;
    }
    joined
}

/// Whether a field name, split into `words` and run together as `joined`, is for an address:
/// it has the word `street`, a house, flat or door number (`houseNumber`, `flat_no`), or
/// `address` that is not an email, web or network address and not `addressed`, `addressee` or
/// `addressing`.
fn is_address_field(words: &[String], joined: &str) -> bool {
    const NOT_POSTAL: &[&str] = &[
        "email", "mail", "web", "website", "url", "ip", "ipv4", "ipv6", "mac", "internet",
        "server", "host", "wallet",
    ];
    let numbered = words.windows(2).any(|pair| {
        matches!(pair[0].as_str(), "house" | "flat" | "door" | "apartment")
            && matches!(pair[1].as_str(), "number" | "no" | "num" | "nr")
    });
    numbered
        || words.iter().any(|word| word == "street")
        || joined.match_indices("address").any(|(at, _)| {
            let before = &joined[..at];
            let after = &joined[at + "address".len()..];
            !["ed", "ee", "ing"]
                .iter()
                .any(|ending| after.starts_with(ending))
                && !NOT_POSTAL.iter().any(|kind| before.ends_with(kind))
        })
}

/// Whether a field name (a JSON key the standard does not define) suggests personal data:
/// returns a short plain-English description of what it suggests, e.g. `Some("a date of
/// birth")`.
///
/// Case and separators do not matter: `dateOfBirth`, `date_of_birth`, `date-of-birth` and
/// `DATEOFBIRTH` are the same. Attributes PCDS codes deliberately (gender, ethnicity, age) are
/// not personal-data names here, and neither is plain `name`, which organisations have.
#[must_use]
pub fn personal_field(name: &str) -> Option<&'static str> {
    let words = field_words(name);
    let joined = words.concat();
    let has_word = |wanted: &[&str]| words.iter().any(|word| wanted.contains(&word.as_str()));
    let word_then = |word: &str, next: &[&str]| {
        words
            .windows(2)
            .any(|pair| pair[0] == word && next.contains(&pair[1].as_str()))
    };
    let contains = |parts: &[&str]| parts.iter().any(|part| joined.contains(part));
    let ends = |parts: &[&str]| parts.iter().any(|part| joined.ends_with(part));
    let last_word = words.last().map_or("", String::as_str);

    let short_joined = join_short_words(&words);
    let born = |word: &String| matches!(word.as_str(), "dob" | "dobs" | "bday" | "bdays");
    if words.iter().chain(&short_joined).any(born)
        || word_then("b", &["day", "days"])
        || contains(&["dateofbirth", "birthdate", "birthday", "birthdt"])
    {
        return Some("a date of birth");
    }
    if contains(&["yearofbirth", "birthyear"]) {
        return Some("a year of birth");
    }
    if contains(&["nhsnumber", "chinumber"])
        || ends(&["nhsno", "nhsnum", "nhsid"])
        || word_then("nhs", &["no", "num", "id"])
    {
        return Some("an NHS number");
    }
    if has_word(&["upn", "upns"])
        || ends(&["upn"])
        || contains(&["uniquepupilnumber", "uniquepupilno"])
    {
        return Some("a unique pupil number");
    }
    if has_word(&["nino"])
        || contains(&["nationalinsurance"])
        || word_then("ni", &["number", "no", "num"])
    {
        return Some("a National Insurance number");
    }
    if ends(&["email", "emails"]) || contains(&["emailaddress", "emailaddr", "emailid"]) {
        return Some("an email address");
    }
    if ends(&["phone", "phones", "mobile", "landline"])
        || contains(&[
            "phonenumber",
            "phoneno",
            "telephone",
            "mobilenumber",
            "mobileno",
            "telno",
            "telnumber",
        ])
        || last_word == "tel"
    {
        return Some("a phone number");
    }
    if contains(&["postcode", "postalcode", "zipcode"]) || last_word == "zip" {
        return Some("a postcode");
    }
    if is_address_field(&words, &joined) {
        return Some("an address");
    }
    if is_person_name_field(&words) {
        return Some("a person's name");
    }
    if is_initials_field(&words) {
        return Some("a person's initials");
    }
    None
}
