//! The report as one HTML page: every answer as a table and, where it has one, a chart drawn in
//! inline SVG. The page loads nothing: no scripts, no fonts, no images from anywhere, and its
//! content security policy forbids them.

use std::fmt::Write as _;

use pcds_validator::render::xml::{attribute, text};
use serde_json::Value;

use crate::Report;
use crate::render::cell_text;
use crate::table::{Kind, Table};

/// The most rows a chart draws; the table beneath it lists every row.
pub const CHART_ROWS: usize = 30;

const STYLE: &str = "body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:1rem 1.5rem;color:#1b1b1b}\
h1{font-size:1.6rem}h2{margin-top:2.5rem;border-bottom:2px solid #1d70b8;padding-bottom:.2rem}\
h3{margin-top:1.8rem}p.how{color:#505a5f;max-width:70ch}\
.scroll{overflow-x:auto}table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}\
th,td{border-bottom:1px solid #d8d8d8;padding:.2rem .5rem;text-align:left;vertical-align:top}\
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}tr.suppressed td{color:#6f777b;font-style:italic}\
svg{max-width:100%;height:auto;display:block}svg text{font:12px system-ui,sans-serif;fill:#1b1b1b}\
dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{font-weight:600}\
nav ul{columns:2}";

/// The whole page.
#[must_use]
pub fn page(report: &Report) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
         <title>PCDS analysis</title><style>{STYLE}</style></head><body>\n\
         <h1>What the pooled placements say</h1>\n"
    );
    coverage(&mut out, report);
    out.push_str("<nav><h2>Contents</h2><ul>");
    for section in &report.sections {
        for table in &section.tables {
            let _ = write!(
                out,
                "<li><a href=\"#{}\">{}</a></li>",
                attribute(&table.id),
                text(&table.title)
            );
        }
    }
    out.push_str("</ul></nav>\n");
    for section in &report.sections {
        let _ = writeln!(
            out,
            "<h2 id=\"{}\">{}</h2>",
            attribute(&section.id),
            text(&section.title)
        );
        for table in &section.tables {
            answer(&mut out, table, report.suppress_below);
        }
    }
    out.push_str("</body></html>\n");
    out
}

fn coverage(out: &mut String, report: &Report) {
    let c = &report.coverage;
    let _ = write!(
        out,
        "<dl><dt>Councils</dt><dd>{}</dd><dt>Records</dt><dd>{}</dd><dt>Children placed</dt><dd>{}</dd>\
         <dt>Referrals</dt><dd>{}</dd><dt>Placements started</dt><dd>{} to {}</dd>\
         <dt>Period asked for</dt><dd>{} to {}</dd><dt>Standard</dt><dd>PCDS {}</dd>\
         <dt>Small numbers</dt><dd>cells counting fewer than {} are suppressed, with the cells that would reveal them</dd></dl>",
        text(&c.councils.join(", ")),
        c.records,
        c.children,
        c.referrals,
        text(c.first_start.as_deref().unwrap_or("—")),
        text(c.last_start.as_deref().unwrap_or("—")),
        text(report.period.from.as_deref().unwrap_or("the start")),
        text(report.period.to.as_deref().unwrap_or("the end")),
        report.pcds_version,
        report.suppress_below,
    );
    out.push('\n');
    if !c.excluded.is_empty() {
        out.push_str("<h3>Left out</h3><ul>");
        for (reason, n) in &c.excluded {
            let _ = write!(out, "<li>{}: {n}</li>", text(reason));
        }
        out.push_str("</ul>\n");
    }
}

