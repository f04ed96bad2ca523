//! The validated model of a portal: typed, resolved, with newtype ids. No I/O, no clock.

mod asset;
mod note;
pub mod origin;
mod results;
pub mod targets;
pub mod values;
pub mod vocabulary;

pub use asset::{Asset, AssetRights};
pub use note::{Note, NoteBody};
pub use origin::{AssetOrigin, BriefOrigin, DeliverableOrigin, Origin, RowOrigin};
pub use results::{Report, ResultRow};
use std::collections::BTreeMap;
pub use targets::RawTargets;
pub use values::*;
pub use vocabulary::*;

/// A whole validated portal.
#[derive(Debug, Clone)]
pub struct Portal {
    /// `portal.toml`.
    pub config: Config,
    /// The roster by handle.
    pub creators: BTreeMap<Handle, Creator>,
    /// The campaigns by slug, each shared (`serve` keeps an unchanged campaign from one build
    /// to the next: `load::shelf`).
    pub campaigns: BTreeMap<CampaignSlug, std::sync::Arc<Campaign>>,
    /// Every asset, sorted by id.
    pub assets: Vec<Asset>,
    /// The team's playbook pages (SPEC §6), sorted by path.
    pub playbook: Vec<PlaybookPage>,
}

/// One page of `content/playbook/**/*.md`.
#[derive(Debug, Clone)]
pub struct PlaybookPage {
    /// Path under `content/playbook/` without `.md`, `/`-separated: its URL below `/team/playbook/`.
    pub slug: String,
    /// The first `# ` heading, else the file name.
    pub title: String,
    /// The Markdown.
    pub source: MarkdownText,
}

/// Settings from `portal.toml`, defaults applied.
#[derive(Debug, Clone)]
pub struct Config {
    /// The portal's title.
    pub title: String,
    /// Absolute base URL without a trailing slash.
    pub base_url: String,
    /// Page language.
    pub language: String,
    /// IANA time zone that decides "today".
    pub timezone: String,
    /// Default ISO 4217 currency.
    pub currency: String,
    /// Theme name.
    pub theme: String,
    /// The brand.
    pub brand: Brand,
    /// The secret that private tokens derive from.
    pub link_secret: Option<String>,
    /// `[privacy] encrypt`: briefs, reports and plans are stored encrypted (SPEC §6).
    pub encrypt: bool,
    /// Jurisdiction of the disclosure rules.
    pub jurisdiction: Jurisdiction,
    /// Characters before a caption's "more" cut-off.
    pub caption_cutoff: usize,
    /// UTM templates.
    pub tracking: Tracking,
    /// Thumbnail settings.
    pub images: ImageSettings,
    /// Free-form data for templates.
    pub extra: toml::Table,
}

/// The brand of `[brand]`.
#[derive(Debug, Clone)]
pub struct Brand {
    /// Brand name.
    pub name: String,
    /// Path of the logo under the portal root (served from `/` with the `static/` prefix dropped).
    pub logo: Option<String>,
    /// The logo's intrinsic width and height, when known.
    pub logo_size: Option<(u32, u32)>,
    /// Accent colour `#rrggbb`.
    pub accent: Option<String>,
    /// Contact e-mail for creators.
    pub contact: Option<String>,
}

/// UTM parameter templates with `{campaign}`, `{creator}`, `{platform}`, `{deliverable}`.
#[derive(Debug, Clone, Default)]
pub struct Tracking {
    /// Parameters in output order: name → template.
    pub params: Vec<(String, String)>,
}

/// `[images]`.
#[derive(Debug, Clone)]
pub struct ImageSettings {
    /// Thumbnail widths, ascending.
    pub widths: Vec<u32>,
    /// Encoding.
    pub format: ImageFormat,
    /// 1–100.
    pub quality: u8,
}

/// A creator of the roster (team-only data).
#[derive(Debug, Clone)]
pub struct Creator {
    /// Handle (file stem).
    pub handle: Handle,
    /// Source file, relative to the root.
    pub path: String,
    /// Display name.
    pub name: String,
    /// Contact e-mail.
    pub email: Option<String>,
    /// Manager or agency contact.
    pub manager: Option<String>,
    /// Where they are.
    pub location: Option<String>,
    /// Content niches.
    pub niches: Vec<String>,
    /// Languages.
    pub languages: Vec<String>,
    /// Internal notes.
    pub notes: Option<String>,
    /// Their channels.
    pub platforms: Vec<CreatorPlatform>,
    /// Audience data.
    pub audience: Option<CreatorAudience>,
    /// Rates per deliverable format.
    pub rates: BTreeMap<DeliverableFormat, Money>,
    /// Scorecard, 1–5 per criterion.
    pub scorecard: Vec<(String, u8)>,
    /// Pipeline status (default `vetted`).
    pub status: CreatorStatus,
    /// Free-form.
    pub extra: toml::Table,
}

