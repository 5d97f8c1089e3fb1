//! Upgrading PCDS 0.1 data to 0.2: what can be rewritten with certainty is rewritten, and every
//! place where a person must decide is reported with a stable `PCDS-UPGRADE-*` code and a JSON
//! pointer. Nothing is guessed: a field whose 0.2 value is not certain is left out, so that
//! validating the upgraded data points at it again.
//!
//! Works on JSON values, so fields the standard does not define survive unchanged.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::{Map, Value};

/// Something the upgrade could not decide: a person must.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UpgradeNote {
    /// The note's stable code, one of [`CODES`].
    pub code: &'static str,
    /// Where in the upgraded document the decision is needed, as a JSON pointer.
    pub pointer: String,
    /// What to decide, in plain English.
    pub message: String,
}

/// Every note code, with what it means.
pub const CODES: &[(&str, &str)] = &[
    (
        "PCDS-UPGRADE-001",
        "Which of the referral's children an agreement is for is not certain: set `childKeys`",
    ),
    (
        "PCDS-UPGRADE-002",
        "An agreement covers several children: say whether its price is `perChild` or `perGroup` in `priceUnit`",
    ),
    (
        "PCDS-UPGRADE-003",
        "A fee change gives no cause: set `trigger`",
    ),
    (
        "PCDS-UPGRADE-004",
        "An uplift or reduction gives no percentage and base: set `percentage` and `appliesTo`",
    ),
    (
        "PCDS-UPGRADE-005",
        "A count of offers put to parents or carers was dropped: list the offers in `bidsPutToParentsOrCarers`",
    ),
    (
        "PCDS-UPGRADE-006",
        "An agreement's starting price was rewritten by a later release and cannot be restored: check `weeklyPrice` and the fee changes",
    ),
    (
        "PCDS-UPGRADE-007",
        "Fixed-percentage fee review terms give no percentage: set `percentage`",
    ),
    (
        "PCDS-UPGRADE-008",
        "Void terms do not say how a void is costed: set `costing` to `perDay` or `perWeek`",
    ),
];

/// What an upgrade did.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct UpgradeOutcome {
    /// How many releases were read.
    pub releases: usize,
    /// How many values were rewritten with certainty.
    pub changes: usize,
    /// What a person must decide.
    pub notes: Vec<UpgradeNote>,
}

struct Upgrade {
    outcome: UpgradeOutcome,
}

impl Upgrade {
    fn note(&mut self, code: &'static str, pointer: String, message: String) {
        self.outcome.notes.push(UpgradeNote {
            code,
            pointer,
            message,
        });
    }
}

/// Upgrades a PCDS document in place: a release package, record package, release, record or a
/// JSON array of releases. Data already at 0.2 is left as it is.
pub fn upgrade(document: &mut Value) -> UpgradeOutcome {
    let mut upgrade = Upgrade {
        outcome: UpgradeOutcome::default(),
    };
    if let Some(version) = document.get_mut("pcdsVersion")
        && version.as_str() == Some("0.1")
    {
        *version = Value::String(pcds::PCDS_VERSION.into());
        upgrade.outcome.changes += 1;
    }
    let mut releases = release_pointers(document);
    // The releases of a process are read oldest first, as the merge rules read them.
    releases.sort_by_key(|pointer| {
        document
            .pointer(pointer)
            .and_then(|r| r.get("date"))
            .and_then(Value::as_str)
            .map(str::to_owned)
    });
    upgrade.outcome.releases = releases.len();
    let mut children: HashMap<String, usize> = HashMap::new();
    let mut starting: HashMap<(String, String), Value> = HashMap::new();
    for pointer in &releases {
        let Some(release) = document.pointer_mut(pointer) else {
            continue;
        };
        let ocid = release
            .get("ocid")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        if let Some(count) = upgrade.referral(release) {
            children.insert(ocid.clone(), count);
        }
        upgrade.release(
            release,
            pointer,
            &ocid,
            children.get(&ocid).copied(),
            &mut starting,
        );
    }
    upgrade.outcome
}

