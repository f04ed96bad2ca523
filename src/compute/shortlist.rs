//! The shortlist (SPEC §6): the roster ranked by fit to a campaign's `[audience]`. Pure, so the
//! team's shortlist page and the stakeholders' plan page rank alike.
//!
//! Fit, 0–100: for each of `countries`, `languages` and `niches` that the campaign lists, the
//! share of its entries the creator matches (countries against the creator's
//! `[audience] top_countries`, languages against `languages`, niches against `niches`; compared
//! case-insensitively), averaged over the dimensions the campaign lists, times 100, rounded to a
//! whole number. A campaign that lists none gives every creator no fit. Order: `do-not-book`
//! creators last; then fit, highest first (no fit after any fit); then the weighted scorecard
//! score, highest first (none last); then handle.

use crate::compute::scorecard::{self, Weights};
use crate::model::{Campaign, Creator, CreatorStatus, Portal};
use std::cmp::Ordering;

/// A creator's fit to one campaign.
#[derive(Debug, Clone)]
pub struct Candidate<'a> {
    /// The creator.
    pub creator: &'a Creator,
    /// Fit 0–100, `None` when the campaign lists no audience.
    pub fit: Option<u32>,
    /// The campaign's countries the creator's audience covers.
    pub countries: Vec<String>,
    /// The campaign's languages the creator speaks.
    pub languages: Vec<String>,
    /// The campaign's niches the creator works in.
    pub niches: Vec<String>,
    /// Weighted scorecard score.
    pub score: Option<f64>,
    /// Marked `do-not-book`: listed last.
    pub do_not_book: bool,
}

/// The campaign's entries that `have` holds too (case-insensitive), in the campaign's order.
fn matched(want: &[String], have: &[String]) -> Vec<String> {
    want.iter()
        .filter(|w| have.iter().any(|h| h.trim().eq_ignore_ascii_case(w.trim())))
        .cloned()
        .collect()
}

/// One creator's fit to `campaign`.
pub fn candidate<'a>(
    campaign: &Campaign,
    creator: &'a Creator,
    weights: &Weights,
) -> Candidate<'a> {
    let a = &campaign.audience;
    let no_countries = Vec::new();
    let top = creator
        .audience
        .as_ref()
        .map_or(&no_countries, |x| &x.top_countries);
    let countries = matched(&a.countries, top);
    let languages = matched(&a.languages, &creator.languages);
    let niches = matched(&a.niches, &creator.niches);
    let shares: Vec<f64> = [
        (&a.countries, countries.len()),
        (&a.languages, languages.len()),
        (&a.niches, niches.len()),
    ]
    .iter()
    .filter(|(want, _)| !want.is_empty())
    .map(|(want, got)| *got as f64 / want.len() as f64)
    .collect();
    let fit = (!shares.is_empty())
        .then(|| (shares.iter().sum::<f64>() / shares.len() as f64 * 100.0).round() as u32);
    Candidate {
        creator,
        fit,
        countries,
        languages,
        niches,
        score: scorecard::score(creator, weights),
        do_not_book: creator.status == CreatorStatus::DoNotBook,
    }
}

fn desc<T: PartialOrd>(a: Option<T>, b: Option<T>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => y.partial_cmp(&x).unwrap_or(Ordering::Equal),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// The whole roster ranked for `campaign` (see the module's doc for the order).
pub fn shortlist<'a>(portal: &'a Portal, campaign: &Campaign) -> Vec<Candidate<'a>> {
    let weights = Weights::from_extra(&portal.config.extra);
    let mut all: Vec<Candidate<'a>> = portal
        .creators
        .values()
        .map(|c| candidate(campaign, c, &weights))
        .collect();
    all.sort_by(|x, y| {
        x.do_not_book
            .cmp(&y.do_not_book)
            .then_with(|| desc(x.fit, y.fit))
            .then_with(|| desc(x.score, y.score))
            .then_with(|| x.creator.handle.cmp(&y.creator.handle))
    });
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn matches_ignore_case_and_keep_the_campaigns_order() {
        assert_eq!(
            matched(&strings(&["US", "CA"]), &strings(&["ca", " us "])),
            strings(&["US", "CA"])
        );
        assert!(matched(&strings(&["fr"]), &strings(&["en"])).is_empty());
    }

    #[test]
    fn unknown_sorts_after_known_highest_first() {
        assert_eq!(desc(Some(3), Some(5)), Ordering::Greater);
        assert_eq!(desc(Some(5), None), Ordering::Less);
        assert_eq!(desc::<u32>(None, None), Ordering::Equal);
    }
}
