//! The roster's filters and sorts (in the browser from a prebuilt index, and as plain pages
//! under `/team/roster/` without JavaScript), each creator's status, audience, languages,
//! measured reliability and bookings.

use super::{count, percent};
use crate::compute::Derived;
use crate::compute::scorecard::{self, Weights};
use crate::compute::tag_index::slug;
use crate::model::{Creator, CreatorStatus, Portal};
use crate::render::escape::SafeHtml;
use crate::render::routes;
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

/// Team: the plain filter and sort pages of the roster.
pub const TEAM_ROSTER: &str = "team/roster/";

/// A creator's row in the roster, the filter pages and the shortlist.
#[derive(Debug, Clone, Serialize)]
pub struct RosterRow {
    /// Handle.
    pub handle: String,
    /// Name.
    pub name: String,
    /// Page href from the site root.
    pub href: String,
    /// `prospect`, `vetted`, `booked`, `do-not-book`.
    pub status: &'static str,
    /// Marked `do-not-book`.
    pub do_not_book: bool,
    /// Location.
    pub location: String,
    /// Platforms, by label.
    pub platforms: String,
    /// Niches.
    pub niches: String,
    /// Audience top countries.
    pub countries: String,
    /// Languages.
    pub languages: String,
    /// Total followers, in words.
    pub followers: String,
    /// Mean of the channels' average engagement rates, in words.
    pub er: String,
    /// Lowest rate on file, in words.
    pub rate: String,
    /// Weighted scorecard score, one decimal.
    pub score: String,
    /// Measured reliability in words.
    pub reliability: String,
    /// The same, short: "1 of 2 (50%)" or "—".
    pub on_time: String,
}

struct Facts {
    followers: Option<u64>,
    er: Option<f64>,
    rate: Option<rust_decimal::Decimal>,
    score: Option<f64>,
}

fn facts(c: &Creator, w: &Weights) -> Facts {
    let ers: Vec<f64> = c
        .platforms
        .iter()
        .filter_map(|p| p.avg_engagement_rate)
        .collect();
    Facts {
        followers: c
            .platforms
            .iter()
            .filter_map(|x| x.followers)
            .reduce(|a, b| a.saturating_add(b)),
        er: (!ers.is_empty()).then(|| ers.iter().sum::<f64>() / ers.len() as f64),
        rate: c.rates.values().map(|m| m.0).min(),
        score: scorecard::score(c, w),
    }
}

/// One creator as a roster row.
pub fn row(p: &Portal, c: &Creator, d: &Derived) -> RosterRow {
    row_with(p, c, scorecard::reliability(p, c, d.today))
}

/// [`row`], with the creator's `reliability` over every campaign already counted.
pub fn row_with(p: &Portal, c: &Creator, reliability: scorecard::Reliability) -> RosterRow {
    let w = Weights::from_extra(&p.config.extra);
    let f = facts(c, &w);
    let mut platforms: Vec<&str> = c.platforms.iter().map(|x| x.name.label()).collect();
    platforms.dedup();
    RosterRow {
        handle: c.handle.to_string(),
        name: c.name.clone(),
        href: routes::team_creator_dir(c.handle.as_str()),
        status: c.status.as_str(),
        do_not_book: c.status == CreatorStatus::DoNotBook,
        location: c.location.clone().unwrap_or_else(|| "—".into()),
        platforms: platforms.join(", "),
        niches: c.niches.join(", "),
        countries: c
            .audience
            .as_ref()
            .map(|a| a.top_countries.join(", "))
            .unwrap_or_default(),
        languages: c.languages.join(", "),
        followers: count(f.followers),
        er: percent(f.er),
        rate: f
            .rate
            .map(|r| crate::model::Money(r).display(&p.config.currency))
            .unwrap_or_else(|| "—".into()),
        score: f
            .score
            .map(|s| format!("{s:.1}"))
            .unwrap_or_else(|| "—".into()),
        reliability: reliability.words(),
        on_time: reliability.short(),
    }
}

/// One filter of the roster: a field and its values, each with its plain page.
#[derive(Debug, Clone, Serialize)]
pub struct RosterFilter {
    /// Index field: `platforms`, `niches`, `countries`, `languages`, `status`.
    pub field: &'static str,
    /// Label.
    pub label: &'static str,
    /// Values with the href of their plain page (from the site root).
    pub options: Vec<FilterValue>,
}

/// A filter value.
#[derive(Debug, Clone, Serialize)]
pub struct FilterValue {
    /// As written.
    pub value: String,
    /// Its slug, as the index holds it.
    pub slug: String,
    /// Its plain page, from the site root.
    pub href: String,
    /// Creators with it.
    pub count: usize,
}

