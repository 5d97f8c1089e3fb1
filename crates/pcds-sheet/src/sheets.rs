//! The sheets of the workbook: which things of a release get a sheet of their own, in the order
//! a placement officer meets them. Their columns are not listed here: [`crate::layout`] finds
//! them in the schema, so a field added to the standard appears in the template by itself.

/// The curated definition of one sheet.
#[derive(Debug, PartialEq, Eq)]
pub struct SheetSpec {
    /// The sheet's name, as on its tab.
    pub name: &'static str,
    /// What one row of the sheet is, for the "how to fill this in" sheet.
    pub row: &'static str,
    /// Where the thing sits in a release: `/`-separated field names, `[]` after a list
    /// (`contracts[]/amendments[]` is each amendment of each contract). Empty for the
    /// release itself.
    pub anchor: &'static str,
    /// The titles of the columns that say which enclosing thing a row belongs to, one for each
    /// list the anchor passes through before its last step: each holds that thing's `id`.
    pub parent_keys: &'static [&'static str],
    /// The release tag a row of this sheet gives a release built from rows, when the
    /// `Releases` sheet does not say.
    pub stage: Option<&'static str>,
    /// Whether a row with a blank `Release` belongs to every release of its process (parties
    /// and settings, which each release repeats) rather than to one.
    pub process_wide: bool,
}

impl SheetSpec {
    /// Whether the sheet's rows are items of a list (and not a single object per parent).
    #[must_use]
    pub fn is_list(&self) -> bool {
        self.anchor.ends_with("[]")
    }
}

/// Every sheet, parents before the sheets whose rows sit inside theirs.
pub static SHEETS: &[SheetSpec] = &[
    SheetSpec {
        name: "Releases",
        row: "one release: a dated statement about a process. Optional for a new import: rows of the other sheets with the same Process and a blank Release make one release, dated with the package",
        anchor: "",
        parent_keys: &[],
        stage: None,
        process_wide: false,
    },
    SheetSpec {
        name: "Parties",
        row: "one organisation a release names: the council, a hub, a provider",
        anchor: "parties[]",
        parent_keys: &[],
        stage: None,
        process_wide: true,
    },
    SheetSpec {
        name: "Settings",
        row: "one children's home or fostering service, by Ofsted URN",
        anchor: "settings[]",
        parent_keys: &[],
        stage: None,
        process_wide: true,
    },
    SheetSpec {
        name: "Referrals",
        row: "one search for a placement (or a framework's tender): what is sought, where and how urgently",
        anchor: "tender",
        parent_keys: &[],
        stage: Some("tender"),
        process_wide: false,
    },
    SheetSpec {
        name: "Children",
        row: "one child in a referral, described by coded attributes only: never a name or a date of birth",
        anchor: "tender/referral/children[]",
        parent_keys: &[],
        stage: Some("tender"),
        process_wide: false,
    },
    SheetSpec {
        name: "Providers contacted",
        row: "one provider the council asked about the referral",
        anchor: "tender/providersContacted[]",
        parent_keys: &[],
        stage: Some("tender"),
        process_wide: false,
    },
    SheetSpec {
        name: "Offers",
        row: "one provider's answer to a referral: an offer with its weekly price, or a refusal with its reason",
        anchor: "bids/details[]",
        parent_keys: &[],
        stage: Some("tender"),
        process_wide: false,
    },
    SheetSpec {
        name: "Awards",
        row: "one decision: the provider chosen for a placement, or a provider admitted to a framework or DPS",
        anchor: "awards[]",
        parent_keys: &[],
        stage: Some("award"),
        process_wide: false,
    },
    SheetSpec {
        name: "Price schedule",
        row: "one line of an admitted provider's price schedule: the weekly price for a placement type, age band and level of need",
        anchor: "awards[]/admission/priceSchedule/corePrices[]",
        parent_keys: &["Award ID"],
        stage: Some("award"),
        process_wide: false,
    },
    SheetSpec {
        name: "Placements",
        row: "one agreement: a placement with its agreed weekly price, fee review terms and ending, or a framework or block agreement",
        anchor: "contracts[]",
        parent_keys: &[],
        stage: Some("contract"),
        process_wide: false,
    },
    SheetSpec {
        name: "Block contracts",
        row: "the reserved places of one block or cost-and-volume agreement: price per place, void terms, occupancy",
        anchor: "contracts[]/block",
        parent_keys: &["Contract ID"],
        stage: Some("contract"),
        process_wide: false,
    },
    SheetSpec {
        name: "Fee changes",
        row: "one change to an agreement, such as an uplift or a change of needs and price",
        anchor: "contracts[]/amendments[]",
        parent_keys: &["Contract ID"],
        stage: Some("contractAmendment"),
        process_wide: false,
    },
    SheetSpec {
        name: "Outcomes",
        row: "one outcome measured for a placement over a period",
        anchor: "contracts[]/implementation/outcomes[]",
        parent_keys: &["Contract ID"],
        stage: Some("implementation"),
        process_wide: false,
    },
    SheetSpec {
        name: "Payments",
        row: "one payment made under an agreement",
        anchor: "contracts[]/implementation/transactions[]",
        parent_keys: &["Contract ID"],
        stage: Some("implementation"),
        process_wide: false,
    },
];
