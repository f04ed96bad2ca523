//! A campaign's results: the rows of `results.csv` and the settings of `report.md`.

use super::{
    Date, DeliverableFormat, Handle, MarkdownText, Money, Platform, ResultSource, RowOrigin,
};

/// One published post of `results.csv`.
#[derive(Debug, Clone, Default)]
pub struct ResultRow {
    /// 1-based line in the file (also the row's identity within its campaign).
    pub line: u32,
    /// Where the row and its caption were written.
    pub origin: RowOrigin,
    /// Creator.
    pub creator: Option<Handle>,
    /// Deliverable id.
    pub deliverable: Option<String>,
    /// Platform.
    pub platform: Option<Platform>,
    /// Format.
    pub format: Option<DeliverableFormat>,
    /// Post URL.
    pub url: Option<String>,
    /// Publication date.
    pub posted_on: Option<Date>,
    /// Followers at posting.
    pub followers: Option<u64>,
    /// Impressions.
    pub impressions: Option<u64>,
    /// Reach.
    pub reach: Option<u64>,
    /// Views.
    pub views: Option<u64>,
    /// Likes.
    pub likes: Option<u64>,
    /// Comments.
    pub comments: Option<u64>,
    /// Shares.
    pub shares: Option<u64>,
    /// Saves.
    pub saves: Option<u64>,
    /// Link clicks.
    pub clicks: Option<u64>,
    /// Sign-ups.
    pub signups: Option<u64>,
    /// Orders.
    pub orders: Option<u64>,
    /// Revenue.
    pub revenue: Option<Money>,
    /// Paid boost.
    pub boost_spend: Option<Money>,
    /// Caption.
    pub caption: Option<String>,
    /// Creative hook label.
    pub hook: Option<String>,
    /// Source of the numbers.
    pub source: Option<ResultSource>,
}

/// `report.md`.
#[derive(Debug, Clone)]
pub struct Report {
    /// Title.
    pub title: Option<String>,
    /// Show per-creator fees in the public audience.
    pub show_fees: bool,
    /// The day the numbers were pulled (default: the latest `posted_on`).
    pub as_of: Option<Date>,
    /// Show benchmarks (default: true in the team audience, false in public).
    pub show_benchmarks: Option<bool>,
    /// Narrative.
    pub narrative: MarkdownText,
    /// Free-form.
    pub extra: toml::Table,
}