/// The roster page.
#[derive(Debug, Clone, Serialize)]
pub struct RosterView {
    /// Heading.
    pub heading: String,
    /// What this view shows.
    pub intro: Option<String>,
    /// Rows in the view's order.
    pub rows: Vec<RosterRow>,
    /// Filters (their plain pages and the form's options).
    pub filters: Vec<RosterFilter>,
    /// Sorts: their plain pages.
    pub sorts: Vec<SortLink>,
    /// The index for the browser filter, JSON safe inside `<script>`.
    pub index_json: SafeHtml,
    /// Href of the whole roster, from the site root.
    pub all: String,
}

/// A sort with its plain page.
#[derive(Debug, Clone, Serialize)]
pub struct SortLink {
    /// `name`, `followers`, `er`, `rate`, `score`.
    pub key: &'static str,
    /// Label.
    pub text: String,
    /// Its plain page, from the site root.
    pub href: String,
}

/// The filter fields: (index field, label, the creator's values).
type FieldValues = fn(&Creator) -> Vec<String>;
const FIELDS: [(&str, &str, FieldValues); 5] = [
    ("platforms", "Platform", |c| {
        c.platforms
            .iter()
            .map(|p| p.name.label().to_string())
            .collect()
    }),
    ("niches", "Niche", |c| c.niches.clone()),
    ("countries", "Audience country", |c| {
        c.audience
            .as_ref()
            .map(|a| a.top_countries.clone())
            .unwrap_or_default()
    }),
    ("languages", "Language", |c| c.languages.clone()),
    ("status", "Status", |c| vec![c.status.as_str().to_string()]),
];

/// The sorts: (key, label). Each has a plain page; all are highest first but `name`.
pub const SORTS: [(&str, &str); 5] = [
    ("name", "Name"),
    ("followers", "Followers"),
    ("er", "Engagement rate"),
    ("rate", "Rate"),
    ("score", "Score"),
];

/// The plain page of a filter value.
pub fn filter_dir(field: &str, value: &str) -> String {
    format!("{TEAM_ROSTER}{field}/{}/", slug(value))
}

/// The plain page of a sort.
pub fn sort_dir(key: &str) -> String {
    format!("{TEAM_ROSTER}by-{key}/")
}

/// Everything the roster pages are made from.
pub struct Roster<'a> {
    creators: Vec<(&'a Creator, RosterRow, Facts)>,
    /// The filters and the browser index, the same on every roster page: made once.
    shared: std::sync::OnceLock<(Vec<RosterFilter>, SafeHtml)>,
}

impl<'a> Roster<'a> {
    /// Rows and facts for every creator, by handle.
    pub fn new(p: &'a Portal, d: &Derived) -> Self {
        let w = Weights::from_extra(&p.config.extra);
        Roster {
            creators: p
                .creators
                .values()
                .map(|c| (c, row(p, c, d), facts(c, &w)))
                .collect(),
            shared: std::sync::OnceLock::new(),
        }
    }

    /// A digest of everything the roster's pages and the campaigns' shortlists read of the
    /// creators: each creator's row, handle, name, filter values ([`FIELDS`]) and sort facts
    /// (the roster pages and their browser index), and the rates on file and audience countries
    /// (the shortlists, whose fit, score and do-not-book order read the same filter values and
    /// facts). Those pages are keyed by it rather than by the roster files, so an edit they do
    /// not show (a creator's notes, email or manager) makes none of them again.
    pub fn digest(&self, p: &Portal) -> blake3::Hash {
        let mut h = blake3::Hasher::new();
        let text = |h: &mut blake3::Hasher, s: &str| {
            h.update(&(s.len() as u64).to_le_bytes());
            h.update(s.as_bytes());
        };
        for (c, row, f) in &self.creators {
            // A row that cannot be serialised (none can) still changes the digest.
            let row = serde_json::to_vec(row).unwrap_or_else(|e| e.to_string().into_bytes());
            h.update(&(row.len() as u64).to_le_bytes());
            h.update(&row);
            text(&mut h, c.handle.as_str());
            text(&mut h, &c.name);
            for (field, _, values) in FIELDS {
                text(&mut h, field);
                for v in values(c) {
                    text(&mut h, &v);
                }
            }
            let facts = [
                f.followers.map(|x| x.to_string()),
                f.er.map(|x| x.to_bits().to_string()),
                f.rate.map(|x| x.to_string()),
                f.score.map(|x| x.to_bits().to_string()),
            ];
            for fact in facts {
                text(&mut h, fact.as_deref().unwrap_or("-"));
            }
            for (format, money) in &c.rates {
                text(&mut h, format.as_str());
                text(&mut h, &money.display(&p.config.currency));
            }
            text(&mut h, "end");
        }
        h.finalize()
    }

