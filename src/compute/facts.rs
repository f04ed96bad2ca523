//! A campaign's report facts, computed once (SPEC §3, §6): totals, organic and boosted rows,
//! each creator's metrics, the targets' verdicts, the objective's lead metrics, `as_of` and the
//! benchmarks. The report page and `report.json` both read these; neither recomputes them.

use super::benchmarks::Benchmarks;
use super::forecast::HistoryForecast;
use super::metrics::{self, Metric, Metrics, Verdict};
use crate::model::{Campaign, Date, Handle, Money, Objective, ResultRow};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Everything a report says about one campaign.
#[derive(Debug, Clone, PartialEq)]
pub struct CampaignFacts {
    /// Every row, with the whole campaign's cost.
    pub totals: Metrics,
    /// Rows without boost spend, each carrying its row cost.
    pub organic: Metrics,
    /// Rows with `boost_spend` > 0, each carrying its row cost.
    pub boosted: Metrics,
    /// Each creator's posts with that creator's whole fixed cost, creators with posts only.
    pub creators: BTreeMap<Handle, Metrics>,
    /// The targets, judged; a quantity targeted twice is marked [`Verdict::same_as`].
    pub verdicts: Vec<Verdict>,
    /// The campaign's objective.
    pub objective: Option<Objective>,
    /// The objective's primary metrics, then its efficiency metrics (SPEC §6 table).
    pub primary: Vec<Metric>,
    /// The day the numbers were pulled: `report.md` `as_of`, else the latest `posted_on`.
    pub as_of: Option<Date>,
    /// How many creators are paid a fee: a cost over fewer than two would let one fee be
    /// derived.
    pub fixed_creators: usize,
    /// Medians of the portal's other complete campaigns.
    pub benchmarks: Benchmarks,
    /// What the booked creators' past results predict.
    pub forecast: HistoryForecast,
}

/// What a campaign's facts are made of besides the campaign itself: the values that read the
/// portal's other campaigns. `compute::derive` works these out for every report and plan (they
/// are small); the facts themselves — a `Metrics` per creator — are made in the campaign's
/// render task and dropped after it ([`FactInputs::facts_of`]), so those of every campaign never
/// exist at once.
#[derive(Debug, Clone, PartialEq)]
pub struct FactInputs {
    /// Medians of the portal's other complete campaigns.
    pub benchmarks: Benchmarks,
    /// What the booked creators' past results predict.
    pub forecast: HistoryForecast,
}

impl FactInputs {
    /// The facts of `c` (the campaign these inputs were worked out for).
    pub fn facts_of(&self, c: &Campaign) -> CampaignFacts {
        campaign_facts(c, self.benchmarks.clone(), self.forecast.clone())
    }
}

/// Every row's cost (SPEC §6), by `results.csv` line: its creator's fee + product + shipping
/// divided by that creator's rows, plus its own boost spend. A row with neither part known has
/// no cost.
pub fn row_costs(c: &Campaign) -> BTreeMap<u32, Money> {
    let mut rows_of: BTreeMap<&Handle, u64> = BTreeMap::new();
    for h in c.results.iter().filter_map(|r| r.creator.as_ref()) {
        *rows_of.entry(h).or_default() += 1;
    }
    c.results
        .iter()
        .filter_map(|r| {
            let fixed = r.creator.as_ref().and_then(|h| {
                let fixed = metrics::creator_fixed_cost(c, h)?;
                let n = rows_of.get(h).copied().filter(|n| *n > 0)?;
                Some(Money(fixed.0 / Decimal::from(n)))
            });
            let cost = match (fixed, r.boost_spend) {
                (Some(f), b) => Some(f + b.unwrap_or_default()),
                (None, b) => b,
            };
            cost.map(|x| (r.line, x))
        })
        .collect()
}

/// A boosted row: `boost_spend` above 0.
pub fn is_boosted(r: &ResultRow) -> bool {
    r.boost_spend.is_some_and(|b| b.0 > Decimal::ZERO)
}

/// The facts of `c`, with its benchmarks and history forecast already worked out.
pub fn campaign_facts(
    c: &Campaign,
    benchmarks: Benchmarks,
    forecast: HistoryForecast,
) -> CampaignFacts {
    let totals = metrics::campaign_metrics(c);
    let (boosted_rows, organic_rows): (Vec<&ResultRow>, Vec<&ResultRow>) =
        c.results.iter().partition(|r| is_boosted(r));
    let organic = metrics::compute(
        &organic_rows,
        metrics::allocated_fixed_cost(c, &organic_rows),
    );
    let boosted = metrics::compute(
        &boosted_rows,
        metrics::allocated_fixed_cost(c, &boosted_rows),
    );
    let creators = metrics::creators_metrics(c);
    let primary = c
        .objective
        .map(|o| {
            let (p, e) = metrics::objective_metrics(o);
            p.iter().chain(e).copied().collect()
        })
        .unwrap_or_default();
    CampaignFacts {
        verdicts: metrics::verdicts(&totals, &c.targets),
        totals,
        organic,
        boosted,
        creators,
        objective: c.objective,
        primary,
        as_of: c
            .report
            .as_ref()
            .and_then(|r| r.as_of)
            .or_else(|| c.results.iter().filter_map(|r| r.posted_on).max()),
        fixed_creators: c
            .briefs
            .values()
            .filter(|b| b.fee.is_some_and(|f| f.0 > Decimal::ZERO))
            .count(),
        benchmarks,
        forecast,
    }
}

/// Which cost figures an audience may see (SPEC §3 `show_fees`; SECURITY.md "fees"). Without
/// `show_fees`, no figure may let one creator's fee be derived: cost and cost metrics only over
/// the whole campaign, and only when at least two creators are paid a fee; nothing per creator
/// or per group of rows (a group's cost, differenced against the total or another group, gives
/// fees away).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CostShown {
    /// The whole campaign's cost, spend, budget left and cost metrics.
    pub campaign: bool,
    /// Cost per creator, per organic/boosted split, per platform, format or hook, per post.
    pub groups: bool,
}

impl CostShown {
    /// What `show_fees` (already reflecting the audience) allows for these facts.
    pub fn new(show_fees: bool, facts: &CampaignFacts) -> CostShown {
        CostShown {
            campaign: show_fees || facts.fixed_creators >= 2,
            groups: show_fees,
        }
    }
}
