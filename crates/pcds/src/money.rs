//! Exact money: amounts, values and percentages.
//!
//! Amounts are decimals, never binary floating point. In JSON they are plain numbers (as OCDS
//! requires); on reading, the number's shortest decimal form is kept exactly, so `3830.50` is
//! the decimal 3830.50 and never 3830.4999…

use std::borrow::Cow;
use std::fmt;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

use crate::codelists::Currency;

/// The largest magnitude an amount may have: one trillion. Anything larger is a data error.
pub const MAX_AMOUNT: i64 = 1_000_000_000_000;

/// The most significant digits an amount may have. JSON numbers travel through tools as
/// 64-bit floats, which hold 15 significant decimal digits exactly; PCDS keeps amounts within
/// that so every amount reads and writes back unchanged everywhere.
pub const MAX_SIGNIFICANT_DIGITS: u32 = 15;

/// An exact decimal number used for money, quantities and scores.
///
/// Written in JSON as a number. An amount read as a whole number (`100`) is written back as a
/// whole number, and one read with a fractional part (`100.50`) keeps its decimal places. At most
/// [`MAX_SIGNIFICANT_DIGITS`] significant digits and at most [`MAX_AMOUNT`] in magnitude.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Amount(Decimal);

impl Amount {
    /// Zero.
    pub const ZERO: Amount = Amount(Decimal::ZERO);

    /// Makes an amount, checking its range and precision.
    ///
    /// # Errors
    /// When the value is beyond [`MAX_AMOUNT`] or has more than [`MAX_SIGNIFICANT_DIGITS`]
    /// significant digits.
    pub fn new(value: Decimal) -> Result<Self, AmountError> {
        if value.abs() > Decimal::from(MAX_AMOUNT) {
            return Err(AmountError::OutOfRange(value.to_string()));
        }
        let digits = value
            .normalize()
            .mantissa()
            .unsigned_abs()
            .checked_ilog10()
            .map_or(1, |d| d + 1);
        if digits > MAX_SIGNIFICANT_DIGITS {
            return Err(AmountError::TooPrecise(value.to_string()));
        }
        Ok(Amount(value))
    }

    /// The decimal value.
    #[must_use]
    pub fn value(self) -> Decimal {
        self.0
    }

    /// Parses an amount from its decimal text, checking it is within [`MAX_AMOUNT`].
    ///
    /// # Errors
    /// When the text is not a decimal number or is out of range.
    pub fn parse(text: &str) -> Result<Self, AmountError> {
        let decimal: Decimal = text
            .parse()
            .or_else(|_| Decimal::from_scientific(text))
            .map_err(|_| AmountError::NotANumber(text.to_owned()))?;
        Self::try_from(decimal)
    }
}

/// Why a number cannot be an [`Amount`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AmountError {
    /// The text is not a decimal number.
    #[error("`{0}` is not a decimal number")]
    NotANumber(String),
    /// The number is larger than [`MAX_AMOUNT`] in magnitude.
    #[error("`{0}` is outside the range of amounts (at most one trillion either side of zero)")]
    OutOfRange(String),
    /// The number has more significant digits than JSON tools carry exactly.
    #[error(
        "`{0}` has more than 15 significant digits; amounts are exact decimals such as `4250.50`"
    )]
    TooPrecise(String),
}

impl TryFrom<Decimal> for Amount {
    type Error = AmountError;

    fn try_from(value: Decimal) -> Result<Self, Self::Error> {
        Amount::new(value)
    }
}

impl From<i64> for Amount {
    /// Whole amounts. Values beyond [`MAX_AMOUNT`] are clamped, as they cannot be data.
    fn from(value: i64) -> Self {
        Amount(Decimal::from(value.clamp(-MAX_AMOUNT, MAX_AMOUNT)))
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // A whole number read from JSON (scale 0) is written as an integer; anything with a
        // fractional part as a float, whose shortest form is the same decimal text.
        if self.0.scale() == 0
            && let Some(whole) = self.0.to_i64()
        {
            return serializer.serialize_i64(whole);
        }
        match self.0.to_f64() {
            Some(float) => serializer.serialize_f64(float),
            None => Err(serde::ser::Error::custom(
                "amount cannot be written as a number",
            )),
        }
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AmountVisitor;

        impl de::Visitor<'_> for AmountVisitor {
            type Value = Amount;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number")
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
                Amount::try_from(Decimal::from(v)).map_err(E::custom)
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
                Amount::try_from(Decimal::from(v)).map_err(E::custom)
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
                if !v.is_finite() {
                    return Err(E::custom("an amount must be a finite number"));
                }
                // Rust's float formatting gives the shortest text that reads back as the same
                // float: exactly the decimal the JSON said, for any amount with up to 15
                // significant digits.
                let text = format!("{v:?}");
                Amount::parse(&text).map_err(E::custom)
            }
        }

        deserializer.deserialize_any(AmountVisitor)
    }
}