    /// The roster row of `h` (rows are in handle order, as the roster is).
    pub fn row_of(&self, h: &crate::model::Handle) -> Option<&RosterRow> {
        self.creators
            .binary_search_by(|(c, _, _)| c.handle.cmp(h))
            .ok()
            .map(|i| &self.creators[i].1)
    }

    fn filters(&self) -> Vec<RosterFilter> {
        FIELDS
            .iter()
            .map(|(field, label, values)| {
                let mut seen: BTreeMap<String, (String, usize)> = BTreeMap::new();
                for (c, _, _) in &self.creators {
                    let vs: BTreeSet<String> = values(c).into_iter().collect();
                    for v in vs {
                        seen.entry(slug(&v)).or_insert((v, 0)).1 += 1;
                    }
                }
                RosterFilter {
                    field,
                    label,
                    options: seen
                        .into_values()
                        .map(|(v, n)| FilterValue {
                            href: filter_dir(field, &v),
                            slug: slug(&v),
                            value: v,
                            count: n,
                        })
                        .collect(),
                }
            })
            .collect()
    }

    fn index(&self) -> SafeHtml {
        let v: Vec<Value> = self
            .creators
            .iter()
            .map(|(c, _, f)| {
                let mut o = serde_json::Map::new();
                o.insert("handle".into(), json!(c.handle.as_str()));
                o.insert("name".into(), json!(c.name.to_lowercase()));
                for (field, _, values) in FIELDS {
                    let vs: Vec<String> = values(c).iter().map(|s| slug(s)).collect();
                    o.insert(field.into(), json!(vs));
                }
                o.insert("followers".into(), json!(f.followers));
                o.insert("er".into(), json!(f.er));
                o.insert(
                    "rate".into(),
                    json!(
                        f.rate
                            .and_then(|r| rust_decimal::prelude::ToPrimitive::to_f64(&r))
                    ),
                );
                o.insert("score".into(), json!(f.score));
                Value::Object(o)
            })
            .collect();
        crate::render::escape::json_for_script(&Value::Array(v))
    }

    fn view(&self, heading: String, intro: Option<String>, rows: Vec<RosterRow>) -> RosterView {
        let (filters, index_json) = self
            .shared
            .get_or_init(|| (self.filters(), self.index()))
            .clone();
        RosterView {
            heading,
            intro,
            rows,
            filters,
            sorts: SORTS
                .iter()
                .map(|(k, l)| SortLink {
                    key: k,
                    text: l.to_string(),
                    href: sort_dir(k),
                })
                .collect(),
            index_json,
            all: routes::TEAM_CREATORS.into(),
        }
    }

    /// The whole roster, by handle.
    pub fn home(&self) -> RosterView {
        let rows = self.creators.iter().map(|(_, r, _)| r.clone()).collect();
        self.view("Roster".into(), None, rows)
    }

    /// Plain filter pages: (path of the folder, view).
    pub fn filter_pages(&self) -> Vec<(String, RosterView)> {
        let mut out = Vec::new();
        for (field, label, values) in FIELDS {
            let mut by: BTreeMap<String, (String, Vec<RosterRow>)> = BTreeMap::new();
            for (c, r, _) in &self.creators {
                let vs: BTreeSet<String> = values(c).into_iter().collect();
                for v in vs {
                    by.entry(slug(&v))
                        .or_insert_with(|| (v.clone(), Vec::new()))
                        .1
                        .push(r.clone());
                }
            }
            for (_, (value, rows)) in by {
                let n = rows.len();
                out.push((
                    filter_dir(field, &value),
                    self.view(
                        format!("Roster: {label} {value}"),
                        Some(format!(
                            "{n} creator(s) with {} “{value}”.",
                            label.to_lowercase()
                        )),
                        rows,
                    ),
                ));
            }
        }
        out
    }

