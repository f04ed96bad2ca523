//! `portal.toml` `[extra.scorecard_weights]`: each key a scorecard criterion, each value a number
//! ≥ 0. `[extra]` is free-form, so the model's table carries no spans: the positions come from a
//! second, spanned view of the same parsed text (`View`), never from searching it; that view is
//! parsed only when there is something to report.

use crate::diagnostics::{Diagnostics, Origin};
use crate::load::source::SourceFile;
use std::collections::BTreeMap;
use toml::Spanned;

/// The `[extra]` table that holds the weights.
pub const WEIGHTS_KEY: &str = "scorecard_weights";

/// The scorecard's criteria, in page order.
pub const CRITERIA: [&str; 5] = [
    "audience_fit",
    "content_quality",
    "reliability",
    "brand_alignment",
    "brand_safety",
];

/// `portal.toml` read again for the spans of `[extra.scorecard_weights]` only (other keys are
/// ignored: the file has already been checked key by key). `T` is the table's criterion → weight
/// map when it is a table, else any value.
#[derive(serde::Deserialize)]
struct View<T> {
    extra: Option<ExtraView<T>>,
}

#[derive(serde::Deserialize)]
struct ExtraView<T> {
    scorecard_weights: Option<Spanned<T>>,
}

type Weights = BTreeMap<Spanned<String>, Spanned<toml::Value>>;

/// Where the weights table is, and each criterion's key and value.
struct WeightSpans {
    table: Origin,
    keys: BTreeMap<String, (Origin, Origin)>,
}

fn spans(file: &SourceFile) -> WeightSpans {
    let start = || Origin::start_of(file.rel.as_str());
    if let Ok(View {
        extra: Some(ExtraView {
            scorecard_weights: Some(w),
        }),
    }) = toml::from_str::<View<Weights>>(&file.text)
    {
        return WeightSpans {
            table: file.origin_of(&w),
            keys: w
                .get_ref()
                .iter()
                .map(|(k, v)| (k.get_ref().clone(), (file.origin_of(k), file.origin_of(v))))
                .collect(),
        };
    }
    let table = toml::from_str::<View<toml::Value>>(&file.text)
        .ok()
        .and_then(|v| v.extra?.scorecard_weights)
        .map_or_else(start, |w| file.origin_of(&w));
    WeightSpans {
        table,
        keys: BTreeMap::new(),
    }
}

/// Reports a `scorecard_weights` that is not a table, an unknown criterion, or a weight that is
/// not a number ≥ 0, each at its place in `portal.toml`.
pub(super) fn check_weights(file: &SourceFile, extra: &toml::Table, diags: &mut Diagnostics) {
    let Some(value) = extra.get(WEIGHTS_KEY) else {
        return;
    };
    // Valid weights (the usual case) need no positions: the spanned view is parsed on the first
    // finding only.
    let spans = std::cell::OnceCell::new();
    let spans = || spans.get_or_init(|| self::spans(file));
    let key_at = |name: &str| {
        let s = spans();
        s.keys.get(name).map_or(&s.table, |k| &k.0)
    };
    let value_at = |name: &str| {
        let s = spans();
        s.keys.get(name).map_or(&s.table, |k| &k.1)
    };
    let Some(table) = value.as_table() else {
        diags.push(
            spans()
                .table
                .error(
                    "invalid-weight",
                    format!("`extra.{WEIGHTS_KEY}` must be a table of criterion = weight"),
                )
                .with_hint(format!("e.g. [extra.{WEIGHTS_KEY}] then audience_fit = 2")),
        );
        return;
    };
    for (name, w) in table {
        if !CRITERIA.contains(&name.as_str()) {
            let hint = crate::diagnostics::closest(name, CRITERIA)
                .map(|c| format!("did you mean `{c}`?"))
                .unwrap_or_else(|| format!("the criteria are {}", CRITERIA.join(", ")));
            diags.push(
                key_at(name)
                    .error(
                        "invalid-weight",
                        format!("unknown scorecard criterion `{name}` in `extra.{WEIGHTS_KEY}`"),
                    )
                    .with_hint(hint),
            );
            continue;
        }
        let number = w.as_float().or_else(|| w.as_integer().map(|i| i as f64));
        if !number.is_some_and(|x| x.is_finite() && x >= 0.0) {
            diags.push(
                value_at(name)
                    .error(
                        "invalid-weight",
                        format!("the weight of `{name}` must be a number ≥ 0"),
                    )
                    .with_hint(format!("e.g. {name} = 2")),
            );
        }
    }
}