fn answer(out: &mut String, table: &Table, threshold: u64) {
    let _ = writeln!(
        out,
        "<h3 id=\"{}\">{}</h3><p class=\"how\">{}</p>",
        attribute(&table.id),
        text(&table.title),
        text(&table.description)
    );
    if table.rows.is_empty() {
        out.push_str("<p>Nothing in the pool answers this.</p>\n");
        return;
    }
    chart(out, table);
    out.push_str("<div class=\"scroll\"><table><thead><tr>");
    for column in &table.columns {
        let _ = write!(out, "<th>{}</th>", text(&column.title));
    }
    out.push_str("</tr></thead><tbody>\n");
    // A suppressed row says so in its first column after the keys, and shows nothing else.
    let first_value = table.columns.iter().position(|c| c.kind != Kind::Key);
    for row in &table.rows {
        out.push_str(if row.suppressed {
            "<tr class=\"suppressed\">"
        } else {
            "<tr>"
        });
        for (i, column) in table.columns.iter().enumerate() {
            let shown = if !row.suppressed || column.kind == Kind::Key {
                format_value(row.values.get(&column.id), column.kind)
            } else if Some(i) == first_value {
                format!("fewer than {threshold}")
            } else {
                String::new()
            };
            let class = if matches!(column.kind, Kind::Key | Kind::Date) {
                ""
            } else {
                " class=\"n\""
            };
            let _ = write!(out, "<td{class}>{}</td>", text(&shown));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>\n");
}

fn format_value(value: Option<&Value>, kind: Kind) -> String {
    match (value.and_then(Value::as_f64), kind) {
        (Some(v), Kind::Money) => super::pounds(v),
        (Some(v), Kind::Percent) => format!("{v:.1}%"),
        _ => cell_text(value),
    }
}

/// Horizontal bars (with whiskers for a range) of the chart's value column, one per visible
/// row, up to [`CHART_ROWS`].
fn chart(out: &mut String, table: &Table) {
    let Some(spec) = &table.chart else { return };
    let number = |row: &crate::Row, id: &Option<String>| {
        id.as_ref()
            .and_then(|id| row.values.get(id))
            .and_then(Value::as_f64)
    };
    let keys: Vec<&str> = table
        .columns
        .iter()
        .filter(|c| c.kind == Kind::Key)
        .map(|c| c.id.as_str())
        .collect();
    let bars: Vec<(String, f64, Option<f64>, Option<f64>)> = table
        .rows
        .iter()
        .filter(|r| !r.suppressed)
        .filter_map(|r| {
            let value = number(r, &Some(spec.value.clone()))?;
            let label = keys
                .iter()
                .map(|k| cell_text(r.values.get(*k)))
                .collect::<Vec<_>>()
                .join(" · ");
            Some((label, value, number(r, &spec.low), number(r, &spec.high)))
        })
        .take(CHART_ROWS)
        .collect();
    if bars.is_empty() {
        return;
    }
    let kind = table
        .columns
        .iter()
        .find(|c| c.id == spec.value)
        .map_or(Kind::Number, |c| c.kind);
    let low = bars
        .iter()
        .map(|b| b.1.min(b.2.unwrap_or(b.1)))
        .fold(0.0_f64, f64::min);
    let high = bars
        .iter()
        .map(|b| b.1.max(b.3.unwrap_or(b.1)))
        .fold(0.0_f64, f64::max);
    let span = if (high - low).abs() < f64::EPSILON {
        1.0
    } else {
        high - low
    };
    let (label_width, plot_width, bar_height) = (300.0, 560.0, 22.0);
    let height = bar_height * bars.len() as f64 + 30.0;
    let x = |v: f64| label_width + (v - low) / span * plot_width;
    let _ = write!(
        out,
        "<svg role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {} {height}\" width=\"{}\">",
        attribute(&table.title),
        label_width + plot_width + 90.0,
        label_width + plot_width + 90.0
    );
    let _ = write!(
        out,
        "<line x1=\"{0}\" x2=\"{0}\" y1=\"0\" y2=\"{1}\" stroke=\"#505a5f\"/>",
        x(0.0),
        height - 24.0
    );
    for (i, (label, value, from, to)) in bars.iter().enumerate() {
        let y = i as f64 * bar_height;
        let (start, end) = if *value < 0.0 {
            (x(*value), x(0.0))
        } else {
            (x(0.0), x(*value))
        };
        let shown: String = label.chars().take(44).collect();
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\
             <rect x=\"{start:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#1d70b8\"><title>{}</title></rect>",
            label_width - 8.0,
            y + 15.0,
            text(&shown),
            y + 4.0,
            (end - start).max(1.0),
            bar_height - 8.0,
            text(&format!(
                "{label}: {}",
                format_value(Some(&Value::from(*value)), kind)
            ))
        );
        if let (Some(from), Some(to)) = (from, to) {
            let _ = write!(
                out,
                "<line x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{2:.1}\" y2=\"{2:.1}\" stroke=\"#0b0c0c\" stroke-width=\"2\"/>",
                x(*from),
                x(*to),
                y + bar_height / 2.0
            );
        }
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{}\">{}</text>",
            x(value.max(to.unwrap_or(*value))) + 6.0,
            y + 15.0,
            text(&format_value(Some(&Value::from(*value)), kind))
        );
    }
    let _ = write!(
        out,
        "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text></svg>",
        label_width + plot_width / 2.0,
        height - 6.0,
        text(
            &table
                .columns
                .iter()
                .find(|c| c.id == spec.value)
                .map_or(String::new(), |c| c.title.clone())
        )
    );
}
