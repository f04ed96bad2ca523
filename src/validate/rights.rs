//! `[rights]` tables (of briefs and sidecars) → [`Rights`].

use super::err_at;
use crate::diagnostics::Diagnostics;
use crate::load::raw::RawRights;
use crate::load::source::SourceFile;
use crate::model::{Date, Rights, RightsStart, RightsTerm, date_from_toml};

/// Checks a `[rights]` table; `None` (with diagnostics) when it contradicts itself.
pub fn parse_rights(
    file: &SourceFile,
    raw: &toml::Spanned<RawRights>,
    diags: &mut Diagnostics,
) -> Option<Rights> {
    let r = raw.get_ref();
    let terms = [
        r.duration_days.is_some(),
        r.until.is_some(),
        r.perpetual == Some(true),
    ]
    .iter()
    .filter(|b| **b)
    .count();
    if terms > 1 {
        diags.push(
            err_at(
                file,
                raw,
                "rights",
                "rights give more than one of `duration_days`, `until` and `perpetual`",
            )
            .with_hint("keep exactly one way of saying how long the rights last"),
        );
        return None;
    }
    let term = match (r.duration_days, r.until, r.perpetual) {
        (Some(d), _, _) => RightsTerm::Days(d),
        (_, Some(u), _) => RightsTerm::Until(u),
        (_, _, Some(true)) => RightsTerm::Perpetual,
        _ => RightsTerm::Unstated,
    };
    let starts = match &r.starts {
        None => RightsStart::GoLive,
        Some(s) => match s.get_ref() {
            toml::Value::String(v) if v == "go-live" => RightsStart::GoLive,
            toml::Value::String(v) if v == "signature" => RightsStart::Signature,
            toml::Value::String(v) if Date::parse(v).is_some() => RightsStart::On(Date::parse(v)?),
            toml::Value::Datetime(dt) => match date_from_toml(dt) {
                Ok(d) => RightsStart::On(d),
                Err(e) => {
                    diags.push(err_at(file, s, "rights", e));
                    return None;
                }
            },
            other => {
                diags.push(
                    err_at(
                        file,
                        s,
                        "rights",
                        format!(
                            "`starts` must be \"go-live\", \"signature\" or a date, not {other}"
                        ),
                    )
                    .with_hint("e.g. starts = \"go-live\" or starts = 2026-03-01"),
                );
                return None;
            }
        },
    };
    Some(Rights {
        channels: r.channels.clone(),
        territory: r.territory.clone(),
        starts,
        term,
        exclusivity: r.exclusivity.clone(),
        edits_allowed: r.edits_allowed.clone(),
        ad_code: r.ad_code.as_ref().map(|a| *a.get_ref()),
    })
}