/// One of a creator's channels.
#[derive(Debug, Clone)]
pub struct CreatorPlatform {
    /// Which platform.
    pub name: Platform,
    /// `@handle` there.
    pub handle: Option<String>,
    /// Profile URL.
    pub url: Option<String>,
    /// Followers.
    pub followers: Option<u64>,
    /// Average engagement rate (fraction).
    pub avg_engagement_rate: Option<f64>,
}

/// A creator's audience.
#[derive(Debug, Clone)]
pub struct CreatorAudience {
    /// Top countries, ISO codes.
    pub top_countries: Vec<String>,
    /// Share of women (fraction).
    pub female_share: Option<f64>,
    /// Share aged 18–34 (fraction).
    pub age_18_34_share: Option<f64>,
}

/// A campaign with its briefs, results and report.
#[derive(Debug, Clone)]
pub struct Campaign {
    /// Slug (folder name).
    pub slug: CampaignSlug,
    /// The folder, relative to the root.
    pub dir: String,
    /// Title.
    pub title: String,
    /// Status.
    pub status: CampaignStatus,
    /// First day.
    pub start: Option<Date>,
    /// Last day.
    pub end: Option<Date>,
    /// Objective.
    pub objective: Option<Objective>,
    /// One-line summary.
    pub summary: Option<String>,
    /// Platforms of the campaign.
    pub platforms: Vec<Platform>,
    /// Commercial format.
    pub format: Option<CampaignFormat>,
    /// Landing page for tracking links.
    pub landing_page: Option<String>,
    /// Currency code.
    pub currency: String,
    /// Required hashtags.
    pub hashtags: Vec<String>,
    /// Required mentions.
    pub mentions: Vec<String>,
    /// Budget.
    pub budget: Budget,
    /// Targets.
    pub targets: RawTargets,
    /// Forecast.
    pub forecast: RawTargets,
    /// Disclosure wording per platform, as the campaign states it (a platform it states none for
    /// gets the jurisdiction's default in the post's language: `compute::disclosure::wording_for`).
    pub disclosure: BTreeMap<Platform, String>,
    /// Platforms whose wording the campaign states itself (not the jurisdiction's default).
    pub disclosure_stated: std::collections::BTreeSet<Platform>,
    /// Where each stated wording is written in `campaign.toml`, for findings about it.
    pub disclosure_origins: BTreeMap<Platform, Origin>,
    /// Platform settings (toggles) a creator must switch on, per platform (SPEC §6).
    pub disclosure_settings: BTreeMap<Platform, String>,
    /// Who the campaign is for (SPEC §6 `[audience]`).
    pub audience: CampaignAudience,
    /// Jurisdiction for this campaign's lint.
    pub jurisdiction: Jurisdiction,
    /// Guardrails.
    pub guardrails: Guardrails,
    /// Approval steps.
    pub approval: Vec<ApprovalStep>,
    /// Contacts.
    pub contacts: Vec<Contact>,
    /// The shared `brief.md` Markdown.
    pub brief_md: Option<MarkdownText>,
    /// Briefs by creator.
    pub briefs: BTreeMap<Handle, Brief>,
    /// `results.csv` rows.
    pub results: Vec<ResultRow>,
    /// `results.csv` path, when present.
    pub results_path: Option<String>,
    /// `report.md`, when present.
    pub report: Option<Report>,
    /// `plan.md`, when present (SPEC §6): publishes a plan at `/p/<token>/`.
    pub plan: Option<Report>,
    /// Free-form.
    pub extra: toml::Table,
    /// What failed to parse in this campaign, so that problems which only follow from it are
    /// not reported on top of the cause.
    pub unreadable: Unreadable,
}

/// Files of a campaign that were reported as unreadable (parse errors).
#[derive(Debug, Clone, Default)]
pub struct Unreadable {
    /// `campaign.toml` did not parse: its settings are defaults, not what the team wrote.
    pub campaign_toml: bool,
    /// Briefs whose front matter did not parse, by creator.
    pub briefs: std::collections::BTreeSet<Handle>,
}

/// `[audience]` of a campaign: who it is for.
#[derive(Debug, Clone, Default)]
pub struct CampaignAudience {
    /// Countries, ISO codes as written.
    pub countries: Vec<String>,
    /// Languages, codes as written.
    pub languages: Vec<String>,
    /// Niches.
    pub niches: Vec<String>,
}

