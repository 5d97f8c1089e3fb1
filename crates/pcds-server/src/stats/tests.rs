use serde_json::json;

use super::*;

/// A compiled release with one placement agreement.
fn placement(kind: &str, band: &str, council: &str, start: &str, price: f64) -> Value {
    json!({
        "buyer": {"id": "GB-LAE-X"},
        "parties": [{"id": "GB-LAE-X", "details": {"gssCode": council}}],
        "tender": {"referral": {"children": [{"ageBand": band}]}},
        "contracts": [{
            "period": {"startDate": start},
            "placement": {
                "placementType": kind,
                "weeklyPrice": {"weeklyTotal": {"amount": price, "currency": "GBP"}}
            }
        }]
    })
}

fn tabulate(releases: &[Value]) -> Tabulator {
    let mut tabulator = Tabulator::default();
    for release in releases {
        tabulator.add(release);
    }
    tabulator
}

#[test]
fn cells_count_placements_and_summarise_weekly_prices() {
    let mut releases = Vec::new();
    for price in [1000.0, 1100.0, 1200.0, 1300.0, 1400.0] {
        releases.push(placement(
            "fosterCare",
            "5to9",
            "E1",
            "2025-04-02T00:00:00Z",
            price,
        ));
    }
    let table = tabulate(&releases).table(&[Dimension::PlacementType, Dimension::Quarter], 5);
    assert_eq!(
        table["cells"],
        json!([{
            "placementType": "fosterCare",
            "quarter": "2025-Q2",
            "placements": 5,
            "weeklyPrice": {
                "currency": "GBP", "basis": "perWeek",
                "mean": 1200.0, "lowerQuartile": 1100.0, "median": 1200.0, "upperQuartile": 1300.0
            }
        }])
    );
}

#[test]
fn small_cells_are_suppressed_with_a_complement_so_totals_do_not_give_them_away() {
    let mut releases = Vec::new();
    for _ in 0..3 {
        releases.push(placement(
            "residential",
            "10to15",
            "E1",
            "2025-01-10T00:00:00Z",
            5000.0,
        ));
    }
    for _ in 0..20 {
        releases.push(placement(
            "fosterCare",
            "10to15",
            "E1",
            "2025-01-10T00:00:00Z",
            900.0,
        ));
    }
    for _ in 0..30 {
        releases.push(placement(
            "fosterCare",
            "5to9",
            "E1",
            "2025-01-10T00:00:00Z",
            850.0,
        ));
    }
    let tabulator = tabulate(&releases);
    let table = tabulator.table(&[Dimension::PlacementType], 5);
    let cells = table["cells"].as_array().expect("cells");
    // Residential (3) is under the threshold; foster care (50) is hidden too, or it would give
    // residential away as the total (53, from the age-band table) minus 50.
    assert!(
        cells
            .iter()
            .all(|c| c["suppressed"] == true && c["placements"].is_null())
    );
    assert!(cells.iter().all(|c| c.get("weeklyPrice").is_none()));
    let by_age = tabulator.table(&[Dimension::AgeBand], 5);
    assert_eq!(by_age["cells"][0]["placements"], 23);
    assert_eq!(by_age["cells"][1]["placements"], 30);
}

#[test]
fn complementary_suppression_covers_every_line_of_a_two_way_table() {
    let keys: Vec<Vec<String>> = [("a", "x"), ("a", "y"), ("b", "x"), ("b", "y")]
        .iter()
        .map(|(p, q)| vec![(*p).to_owned(), (*q).to_owned()])
        .collect();
    let hidden = suppress(&keys, &[2, 40, 50, 60], 5);
    // (a,x) is primary; its row takes (a,y), its column takes (b,x), and then row b has a lone
    // hidden cell, so (b,y) goes as well.
    assert_eq!(hidden, vec![true, true, true, true]);
    let hidden = suppress(&keys, &[20, 40, 50, 60], 5);
    assert_eq!(hidden, vec![false; 4]);
}

#[test]
fn missing_values_fall_into_stated_buckets() {
    let releases = vec![json!({
        "contracts": [{"placement": {"placementType": "secureChildrensHome"}}],
        "tender": {"referral": {"children": [{"ageBand": "5to9"}, {"ageBand": "10to15"}]}}
    })];
    let table = tabulate(&releases).table(&Dimension::ALL, 1);
    assert_eq!(
        table["cells"][0],
        json!({"placementType": "secureChildrensHome", "ageBand": "mixed", "council": "notStated", "quarter": "notStated", "placements": 1})
    );
}

#[test]
fn dimension_lists_are_checked() {
    assert_eq!(
        Dimension::parse_list("quarter, council").expect("parses"),
        vec![Dimension::Quarter, Dimension::Council]
    );
    assert!(Dimension::parse_list("price").is_err());
    assert!(Dimension::parse_list("quarter,quarter").is_err());
    assert!(Dimension::parse_list("").is_err());
    assert_eq!(quarter("2025-12-31T23:00:00Z").as_deref(), Some("2025-Q4"));
    assert_eq!(quarter("2025-13-01"), None);
    assert_eq!(quarter("short"), None);
}