/// The pointers of every release in a document.
fn release_pointers(document: &Value) -> Vec<String> {
    let list = |value: &Value, at: &str| -> Vec<String> {
        value
            .as_array()
            .map(|items| (0..items.len()).map(|i| format!("{at}/{i}")).collect())
            .unwrap_or_default()
    };
    match document {
        Value::Array(_) => list(document, ""),
        Value::Object(object) if object.contains_key("records") => object["records"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
            .flat_map(|(i, record)| record_pointers(record, &format!("/records/{i}")))
            .collect(),
        Value::Object(object) if object.contains_key("ocid") => match object.get("releases") {
            Some(_) => record_pointers(document, ""),
            None => vec![String::new()],
        },
        Value::Object(object) => object
            .get("releases")
            .map(|r| list(r, "/releases"))
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn record_pointers(record: &Value, at: &str) -> Vec<String> {
    let mut pointers: Vec<String> = record
        .get("releases")
        .and_then(Value::as_array)
        .map(|items| {
            (0..items.len())
                .filter(|i| items[*i].get("ocid").is_some())
                .map(|i| format!("{at}/releases/{i}"))
                .collect()
        })
        .unwrap_or_default();
    if record.get("compiledRelease").is_some() {
        pointers.push(format!("{at}/compiledRelease"));
    }
    pointers
}

fn object_at<'a>(value: &'a mut Value, path: &[&str]) -> Option<&'a mut Map<String, Value>> {
    let mut value = value;
    for key in path {
        value = value.get_mut(*key)?;
    }
    value.as_object_mut()
}

impl Upgrade {
    /// Gives every child of the release's referral a key; returns how many children it has.
    fn referral(&mut self, release: &mut Value) -> Option<usize> {
        let referral = object_at(release, &["tender", "referral"])?;
        let children = referral.get_mut("children")?.as_array_mut()?;
        for (i, child) in children.iter_mut().enumerate() {
            if let Some(child) = child.as_object_mut()
                && !child.contains_key("key")
            {
                let mut keyed = Map::new();
                keyed.insert("key".into(), Value::String(format!("child-{}", i + 1)));
                keyed.extend(std::mem::take(child));
                *child = keyed;
                self.outcome.changes += 1;
            }
        }
        Some(children.len())
    }

    fn release(
        &mut self,
        release: &mut Value,
        at: &str,
        ocid: &str,
        children: Option<usize>,
        starting: &mut HashMap<(String, String), Value>,
    ) {
        if let Some(awards) = release.get_mut("awards").and_then(Value::as_array_mut) {
            for (i, award) in awards.iter_mut().enumerate() {
                if let Some(selection) = object_at(award, &["selection"])
                    && let Some(count) = selection.remove("offersPutToParentsOrCarers")
                {
                    self.note(
                        "PCDS-UPGRADE-005",
                        format!("{at}/awards/{i}/selection"),
                        format!(
                            "0.1 said {count} offers were put to parents or carers; name them by id in `bidsPutToParentsOrCarers`"
                        ),
                    );
                }
            }
        }
        let Some(contracts) = release.get_mut("contracts").and_then(Value::as_array_mut) else {
            return;
        };
        for (i, contract) in contracts.iter_mut().enumerate() {
            let at = format!("{at}/contracts/{i}");
            let id = contract
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            if let Some(terms) = contract.pointer("/block/voidTerms")
                && terms.get("costing").is_none()
            {
                self.note(
                    "PCDS-UPGRADE-008",
                    format!("{at}/block/voidTerms/costing"),
                    "is an empty place paid by the day, or by the whole week?".into(),
                );
            }
            self.fee_changes(contract, &at);
            let Some(placement) = object_at(contract, &["placement"]) else {
                continue;
            };
            self.children(placement, &format!("{at}/placement"), children);
            if let Some(review) = placement.get("feeReview")
                && review.get("mechanism").and_then(Value::as_str) == Some("fixedPercentage")
                && review.get("percentage").is_none()
            {
                self.note(
                    "PCDS-UPGRADE-007",
                    format!("{at}/placement/feeReview"),
                    "the review is by a fixed percentage: state it in `percentage`".into(),
                );
            }
            self.starting_price(contract, &at, (ocid.to_owned(), id), starting);
        }
    }

    fn children(&mut self, placement: &mut Map<String, Value>, at: &str, referral: Option<usize>) {
        if placement.contains_key("childKeys") {
            return;
        }
        let stated = placement
            .remove("numberOfChildren")
            .and_then(|n| n.as_u64())
            .and_then(|n| usize::try_from(n).ok());
        let count = match (stated, referral) {
            (Some(n), Some(r)) if n == r => Some(n),
            (None, Some(r)) => Some(r),
            _ => None,
        };
        match count {
            Some(n) => {
                let keys = (1..=n).map(|k| Value::String(format!("child-{k}"))).collect();
                placement.insert("childKeys".into(), Value::Array(keys));
                self.outcome.changes += 1;
                if n > 1 && !placement.contains_key("priceUnit") {
                    self.note(
                        "PCDS-UPGRADE-002",
                        format!("{at}/priceUnit"),
                        format!(
                            "the agreement covers {n} children: is its weekly price per child or for the group?"
                        ),
                    );
                }
            }
            None => self.note(
                "PCDS-UPGRADE-001",
                format!("{at}/childKeys"),
                match (stated, referral) {
                    (Some(n), Some(r)) => format!(
                        "the agreement was for {n} of the referral's {r} children: say which, by their keys"
                    ),
                    _ => "the process's referral is not in this input: name the children by the keys the referral gives them"
                        .into(),
                },
            ),
        }
    }

    fn fee_changes(&mut self, contract: &mut Value, at: &str) {
        let Some(amendments) = contract.get_mut("amendments").and_then(Value::as_array_mut) else {
            return;
        };
        for (j, amendment) in amendments.iter().enumerate() {
            let Some(change) = amendment.get("feeChange") else {
                continue;
            };
            let pointer = format!("{at}/amendments/{j}/feeChange");
            if change.get("trigger").is_none() {
                self.note(
                    "PCDS-UPGRADE-003",
                    format!("{pointer}/trigger"),
                    "what caused the change: an annual review, a change of needs, a discount starting, …?"
                        .into(),
                );
            }
            let directed = matches!(
                change.get("type").and_then(Value::as_str),
                Some("uplift" | "reduction")
            );
            if directed && (change.get("percentage").is_none() || change.get("appliesTo").is_none())
            {
                self.note(
                    "PCDS-UPGRADE-004",
                    pointer,
                    "of which part of the price (core fee, core and services, discounted total) is the change a percentage, and what percentage?"
                        .into(),
                );
            }
        }
    }

    /// 0.1 publishers often rewrote `weeklyPrice` after a fee change. The starting price is
    /// restored when an earlier release of the process holds it and the rewritten price is the
    /// new total of one of the fee changes (which then keeps it as `newWeeklyPrice`).
    fn starting_price(
        &mut self,
        contract: &mut Value,
        at: &str,
        key: (String, String),
        starting: &mut HashMap<(String, String), Value>,
    ) {
        let Some(price) = contract.pointer("/placement/weeklyPrice").cloned() else {
            return;
        };
        let Some(first) = starting.get(&key) else {
            starting.insert(key, price);
            return;
        };
        let total = |p: &Value| p.pointer("/weeklyTotal/amount").and_then(Value::as_f64);
        if total(first) == total(&price) {
            return;
        }
        let first = first.clone();
        let mut restored = false;
        if let Some(amendments) = contract.get_mut("amendments").and_then(Value::as_array_mut) {
            for amendment in amendments {
                if let Some(change) = amendment
                    .get_mut("feeChange")
                    .and_then(Value::as_object_mut)
                    && change
                        .get("newWeeklyTotal")
                        .and_then(|v| v.get("amount"))
                        .and_then(Value::as_f64)
                        == total(&price)
                {
                    change
                        .entry("newWeeklyPrice")
                        .or_insert_with(|| price.clone());
                    restored = true;
                }
            }
        }
        if restored && let Some(slot) = contract.pointer_mut("/placement/weeklyPrice") {
            *slot = first;
            self.outcome.changes += 1;
        } else {
            self.note(
                "PCDS-UPGRADE-006",
                format!("{at}/placement/weeklyPrice"),
                "the price differs from the one an earlier release gave and no fee change explains it"
                    .into(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::upgrade;

    fn codes(outcome: &super::UpgradeOutcome) -> Vec<(&str, &str)> {
        outcome
            .notes
            .iter()
            .map(|n| (n.code, n.pointer.as_str()))
            .collect()
    }

    #[test]
    fn certain_changes_are_made_and_the_rest_reported() {
        let mut document = json!({
            "pcdsVersion": "0.1",
            "releases": [{
                "ocid": "ocds-pcdsex-up-1", "date": "2025-01-01T00:00:00Z",
                "tender": {"referral": {"children": [{"ageBand": "5to9"}, {"ageBand": "10to15"}]}},
                "awards": [{"selection": {"basis": "parentCarerChoice", "offersPutToParentsOrCarers": 2}}],
                "contracts": [{"id": "c1", "placement": {"numberOfChildren": 2,
                    "weeklyPrice": {"weeklyTotal": {"amount": 1000}}},
                    "amendments": [{"id": "a1", "feeChange": {"type": "uplift",
                        "newWeeklyTotal": {"amount": 1030}}}]}]
            }]
        });
        let outcome = upgrade(&mut document);
        assert_eq!(document["pcdsVersion"], "0.2");
        assert_eq!(
            document["releases"][0]["tender"]["referral"]["children"][1]["key"],
            "child-2"
        );
        let placement = &document["releases"][0]["contracts"][0]["placement"];
        assert_eq!(placement["childKeys"], json!(["child-1", "child-2"]));
        assert!(placement.get("numberOfChildren").is_none());
        assert!(
            document["releases"][0]["awards"][0]["selection"]
                .get("offersPutToParentsOrCarers")
                .is_none()
        );
        assert_eq!(
            codes(&outcome),
            [
                ("PCDS-UPGRADE-005", "/releases/0/awards/0/selection"),
                (
                    "PCDS-UPGRADE-003",
                    "/releases/0/contracts/0/amendments/0/feeChange/trigger"
                ),
                (
                    "PCDS-UPGRADE-004",
                    "/releases/0/contracts/0/amendments/0/feeChange"
                ),
                (
                    "PCDS-UPGRADE-002",
                    "/releases/0/contracts/0/placement/priceUnit"
                ),
            ]
        );
    }

    #[test]
    fn an_agreement_for_some_of_the_children_is_for_a_person_to_decide() {
        let mut document = json!([{
            "ocid": "ocds-pcdsex-up-1", "date": "2025-01-01T00:00:00Z",
            "tender": {"referral": {"children": [{"ageBand": "5to9"}, {"ageBand": "10to15"}]}},
            "contracts": [{"id": "c1", "placement": {"numberOfChildren": 1}}]
        }]);
        let outcome = upgrade(&mut document);
        assert!(
            document[0]["contracts"][0]["placement"]
                .get("childKeys")
                .is_none()
        );
        assert_eq!(
            codes(&outcome),
            [("PCDS-UPGRADE-001", "/0/contracts/0/placement/childKeys")]
        );
    }

    #[test]
    fn a_rewritten_starting_price_is_restored_from_an_earlier_release() {
        let price = |total: u32| json!({"weeklyTotal": {"amount": total}});
        let mut document = json!({"releases": [
            {"ocid": "ocds-pcdsex-up-1", "date": "2025-06-01T00:00:00Z",
             "contracts": [{"id": "c1", "placement": {"childKeys": ["child-1"], "weeklyPrice": price(1030)},
               "amendments": [{"id": "a1", "feeChange": {"type": "uplift", "trigger": "annualReview",
                 "percentage": 3, "appliesTo": "discountedTotal", "newWeeklyTotal": {"amount": 1030}}}]}]},
            {"ocid": "ocds-pcdsex-up-1", "date": "2025-01-01T00:00:00Z",
             "contracts": [{"id": "c1", "placement": {"childKeys": ["child-1"], "weeklyPrice": price(1000)}}]}
        ]});
        let outcome = upgrade(&mut document);
        assert_eq!(outcome.notes, []);
        let later = &document["releases"][0]["contracts"][0];
        assert_eq!(later["placement"]["weeklyPrice"], price(1000));
        assert_eq!(
            later["amendments"][0]["feeChange"]["newWeeklyPrice"],
            price(1030)
        );
        assert_eq!(outcome.changes, 1);
    }

    #[test]
    fn void_costing_is_for_a_person_to_decide() {
        let mut document = json!({"releases": [{"ocid": "ocds-pcdsex-up-2",
            "contracts": [{"id": "b1", "block": {"voidTerms": {"paymentPercentage": 80}}}]}]});
        let outcome = upgrade(&mut document);
        assert_eq!(
            codes(&outcome),
            [(
                "PCDS-UPGRADE-008",
                "/releases/0/contracts/0/block/voidTerms/costing"
            )]
        );
        assert!(
            document
                .pointer("/releases/0/contracts/0/block/voidTerms/costing")
                .is_none()
        );
    }

    #[test]
    fn data_already_at_the_current_version_is_unchanged() {
        let mut document: serde_json::Value =
            serde_json::from_str(crate::rules::BASE_DOCUMENT).expect("the base document is JSON");
        let before = document.clone();
        let outcome = upgrade(&mut document);
        assert_eq!(document, before);
        assert_eq!((outcome.changes, outcome.notes.len()), (0, 0));
    }
}
