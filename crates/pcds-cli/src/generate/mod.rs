//! Generates large, realistic, valid synthetic PCDS data for benchmarks and load tests.
//!
//! Every release tells part of a placement process: a referral sent to providers, the offers
//! and refusals that come back, the offer chosen, the placement agreement, a fee uplift or a
//! change of services, and the ending. Councils are real (GSS codes, DfE numbers); providers,
//! their Companies House and Charity Commission numbers and their settings' Ofsted URNs
//! (`SC9xxxxx`) are fictional; children appear only as coded, coarse attributes. The ocid prefix
//! is `ocds-pcdsgn`.
//!
//! What it is for: data at any scale that passes validation, so that the validator can be
//! measured on realistic input, and, with a planted effect, data whose answer is known, so that
//! an analysis can be checked against it. What it is not for: examples that teach the standard
//! (see `examples/`) or statistics about the real market; prices and proportions are plausible,
//! not sampled.
//!
//! The one effect that can be planted is a Friday afternoon premium
//! ([`GenerateOptions::friday_premium`], `pcds generate --friday-premium PCT`): every offer made
//! to a referral sent on a Friday at or after 12:00 UK time has its core fee raised by a known
//! percentage, and the award, the agreement and any later fee change follow from the raised
//! price. Without it the output is exactly what it has always been for a seed.
//!
//! ```
//! use pcds_cli::generate::{GenerateOptions, release_package};
//!
//! let mut bytes = Vec::new();
//! let options = GenerateOptions::new(3, 1);
//! let written = release_package(&options, &mut bytes).unwrap();
//! assert_eq!(written, bytes.len() as u64);
//! let package: pcds::ReleasePackage = serde_json::from_slice(&bytes).unwrap();
//! assert_eq!(package.releases.len(), 3);
//!
//! // The same processes, with offers to Friday afternoon referrals 15% dearer.
//! let planted = GenerateOptions {
//!     friday_premium: Some(15),
//!     ..GenerateOptions::new(3, 1)
//! };
//! let mut with_premium = Vec::new();
//! release_package(&planted, &mut with_premium).unwrap();
//! ```

use std::io::{self, BufWriter, Write};

use pcds::codelists::PublicationLevel;
use pcds::{AdditionalFields, PackageMetadata, Publisher};
use serde::Serialize;
use serde_json::ser::PrettyFormatter;

mod agreement;
mod data;
mod offers;
mod parts;
mod plan;
#[cfg(test)]
mod premium_tests;
mod stories;
mod time;

use parts::invalid;
use stories::Story;

/// Settings for a generated dataset: how many releases, from which seed, and whether to plant
/// a Friday afternoon price premium.
///
/// [`GenerateOptions::new`] gives a dataset without a planted effect; set
/// [`friday_premium`](GenerateOptions::friday_premium) to plant one. The [`Default`] is the
/// `pcds generate` default: 1,000 releases from seed 1, nothing planted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenerateOptions {
    /// How many releases to write.
    pub releases: u64,
    /// The seed: the same seed always gives the same bytes.
    pub seed: u64,
    /// A planted effect for analysis: the percentage (1 to 100) by which every offer made in a
    /// process whose referral went out (`tender.tenderPeriod.startDate`) on a Friday at or after
    /// 12:00 UK local time is dearer. It raises the offer's core fee, rounded to the penny (half
    /// away from zero); additional services keep their rates, and the sibling discount, the
    /// weekly total, the funding shares, the choice among the offers, the award value, the
    /// agreement's weekly price and any later fee change all follow from the raised fee. The
    /// seed gives the same processes with or without it: only those prices, and what depends on
    /// them, differ. `None` plants nothing, and the output is byte for byte what it would be
    /// without this option.
    pub friday_premium: Option<u32>,
}

impl GenerateOptions {
    /// `releases` releases from `seed`, with nothing planted.
    #[must_use]
    pub fn new(releases: u64, seed: u64) -> Self {
        GenerateOptions {
            releases,
            seed,
            friday_premium: None,
        }
    }
}

impl Default for GenerateOptions {
    /// The `pcds generate` default: 1,000 releases from seed 1, with nothing planted.
    fn default() -> Self {
        GenerateOptions::new(1_000, 1)
    }
}

/// The Friday premiums [`release_package`] accepts, in percent.
pub const FRIDAY_PREMIUM_RANGE: std::ops::RangeInclusive<u32> = 1..=100;

