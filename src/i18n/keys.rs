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
    /// A brief page's title: `{campaign}`, `{creator}`.
    BRIEF_TITLE = "brief.title";
    /// The 404 page's title.
    ERROR_TITLE = "error.title";
    /// The brand kit page's title: `{campaign}`.
    KIT_TITLE = "kit.title";
    /// Copy label: disclosure, `{platform}`.
    LABEL_DISCLOSURE = "brief.label.disclosure";
    /// Copy label: hashtags.
    LABEL_HASHTAGS = "brief.label.hashtags";
    /// Copy label: mentions.
    LABEL_MENTIONS = "brief.label.mentions";
    /// Copy label: the tracking link.
    LABEL_LINK = "brief.label.link";
    /// Copy label: the tracking link of a deliverable, `{what}`.
    LABEL_LINK_FOR = "brief.label.link_for";
    /// Copy label: the discount code.
    LABEL_CODE = "brief.label.code";
    /// Rights fact: channels.
    FACT_CHANNELS = "brief.fact.channels";
    /// Rights fact: territory.
    FACT_TERRITORY = "brief.fact.territory";
    /// Rights fact: from.
    FACT_FROM = "brief.fact.from";
    /// Rights fact: until.
    FACT_UNTIL = "brief.fact.until";
    /// Rights fact: no end.
    FACT_NO_END = "brief.fact.no_end";
    /// Approval on the same day.
    SLA_SAME_DAY = "brief.sla.same_day";
    /// Approval within business days (plural root).
    SLA_DAYS = "brief.sla.days";
    /// `brief.sla.days.one`.
    SLA_DAYS_ONE = "brief.sla.days.one";
    /// `brief.sla.days.other`.
    SLA_DAYS_OTHER = "brief.sla.days.other";
    /// Revision round of a total: `{round}`, `{total}`.
    ROUND_OF = "brief.round_of";
    /// Revision round: `{round}`.
    ROUND = "brief.round";
    /// A local time: `{time}`, `{city}`.
    LOCAL_TIME = "brief.local_time";
    /// E-mail subject of a question: `{campaign}`, `{creator}`, `{version}`.
    MAIL_SUBJECT = "brief.mail.subject";
    /// E-mail subject of an acceptance.
    MAIL_ACCEPT_SUBJECT = "brief.mail.accept_subject";
    /// E-mail body of an acceptance: `{version}`, `{campaign}`.
    MAIL_ACCEPT_BODY = "brief.mail.accept_body";
    /// Spark code, with a TikTok post.
    AD_SPARK = "brief.ad.spark";
    /// Spark code, without one.
    AD_SPARK_NONE = "brief.ad.spark_none";
    /// Partnership ads, with an Instagram post.
    AD_PARTNERSHIP = "brief.ad.partnership";
    /// Partnership ads, without one.
    AD_PARTNERSHIP_NONE = "brief.ad.partnership_none";
    /// A deliverable by platform and format: `{platform}`, `{format}`.
    DELIVERABLE_SHORT = "brief.deliverable.short";
    /// A deliverable with a title: `{title}`, `{platform}`, `{format}`.
    DELIVERABLE_TITLED = "brief.deliverable.titled";
    /// A deliverable without one: `{platform}`, `{format}`, `{id}`.
    DELIVERABLE_UNTITLED = "brief.deliverable.untitled";
    /// Due when an event happens: `{event}`.
    DUE_WHEN = "deal.when";
    /// Due some days after an event (plural root): `{n}`, `{event}`.
    DUE_AFTER = "deal.after";
    /// `deal.after.one`.
    DUE_AFTER_ONE = "deal.after.one";
    /// `deal.after.other`.
    DUE_AFTER_OTHER = "deal.after.other";
    /// Due on signature.
    DUE_ON_SIGNATURE = "deal.on_signature";
    /// The signature, as an event.
    EVENT_SIGNED = "deal.event_signed";
    /// Due after go-live.
    DUE_AFTER_GO_LIVE = "deal.after_go_live";
    /// The last go-live, as an event.
    EVENT_LAST_LIVE = "deal.event_last_live";
    /// A deliverable's go-live, as an event: `{name}`.
    EVENT_GOES_LIVE = "deal.event_goes_live";
    /// Due as agreed.
    DUE_AS_AGREED = "deal.as_agreed";
    /// A deliverable by platform and format: `{platform}`, `{format}`, `{id}`.
    DEAL_DELIVERABLE = "deal.deliverable";
    /// Next deadline, a draft: `{name}`.
    DEADLINE_DRAFT = "deal.deadline_draft";
    /// Next deadline, a go-live: `{name}`.
    DEADLINE_LIVE = "deal.deadline_live";
    /// Calendar: draft due.
    ICS_DRAFT = "ics.draft";
    /// Calendar: go live.
    ICS_LIVE = "ics.live";
    /// Calendar: `{what}` for `{creator}`.
    ICS_FOR = "ics.for";
    /// Calendar: specs, `{specs}`.
    ICS_SPECS = "ics.specs";
    /// Calendar: the brief's link, `{url}`.
    ICS_BRIEF = "ics.brief";
    /// Calendar: an embargo, `{time}`, `{zone}`.
    ICS_NOT_BEFORE = "ics.not_before";
    /// Calendar: an instalment, `{number}`, `{count}`, `{amount}`.
    ICS_INSTALMENT = "ics.instalment";
    /// Calendar: the whole fee, `{amount}`.
    ICS_FEE = "ics.fee";
    /// Calendar: paid on, `{date}`.
    ICS_PAID_ON = "ics.paid_on";
    /// Calendar: payment due, `{amount}`, `{campaign}`.
    ICS_PAYMENT_DUE = "ics.payment_due";
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

/// The catalog key of a channel's short name ("Paid social").
pub fn channel_title(c: crate::model::Channel) -> String {
    format!("channel.{}", c.as_str().replace('-', "_"))
}

/// The catalog key of a deliverable format's name.
pub fn format_name(f: crate::model::DeliverableFormat) -> String {
    format!("deliverable.{}", f.as_str())
}

/// The catalog key of a deliverable status.
pub fn status(s: crate::model::DeliverableStatus) -> String {
    format!("status.{}", s.as_str().replace('-', "_"))
}

/// The catalog key of a campaign objective, as a creator would put it.
pub fn objective(o: crate::model::Objective) -> String {
    format!("objective.{}", o.as_str())
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
        .filter(|k| ![DAYS, SLA_DAYS, DUE_AFTER].contains(*k))
        .map(|k| k.to_string())
        .collect();
    out.extend(crate::model::Channel::ALL.iter().map(|c| channel(*c)));
    out.extend(crate::model::Channel::ALL.iter().map(|c| channel_title(*c)));
    out.extend(
        crate::model::DeliverableFormat::ALL
            .iter()
            .map(|f| format_name(*f)),
    );
    out.extend(
        crate::model::DeliverableStatus::ALL
            .iter()
            .map(|s| status(*s)),
    );
    out.extend(crate::model::Objective::ALL.iter().map(|o| objective(*o)));
    out.extend(EDIT_IDS.iter().map(|e| edit(e)));
    out.extend(TERRITORY_CODES.iter().map(|t| territory(t)));
    out
}