/// Markdown with the place it came from (for diagnostics about its text).
#[derive(Debug, Clone)]
pub struct MarkdownText {
    /// Where `text` starts: its file, and the line and column after any front matter.
    pub origin: Origin,
    /// The Markdown.
    pub text: String,
}

/// `[budget]`.
#[derive(Debug, Clone, Default)]
pub struct Budget {
    /// Total budget.
    pub total: Option<Money>,
    /// Product cost per creator (at cost).
    pub product_cost_per_creator: Money,
    /// Shipping per creator.
    pub shipping_per_creator: Money,
}

/// `[guardrails]`.
#[derive(Debug, Clone, Default)]
pub struct Guardrails {
    /// Key messages.
    pub key_messages: Vec<String>,
    /// Dos.
    pub dos: Vec<String>,
    /// Don'ts.
    pub donts: Vec<String>,
    /// Claims never to make.
    pub banned_claims: Vec<String>,
}

/// An approval step.
#[derive(Debug, Clone)]
pub struct ApprovalStep {
    /// What happens.
    pub step: String,
    /// Business days the step takes.
    pub sla_days: Option<u32>,
}

/// A campaign contact.
#[derive(Debug, Clone)]
pub struct Contact {
    /// Name.
    pub name: String,
    /// Role.
    pub role: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
}

/// One creator's brief for a campaign.
#[derive(Debug, Clone)]
pub struct Brief {
    /// The creator.
    pub creator: Handle,
    /// The campaign.
    pub campaign: CampaignSlug,
    /// File, relative to the root.
    pub path: String,
    /// Version number.
    pub version: u32,
    /// Last update.
    pub updated: Option<Date>,
    /// Changelog entries.
    pub changes: Vec<String>,
    /// Why this creator.
    pub why_you: Option<String>,
    /// Fee.
    pub fee: Option<Money>,
    /// Payment terms.
    pub payment_terms: Option<String>,
    /// Discount code.
    pub discount_code: Option<String>,
    /// The old link is revoked.
    pub revoked: bool,
    /// Contract signature date (for rights starting at signature).
    pub signed_on: Option<Date>,
    /// The page's language (the brief's `language`, else the portal's when it has a catalog).
    pub language: Language,
    /// The version the creator last accepted, and when.
    pub accepted: Option<Accepted>,
    /// The signed agreement.
    pub contract_url: Option<String>,
    /// Revision rounds included per deliverable.
    pub revision_rounds: Option<u32>,
    /// Owed if the brand cancels after acceptance.
    pub kill_fee: Option<Money>,
    /// The fee in instalments (amounts add up to `fee` when present).
    pub payments: Vec<Payment>,
    /// The facts of each published version, as `build` recorded them (`.campsite/versions/`).
    pub recorded: BTreeMap<u32, BTreeMap<String, String>>,
    /// The hash of `recorded` (every version, label and value), once it is complete
    /// (`compute::brief_facts::complete_records`): what memo keys read of the records, the same
    /// whether the current version's facts were just made or read back from its record.
    pub recorded_digest: blake3::Hash,
    /// The current version's record was made from this load's facts (none was kept), so the
    /// two cannot differ.
    pub recorded_now: bool,
    /// Deliverables.
    pub deliverables: Vec<Deliverable>,
    /// Usage rights.
    pub rights: Option<Rights>,
    /// Product shipment.
    pub shipment: Option<Shipment>,
    /// The personal note (Markdown), by where it is.
    pub note: Note,
    /// Free-form.
    pub extra: toml::Table,
    /// Where the brief and its keys were written.
    pub origin: BriefOrigin,
}

impl Brief {
    /// A brief of `creator` for `campaign` with nothing else stated: version 1, English, no
    /// fee, deliverables or rights (for tests and tools; `validate` fills every field).
    pub fn new(creator: Handle, campaign: CampaignSlug) -> Brief {
        Brief {
            creator,
            campaign,
            path: String::new(),
            version: 1,
            updated: None,
            changes: Vec::new(),
            why_you: None,
            fee: None,
            payment_terms: None,
            discount_code: None,
            revoked: false,
            signed_on: None,
            language: Language::En,
            accepted: None,
            contract_url: None,
            revision_rounds: None,
            kill_fee: None,
            payments: Vec::new(),
            recorded: BTreeMap::new(),
            recorded_digest: blake3::Hash::from_bytes([0; 32]),
            recorded_now: false,
            deliverables: Vec::new(),
            rights: None,
            shipment: None,
            note: Note::held(Origin::default(), String::new()),
            extra: toml::Table::new(),
            origin: BriefOrigin::default(),
        }
    }