/// Writes one release package with `options.releases` releases to `out`, one release at a time.
/// Returns the number of bytes written.
///
/// The package is pretty-printed with two-space indentation, like the files in `examples/`. It
/// is `partnership` data with the package metadata first, then `releases`. Releases come in
/// processes of one to six releases with the same ocid (`ocds-pcdsgn-<council>-<number>`) and
/// ids `<ocid>-01`, `<ocid>-02`, …; the last process may stop early to give exactly the number
/// asked for. Every release is valid against the PCDS release package schema, its price
/// breakdowns add up to the penny, and its references (parties, settings, offers, awards,
/// committed discounts, the framework of a call-off) resolve within the release. The same
/// options always give the same bytes.
///
/// Memory use is bounded by one process, whatever the number of releases. Output is buffered
/// here, so `out` need not be.
///
/// With a [`friday_premium`](GenerateOptions::friday_premium), the processes are the same as
/// without it, but the offers to referrals sent on a Friday afternoon are dearer by that
/// percentage, and the package's `uri` names the premium (`…/seed-7-friday-premium-20/…`).
///
/// # Errors
/// When writing to `out` fails, or (of kind [`io::ErrorKind::InvalidInput`], before anything is
/// written) when a Friday premium is outside [`FRIDAY_PREMIUM_RANGE`]. With zero releases the
/// package has an empty `releases` list, which the schema refuses.
pub fn release_package(options: &GenerateOptions, out: &mut dyn Write) -> io::Result<u64> {
    if let Some(percent) = options.friday_premium
        && !FRIDAY_PREMIUM_RANGE.contains(&percent)
    {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("a Friday premium of {percent}% is outside 1% to 100%"),
        ));
    }
    let mut out = Counter {
        inner: BufWriter::with_capacity(1 << 16, out),
        bytes: 0,
    };
    let head = serde_json::to_string_pretty(&metadata(options)?)?;
    let head = (head.strip_suffix("\n}")).ok_or_else(|| invalid("package metadata"))?;
    write!(out, "{head},\n  \"releases\": [")?;
    let mut written = 0;
    let mut number = 0;
    while written < options.releases {
        let story = Story::new(options, number)?;
        number += 1;
        for index in 0..story.len() {
            if written == options.releases {
                break;
            }
            let release = story.release(index)?;
            out.write_all(if written == 0 { b"\n    " } else { b",\n    " })?;
            let formatter = PrettyFormatter::with_indent(b"  ");
            let mut serializer =
                serde_json::Serializer::with_formatter(Indent(&mut out), formatter);
            release.serialize(&mut serializer)?;
            written += 1;
        }
    }
    out.write_all(if written == 0 {
        b"]\n}\n"
    } else {
        b"\n  ]\n}\n"
    })?;
    out.flush()?;
    Ok(out.bytes)
}

fn metadata(options: &GenerateOptions) -> io::Result<PackageMetadata> {
    Ok(PackageMetadata {
        uri: match options.friday_premium {
            None => format!(
                "https://example.org/pcds/generated/seed-{}/release-package.json",
                options.seed
            ),
            Some(percent) => format!(
                "https://example.org/pcds/generated/seed-{}-friday-premium-{percent}/release-package.json",
                options.seed
            ),
        },
        version: pcds::OCDS_VERSION.into(),
        pcds_version: pcds::PCDS_VERSION.into(),
        publication_level: PublicationLevel::Partnership,
        published_date: time::uk(time::at(2026, 12, 1, 12, 0))?,
        publisher: Publisher {
            name: "PCDS synthetic data generator".into(),
            scheme: None,
            uid: None,
            uri: None,
            additional_fields: AdditionalFields::new(),
        },
        license: Some("https://creativecommons.org/licenses/by/4.0/".into()),
        publication_policy: None,
        extensions: Vec::new(),
    })
}

/// Counts the bytes written through it.
struct Counter<W: Write> {
    inner: W,
    bytes: u64,
}

impl<W: Write> Write for Counter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Indents everything written through it by four spaces after each line break, so that a
/// release pretty-printed on its own sits inside the package's `releases` list. JSON strings
/// never hold a raw line break, so only the layout's line breaks are touched.
struct Indent<'a, W: Write>(&'a mut W);

impl<W: Write> Write for Indent<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(at) = rest.iter().position(|&b| b == b'\n') {
            self.0.write_all(&rest[..at])?;
            self.0.write_all(b"\n    ")?;
            rest = &rest[at + 1..];
        }
        self.0.write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// A small deterministic pseudo-random generator (SplitMix64): the same seed gives the same
