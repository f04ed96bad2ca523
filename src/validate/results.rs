//! `results.csv` cells → [`ResultRow`]s: numbers, money, dates and vocabularies, each bad cell a
//! diagnostic naming its row and column; creators and deliverables resolved against the briefs.

use super::reference_hint;
use crate::diagnostics::{Diagnostic, Diagnostics, closest};
use crate::load::results_csv::{CsvRecord, CsvTable};
use crate::model::*;
use std::collections::BTreeMap;

/// The columns of SPEC §2, in the SPEC's order.
pub const COLUMNS: &[&str] = &[
    "creator",
    "deliverable",
    "platform",
    "format",
    "url",
    "posted_on",
    "followers",
    "impressions",
    "reach",
    "views",
    "likes",
    "comments",
    "shares",
    "saves",
    "clicks",
    "signups",
    "orders",
    "revenue",
    "boost_spend",
    "caption",
    "hook",
    "source",
];

/// What rows are resolved against: the campaign's briefs, the briefs that failed to parse
/// (rows of those creators are dropped without a second error), and the roster.
pub(super) struct Known<'a> {
    pub briefs: &'a BTreeMap<Handle, Brief>,
    pub unreadable: &'a std::collections::BTreeSet<Handle>,
    pub creators: &'a BTreeMap<Handle, Creator>,
}

pub(super) fn validate_results(
    t: &CsvTable,
    known: &Known<'_>,
    diags: &mut Diagnostics,
) -> Vec<ResultRow> {
    let mut ok = true;
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, h) in t.headers.iter().enumerate() {
        let col_at = header_offset(&t.file.text, i);
        if !COLUMNS.contains(&h.as_str()) {
            ok = false;
            diags.push(
                t.file
                    .error_at(col_at, "csv-column", format!("unknown column `{h}`"))
                    .with_hint_opt(
                        closest(h, COLUMNS.iter().copied())
                            .map(|c| format!("did you mean `{c}`?"))
                            .or_else(|| Some(format!("known columns: {}", COLUMNS.join(", ")))),
                    ),
            );
        } else if index.insert(h.as_str(), i).is_some() {
            ok = false;
            diags.push(t.file.error_at(
                col_at,
                "csv-column",
                format!("column `{h}` appears twice"),
            ));
        }
    }
    if !index.contains_key("creator") && !t.headers.is_empty() {
        ok = false;
        diags.push(
            t.file
                .error_at(0, "csv-column", "results.csv needs a `creator` column"),
        );
    }
    if !ok {
        return Vec::new();
    }
    // At its length (a row is about 500 bytes, and the rows live as long as the model).
    let mut rows = Vec::with_capacity(t.records.len());
    for r in &t.records {
        let reader = RowReader {
            t,
            r,
            index: &index,
            diags: &mut *diags,
            ok: true,
        };
        rows.extend(reader.read(known));
    }
    rows.shrink_to_fit();
    rows
}

fn header_offset(text: &str, col: usize) -> usize {
    let line = text.lines().next().unwrap_or("");
    let mut quoted = false;
    let mut field = 0;
    for (i, b) in line.bytes().enumerate() {
        if field == col {
            return i;
        }
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => field += 1,
            _ => {}
        }
    }
    0
}

struct RowReader<'a> {
    t: &'a CsvTable,
    r: &'a CsvRecord,
    index: &'a BTreeMap<&'a str, usize>,
    diags: &'a mut Diagnostics,
    ok: bool,
}

