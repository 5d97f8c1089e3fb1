//! The rule catalogue: every code the validator can report, with its severity, meaning, hint and
//! an example that triggers it.
//!
//! Codes are stable: once published, a code never changes meaning. A rule that is withdrawn
//! keeps its code reserved.

use serde::Serialize;

use crate::finding::Severity;

/// The layer of checks a rule belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Layer {
    /// Reading the input: JSON syntax.
    Parse,
    /// What kind of document the input is.
    Document,
    /// The PCDS JSON Schema.
    Schema,
    /// Codes from the standard's codelists.
    Codelist,
    /// Meaning: references, identifiers, dates, prices, care rules.
    Semantic,
    /// Privacy and disclosure for the publication level the data claims.
    Privacy,
    /// Compatibility with OCDS 1.1.5.
    Ocds,
    /// Reading a spreadsheet: the sheets, columns and cells of a workbook or CSV files that
    /// `pcds import` turns into releases. These rules are listed by the importer, not here.
    Spreadsheet,
}

impl Layer {
    /// The layer's name as printed.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Layer::Parse => "Parsing",
            Layer::Document => "Document kind",
            Layer::Schema => "JSON Schema",
            Layer::Codelist => "Codelists",
            Layer::Semantic => "Semantic rules",
            Layer::Privacy => "Privacy and disclosure",
            Layer::Ocds => "OCDS compatibility",
            Layer::Spreadsheet => "Spreadsheet import",
        }
    }
}

/// A change to a document: set the value at `pointer` to the JSON `value`, or remove it when
/// `value` is empty. Examples are written as patches to the validator's base document, the
/// valid release package [`BASE_DOCUMENT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Patch {
    /// A JSON pointer into the document.
    pub pointer: &'static str,
    /// The new value as JSON text, or `""` to remove the value.
    pub value: &'static str,
}

/// A rule of the validator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// The rule's stable code.
    pub code: &'static str,
    /// The severity of the rule's findings.
    pub severity: Severity,
    /// The layer the rule belongs to.
    pub layer: Layer,
    /// A short title.
    pub title: &'static str,
    /// What the rule checks and why it matters.
    pub description: &'static str,
    /// How to fix a finding.
    pub hint: &'static str,
    /// An example that triggers the rule: patches to the base document. Empty for rules about
    /// raw input (parse errors), whose example is `raw_example`.
    pub example: &'static [Patch],
    /// For rules about raw input: a whole input that triggers the rule.
    pub raw_example: &'static str,
}

/// The valid release package every rule's example patches: one placement process told in one
/// release, with a referral, an offer and a refusal, an award, an agreement called off a
/// framework, a fee uplift and an ending.
pub const BASE_DOCUMENT: &str = include_str!("base-package.json");

macro_rules! rules {
    ($( $name:ident = $code:literal, $severity:ident, $layer:ident, $title:literal,
        $description:literal, $hint:literal, [$( $pointer:literal => $value:literal ),*] $(, raw $raw:literal)?; )+) => {
        $(
            #[doc = concat!("`", $code, "`: ", $title, ".")]
            pub const $name: Rule = Rule {
                code: $code,
                severity: Severity::$severity,
                layer: Layer::$layer,
                title: $title,
                description: $description,
                hint: $hint,
                example: &[$( Patch { pointer: $pointer, value: $value } ),*],
                raw_example: rules!(@raw $($raw)?),
            };
        )+

        /// Every rule, in catalogue order.
        pub const ALL: &[Rule] = &[$( $name ),+];
    };
    (@raw) => { "" };
    (@raw $raw:literal) => { $raw };
}

