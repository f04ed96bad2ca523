//! The catalog keys the Rust code looks up itself (sentences built in `compute` and `render`),
//! declared once so that building the catalogs can check every language has each of them.

macro_rules! keys {
    ($($(#[$m:meta])* $name:ident = $key:literal;)+) => {
        $($(#[$m])* pub const $name: &str = $key;)+
        /// Every key the code uses (plural keys name their `.one`/`.other` forms).
        pub const ALL: &[&str] = &[$($key),+];
    };
}

keys! {
    /// Word joining the last two items of a list ("and").
    LIST_AND = "list.and";
    /// Word joining the last two alternatives ("or").
    LIST_OR = "list.or";
    /// Long date pattern: `{day}`, `{month}` (full name), `{mon}` (short name), `{year}`.
    DATE_LONG = "format.date";
    /// The first day of a month, where a language writes it apart ("1er").
    FIRST_DAY = "format.first_day";
    /// A span of dates: `{from}`, `{to}`.
    DATE_RANGE = "format.date_range";
    /// From a date on: `{from}`.
    DATE_FROM = "format.date_from";
    /// Plural root for a number of days (`days.one`, `days.other`).
    DAYS = "days";
    /// `days.one`.
    DAYS_ONE = "days.one";
    /// `days.other`.
    DAYS_OTHER = "days.other";
    /// Milestone names.
    MILESTONE_DRAFT = "standing.draft";
    /// The go-live milestone.
    MILESTONE_LIVE = "standing.go_live";
    /// Standing: overdue, `{what}` `{days}`.
    STANDING_OVERDUE = "standing.overdue";
    /// Standing: due today, `{what}`.
    STANDING_TODAY = "standing.due_today";
    /// Standing: due soon, `{what}` `{days}`.
    STANDING_SOON = "standing.due_soon";
    /// Standing: upcoming, `{what}` `{days}`.
    STANDING_UPCOMING = "standing.upcoming";
    /// Standing: live.
    STANDING_DONE = "standing.done";
    /// Standing: cancelled.
    STANDING_CANCELLED = "standing.cancelled";
    /// Standing: no date.
    STANDING_NO_DATE = "standing.no_date";
    /// Rights: the content, first mention.
    RIGHTS_CONTENT = "rights.content";
    /// Rights: the content, later mentions.
    RIGHTS_CONTENT_AGAIN = "rights.content_again";
    /// Rights: a use without channels, `{x}`.
    RIGHTS_USE = "rights.use";
    /// Rights: where, `{places}`.
    RIGHTS_WHERE = "rights.where";
    /// Rights: from go-live.
    RIGHTS_FROM_GO_LIVE = "rights.from_go_live";
    /// Rights: from signature.
    RIGHTS_FROM_SIGNATURE = "rights.from_signature";
    /// Rights: from a date, `{date}`.
    RIGHTS_FROM_DATE = "rights.from_date";
    /// Rights: the computed first day, `{date}`.
    RIGHTS_FROM_DAY = "rights.from_day";
    /// Rights, a number of days with a known end.
    RIGHTS_DAYS_END = "rights.term.days_end";
    /// Rights, a number of days from go-live not yet dated.
    RIGHTS_DAYS_GO_LIVE = "rights.term.days_go_live";
    /// Rights, a number of days from a signature not yet dated.
    RIGHTS_DAYS_SIGNATURE = "rights.term.days_signature";
    /// Rights up to a date.
    RIGHTS_UNTIL = "rights.term.until";
    /// Rights without end.
    RIGHTS_PERPETUAL = "rights.term.perpetual";
    /// Rights with the end not set.
    RIGHTS_UNSTATED = "rights.term.unstated";
    /// Exclusivity, `{text}`.
    RIGHTS_EXCLUSIVITY = "rights.exclusivity";
    /// Spark Ads code.
    RIGHTS_AD_SPARK = "rights.ad_code.spark";
    /// Partnership-ads access.
    RIGHTS_AD_PARTNERSHIP = "rights.ad_code.partnership_ads";
    /// The 404 page's title.
    ERROR_TITLE = "error.title";
    /// The brand kit page's title: `{campaign}`.
    KIT_TITLE = "kit.title";
    /// Edits as agreed, quoted: `{text}`.
    EDITS_QUOTED = "rights.edits.quoted";
    /// No edits at all.
    EDITS_NONE = "rights.edits.none";
    /// Edits allowed and refused: `{may}`, `{may_not}`.
    EDITS_BOTH = "rights.edits.both";
    /// Edits allowed: `{may}`.
    EDITS_MAY = "rights.edits.may";
    /// Edits refused: `{may_not}`.
    EDITS_MAY_NOT = "rights.edits.may_not";
}

/// The catalog key of a channel's phrase (`{x}` stands for the content).
pub fn channel(c: crate::model::Channel) -> String {
    format!("rights.channel.{}", c.as_str().replace('-', "_"))
}

/// The catalog key of an edit's phrase, by its English id.
pub fn edit(id: &str) -> String {
    format!("rights.edit.{id}")
}

/// The catalog key of a territory's name, by its code in lowercase.
pub fn territory(code: &str) -> String {
    format!("territory.{code}")
}

/// The edits `compute::rights` can say in plain words, by id.
pub const EDIT_IDS: &[&str] = &[
    "cut_down",
    "subtitles",
    "voice_over",
    "music",
    "crop",
    "colours",
    "logo",
    "text_on_screen",
    "translate",
    "other",
];

/// The territory codes with a name in the catalogs (lowercase).
pub const TERRITORY_CODES: &[&str] = &[
    "us", "ca", "uk", "fr", "de", "es", "it", "nl", "ie", "au", "nz", "mx", "br", "jp", "in", "eu",
    "world",
];

/// Every key the code uses, the fixed ones and those made from a vocabulary.
pub fn all() -> Vec<String> {
    let mut out: Vec<String> = ALL
        .iter()
        .filter(|k| **k != DAYS)
        .map(|k| k.to_string())
        .collect();
    out.extend(crate::model::Channel::ALL.iter().map(|c| channel(*c)));
    out.extend(EDIT_IDS.iter().map(|e| edit(e)));
    out.extend(TERRITORY_CODES.iter().map(|t| territory(t)));
    out
}
