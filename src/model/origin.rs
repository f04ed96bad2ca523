//! Where the model's items were written: the `Origin`s validation keeps from the parsed files
//! (TOML spans, CSV cells, Markdown bodies), so that every diagnostic about an item names its own
//! file, line and column. Nothing here searches text; a key that is absent points at its item.

pub use crate::diagnostics::Origin;

/// Where a brief and the keys that findings about it name were written. Each key absent from the
/// front matter points at the start of the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BriefOrigin {
    /// The start of the file (its opening `+++`).
    pub file: Origin,
    /// `version`.
    pub version: Origin,
    /// `why_you`.
    pub why_you: Origin,
    /// `discount_code`.
    pub discount_code: Origin,
    /// `[rights]`.
    pub rights: Origin,
    /// `ad_code` under `[rights]` (else `[rights]`).
    pub ad_code: Origin,
}

/// Where a deliverable and its keys were written. Each key absent from its table points at the
/// deliverable's `id`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeliverableOrigin {
    /// `id`: the deliverable itself.
    pub id: Origin,
    /// `platform`.
    pub platform: Origin,
    /// `specs`.
    pub specs: Origin,
    /// `draft_due`.
    pub draft_due: Origin,
    /// `live_on` (else `live_at`, which gives the go-live day).
    pub live_on: Origin,
    /// `draft_caption`.
    pub draft_caption: Origin,
}

/// Where an asset's facts were written: its sidecar, else the media file itself (no position).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AssetOrigin {
    /// The start of the sidecar, or the media file.
    pub file: Origin,
    /// The sidecar's `[rights]` (else `file`).
    pub rights: Origin,
}

/// Where a `results.csv` row was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowOrigin {
    /// The start of the row.
    pub row: Origin,
    /// Its `caption` cell (else the row).
    pub caption: Origin,
}