/// dataset on every platform and every run.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `low..=high`.
    fn range(&mut self, low: i64, high: i64) -> i64 {
        low + self.below((high - low + 1) as u64) as i64
    }

    /// `true` with the given chance in percent.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One item of a non-empty slice.
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// One item of a non-empty slice, each as likely as its `weight`.
    fn weighted<'a, T>(&mut self, items: &'a [T], weight: impl Fn(&T) -> u64) -> &'a T {
        let mut left = self.below(items.iter().map(&weight).sum());
        for item in items {
            match left.checked_sub(weight(item)) {
                Some(rest) => left = rest,
                None => return item,
            }
        }
        &items[items.len() - 1]
    }

    /// Up to `count` distinct items of `items`, in random order.
    fn sample<T: Copy>(&mut self, items: &[T], count: usize) -> Vec<T> {
        let mut items = items.to_vec();
        let count = count.min(items.len());
        for i in 0..count {
            let j = i + self.below((items.len() - i) as u64) as usize;
            items.swap(i, j);
        }
        items.truncate(count);
        items
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeSet, HashMap, HashSet};

    use pcds::codelists::{
        FeeChangeType, ProcurementRoute, RelatedProcessRelationship, RelatedProcessScheme,
    };
    use pcds::{Ocid, PriceBreakdown, Release, ReleasePackage};

    use super::*;

    fn generate(releases: u64, seed: u64) -> Vec<u8> {
        let mut bytes = Vec::new();
        let options = GenerateOptions::new(releases, seed);
        let written = release_package(&options, &mut bytes).expect("generates");
        assert_eq!(written, bytes.len() as u64);
        bytes
    }

    #[test]
    fn packages_are_valid_against_the_schema() {
        let bytes = generate(50, 7);
        let document: serde_json::Value = serde_json::from_slice(&bytes).expect("parses");
        let package: ReleasePackage =
            serde_json::from_value(document.clone()).expect("reads as a release package");
        assert_eq!(package.releases.len(), 50);
        let schema = pcds::schema::generate(pcds::schema::SchemaKind::ReleasePackage);
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .build(&schema)
            .expect("the schema compiles");
        let errors: Vec<String> = (validator.iter_errors(&document))
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }

    #[test]
    fn the_same_seed_gives_the_same_bytes() {
        assert_eq!(generate(40, 1), generate(40, 1));
        assert_ne!(generate(40, 1), generate(40, 2));
    }

    #[test]
    fn the_layout_follows_the_examples() {
        let text = String::from_utf8(generate(2, 3)).expect("UTF-8");
        assert!(
            text.starts_with("{\n  \"uri\": \"https://example.org/"),
            "{text}"
        );
        assert!(text.contains("\n  \"releases\": [\n    {\n      \"ocid\": \"ocds-pcdsgn-"));
        assert!(text.contains("\n    },\n    {\n      \"ocid\""));
        assert!(text.ends_with("\n    }\n  ]\n}\n"));
    }

    #[test]
    fn prices_add_up_and_references_resolve() {
        let package: ReleasePackage =
            serde_json::from_slice(&generate(800, 11)).expect("reads as a release package");
        assert_eq!(package.releases.len(), 800);
        let mut latest: HashMap<Ocid, pcds::DateTime> = HashMap::new();
        let mut seen = HashSet::new();
        let mut tags = BTreeSet::new();
        let mut routes = BTreeSet::new();
        for release in &package.releases {
            assert_eq!(release.ocid.prefix(), "ocds-pcdsgn");
            assert!(
                seen.insert((release.ocid.clone(), release.id.clone())),
                "{}",
                release.id
            );
            if let Some(previous) = latest.insert(release.ocid.clone(), release.date) {
                assert!(previous < release.date, "{} is out of order", release.id);
            }
            tags.extend(release.tag.iter().map(|t| format!("{t:?}")));
            for contract in &release.contracts {
                if let Some(placement) = &contract.placement {
                    routes.insert(format!("{:?}", placement.procurement_route));
                }
            }
            check(release);
        }
        for tag in [
            "Tender",
            "TenderUpdate",
            "Award",
            "Contract",
            "ContractAmendment",
            "ContractTermination",
            "Implementation",
        ] {
            assert!(tags.contains(tag), "no {tag} release in {tags:?}");
        }
        assert_eq!(routes.len(), 3, "{routes:?}");
    }

    fn unique(ids: impl Iterator<Item = String>, what: &str) -> HashSet<String> {
        let mut set = HashSet::new();
        for id in ids {
            assert!(set.insert(id.clone()), "duplicate {what} id {id}");
        }
        set
    }

    fn adds_up(breakdown: &PriceBreakdown) {
        let total = breakdown.weekly_total.amount.value();
        assert_eq!(breakdown.computed_weekly_total(), Some(total));
        if !breakdown.funding_contributions.is_empty() {
            let shares = breakdown.funding_contributions.iter();
            let paid = shares.fold(pcds::Amount::ZERO.value(), |sum, f| {
                sum + f.weekly_amount.amount.value()
            });
            assert_eq!(paid, total);
        }
    }

    /// The checks the semantic layer of the validator makes, on one release.
    fn check(release: &Release) {
        let id = &release.id;
        let parties = unique(release.parties.iter().map(|p| p.id.clone()), "party");
        let settings = unique(release.settings.iter().map(|s| s.id.to_string()), "setting");
        let party = |p: &str| assert!(parties.contains(p), "{id}: party {p} is missing");
        let setting = |s: &pcds::OfstedUrn| assert!(settings.contains(s.as_str()), "{id}: {s}");
        release.buyer.iter().for_each(|b| party(&b.id));
        release.settings.iter().for_each(|s| party(&s.provider_id));
        if let Some(tender) = &release.tender {
            tender
                .providers_contacted
                .iter()
                .for_each(|c| party(&c.provider.id));
            tender.tenderers.iter().for_each(|t| party(&t.id));
        }
        let mut bids = HashSet::new();
        if let Some(details) = release.bids.as_ref().map(|b| &b.details) {
            bids = unique(details.iter().map(|b| b.id.clone()), "bid");
            for bid in details {
                bid.tenderers.iter().for_each(|t| party(&t.id));
                bid.setting_id.iter().for_each(setting);
                assert!(
                    bid.date <= release.date,
                    "{id}: {} is dated after the release",
                    bid.id
                );
                if let Some(breakdown) = &bid.price_breakdown {
                    adds_up(breakdown);
                    let value = bid.value.as_ref().map(|v| v.amount);
                    assert_eq!(value, Some(breakdown.weekly_total.amount));
                }
            }
        }
        let awards = unique(release.awards.iter().map(|a| a.id.clone()), "award");
        for award in &release.awards {
            award.suppliers.iter().for_each(|s| party(&s.id));
            for bid in &award.related_bids {
                assert!(bids.contains(bid), "{id}: offer {bid} is missing");
            }
        }
        unique(release.contracts.iter().map(|c| c.id.clone()), "contract");
        for contract in &release.contracts {
            assert!(
                awards.contains(&contract.award_id),
                "{id}: no award for the contract"
            );
            let placement = contract.placement.as_ref().expect("a placement agreement");
            adds_up(&placement.weekly_price);
            placement.setting_id.iter().for_each(setting);
            let committed = unique(placement.discounts.iter().map(|d| d.id.clone()), "discount");
            for applied in &placement.weekly_price.discounts {
                let discount = applied.discount_id.as_ref().expect("a committed discount");
                assert!(committed.contains(discount), "{id}: discount {discount}");
            }
            if placement.procurement_route != ProcurementRoute::SpotPurchase {
                assert!(release.related_processes.iter().any(|p| {
                    p.relationship == [RelatedProcessRelationship::Framework]
                        && p.scheme == RelatedProcessScheme::Ocid
                        && Ocid::new(p.identifier.clone()).is_ok()
                }));
            }
            let period = contract.period.as_ref().expect("a period");
            if let (Some(start), Some(end)) = (period.start_date, period.end_date) {
                assert!(start < end && end <= release.date, "{id}: placement dates");
            }
            for amendment in &contract.amendments {
                let change = amendment.fee_change.as_ref().expect("a fee change");
                if change.change_type == FeeChangeType::Uplift {
                    let (before, after) = (
                        change.previous_weekly_total.amount,
                        change.new_weekly_total.amount,
                    );
                    assert!(
                        before < after,
                        "{id}: an uplift that does not raise the fee"
                    );
                }
                assert!(amendment.release_id.as_deref() <= Some(id.as_str()));
            }
        }
    }
}