rules! {
    PARSE_SYNTAX = "PCDS-PARSE-001", Error, Parse, "Not well-formed JSON",
        "The input is not well-formed JSON: a syntax error, an unexpected end of input, bytes that are not UTF-8, or text after the document. Nothing else in that part of the input (the whole input, or one release of a streamed package, named by the pointer) can be checked until it parses.",
        "Export the data with a JSON library rather than by joining strings; check the file was not cut short in transfer",
        [], raw "{\"releases\": [";
    PARSE_DUPLICATE_KEY = "PCDS-PARSE-002", Error, Parse, "Duplicate key",
        "An object has the same key twice. JSON readers disagree about which value wins, so the data means different things to different tools.",
        "Keep one value for the key",
        [], raw "{\"ocid\": \"ocds-pcdsex-a-1\", \"ocid\": \"ocds-pcdsex-a-2\"}";
    PARSE_TOO_DEEP = "PCDS-PARSE-003", Error, Parse, "Nested too deeply",
        "A part of the input (the whole input, or one release of a streamed package) nests arrays or objects more than 128 levels deep. No PCDS document is nested this deeply; such input is refused so that it cannot exhaust memory or the stack.",
        "Check the exporter for a runaway recursion",
        [], raw "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]";
    PARSE_NUMBER_RANGE = "PCDS-PARSE-004", Error, Parse, "Number out of range",
        "A number is too large to represent (beyond about 1.8e308). No amount, count or score in PCDS comes near this.",
        "Write amounts as plain decimals, e.g. `4250.50`",
        [], raw "{\"releases\": [{\"date\": 1e999}]}";
    PARSE_NUMBER_PRECISION = "PCDS-PARSE-005", Error, Parse, "Number more precise than a double",
        "A number has more significant digits than a 64-bit floating-point number (a double) holds, so JSON readers round it, and not all the same way: `940.000000000000000000000000000001` is read as the integer 940, and `12345678901234567890` as 12345678901234567000. No amount, count or score in PCDS needs more than 15 significant digits.",
        "Write amounts with at most two decimal places, and counts as plain integers",
        [], raw "{\"releases\": [{\"date\": 940.000000000000000000000000000001}]}";
    DOCUMENT_KIND = "PCDS-DOC-001", Error, Document, "Not a PCDS document",
        "The input is JSON but not a PCDS release package (an object with `releases`), record package (with `records`), release (with `ocid`), record (with `ocid` and `releases`), JSON array of releases, or JSON Lines of these.",
        "Publish releases inside a release package: an object with `uri`, `version`, `publishedDate`, `publisher` and `releases`",
        [], raw "[1, 2, 3]";

    SCHEMA_REQUIRED = "PCDS-SCHEMA-001", Error, Schema, "Required field missing",
        "A field the standard requires is absent.",
        "Add the field; the schema's description says what it holds",
        ["/releases/0/initiationType" => ""];
    DOCUMENT_VERSION = "PCDS-DOC-002", Warning, Document, "Written for another version of PCDS",
        "A package's `pcdsVersion` is not the version this validator checks (0.2). Fields and rules differ between versions: 0.1 data read as 0.2 fails for reasons that are not mistakes in the data.",
        "Run `pcds upgrade` on 0.1 data: it rewrites what it can and reports, with a code, what a person must decide",
        ["/pcdsVersion" => "\"0.1\""];
    SCHEMA_TYPE = "PCDS-SCHEMA-002", Error, Schema, "Wrong type",
        "A value has the wrong JSON type: for example a number written as a string, or a single object where a list is expected.",
        "Write the value with the type the schema gives, e.g. amounts as numbers without quotes",
        ["/releases/0/contracts/0/placement/weeklyPrice/weeklyTotal/amount" => "\"4250.00\""];
    SCHEMA_FORMAT = "PCDS-SCHEMA-003", Error, Schema, "Wrong format",
        "A value does not have the shape the standard requires: an ocid, GSS code or Ofsted URN of the wrong form, a date without a time and offset, or a malformed URI.",
        "Dates are RFC 3339 date-times such as `2025-03-14T17:45:00Z`; ocids start with `ocds-` and a six-character prefix",
        ["/releases/0/date" => "\"14/03/2025\""];
    SCHEMA_RANGE = "PCDS-SCHEMA-004", Error, Schema, "Out of range",
        "A number is outside the range the standard allows: for example a percentage (discount, weighting) below 0 or above 100, or a count of zero where at least one is needed.",
        "Percentages are written as numbers from 0 to 100: 5 means 5 %",
        ["/releases/0/tender/evaluation/priceWeighting" => "150"];
    SCHEMA_EMPTY = "PCDS-SCHEMA-005", Error, Schema, "Empty value",
        "A string is empty or a list has no items. PCDS omits a field rather than leaving it empty, so that absent always means not stated.",
        "Remove the field instead of writing an empty string or list",
        ["/releases/0/tender/title" => "\"\""];
    SCHEMA_OTHER = "PCDS-SCHEMA-006", Error, Schema, "Schema rule broken",
        "The document breaks another rule of the PCDS JSON Schema, such as a list that repeats an item or a value that matches none of the forms allowed.",
        "Compare the value with the field's definition in the schema",
        ["/releases/0/tag" => "[\"tender\", \"tender\"]"];
    SCHEMA_UNKNOWN_FIELD = "PCDS-SCHEMA-007", Warning, Schema, "Field not defined",
        "An object has a field that neither PCDS nor OCDS 1.1.5 defines there. Most often a misspelt optional field (`settingID` for `settingId`), which would otherwise be silently ignored by every reader. When the package declares `extensions`, the validator cannot know what they define (it never fetches them), so the finding is information, not a warning.",
        "Correct the spelling (the finding suggests the nearest defined field), or declare the extension that defines the field in the package's `extensions`",
        ["/releases/0/contracts/0/placement/settingID" => "\"SC900001\""];

    CODE_CLOSED = "PCDS-CODE-001", Error, Codelist, "Code not in closed codelist",
        "A field that takes a code from a closed codelist holds a code that is not in the list. Only listed codes are valid, so that every publisher's data compares.",
        "Use one of the listed codes; the finding suggests the nearest",
        ["/releases/0/contracts/0/placement/placementType" => "\"childrensHomes\""];
    CODE_OPEN = "PCDS-CODE-002", Warning, Codelist, "Code not in open codelist",
        "A field that takes a code from an open codelist holds a code that is not in the list. Other codes are allowed, but data using them compares less well.",
        "Use a listed code where one fits; the finding suggests the nearest",
        ["/releases/0/tender/referral/children/0/needs/0" => "\"missingEpisode\""];

    REF_SUPPLIER = "PCDS-REF-001", Error, Semantic, "Award supplier not in parties",
        "An award's supplier does not match the `id` of any entry in the release's `parties`, so readers cannot tell who was awarded.",
        "Add the provider to `parties`, or correct the supplier's `id`",
        ["/releases/0/awards/0/suppliers/0/id" => "\"GB-COH-99999999\""];
    REF_TENDERER = "PCDS-REF-002", Error, Semantic, "Bid tenderer not in parties",
        "An offer's or refusal's tenderer does not match any entry in `parties`.",
        "Add the provider to `parties`, or correct the tenderer's `id`",
        ["/releases/0/bids/details/1/tenderers/0/id" => "\"GB-COH-99999999\""];
    REF_SETTING_PROVIDER = "PCDS-REF-003", Error, Semantic, "Setting provider not in parties",
        "A setting's `providerId` does not match any entry in `parties`, so the setting has no known owner.",
        "Add the provider to `parties`, or correct `providerId`",
        ["/releases/0/settings/0/providerId" => "\"GB-COH-99999999\""];
    REF_AWARD_ID = "PCDS-REF-004", Error, Semantic, "Contract awardID matches no award",
        "An agreement's `awardID` does not match the `id` of an award in the same release.",
        "Publish the award with the agreement, or correct `awardID`",
        ["/releases/0/contracts/0/awardID" => "\"award-9\""];
    REF_FRAMEWORK = "PCDS-REF-005", Error, Semantic, "Call-off without its framework",
        "A placement says it was called off a framework or DPS (procurement route `frameworkCallOff` or `dpsMiniCompetition`) but `relatedProcesses` has no entry with relationship `framework` and scheme `ocid`, so the framework's prices and terms cannot be found.",
        "Add a related process: relationship `[\"framework\"]`, scheme `ocid`, identifier the framework's ocid",
        ["/releases/0/relatedProcesses" => ""];
    REF_PARTY = "PCDS-REF-006", Error, Semantic, "Party reference does not resolve",
        "A reference to an organisation (the buyer, the procuring entity, a provider contacted, a payer, payee or funder) does not match any entry in `parties`.",
        "Add the organisation to `parties`, or correct the reference's `id`",
        ["/releases/0/buyer/id" => "\"GB-LAE-XXX\""];
    REF_SETTING = "PCDS-REF-007", Error, Semantic, "Setting reference does not resolve",
        "An Ofsted URN used by an offer, a placement, a block contract or an admission is not in the release's `settings`.",
        "Add the setting to `settings`, or correct the URN",
        ["/releases/0/contracts/0/placement/settingId" => "\"SC999999\""];
    REF_BID = "PCDS-REF-008", Error, Semantic, "Award accepts an unknown offer",
        "An award's `relatedBids` names an offer that is not in `bids.details`.",
        "Publish the offer, or correct the id",
        ["/releases/0/awards/0/relatedBids/0" => "\"bid-9\""];
    REF_DISCOUNT = "PCDS-REF-009", Error, Semantic, "Applied discount refers to no committed discount",
        "A discount taken off a price names a `discountId` that is not among the discounts the agreement or price schedule commits to.",
        "Correct `discountId`, or list the discount in the agreement's `discounts`",
        ["/releases/0/contracts/0/placement/weeklyPrice/discounts/0/discountId" => "\"discount-9\""];

    GROUP_CHILD_UNKNOWN = "PCDS-GROUP-001", Error, Semantic, "Agreement for a child the referral does not describe",
        "An agreement's `childKeys` names a key that no child of the process's referral has (in any release of the input), so nobody can tell which child the placement is for, or count children placed. Checked when the input holds the process's referral.",
        "Use the `key` the referral gave the child, e.g. `child-1`",
        ["/releases/0/contracts/0/placement/childKeys/0" => "\"child-9\""];
    GROUP_PRICE_UNIT = "PCDS-GROUP-002", Error, Semantic, "Price for several children without its unit",
        "An agreement covers more than one child but does not say whether its weekly price is each child's (`perChild`) or the whole group's (`perGroup`). Read one way the group costs twice what it costs read the other.",
        "Set `priceUnit` to `perChild` or `perGroup`",
        ["/releases/0/tender/referral/children/1" => "{\"key\": \"child-2\", \"ageBand\": \"10to15\"}",
         "/releases/0/contracts/0/placement/childKeys/1" => "\"child-2\""];
    GROUP_CHILD_PRICES = "PCDS-GROUP-003", Error, Semantic, "Children's shares do not match the group price",
        "An agreement's `childPrices` do not add up to its weekly total, name a child the agreement is not for, or are given for a price that is not `perGroup`.",
        "Split the group's weekly total into shares that add up to it, one for each of `childKeys`",
        ["/releases/0/contracts/0/placement/childPrices" => "[{\"childKey\": \"child-1\", \"weeklyTotal\": {\"amount\": 4000, \"currency\": \"GBP\"}}]"];
    GROUP_HOUSEHOLD = "PCDS-GROUP-004", Warning, Semantic, "Children in foster care together without a household",
        "A foster care agreement covers more than one child but gives no `householdKey`, so readers cannot tell that the children share one home.",
        "Give the foster household a key of your own, e.g. `household-17`: never a carer's name or approval number",
        ["/releases/0/tender/referral/children/1" => "{\"key\": \"child-2\", \"ageBand\": \"10to15\"}",
         "/releases/0/contracts/0/placement/childKeys/1" => "\"child-2\"",
         "/releases/0/contracts/0/placement/priceUnit" => "\"perGroup\"",
         "/releases/0/contracts/0/placement/placementType" => "\"fosterCare\""];

    ID_DUPLICATE = "PCDS-ID-001", Error, Semantic, "Duplicate id",
        "Two entries of the same list (parties, settings, awards, contracts, offers, amendments, …) have the same `id`, so references to it are ambiguous.",
        "Give every entry of a list its own id",
        ["/releases/0/bids/details/1/id" => "\"bid-1\""];
    ID_RELEASE_REPEATED = "PCDS-ID-002", Error, Semantic, "Release id repeated",
        "Two releases with the same ocid have the same release `id`. A release id is written once; a changed release needs a new id.",
        "Give each release of a process its own id, e.g. the ocid and a sequence number",
        ["/releases/1" => "{\"ocid\": \"ocds-pcdsex-base-0001\", \"id\": \"ocds-pcdsex-base-0001-01\", \"date\": \"2026-10-02T09:00:00Z\", \"tag\": [\"implementationUpdate\"], \"initiationType\": \"tender\", \"processType\": \"placement\"}"];

    DATE_PERIOD = "PCDS-DATE-001", Error, Semantic, "Period ends before it starts",
        "A period's `endDate` is before its `startDate`.",
        "Check the two dates have not been swapped",
        ["/releases/0/contracts/0/period/endDate" => "\"2025-01-01T00:00:00Z\""];
    DATE_ORDER = "PCDS-DATE-002", Error, Semantic, "Lifecycle dates out of order",
        "Events of a process are dated in an impossible order: an offer before the referral was sent, an award before the offer it accepts, a placement ending before it started, notice given after the last day, or a release dated before an event it reports.",
        "Check the dates and their time zones",
        ["/releases/0/contracts/0/ending/date" => "\"2025-03-01T10:00:00Z\""];

    PRICE_SUM = "PCDS-PRICE-001", Error, Semantic, "Price breakdown does not add up",
        "The weekly equivalents of the core fee and additional services, less the discounts, do not equal the weekly total (to the penny).",
        "Recompute the weekly total, or add the missing service or discount",
        ["/releases/0/contracts/0/placement/weeklyPrice/weeklyTotal/amount" => "5000"];
    PRICE_HOURLY = "PCDS-PRICE-002", Error, Semantic, "Hourly price without hours",
        "A price stated per hour does not say how many hours a week are bought (`unitsPerWeek`), so it has no weekly equivalent.",
        "Add `unitsPerWeek`, e.g. 20 for twenty hours of 1:1 staffing a week",
        ["/releases/0/contracts/0/placement/weeklyPrice/additionalServices/0/price/basis" => "\"perHour\"",
         "/releases/0/contracts/0/placement/weeklyPrice/additionalServices/0/price/unitsPerWeek" => ""];
    PRICE_DISCOUNT_SIZE = "PCDS-PRICE-003", Error, Semantic, "Discount without a size",
        "A committed discount gives neither a `percentage` nor an `amount`.",
        "State the discount as a percentage (5 for 5 %) or as an amount",
        ["/releases/0/contracts/0/placement/discounts/1/percentage" => ""];
    PRICE_DISCOUNT_START = "PCDS-PRICE-004", Error, Semantic, "Discount without a starting point",
        "A committed discount does not say when it applies: `appliesFrom` has no condition.",
        "Say when it applies, e.g. `afterMonths: 9` for \"from day one of the tenth month\"",
        ["/releases/0/contracts/0/placement/discounts/0/appliesFrom" => "{}"];
    PRICE_IMPLAUSIBLE = "PCDS-PRICE-005", Warning, Semantic, "Implausible weekly price",
        "A weekly price is outside a plausible range for a placement (under £100 or over £40,000 a week). Often a monthly or annual figure entered as weekly, or pence entered as pounds.",
        "Check the amount and its `basis`",
        ["/releases/0/contracts/0/placement/weeklyPrice/coreFee/value/amount" => "425000",
         "/releases/0/contracts/0/placement/weeklyPrice/weeklyTotal/amount" => "425150"];
    PRICE_WEIGHTING = "PCDS-PRICE-006", Error, Semantic, "Weightings do not add up to 100",
        "The price and quality weightings of an evaluation do not add up to 100 %, or its quality criteria's weightings do not.",
        "Make the price and quality weightings add up to 100",
        ["/releases/0/tender/evaluation/priceWeighting" => "60"];
    PRICE_VALUE_MISMATCH = "PCDS-PRICE-007", Error, Semantic, "Value differs from its breakdown",
        "An offer's `value` differs from the weekly total of its own `priceBreakdown`.",
        "Make `value` the breakdown's weekly total",
        ["/releases/0/bids/details/0/value/amount" => "4000"];
    PRICE_FUNDING = "PCDS-PRICE-008", Error, Semantic, "Funding shares do not add up",
        "The weekly amounts of the funding contributions do not add up to the weekly total.",
        "Correct the shares so that social care, education and health together pay the weekly total",
        ["/releases/0/contracts/0/placement/weeklyPrice/fundingContributions/0/weeklyAmount/amount" => "100"];
    PRICE_FEE_CHANGE = "PCDS-PRICE-009", Warning, Semantic, "Fee change contradicts its type",
        "An amendment says the fee rose (`uplift`) but the new weekly total is not above the previous one, or says it fell (`reduction`) but it is not below.",
        "Check the type of the change and the two totals",
        ["/releases/0/contracts/0/amendments/0/feeChange/newWeeklyTotal/amount" => "4000"];
    PRICE_CHANGE_TERMS = "PCDS-PRICE-010", Error, Semantic, "Uplift or reduction without its percentage and base",
        "A fee change of type `uplift` or `reduction` does not state its `percentage` and the part of the price it applies to (`appliesTo`), so the change cannot be compared with other councils' uplifts.",
        "Add `percentage` (3 for 3 %) and `appliesTo` (`coreFee`, `coreAndServices` or `discountedTotal`)",
        ["/releases/0/contracts/0/amendments/0/feeChange/percentage" => ""];
    PRICE_CHANGE_PERCENTAGE = "PCDS-PRICE-011", Error, Semantic, "Fee change is not its stated percentage",
        "The change in the part of the price a fee change applies to is not its stated percentage of that part's previous weekly amount (to the penny).",
        "Correct the percentage or the new weekly total",
        ["/releases/0/contracts/0/amendments/0/feeChange/percentage" => "4"];
    PRICE_HISTORY = "PCDS-PRICE-012", Error, Semantic, "Fee change breaks the price history",
        "A fee change's `previousWeeklyTotal` is not the weekly price in force the moment before it took effect (the starting price, or the previous change's new total, in order of `effectiveDate`), or its `newWeeklyPrice` breakdown does not total `newWeeklyTotal`. The weekly price on a date would then depend on which number a reader believes.",
        "Chain the changes: each starts from the total the previous one set. Never rewrite the agreement's starting `weeklyPrice`",
        ["/releases/0/contracts/0/amendments/0/feeChange/previousWeeklyTotal/amount" => "4300"];
    PRICE_DISCOUNT_PERCENTAGE = "PCDS-PRICE-013", Error, Semantic, "Discount is not its stated percentage",
        "A discount taken off a price states a percentage (itself, or through the committed discount it applies) but its weekly amount is not that percentage of its base, to the penny: the core fee's weekly equivalent, or the core fee and services where the committed discount's `appliesTo` says `coreAndServices`.",
        "Make `weeklyAmount` the percentage of its base, or state the base in the committed discount's `appliesTo`",
        ["/releases/0/contracts/0/placement/weeklyPrice/discounts/0/percentage" => "2"];
    PRICE_DISCOUNT_EARLY = "PCDS-PRICE-014", Error, Semantic, "Discount applied before it starts",
        "A committed discount that starts after a time (`afterMonths`, `afterWeeks`, or a `fromDate` after the agreement's start) is taken off the starting price, or a fee change starts it before its condition is met.",
        "Leave it out of the starting price, and record it with a fee change triggered `discountStarting`, effective when the condition is met",
        ["/releases/0/contracts/0/placement/weeklyPrice/discounts/0/discountId" => "\"discount-2\""];
    PRICE_REWRITTEN = "PCDS-PRICE-016", Error, Semantic, "Starting price rewritten",
        "A release gives an agreement a different starting `weeklyPrice` from an earlier release of the same process. The starting price is never rewritten: a change is a fee change amendment, so that the weekly price on every date keeps one answer.",
        "Keep the agreement's `weeklyPrice` as first agreed, and record the change as an amendment with a `feeChange` (and its `newWeeklyPrice`)",
        ["/releases/1" => "{\"ocid\": \"ocds-pcdsex-base-0001\", \"id\": \"ocds-pcdsex-base-0001-02\", \"date\": \"2026-10-02T09:00:00Z\", \"tag\": [\"contractAmendment\"], \"initiationType\": \"tender\", \"processType\": \"placement\", \"contracts\": [{\"id\": \"ipa-1\", \"awardID\": \"award-1\", \"agreementType\": \"individualPlacementAgreement\", \"placement\": {\"placementType\": \"childrensHome\", \"procurementRoute\": \"spotPurchase\", \"childKeys\": [\"child-1\"], \"weeklyPrice\": {\"coreFee\": {\"value\": {\"amount\": 4532, \"currency\": \"GBP\"}, \"basis\": \"perWeek\"}, \"weeklyTotal\": {\"amount\": 4532, \"currency\": \"GBP\"}}}}]}"];
    PRICE_BASIS = "PCDS-PRICE-017", Warning, Semantic, "Agreement without its level of need or price line",
        "An individual placement agreement does not state the level of need it is priced for (`needLevel`), or a framework call-off does not name the line of the provider's framework price schedule it was priced from (`priceScheduleLineId`), so its price cannot be compared with like placements or with the framework's prices.",
        "Add `needLevel`, and for a call-off `priceScheduleLineId`: the `id` of the `corePrices` entry",
        ["/releases/0/contracts/0/placement/priceScheduleLineId" => ""];
    PRICE_REVIEW_PERCENTAGE = "PCDS-PRICE-015", Error, Semantic, "Fixed-percentage review without its percentage",
        "Fee review terms say the fee rises by a fixed percentage but do not state it.",
        "Add `percentage` to the fee review terms",
        ["/releases/0/contracts/0/placement/feeReview/mechanism" => "\"fixedPercentage\""];

    BLOCK_PLACES = "PCDS-BLOCK-001", Error, Semantic, "More places empty or filled than reserved",
        "A void of a block or cost-and-volume contract has more empty places, or an occupancy entry more filled places, than the contract reserves.",
        "Check the number of places, or the contract's `reservedPlaces`",
        ["/releases/0/contracts/1" => "{\"id\": \"block-1\", \"awardID\": \"award-1\", \"agreementType\": \"blockContract\", \"period\": {\"startDate\": \"2025-04-01T00:00:00+01:00\", \"endDate\": \"2026-03-31T23:59:59+01:00\"}, \"block\": {\"placementType\": \"childrensHome\", \"reservedPlaces\": 2, \"pricePerPlace\": {\"value\": {\"amount\": 4850, \"currency\": \"GBP\"}, \"basis\": \"perWeek\"}, \"voidTerms\": {\"paymentPercentage\": 80, \"costing\": \"perDay\"}, \"voids\": [{\"id\": \"void-1\", \"period\": {\"startDate\": \"2025-05-01T00:00:00+01:00\", \"endDate\": \"2025-05-14T23:59:59+01:00\"}, \"places\": 3}]}}"];
    BLOCK_PERIOD = "PCDS-BLOCK-002", Error, Semantic, "Void or occupancy outside the contract",
        "A void or occupancy period starts before the contract starts or ends after its furthest end (`maxExtentDate`, or `endDate`), so it cannot be paid under the contract.",
        "Check the dates of the period and of the contract",
        ["/releases/0/contracts/1" => "{\"id\": \"block-1\", \"awardID\": \"award-1\", \"agreementType\": \"blockContract\", \"period\": {\"startDate\": \"2025-04-01T00:00:00+01:00\", \"endDate\": \"2026-03-31T23:59:59+01:00\"}, \"block\": {\"placementType\": \"childrensHome\", \"reservedPlaces\": 2, \"pricePerPlace\": {\"value\": {\"amount\": 4850, \"currency\": \"GBP\"}, \"basis\": \"perWeek\"}, \"voidTerms\": {\"paymentPercentage\": 80, \"costing\": \"perDay\"}, \"voids\": [{\"id\": \"void-1\", \"period\": {\"startDate\": \"2026-03-20T00:00:00Z\", \"endDate\": \"2026-04-10T23:59:59+01:00\"}, \"places\": 1}]}}"];
    BLOCK_VOID_DAYS = "PCDS-BLOCK-003", Warning, Semantic, "Void length differs from its dates",
        "A void's `durationInDays` is not the number of calendar days from its first to its last day (both included), so its cost depends on which a reader believes.",
        "Make `durationInDays` the days from `startDate` to `endDate`, counting both, or leave it out",
        ["/releases/0/contracts/1" => "{\"id\": \"block-1\", \"awardID\": \"award-1\", \"agreementType\": \"blockContract\", \"period\": {\"startDate\": \"2025-04-01T00:00:00+01:00\", \"endDate\": \"2026-03-31T23:59:59+01:00\"}, \"block\": {\"placementType\": \"childrensHome\", \"reservedPlaces\": 2, \"pricePerPlace\": {\"value\": {\"amount\": 4850, \"currency\": \"GBP\"}, \"basis\": \"perWeek\"}, \"voidTerms\": {\"paymentPercentage\": 80, \"costing\": \"perDay\"}, \"voids\": [{\"id\": \"void-1\", \"period\": {\"startDate\": \"2025-05-01T00:00:00+01:00\", \"endDate\": \"2025-05-14T23:59:59+01:00\", \"durationInDays\": 13}, \"places\": 1}]}}"];

    PUB_OCID_PREFIX = "PCDS-PUB-001", Error, Semantic, "Mixed ocid prefixes",
        "Releases in one dataset use more than one ocid prefix. A publisher uses one prefix, so that ocids are unique across publishers.",
        "Use your registered prefix for every ocid",
        ["/releases/1" => "{\"ocid\": \"ocds-other1-base-0002\", \"id\": \"ocds-other1-base-0002-01\", \"date\": \"2026-10-02T09:00:00Z\", \"tag\": [\"planning\"], \"initiationType\": \"tender\", \"processType\": \"placement\"}"];

    CARE_SUPPORTED_AGE = "PCDS-CARE-001", Error, Semantic, "Supported accommodation for a child under 16",
        "A referral seeks supported accommodation for a child not in the 16 to 17 age band. Supported accommodation (SSDA903 K3) may only be used for young people aged 16 or 17.",
        "Seek a placement type registered for the child's age",
        ["/releases/0/tender/referral/placementTypesSought/0" => "\"supportedAccommodation\""];
    CARE_PROVIDER_STATUS = "PCDS-CARE-002", Error, Semantic, "Provider status contradicts its history",
        "A framework admission's `status` is not the status of the latest entry in its `statusHistory` that applies to the whole provider (one without a `settingId`).",
        "Set `status` to the latest status, or add the missing history entry",
        ["/releases/0/awards/0/admission" => "{\"status\": \"suspended\", \"statusHistory\": [{\"date\": \"2025-03-15T10:00:00Z\", \"status\": \"admitted\"}]}"];
    CARE_ENDED_ACTIVE = "PCDS-CARE-003", Warning, Semantic, "Ended placement still active",
        "An agreement records an ending but its status is not `terminated`.",
        "Set the contract's `status` to `terminated` in the release that records the ending",
        ["/releases/0/contracts/0/status" => "\"active\""];
    CARE_RESPONSE = "PCDS-CARE-004", Warning, Semantic, "Response lacks its essentials",
        "An offer gives no weekly price (`value`), or a refusal gives no `refusalReason`: the two facts commissioners most need from a response.",
        "Give the offer's weekly price, or the refusal's reason",
        ["/releases/0/bids/details/1/refusalReason" => ""];

    FRAME_TIER = "PCDS-FRAME-001", Error, Semantic, "Tier not declared",
        "An admission names a tier that is neither a common tier (`preferred`, `reservePreferred`, `other`) nor declared in the framework's `tender.tiers` in any release of the process.",
        "Declare the tier in `tender.tiers`, or use a common tier",
        ["/releases/0/awards/1" => "{\"id\": \"award-2\", \"suppliers\": [{\"id\": \"GB-COH-00000101\"}], \"admission\": {\"status\": \"admitted\", \"statusHistory\": [{\"date\": \"2025-03-15T10:00:00Z\", \"status\": \"admitted\"}], \"tier\": \"gold\"}}"];
    FRAME_SETTING_STATUS = "PCDS-FRAME-002", Error, Semantic, "Status change for a setting not admitted",
        "An entry of an admission's `statusHistory` names a setting that is not one of the admission's `settingIds`.",
        "Add the setting to `settingIds`, or correct the URN",
        ["/releases/0/awards/1" => "{\"id\": \"award-2\", \"suppliers\": [{\"id\": \"GB-COH-00000101\"}], \"admission\": {\"status\": \"admitted\", \"statusHistory\": [{\"date\": \"2025-03-15T10:00:00Z\", \"status\": \"admitted\"}, {\"date\": \"2025-06-01T10:00:00Z\", \"status\": \"suspended\", \"settingId\": \"SC900001\"}]}}"];
    FRAME_INSPECTION = "PCDS-FRAME-003", Error, Semantic, "Status change names an unknown inspection",
        "An entry of an admission's `statusHistory` says an inspection caused it (`inspectionDate`) but its setting has no inspection on that date in `settings`, or the entry names no setting.",
        "Add the inspection to the setting's `inspections`, or correct the date",
        ["/releases/0/awards/1" => "{\"id\": \"award-2\", \"suppliers\": [{\"id\": \"GB-COH-00000101\"}], \"admission\": {\"status\": \"admitted\", \"settingIds\": [\"SC900001\"], \"statusHistory\": [{\"date\": \"2025-03-15T10:00:00Z\", \"status\": \"admitted\"}, {\"date\": \"2025-06-01T10:00:00Z\", \"status\": \"suspended\", \"settingId\": \"SC900001\", \"inspectionDate\": \"2025-05-01T00:00:00Z\"}]}}"];
    FRAME_BELOW_MINIMUM = "PCDS-FRAME-004", Warning, Semantic, "Admitted setting below the framework's minimum",
        "A setting of an active admission has a latest Ofsted judgement below the lowest the framework's qualification criteria allow, and no later status change suspends or excludes it.",
        "Record the setting's suspension in `statusHistory` (with its `settingId` and the `inspectionDate`), or check the judgement",
        ["/releases/0/tender/qualificationCriteria" => "[{\"id\": \"ofsted\", \"title\": \"Ofsted judgement\", \"type\": \"passFail\", \"minimumOfstedJudgement\": \"outstanding\"}]",
         "/releases/0/awards/1" => "{\"id\": \"award-2\", \"suppliers\": [{\"id\": \"GB-COH-00000101\"}], \"admission\": {\"status\": \"admitted\", \"settingIds\": [\"SC900001\"], \"statusHistory\": [{\"date\": \"2025-03-15T10:00:00Z\", \"status\": \"admitted\"}]}}"];
    FRAME_TECHNIQUES = "PCDS-FRAME-005", Warning, Semantic, "Framework without its OCDS techniques",
        "A release of a framework or DPS process does not say so in the OCDS techniques fields (`tender.techniques.hasFrameworkAgreement` or `hasDynamicPurchasingSystem`), as England's central procurement platform does, so OCDS tools and a join with the council's notice there miss that it is one.",
        "Set `tender.techniques.hasFrameworkAgreement: true` (and `frameworkAgreement.method`), or `hasDynamicPurchasingSystem: true` for a DPS",
        ["/releases/0/processType" => "\"framework\"",
         "/releases/0/tender/techniques" => "{\"hasDynamicPurchasingSystem\": true}"];

    EVAL_SCORE_MAXIMUM = "PCDS-EVAL-001", Error, Semantic, "Score above its maximum",
        "An offer's score on a criterion is above the criterion's stated `maximum`, or its total score is above 100 (or the evaluation's `totalPoints`).",
        "Correct the score or the maximum",
        ["/releases/0/bids/details/0/scores/0/score" => "11"];
    EVAL_RANK = "PCDS-EVAL-002", Error, Semantic, "Two responses share a rank",
        "Two responses to one referral have the same `rank`, for example both ranked first, so the order of preference is unknown.",
        "Give each ranked offer its own rank",
        ["/releases/0/bids/details/1/rank" => "1"];
    EVAL_POINTS = "PCDS-EVAL-004", Error, Semantic, "Criteria maxima do not add up to the total",
        "A points model states its `totalPoints`, but its criteria's `maximumPoints` do not add up to it, or a criterion states none. The model must say what each criterion is worth.",
        "Give every criterion its `maximumPoints`, adding up to `totalPoints`",
        ["/releases/0/tender/evaluation/totalPoints" => "120"];
    EVAL_TOTAL = "PCDS-EVAL-005", Error, Semantic, "Total score is not the sum of the weighted scores",
        "Every score of an offer states its `weightedScore`, but they do not add up to the offer's `totalScore` (to a hundredth of a point).",
        "Make `totalScore` the sum of the weighted scores",
        ["/releases/0/bids/details/0/scores/0/weightedScore" => "70"];
    EVAL_CHOICE_MARGIN = "PCDS-EVAL-003", Error, Semantic, "Parent or carer choice outside the margin",
        "An award made by parent or carer choice puts an offer to the parents or carers (or accepts one) whose total score is not within the evaluation's `choiceMargin` of the best, or puts more offers than `maximumChoices`.",
        "Put to parents or carers only offers within the margin of the best score",
        ["/releases/0/tender/evaluation/choiceMargin" => "5",
         "/releases/0/bids/details/2" => "{\"id\": \"bid-3\", \"date\": \"2025-03-14T19:00:00Z\", \"tenderers\": [{\"id\": \"GB-CHC-0000202\"}], \"response\": \"offer\", \"value\": {\"amount\": 4300, \"currency\": \"GBP\"}, \"totalScore\": 95, \"rank\": 2}",
         "/releases/0/awards/0/selection" => "{\"basis\": \"parentCarerChoice\", \"bidsPutToParentsOrCarers\": [\"bid-1\", \"bid-3\"]}"];

    PRIV_EMAIL = "PCDS-PRIV-001", Error, Privacy, "Email address in free text",
        "A free-text field holds something that looks like an email address. Email addresses identify people and never belong in PCDS data.",
        "Remove the address; refer to roles (\"the placement officer\"), not people",
        ["/releases/0/tender/description" => "\"Contact jo.bloggs@example.org for details\""];
    PRIV_PHONE = "PCDS-PRIV-002", Error, Privacy, "Phone number in free text",
        "A free-text field holds something that looks like a UK phone number.",
        "Remove the number",
        ["/releases/0/tender/description" => "\"Call 07700 900123 after 6pm\""];
    PRIV_POSTCODE = "PCDS-PRIV-003", Error, Privacy, "Postcode or address in free text",
        "A free-text field holds something that looks like a UK postcode or a street address (a house or flat number and a street, such as \"14 Acacia Road\"). PCDS never carries a postcode or an address: a child's home or a children's home could be located from it.",
        "Give a council area (GSS code) or distance band instead",
        ["/releases/0/tender/description" => "\"Placement near B15 2TT preferred\""];
    PRIV_DATE_OF_BIRTH = "PCDS-PRIV-004", Error, Privacy, "Date of birth in free text",
        "A free-text field holds something that looks like a date of birth: a date next to \"DOB\", \"born\" or \"date of birth\", or a full date that is not a placement, contract or inspection date and sits right after a child (\"girl, 02/03/2014\"), right next to an age, or five to seventeen years before the other dates of a text about a child.",
        "Remove it; the child's age band is in `referral.children`",
        ["/releases/0/tender/description" => "\"Young person (DOB 04/07/2011) needs a placement\""];
    PRIV_NHS_NUMBER = "PCDS-PRIV-005", Error, Privacy, "NHS number in free text",
        "A free-text field holds a ten-digit number with a valid NHS number check digit.",
        "Remove it",
        ["/releases/0/tender/description" => "\"Health ref 943 476 5919\""];
    PRIV_UPN = "PCDS-PRIV-006", Error, Privacy, "Unique pupil number in free text",
        "A free-text field holds something shaped like a unique pupil number (a letter and twelve digits).",
        "Remove it",
        ["/releases/0/tender/description" => "\"School record A123456789012 attached\""];
    PRIV_NAME = "PCDS-PRIV-007", Warning, Privacy, "Personal name in free text",
        "A free-text field seems to name a person: a title such as \"Mr\" or \"Ms\" before a capitalised word, \"name:\" followed by words, or a given name and a surname from public name lists (\"Sam Taylor\", \"Taylor, Sam\"), or a given name after a word for a person (\"foster carer Sam\"). Names identify children and families.",
        "Describe roles, not people: \"the child\", \"the foster carer\"",
        ["/releases/0/tender/description" => "\"Referral made by Ms Holloway\""];
    PRIV_FIELD_NAME = "PCDS-PRIV-008", Error, Privacy, "Field for personal data",
        "A field the standard does not define has a name that suggests personal data (a name or initials, date of birth, address or house number, postcode, NHS number, UPN, email or phone). PCDS has no such field by design.",
        "Remove the field",
        ["/releases/0/tender/referral/children/0/dateOfBirth" => "\"2011-07-04\""];
    PRIV_OPEN_CHILD = "PCDS-PRIV-009", Error, Privacy, "Child-level detail in open data",
        "A package published as `open` describes a child beyond their age band: needs, level of need, category of need or legal status. These are for partnership data only.",
        "Remove the detail, or publish the package as `partnership`",
        ["/publicationLevel" => "\"open\""];
    PRIV_RARE_COMBINATION = "PCDS-PRIV-010", Warning, Privacy, "Rare combination of child attributes",
        "Fewer than three children in the dataset share this combination of age band, home council, needs and legal status, so the combination could single a child out. The rule judges a dataset: it runs on an input that describes at least ten children (`--rare-combination-minimum` sets another minimum, 1 for a file that is a whole dataset however small), and a smaller input's report says it was not judged rather than passing it in silence.",
        "Coarsen or drop an attribute before sharing the data more widely",
        ["/releases/0/tender/referral/children" => "[{\"key\": \"child-1\", \"ageBand\": \"10to15\", \"needs\": [\"missingEpisodes\"]}, {\"key\": \"child-2\", \"ageBand\": \"10to15\", \"needs\": [\"missingEpisodes\"]}, {\"key\": \"child-3\", \"ageBand\": \"10to15\", \"needs\": [\"missingEpisodes\"]}, {\"key\": \"child-4\", \"ageBand\": \"10to15\", \"needs\": [\"missingEpisodes\"]}, {\"key\": \"child-5\", \"ageBand\": \"10to15\", \"needs\": [\"missingEpisodes\"]}, {\"key\": \"child-6\", \"ageBand\": \"10to15\", \"needs\": [\"missingEpisodes\"]}, {\"key\": \"child-7\", \"ageBand\": \"10to15\", \"needs\": [\"missingEpisodes\"]}, {\"key\": \"child-8\", \"ageBand\": \"10to15\", \"needs\": [\"missingEpisodes\"]}, {\"key\": \"child-9\", \"ageBand\": \"10to15\", \"needs\": [\"missingEpisodes\"]}, {\"key\": \"child-10\", \"ageBand\": \"16to17\", \"needs\": [\"youthJustice\"]}]"];

    OCDS_FIELD = "PCDS-OCDS-001", Error, Ocds, "Invalid OCDS field",
        "A field that PCDS does not define but OCDS 1.1.5 does has a value OCDS forbids (for example `planning` that is not an object, or `items` without ids), so OCDS tools would reject the data.",
        "Give the field the shape OCDS 1.1.5 defines, or remove it",
        ["/releases/0/planning" => "\"none\""];
    OCDS_CODE = "PCDS-OCDS-002", Error, Ocds, "Code not in closed OCDS codelist",
        "A field that PCDS does not define but OCDS does holds a code outside its closed OCDS codelist (for example a milestone status).",
        "Use a code from the OCDS 1.1.5 codelist",
        ["/releases/0/tender/milestones" => "[{\"id\": \"m1\", \"status\": \"done\"}]"];
}

pub mod spreadsheet;

/// Looks a rule up by its code, case-insensitively: a rule of the validator, or of the
/// spreadsheet importer ([`spreadsheet::ALL`]).
#[must_use]
pub fn find(code: &str) -> Option<&'static Rule> {
    ALL.iter()
        .chain(spreadsheet::ALL)
        .find(|rule| rule.code.eq_ignore_ascii_case(code))
}

pub use crate::catalogue::{PAGE as CATALOGUE_PAGE, markdown as catalogue_markdown};
