//! The report as JSON, as CSV tables, and as one self-contained HTML page with SVG charts.

pub mod csv;
pub mod html;

use serde_json::Value;

/// A JSON value as a cell's text: strings as they are, numbers in their shortest form (`600`,
/// `12.5`), empty for null.
#[must_use]
pub fn cell_text(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => match n.as_f64() {
            Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
            _ => n.to_string(),
        },
        Some(other) => other.to_string(),
    }
}

/// Pounds and pence with thousands separated: `£4,250.50`, `-£1,200.00`.
#[must_use]
pub fn pounds(value: f64) -> String {
    let fixed = format!("{:.2}", value.abs());
    let (whole, pence) = fixed.split_once('.').unwrap_or((&fixed, "00"));
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let sign = if value < 0.0 { "-" } else { "" };
    format!("{sign}£{grouped}.{pence}")
}

fn decimal_pounds(value: rust_decimal::Decimal) -> String {
    use rust_decimal::prelude::ToPrimitive;
    pounds(value.to_f64().unwrap_or_default())
}

/// A quote as plain text for a person.
#[must_use]
pub fn quote_text(quote: &crate::Quote) -> String {
    use std::fmt::Write as _;
    let r = &quote.request;
    let mut out = String::new();
    let _ = write!(
        out,
        "Like placements: {} for age band {}",
        r.placement_type, r.age_band
    );
    if let Some(n) = &r.need_level {
        let _ = write!(out, ", {n} need");
    }
    if let Some(u) = &r.urgency {
        let _ = write!(out, ", {u}");
    }
    out.push('\n');
    if let Some(price) = r.weekly_price {
        let _ = writeln!(out, "Offered: {} a week per child", decimal_pounds(price));
    }
    for c in &quote.comparisons {
        let scope = match c.scope.as_str() {
            "pool" => "Whole pool".to_owned(),
            "council" => format!("Council {}", r.council.as_deref().unwrap_or_default()),
            "quarter" => format!("Quarter {}", r.quarter.as_deref().unwrap_or_default()),
            _ => format!(
                "Council {} in {}",
                r.council.as_deref().unwrap_or_default(),
                r.quarter.as_deref().unwrap_or_default()
            ),
        };
        match &c.weekly_total {
            Some(s) if !c.suppressed => {
                let _ = write!(
                    out,
                    "{scope}: {} like placements; median {}, quartiles {} to {}, range {} to {}",
                    s.n,
                    decimal_pounds(s.median),
                    decimal_pounds(s.lower_quartile),
                    decimal_pounds(s.upper_quartile),
                    decimal_pounds(s.minimum),
                    decimal_pounds(s.maximum)
                );
                if let (Some(rank), Some(against)) =
                    (c.percentile_of_offer, c.offer_against_median_percentage)
                {
                    let side = if against.is_zero() {
                        "at the median".to_owned()
                    } else if against.is_sign_positive() {
                        format!("{}% above the median", against.round_dp(1))
                    } else {
                        format!("{}% below the median", against.abs().round_dp(1))
                    };
                    let _ = write!(
                        out,
                        ". The offer is at the {}th percentile, {side}",
                        rank.normalize()
                    );
                }
                out.push('\n');
            }
            _ => {
                let _ = writeln!(
                    out,
                    "{scope}: fewer than {} like placements, too few to answer",
                    quote.suppress_below
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{cell_text, pounds};

    #[test]
    fn money_is_grouped_in_thousands() {
        assert_eq!(pounds(4250.5), "£4,250.50");
        assert_eq!(pounds(999.0), "£999.00");
        assert_eq!(pounds(1_234_567.0), "£1,234,567.00");
        assert_eq!(pounds(-1200.0), "-£1,200.00");
    }

    #[test]
    fn cells_show_numbers_in_their_shortest_form() {
        assert_eq!(cell_text(Some(&serde_json::json!(600.0))), "600");
        assert_eq!(cell_text(Some(&serde_json::json!(12.5))), "12.5");
        assert_eq!(cell_text(Some(&serde_json::json!(10))), "10");
        assert_eq!(cell_text(None), "");
    }
}