impl RowReader<'_> {
    fn cell(&self, name: &str) -> Option<(usize, &str)> {
        let i = *self.index.get(name)?;
        let v = self.r.cells.get(i)?.trim();
        (!v.is_empty()).then_some((i, v))
    }

    fn fail(&mut self, col: usize, msg: &str, hint: Option<String>) {
        self.ok = false;
        let d = self.t.cell_error(self.r, col, msg).with_hint_opt(hint);
        self.diags.push(d);
    }

    fn count(&mut self, name: &str) -> Option<u64> {
        let (i, v) = self.cell(name)?;
        match parse_count(v) {
            Ok(n) => Some(n),
            Err(msg) => {
                self.fail(i, &msg, None);
                None
            }
        }
    }

    fn money(&mut self, name: &str) -> Option<Money> {
        let (i, v) = self.cell(name)?;
        let cleaned = v.trim_start_matches(['$', '€', '£', '¥']);
        match Money::parse(cleaned) {
            Some(m) if !m.0.is_sign_negative() => Some(m),
            Some(_) => {
                self.fail(
                    i,
                    &format!("`{v}` is negative: {name} cannot be below 0"),
                    Some(format!(
                        "leave the cell empty when the {name} is unknown, 0 when there was none"
                    )),
                );
                None
            }
            None => {
                self.fail(
                    i,
                    &format!("`{v}` is not an amount of money"),
                    Some("write it like 1234.50".into()),
                );
                None
            }
        }
    }

    fn text(&self, name: &str) -> Option<String> {
        self.cell(name).map(|(_, v)| v.to_string())
    }

    fn vocab<T>(
        &mut self,
        name: &str,
        parse: fn(&str) -> Option<T>,
        names: Vec<&'static str>,
    ) -> Option<T> {
        let (i, v) = self.cell(name)?;
        let lower = v.to_lowercase();
        match parse(&lower) {
            Some(x) => Some(x),
            None => {
                let hint = reference_hint(&lower, names.iter().copied())
                    .unwrap_or_else(|| format!("one of: {}", names.join(", ")));
                self.fail(i, &format!("unknown {name} `{v}`"), Some(hint));
                None
            }
        }
    }

    fn read(mut self, known: &Known<'_>) -> Option<ResultRow> {
        let (briefs, creators) = (known.briefs, known.creators);
        let start = self.t.file.origin(self.r.offset);
        let mut row = ResultRow {
            line: self.r.line,
            origin: RowOrigin {
                caption: self
                    .index
                    .get("caption")
                    .map_or_else(|| start.clone(), |i| self.t.cell_origin(self.r, *i)),
                row: start,
            },
            ..ResultRow::default()
        };
        if let Some((i, v)) = self.cell("creator") {
            let v = v.to_string();
            match Handle::parse(&v) {
                Some(h) if briefs.contains_key(&h) => row.creator = Some(h),
                // Its brief failed to parse and was reported: the row is dropped quietly.
                Some(h) if known.unreadable.contains(&h) => self.ok = false,
                Some(h) if creators.contains_key(&h) => self.fail(
                    i,
                    &format!("creator `{v}` has no brief in this campaign"),
                    None,
                ),
                _ => {
                    let hint = reference_hint(&v, briefs.keys().map(Handle::as_str));
                    self.fail(i, &format!("unknown creator `{v}`"), hint);
                }
            }
        } else {
            let col = self.index.get("creator").copied().unwrap_or(0);
            self.fail(col, "the creator is missing", None);
        }
        row.platform = self.vocab("platform", Platform::parse, Platform::names());
        row.format = self.vocab(
            "format",
            DeliverableFormat::parse,
            DeliverableFormat::names(),
        );
        row.source = self.vocab("source", ResultSource::parse, ResultSource::names());
        if let Some((i, v)) = self.cell("deliverable") {
            let v = v.to_string();
            if let Some(brief) = row.creator.as_ref().and_then(|h| briefs.get(h)) {
                match brief.deliverables.iter().find(|d| d.id == v) {
                    Some(d) => {
                        if row.platform.is_some_and(|p| p != d.platform) {
                            self.fail(
                                i,
                                &format!(
                                    "deliverable `{v}` is on {}, not this row's platform",
                                    d.platform
                                ),
                                None,
                            );
                        }
                        row.platform = row.platform.or(Some(d.platform));
                        row.format = row.format.or(Some(d.format));
                    }
                    None => {
                        let hint =
                            reference_hint(&v, brief.deliverables.iter().map(|d| d.id.as_str()));
                        self.fail(
                            i,
                            &format!("no deliverable `{v}` in {}'s brief", brief.creator),
                            hint,
                        );
                    }
                }
            }
            row.deliverable = Some(v);
        }
        row.url = self.text("url");
        if let Some((i, v)) = self.cell("url")
            && !(v.starts_with("https://") || v.starts_with("http://"))
        {
            self.fail(i, "the post url must start with https://", None);
            row.url = None;
        }
        if let Some((i, v)) = self.cell("posted_on") {
            match Date::parse(v) {
                Some(d) => row.posted_on = Some(d),
                None => {
                    let v = v.to_string();
                    self.fail(i, &format!("`{v}` is not a date like 2026-03-12"), None);
                }
            }
        }
        row.followers = self.count("followers");
        row.impressions = self.count("impressions");
        row.reach = self.count("reach");
        row.views = self.count("views");
        row.likes = self.count("likes");
        row.comments = self.count("comments");
        row.shares = self.count("shares");
        row.saves = self.count("saves");
        row.clicks = self.count("clicks");
        row.signups = self.count("signups");
        row.orders = self.count("orders");
        row.revenue = self.money("revenue");
        row.boost_spend = self.money("boost_spend");
        row.caption = self.cell("caption").map(|(_, v)| v.to_string());
        row.hook = self.text("hook");
        self.ok.then_some(row)
    }
}

/// Reads a count cell: digits with optional `,` thousands separators; no percentages, decimals or
/// signs.
pub fn parse_count(v: &str) -> Result<u64, String> {
    if v.ends_with('%') {
        return Err(format!(
            "`{v}` is a percentage; count columns take whole numbers"
        ));
    }
    let grouped_ok = {
        let parts: Vec<&str> = v.split(',').collect();
        parts.len() == 1
            || (parts[0].len() <= 3
                && !parts[0].is_empty()
                && parts[1..].iter().all(|p| p.len() == 3))
    };
    let digits: String = v.chars().filter(|c| *c != ',').collect();
    if !grouped_ok || digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("`{v}` is not a whole number"));
    }
    digits
        .parse::<u64>()
        .map_err(|_| format!("`{v}` is too large"))
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        let mut ds = Diagnostics::new();
        ds.push(d);
        ds
    }
}

#[cfg(test)]
mod tests {
    use super::parse_count;

    #[test]
    fn counts() {
        assert_eq!(parse_count("12,345"), Ok(12345));
        assert_eq!(parse_count("7"), Ok(7));
        assert!(parse_count("12%").is_err());
        assert!(parse_count("1.5").is_err());
        assert!(parse_count("-3").is_err());
        assert!(parse_count("1,23").is_err());
        assert!(parse_count("lots").is_err());
    }
}
