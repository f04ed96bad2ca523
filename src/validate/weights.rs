//! `portal.toml` `[extra.scorecard_weights]`: each key a scorecard criterion, each value a number
//! ≥ 0. `[extra]` is free-form, so its values carry no spans; positions are found in the text.

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
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::source::SourceFile;

/// Reports a `scorecard_weights` that is not a table, an unknown criterion, or a weight that is
/// not a number ≥ 0, each at its place in `portal.toml`.
pub(super) fn check_weights(file: &SourceFile, extra: &toml::Table, diags: &mut Diagnostics) {
    let Some(value) = extra.get(WEIGHTS_KEY) else {
        return;
    };
    let table_at = file.find_from(0, WEIGHTS_KEY).unwrap_or(0);
    let at =
        |needle: &str| Some(file.position(file.find_from(table_at, needle).unwrap_or(table_at)));
    let Some(table) = value.as_table() else {
        diags.push(
            Diagnostic::error(
                &file.rel,
                "invalid-weight",
                format!("`extra.{WEIGHTS_KEY}` must be a table of criterion = weight"),
            )
            .at(at(WEIGHTS_KEY))
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
                Diagnostic::error(
                    &file.rel,
                    "invalid-weight",
                    format!("unknown scorecard criterion `{name}` in `extra.{WEIGHTS_KEY}`"),
                )
                .at(at(name))
                .with_hint(hint),
            );
            continue;
        }
        let number = w.as_float().or_else(|| w.as_integer().map(|i| i as f64));
        if !number.is_some_and(|x| x.is_finite() && x >= 0.0) {
            diags.push(
                Diagnostic::error(
                    &file.rel,
                    "invalid-weight",
                    format!("the weight of `{name}` must be a number ≥ 0"),
                )
                .at(at(name))
                .with_hint(format!("e.g. {name} = 2")),
            );
        }
    }
}