    /// The filter and sort pages' folders and headings, in the order [`Roster::filter_pages`]
    /// and [`Roster::sort_pages`] give them; no row is copied, so pages that are kept are
    /// listed without making their views.
    pub fn page_list(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (field, label, values) in FIELDS {
            let mut by: BTreeMap<String, String> = BTreeMap::new();
            for (c, _, _) in &self.creators {
                for v in values(c).into_iter().collect::<BTreeSet<String>>() {
                    by.entry(slug(&v)).or_insert(v);
                }
            }
            let pages = by.into_values();
            out.extend(pages.map(|v| (filter_dir(field, &v), format!("Roster: {label} {v}"))));
        }
        let sorts = SORTS.iter().map(|(key, label)| {
            let heading = format!("Roster by {}", label.to_lowercase());
            (sort_dir(key), heading)
        });
        out.extend(sorts);
        out
    }

    /// Plain sort pages: (path of the folder, view).
    pub fn sort_pages(&self) -> Vec<(String, RosterView)> {
        SORTS
            .iter()
            .map(|(key, label)| {
                let mut all: Vec<&(&Creator, RosterRow, Facts)> = self.creators.iter().collect();
                all.sort_by(|a, b| sort_order(key, a, b));
                let rows = all.into_iter().map(|(_, r, _)| r.clone()).collect();
                let order = if *key == "name" {
                    "A to Z"
                } else {
                    "highest first; unknown last"
                };
                (
                    sort_dir(key),
                    self.view(
                        format!("Roster by {}", label.to_lowercase()),
                        Some(format!("Sorted by {}, {order}.", label.to_lowercase())),
                        rows,
                    ),
                )
            })
            .collect()
    }
}

fn sort_order(
    key: &str,
    a: &(&Creator, RosterRow, Facts),
    b: &(&Creator, RosterRow, Facts),
) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    fn desc<T: PartialOrd>(x: Option<T>, y: Option<T>) -> Ordering {
        match (x, y) {
            (Some(x), Some(y)) => y.partial_cmp(&x).unwrap_or(Ordering::Equal),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }
    let (fa, fb) = (&a.2, &b.2);
    let by = match key {
        "followers" => desc(fa.followers, fb.followers),
        "er" => desc(fa.er, fb.er),
        "rate" => desc(fa.rate, fb.rate),
        "score" => desc(fa.score, fb.score),
        _ => a.0.name.to_lowercase().cmp(&b.0.name.to_lowercase()),
    };
    by.then_with(|| a.0.handle.cmp(&b.0.handle))
}

/// A campaign a creator has a brief in, for their page.
#[derive(Debug, Clone, Serialize)]
pub struct Booking {
    /// Campaign title.
    pub campaign: String,
    /// Campaign status.
    pub status: &'static str,
    /// Overview href from the site root.
    pub href: String,
    /// The brief's private page, from the site root.
    pub brief_href: Option<String>,
    /// Fee in words.
    pub fee: Option<String>,
    /// Drafts on time in this campaign, in words.
    pub reliability: String,
}

/// What a creator's page adds to the roster item: status, audience, languages, reliability,
/// bookings with links.
#[derive(Debug, Clone, Serialize)]
pub struct CreatorExtras {
    /// The roster row (status, audience countries, languages, ER, rate, weighted score).
    pub row: RosterRow,
    /// The audience in words: shares and countries.
    pub audience: Vec<super::Fact>,
    /// Each campaign with a brief for this creator.
    pub bookings: Vec<Booking>,
    /// How the score is weighted, in words.
    pub weights: String,
    /// The manager, as a `mailto:` address when it is one.
    pub manager_email: Option<String>,
}

/// The extras of one creator's page: the creator's `bookings`, and their `reliability` over
/// every campaign.
pub fn creator_extras(
    p: &Portal,
    c: &Creator,
    reliability: scorecard::Reliability,
    bookings: Vec<Booking>,
) -> CreatorExtras {
    let w = Weights::from_extra(&p.config.extra);
    let mut audience = Vec::new();
    if let Some(a) = &c.audience {
        let fact = |label: &str, value: String| super::Fact {
            label: label.into(),
            value,
        };
        if !a.top_countries.is_empty() {
            audience.push(fact("Top countries", a.top_countries.join(", ")));
        }
        if let Some(x) = a.female_share {
            audience.push(fact("Women", percent(Some(x))));
        }
        if let Some(x) = a.age_18_34_share {
            audience.push(fact("Aged 18–34", percent(Some(x))));
        }
    }
    CreatorExtras {
        row: row_with(p, c, reliability),
        audience,
        bookings,
        weights: scorecard::CRITERIA
            .iter()
            .map(|k| format!("{} × {}", k.replace('_', " "), w.of(k)))
            .collect::<Vec<_>>()
            .join(", "),
        manager_email: c
            .manager
            .as_ref()
            .filter(|m| m.contains('@') && !m.contains(char::is_whitespace))
            .cloned(),
    }
}
