//! Compute: model → derived data (tokens, tracking links, schedules, rights, metrics). Pure:
//! no I/O, no clock — today is passed in.

pub mod metrics;
pub mod passphrase;
pub mod rights;
pub mod schedule;
pub mod seal;
pub mod tag_index;
pub mod thumbnail_plan;
pub mod tokens;
pub mod tracking;

use crate::model::{CampaignSlug, Date, Handle, Portal};
use std::collections::BTreeMap;
use tokens::TokenMaker;

/// What every stage after compute needs besides the model.
#[derive(Debug, Clone)]
pub struct Derived {
    /// Today, for deadlines and rights.
    pub today: Date,
    /// Brief tokens by (campaign, creator).
    pub brief_tokens: BTreeMap<(CampaignSlug, Handle), String>,
    /// Report tokens by campaign (only campaigns with a `report.md`).
    pub report_tokens: BTreeMap<CampaignSlug, String>,
    /// Seals private pages when the portal says `[privacy] encrypt = true`.
    pub sealer: Option<seal::Sealer>,
    /// Seals the whole team build under a passphrase (`build --passphrase-env`).
    pub team_sealer: Option<std::sync::Arc<passphrase::TeamSealer>>,
}

impl Derived {
    /// The `#key` fragment a link to private folder `dir` carries, or `""` when pages are plain.
    pub fn link_fragment(&self, dir: &str) -> String {
        self.sealer
            .as_ref()
            .map(|s| s.fragment(dir))
            .unwrap_or_default()
    }
}

/// Derives tokens for every brief and report.
pub fn derive(portal: &Portal, secret: &str, today: Date) -> Derived {
    let maker = TokenMaker::new(secret);
    let mut brief_tokens = BTreeMap::new();
    let mut report_tokens = BTreeMap::new();
    for (slug, c) in &portal.campaigns {
        for (h, b) in &c.briefs {
            brief_tokens.insert((slug.clone(), h.clone()), maker.brief(b));
        }
        if c.report.is_some() {
            report_tokens.insert(slug.clone(), maker.report(slug));
        }
    }
    Derived {
        today,
        brief_tokens,
        report_tokens,
        sealer: portal.config.encrypt.then(|| seal::Sealer::new(secret)),
        team_sealer: None,
    }
}
