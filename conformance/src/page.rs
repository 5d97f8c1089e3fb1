//! What every report page of the suite shares: escaping and one small stylesheet, so each page
//! is self-contained (no script, no external asset) and readable on a phone.

/// Escapes text for HTML content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    pcds_validator::render::xml::attribute(text)
}

/// "1 release", "2 releases".
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The stylesheet of every report page.
pub(crate) const STYLE: &str = "body{font-family:system-ui,sans-serif;line-height:1.45;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}\
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem}\
.statement{border-left:4px solid #1d4f91;background:#f3f6fb;padding:.75rem 1rem}\
.wrap{overflow-x:auto}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.35rem .5rem;text-align:left;vertical-align:top}\
p,dd,td,th,li{overflow-wrap:anywhere}code{overflow-wrap:anywhere;word-break:break-all}dt{font-weight:600}dd{margin:0 0 .5rem 0}\
.met{color:#176117}.not-met{color:#a11}.not-applicable{color:#555}";

/// The start of a report page: the head, and the title and statement at the top of the body.
pub(crate) fn head(title: &str, statement: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{0}</title><style>{STYLE}</style></head>\n<body><main>\n\
         <h1>{0}</h1>\n<p class=\"statement\">{1}</p>\n",
        escape(title),
        escape(statement)
    )
}

/// The ids of the classes with `status`, joined with commas, from (id, status) pairs.
pub(crate) fn ids_with<'a>(
    classes: impl Iterator<Item = (&'a str, &'a str)>,
    status: &str,
) -> String {
    classes
        .filter(|(_, s)| *s == status)
        .map(|(id, _)| id)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The day of an RFC 3339 moment (`2026-12-01`).
pub(crate) fn day(moment: &str) -> &str {
    moment.get(..10).unwrap_or(moment)
}
