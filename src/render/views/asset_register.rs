//! The asset library's registers: `assets.json` and `assets.csv` from one [`AssetRecord`] per
//! asset, and `rights.ics` with an event on each asset's last licensed day.

use super::assets::{Entry, Library, asset_dir};
use crate::model::{AssetRights, Date};
use crate::render::{downloads, ics, routes};
use serde::Serialize;

/// One asset as both registers describe it. `assets.json` is this record serialised;
/// `assets.csv` takes its columns from [`CSV_COLUMNS`], each a name and a cell of this record.
#[derive(Debug, Serialize)]
pub struct AssetRecord {
    id: String,
    title: String,
    kind: &'static str,
    creator: Option<String>,
    campaign: Option<String>,
    tags: Vec<String>,
    file: String,
    size_bytes: u64,
    width: Option<u32>,
    height: Option<u32>,
    credit: Option<String>,
    source_url: Option<String>,
    caption: Option<String>,
    rights: RightsRecord,
}

/// The rights part of an [`AssetRecord`].
#[derive(Debug, Serialize)]
pub struct RightsRecord {
    status: &'static str,
    inherited: bool,
    channels: Vec<&'static str>,
    territory: Vec<String>,
    starts: Option<String>,
    ends: Option<String>,
    perpetual: bool,
}

impl AssetRecord {
    fn new(e: &Entry<'_>, library: &Library<'_>) -> Self {
        let a = e.asset;
        let info = library.images.get(&a.id);
        AssetRecord {
            id: a.id.clone(),
            title: a.title.clone(),
            kind: a.kind.as_str(),
            creator: a.creator.as_ref().map(ToString::to_string),
            campaign: a.campaign.as_ref().map(ToString::to_string),
            tags: a.tags.clone(),
            file: routes::media_path(&a.id),
            size_bytes: a.size,
            width: info.map(|i| i.width),
            height: info.map(|i| i.height),
            credit: a.credit.clone(),
            source_url: a.source_url.clone(),
            caption: a.caption.clone(),
            rights: RightsRecord {
                status: e.status.as_str(),
                inherited: matches!(a.rights, AssetRights::Inherited(_)),
                channels: e
                    .rights
                    .as_ref()
                    .map(|r| r.channels.iter().map(|c| c.as_str()).collect())
                    .unwrap_or_default(),
                territory: e
                    .rights
                    .as_ref()
                    .map(|r| r.territory.clone())
                    .unwrap_or_default(),
                starts: e.window.and_then(|w| w.start).map(Date::iso),
                ends: e.window.and_then(|w| w.end).map(Date::iso),
                perpetual: e.window.is_some_and(|w| w.perpetual),
            },
        }
    }
}

/// A CSV column: its header and how its cell is written from the record.
type Column = (&'static str, fn(&AssetRecord) -> String);

fn text(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

fn number<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

/// The columns of `assets.csv`, in order; lists are joined with "; ". The caption comes last
/// (it was added after the first version; scripts read the columns before it by position).
pub const CSV_COLUMNS: &[Column] = &[
    ("id", |r| r.id.clone()),
    ("title", |r| r.title.clone()),
    ("kind", |r| r.kind.to_string()),
    ("creator", |r| text(&r.creator)),
    ("campaign", |r| text(&r.campaign)),
    ("tags", |r| r.tags.join("; ")),
    ("file", |r| r.file.clone()),
    ("size_bytes", |r| r.size_bytes.to_string()),
    ("width", |r| number(r.width)),
    ("height", |r| number(r.height)),
    ("credit", |r| text(&r.credit)),
    ("source_url", |r| text(&r.source_url)),
    ("rights_status", |r| r.rights.status.to_string()),
    ("channels", |r| r.rights.channels.join("; ")),
    ("territory", |r| r.rights.territory.join("; ")),
    ("rights_end", |r| text(&r.rights.ends)),
    ("caption", |r| text(&r.caption)),
];

impl Library<'_> {
    /// One record per asset, in library order.
    pub fn records(&self) -> Vec<AssetRecord> {
        self.entries
            .iter()
            .map(|e| AssetRecord::new(e, self))
            .collect()
    }

    /// `assets.json`: `{"assets": [record, …]}`.
    pub fn register_json(&self) -> Vec<u8> {
        #[derive(Serialize)]
        struct Register {
            assets: Vec<AssetRecord>,
        }
        serde_json::to_vec_pretty(&Register {
            assets: self.records(),
        })
        .unwrap_or_default()
    }

    /// `assets.csv`: the same records, flat, formula-safe.
    pub fn register_csv(&self) -> Vec<u8> {
        let header: Vec<&str> = CSV_COLUMNS.iter().map(|(name, _)| *name).collect();
        let rows: Vec<Vec<String>> = self
            .records()
            .iter()
            .map(|r| CSV_COLUMNS.iter().map(|(_, cell)| cell(r)).collect())
            .collect();
        downloads::csv_table(&header, &rows)
    }

    /// `rights.ics`: an all-day event on each asset's last licensed day.
    pub fn rights_ics(&self, base_url: &str, today: Date) -> String {
        let host = ics::host_of(base_url);
        let events: Vec<ics::Event> = self
            .entries
            .iter()
            .filter_map(|e| {
                let end = e.window.and_then(|w| w.end)?;
                let url = format!("{base_url}/{}", routes::url_path(&asset_dir(&e.asset.id)));
                let id_hash = blake3::hash(e.asset.id.as_bytes()).to_hex();
                Some(ics::Event {
                    time: None,
                    uid: format!("rights-end.{}@{host}", &id_hash.as_str()[..20]),
                    date: end,
                    summary: format!("Rights end: {}", e.asset.title),
                    description: format!(
                        "Last day the rights to {} cover. Take it down after this day.",
                        e.asset.id
                    ),
                    url: Some(url),
                })
            })
            .collect();
        ics::calendar("Asset rights end dates", &events, today)
    }
}
