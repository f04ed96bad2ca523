//! Compute: model → derived data (tokens, tracking links, schedules, rights, metrics, report
//! facts and benchmarks). Pure:
//! no I/O, no clock — today is passed in.

pub mod benchmarks;
pub mod brief_facts;
pub mod calendar;
pub mod creator_results;
pub mod disclosure;
pub mod facts;
pub mod forecast;
pub mod metrics;
pub mod passphrase;
pub mod payments;
pub mod rights;
pub mod schedule;
pub mod scorecard;
pub mod seal;
pub mod secret;
pub mod shortlist;
pub mod tag_index;
pub mod thumbnail_plan;
pub mod tokens;
pub mod tracking;

use crate::model::{CampaignSlug, Date, Handle, Portal};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;
use tokens::TokenMaker;

/// What every stage after compute needs besides the model.
#[derive(Debug, Clone)]
pub struct Derived {
    /// Today, for deadlines and rights.
    pub today: Date,
    /// Brief tokens by campaign, then creator (each campaign's shared: `serve` keeps them while
    /// the briefs and the secret are unchanged). Read them with [`Derived::brief_token`].
    pub brief_tokens: BTreeMap<CampaignSlug, Arc<BTreeMap<Handle, String>>>,
    /// Report tokens by campaign (only campaigns with a `report.md`).
    pub report_tokens: BTreeMap<CampaignSlug, String>,
    /// Plan tokens by campaign (only campaigns with a `plan.md`).
    pub plan_tokens: BTreeMap<CampaignSlug, String>,
    /// What report facts are made of besides the campaign (its benchmarks and history
    /// forecast), by campaign (only campaigns with a `report.md` or `plan.md`); the facts are made
    /// from them by the campaign's render task ([`facts::FactInputs::facts_of`]).
    pub facts: BTreeMap<CampaignSlug, facts::FactInputs>,
    /// `check`'s compliance findings, for the team dashboard's "needs attention" panel: filled
    /// by the pipeline (which runs the lint) for team builds, empty otherwise.
    pub findings: crate::diagnostics::Diagnostics,
    /// Seals private pages when the portal says `[privacy] encrypt = true`.
    pub sealer: Option<seal::Sealer>,
    /// Seals the whole team build under a passphrase (`build --passphrase-env`).
    pub team_sealer: Option<std::sync::Arc<passphrase::TeamSealer>>,
}

impl Derived {
    /// The token of `creator`'s brief in `campaign`.
    pub fn brief_token(&self, campaign: &CampaignSlug, creator: &Handle) -> Option<&String> {
        self.brief_tokens.get(campaign)?.get(creator)
    }

    /// The `#key` fragment a link to private folder `dir` carries, or `""` when pages are plain.
    pub fn link_fragment(&self, dir: &str) -> String {
        self.sealer
            .as_ref()
            .map(|s| s.fragment(dir))
            .unwrap_or_default()
    }
}

/// Derives tokens for every brief, report and plan, and what the facts of every report and plan
/// read of the other campaigns.
pub fn derive(portal: &Portal, secret: &str, today: Date) -> Derived {
    derive_with(portal, secret, today, None)
}

/// [`derive`], taking each campaign's brief tokens from `kept` (`serve`'s store) when its briefs
/// and the secret are those they were made from (a token is an HMAC: at 10,000 briefs making
/// them all was an eighth of a save).
pub fn derive_with(
    portal: &Portal,
    secret: &str,
    today: Date,
    kept: Option<&crate::keyed::KeyedStore>,
) -> Derived {
    let maker = TokenMaker::new(secret);
    let secret_digest = blake3::hash(secret.as_bytes());
    let campaigns: Vec<_> = portal.campaigns.iter().collect();
    let brief_tokens = campaigns
        .par_iter()
        .map(|(slug, c)| {
            let make = || {
                let tokens = c.briefs.iter().map(|(h, b)| (h.clone(), maker.brief(b)));
                tokens.collect::<BTreeMap<_, _>>()
            };
            let tokens = match kept {
                Some(store) => {
                    let key = tokens::briefs_key(&secret_digest, c.briefs.values());
                    store.get_or_make("brief tokens", &key, make)
                }
                None => Arc::new(make()),
            };
            ((*slug).clone(), tokens)
        })
        .collect();
    let mut report_tokens = BTreeMap::new();
    let mut plan_tokens = BTreeMap::new();
    for (slug, c) in &portal.campaigns {
        if c.report.is_some() {
            report_tokens.insert(slug.clone(), maker.report(slug));
        }
        if c.plan.is_some() {
            plan_tokens.insert(slug.clone(), maker.plan(slug));
        }
    }
    let posts = creator_results::PostsByCreator::new(portal);
    let facts = benchmarks::benchmarks(portal, |c| c.report.is_some() || c.plan.is_some())
        .into_iter()
        .filter_map(|(slug, b)| {
            let c = portal.campaigns.get(&slug)?;
            let inputs = facts::FactInputs {
                benchmarks: b,
                forecast: forecast::history_forecast(portal, &posts, c),
            };
            Some((slug, inputs))
        })
        .collect();
    Derived {
        today,
        brief_tokens,
        report_tokens,
        plan_tokens,
        facts,
        findings: crate::diagnostics::Diagnostics::new(),
        sealer: portal.config.encrypt.then(|| seal::Sealer::new(secret)),
        team_sealer: None,
    }
}