    /// The first go-live date among the deliverables.
    pub fn first_live_on(&self) -> Option<Date> {
        self.deliverables.iter().filter_map(|d| d.live_on).min()
    }
}

/// `accepted = { version, on }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Accepted {
    /// The version accepted.
    pub version: u32,
    /// When.
    pub on: Option<Date>,
}

/// What a payment's due date counts from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentAfter {
    /// `signed_on`.
    Signature,
    /// The latest `live_on` among deliverables not cancelled.
    GoLive,
    /// One deliverable's `live_on`.
    Deliverable(String),
    /// A fixed date.
    On(Date),
}

/// One `[[payments]]` instalment.
#[derive(Debug, Clone)]
pub struct Payment {
    /// Amount.
    pub amount: Money,
    /// What the due date counts from (default: signature).
    pub after: PaymentAfter,
    /// Days after that event.
    pub days: i64,
    /// When it was paid.
    pub paid_on: Option<Date>,
    /// 1-based line of the instalment in the brief file.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

/// A deliverable of a brief.
#[derive(Debug, Clone)]
pub struct Deliverable {
    /// Id, unique in the brief.
    pub id: String,
    /// Platform.
    pub platform: Platform,
    /// Format.
    pub format: DeliverableFormat,
    /// How many.
    pub count: u32,
    /// Specs.
    pub specs: Option<String>,
    /// Draft due date.
    pub draft_due: Option<Date>,
    /// Go-live date.
    pub live_on: Option<Date>,
    /// Status.
    pub status: DeliverableStatus,
    /// A landing page for this deliverable's tracking link, overriding the campaign's.
    pub landing_page: Option<String>,
    /// A short title (e.g. an itinerary stop).
    pub title: Option<String>,
    /// Embargo: not before this local date-time (portal time zone).
    pub live_at: Option<jiff::civil::DateTime>,
    /// The revision round in progress (1-based).
    pub round: Option<u32>,
    /// The team's notes on the current draft.
    pub feedback: Option<String>,
    /// The caption the creator proposes (`origin.draft_caption` says where).
    pub draft_caption: Option<String>,
    /// The language the post is in (default: the brief's).
    pub language: Language,
    /// fr: a retouched body image.
    pub retouched: bool,
    /// fr: a virtual (AI-generated) image.
    pub virtual_image: bool,
    /// Where the deliverable and its keys were written.
    pub origin: DeliverableOrigin,
}

impl Deliverable {
    /// A planned deliverable with nothing but its id, platform and format (for tests and tools).
    pub fn new(id: &str, platform: Platform, format: DeliverableFormat) -> Deliverable {
        Deliverable {
            id: id.to_string(),
            platform,
            format,
            count: 1,
            specs: None,
            draft_due: None,
            live_on: None,
            status: DeliverableStatus::Planned,
            landing_page: None,
            title: None,
            live_at: None,
            round: None,
            feedback: None,
            draft_caption: None,
            language: Language::En,
            retouched: false,
            virtual_image: false,
            origin: DeliverableOrigin::default(),
        }
    }
}

/// When usage rights start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RightsStart {
    /// At the first go-live date.
    GoLive,
    /// At signature.
    Signature,
    /// On a date.
    On(Date),
}

/// How long usage rights last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RightsTerm {
    /// For N days from the start.
    Days(u32),
    /// Until a date (inclusive).
    Until(Date),
    /// Forever.
    Perpetual,
    /// Not stated.
    Unstated,
}

/// Usage rights.
#[derive(Debug, Clone, PartialEq)]
pub struct Rights {
    /// Channels licensed.
    pub channels: Vec<Channel>,
    /// Territory, ISO codes or words like "worldwide".
    pub territory: Vec<String>,
    /// Start.
    pub starts: RightsStart,
    /// Term.
    pub term: RightsTerm,
    /// Exclusivity clause.
    pub exclusivity: Option<String>,
    /// Edits allowed.
    pub edits_allowed: Option<String>,
    /// Ad authorisation code.
    pub ad_code: Option<AdCode>,
}

/// A product shipment.
#[derive(Debug, Clone)]
pub struct Shipment {
    /// Items.
    pub items: Vec<String>,
    /// Carrier name.
    pub carrier: Option<String>,
    /// Tracking number.
    pub tracking: Option<String>,
    /// When it was shipped.
    pub shipped_on: Option<Date>,
    /// When it was delivered.
    pub delivered_on: Option<Date>,
}

impl Portal {
    /// How pages name a creator: the roster's name, or the handle when the roster has none.
    pub fn creator_name(&self, handle: &Handle) -> String {
        self.creators
            .get(handle)
            .map_or_else(|| handle.to_string(), |c| c.name.clone())
    }
}