impl JsonSchema for Amount {
    fn schema_name() -> Cow<'static, str> {
        "Amount".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "title": "Amount",
            "description": "An exact decimal number, written as a JSON number. Money is never rounded by PCDS tools; amounts beyond one trillion in magnitude are errors.",
            "type": "number",
            "minimum": -MAX_AMOUNT,
            "maximum": MAX_AMOUNT,
        })
    }
}

/// A percentage from 0 to 100 inclusive, exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Percentage(Amount);

impl Percentage {
    /// Makes a percentage, or `None` when the value is outside 0–100.
    #[must_use]
    pub fn new(value: Decimal) -> Option<Self> {
        (Decimal::ZERO..=Decimal::ONE_HUNDRED)
            .contains(&value)
            .then_some(Percentage(Amount(value)))
            .filter(|p| Amount::new(p.value()).is_ok())
    }

    /// The percentage as a decimal number of percent (5 % is `5`).
    #[must_use]
    pub fn value(self) -> Decimal {
        self.0.0
    }
}

impl Serialize for Percentage {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Percentage {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let amount = Amount::deserialize(deserializer)?;
        Percentage::new(amount.0).ok_or_else(|| {
            de::Error::custom(format_args!(
                "{amount} is not a percentage between 0 and 100"
            ))
        })
    }
}

impl JsonSchema for Percentage {
    fn schema_name() -> Cow<'static, str> {
        "Percentage".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "title": "Percentage",
            "description": "A percentage from 0 to 100 inclusive: 5 means 5 %.",
            "type": "number",
            "minimum": 0,
            "maximum": 100,
        })
    }
}

/// A monetary value: an exact amount in a currency (the OCDS `Value` object).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Value {
    /// The amount of money.
    pub amount: Amount,
    /// The currency of the amount.
    pub currency: Currency,
    /// Fields not defined by this version of PCDS, kept exactly as they were read.
    #[serde(flatten)]
    pub additional_fields: crate::AdditionalFields,
}

impl Value {
    /// An amount in pounds sterling.
    #[must_use]
    pub fn gbp(amount: Amount) -> Self {
        Value {
            amount,
            currency: Currency::Gbp,
            additional_fields: crate::AdditionalFields::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(json: &str) -> String {
        let amount: Amount = serde_json::from_str(json).expect("reads");
        serde_json::to_string(&amount).expect("writes")
    }

    #[test]
    fn amounts_keep_their_decimal_form() {
        assert_eq!(round_trip("100"), "100");
        assert_eq!(round_trip("100.5"), "100.5");
        assert_eq!(round_trip("3830.55"), "3830.55");
        assert_eq!(round_trip("0.1"), "0.1");
        assert_eq!(round_trip("-12.75"), "-12.75");
        let amount: Amount = serde_json::from_str("1234.56").expect("reads");
        assert_eq!(amount.value(), Decimal::new(123_456, 2));
    }

    #[test]
    fn amounts_out_of_range_are_refused() {
        assert!(serde_json::from_str::<Amount>("1e13").is_err());
        assert!(serde_json::from_str::<Amount>("-1000000000001").is_err());
        assert!(serde_json::from_str::<Amount>("\"12\"").is_err());
        assert!(serde_json::from_str::<Amount>("1000000000000").is_ok());
    }

    #[test]
    fn amounts_keep_at_most_15_significant_digits() {
        assert!(serde_json::from_str::<Amount>("123456789012.345").is_ok());
        let error = serde_json::from_str::<Amount>("0.30000000000000004").expect_err("float noise");
        assert!(
            error
                .to_string()
                .contains("more than 15 significant digits"),
            "{error}"
        );
        assert!(Amount::new(Decimal::new(1_234_567_890_123_456, 4)).is_err());
        assert_eq!(
            Amount::new(Decimal::new(12_300, 2)).map(Amount::value),
            Ok(Decimal::new(123, 0))
        );
    }

    #[test]
    fn percentages_stay_between_0_and_100() {
        assert!(serde_json::from_str::<Percentage>("5").is_ok());
        assert!(serde_json::from_str::<Percentage>("100").is_ok());
        assert!(serde_json::from_str::<Percentage>("100.01").is_err());
        assert!(serde_json::from_str::<Percentage>("-1").is_err());
    }
}
