//! Usage rights worked out for a day: the licensed window, the status, and the plain-words sentence.

use crate::i18n::{Catalog, keys};
use crate::model::{AssetRights, Brief, Date, Rights, RightsStart, RightsTerm};
use serde::Serialize;

/// Days before the end within which rights count as expiring.
pub const EXPIRING_DAYS: i64 = 30;

/// Rights status on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RightsStatus {
    /// Usable, not ending within 30 days.
    Active,
    /// Usable, ending within 30 days.
    Expiring,
    /// Past the end.
    Expired,
    /// Starts later.
    Pending,
    /// No rights, or dates that cannot be worked out.
    Unknown,
}

impl RightsStatus {
    /// Every status, in the order the library's filter lists them.
    pub const ALL: [RightsStatus; 5] = [
        RightsStatus::Active,
        RightsStatus::Expiring,
        RightsStatus::Expired,
        RightsStatus::Pending,
        RightsStatus::Unknown,
    ];

    /// As written in pages and files.
    pub fn as_str(self) -> &'static str {
        match self {
            RightsStatus::Active => "active",
            RightsStatus::Expiring => "expiring",
            RightsStatus::Expired => "expired",
            RightsStatus::Pending => "pending",
            RightsStatus::Unknown => "unknown",
        }
    }

    /// True when the content may be used today.
    pub fn usable(self) -> bool {
        matches!(self, RightsStatus::Active | RightsStatus::Expiring)
    }
}

/// The licensed window: first and last day (inclusive), `None` where open or unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// First licensed day.
    pub start: Option<Date>,
    /// Last licensed day; `None` for perpetual.
    pub end: Option<Date>,
    /// Perpetual rights.
    pub perpetual: bool,
}

/// The window of `rights`, given the brief they come from (for go-live and signature starts).
pub fn window(rights: &Rights, brief: Option<&Brief>) -> Window {
    let start = match rights.starts {
        RightsStart::On(d) => Some(d),
        RightsStart::GoLive => brief.and_then(Brief::first_live_on),
        RightsStart::Signature => brief.and_then(|b| b.signed_on),
    };
    let (end, perpetual) = match rights.term {
        RightsTerm::Days(n) => (start.map(|s| s.plus_days(i64::from(n.max(1)) - 1)), false),
        RightsTerm::Until(u) => (Some(u), false),
        RightsTerm::Perpetual => (None, true),
        RightsTerm::Unstated => (None, false),
    };
    Window {
        start,
        end,
        perpetual,
    }
}

/// The status of a window on `today`.
pub fn status(w: &Window, today: Date) -> RightsStatus {
    if let Some(s) = w.start
        && today < s
    {
        return RightsStatus::Pending;
    }
    if w.perpetual {
        return RightsStatus::Active;
    }
    let Some(end) = w.end else {
        return RightsStatus::Unknown;
    };
    match today.days_until(end) {
        d if d < 0 => RightsStatus::Expired,
        d if d < EXPIRING_DAYS => RightsStatus::Expiring,
        _ => RightsStatus::Active,
    }
}

/// Rights of an asset on `today`: the rights in force (own or inherited), window and status.
pub fn asset_status(
    rights: &AssetRights,
    brief: Option<&Brief>,
    today: Date,
) -> (Option<Rights>, Option<Window>, RightsStatus) {
    let r = match rights {
        AssetRights::None | AssetRights::Inherited(None) => {
            return (None, None, RightsStatus::Unknown);
        }
        AssetRights::Own(r) | AssetRights::Inherited(Some(r)) => r.clone(),
    };
    let w = window(&r, brief);
    let s = status(&w, today);
    (Some(r), Some(w), s)
}

/// A country name for common ISO codes in the catalog's language, else the text as given.
pub fn territory_name(code: &str, words: &Catalog) -> String {
    let key = match code.trim().to_uppercase().as_str() {
        "US" | "USA" => "us",
        "CA" => "ca",
        "UK" | "GB" => "uk",
        "WORLDWIDE" | "WORLD" | "GLOBAL" => "world",
        other => match keys::TERRITORY_CODES
            .iter()
            .find(|c| c.eq_ignore_ascii_case(other))
        {
            Some(c) => c,
            None => return code.trim().to_string(),
        },
    };
    words.get(&keys::territory(key)).to_string()
}

/// The rights in plain words in the catalog's language, with exact dates where they can be
/// worked out: "We may run your content as paid social ads and use it in e-mails in the US and
/// Canada for 90 days from go-live (Mar 12, 2026), up to and including Jun 9, 2026."
pub fn plain_words(rights: &Rights, w: &Window, words: &Catalog) -> String {
    let uses = if rights.channels.is_empty() {
        words.fill(keys::RIGHTS_USE, &[("x", words.get(keys::RIGHTS_CONTENT))])
    } else {
        let phrases: Vec<String> = rights
            .channels
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let x = if i == 0 {
                    keys::RIGHTS_CONTENT
                } else {
                    keys::RIGHTS_CONTENT_AGAIN
                };
                words.fill(&keys::channel(*c), &[("x", words.get(x))])
            })
            .collect();
        words.and_list(&phrases)
    };
    let place = if rights.territory.is_empty() {
        String::new()
    } else {
        let places: Vec<String> = rights
            .territory
            .iter()
            .map(|t| territory_name(t, words))
            .collect();
        words.fill(keys::RIGHTS_WHERE, &[("places", &words.and_list(&places))])
    };
    let from = match rights.starts {
        RightsStart::GoLive => words.get(keys::RIGHTS_FROM_GO_LIVE).to_string(),
        RightsStart::Signature => words.get(keys::RIGHTS_FROM_SIGNATURE).to_string(),
        RightsStart::On(d) => words.fill(keys::RIGHTS_FROM_DATE, &[("date", &words.date(d))]),
    };
    // The computed first day, when the start is an event rather than a date.
    let from_day = match (rights.starts, w.start) {
        (RightsStart::On(_), _) | (_, None) => String::new(),
        (_, Some(d)) => words.fill(keys::RIGHTS_FROM_DAY, &[("date", &words.date(d))]),
    };
    let (term, days, end) = match (rights.term, w.end) {
        (RightsTerm::Days(n), Some(end)) => (keys::RIGHTS_DAYS_END, Some(n), Some(end)),
        (RightsTerm::Days(n), None) if rights.starts == RightsStart::GoLive => {
            (keys::RIGHTS_DAYS_GO_LIVE, Some(n), None)
        }
        (RightsTerm::Days(n), None) => (keys::RIGHTS_DAYS_SIGNATURE, Some(n), None),
        (RightsTerm::Until(u), _) => (keys::RIGHTS_UNTIL, None, Some(u)),
        (RightsTerm::Perpetual, _) => (keys::RIGHTS_PERPETUAL, None, None),
        (RightsTerm::Unstated, _) => (keys::RIGHTS_UNSTATED, None, None),
    };
    let days = days
        .map(|n| words.count(keys::DAYS, i64::from(n)))
        .unwrap_or_default();
    let end = end.map(|d| words.date(d)).unwrap_or_default();
    let mut s = words.fill(
        term,
        &[
            ("uses", &uses),
            ("where", &place),
            ("days", &days),
            ("from", &from),
            ("from_day", &from_day),
            ("end", &end),
        ],
    );
    if let Some(e) = rights
        .edits_allowed
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        s.push(' ');
        s.push_str(&edits_in_words(e, words));
    }
    if let Some(x) = rights
        .exclusivity
        .as_deref()
        .map(str::trim)
        .filter(|x| !x.is_empty())
    {
        s.push(' ');
        s.push_str(&words.fill(
            keys::RIGHTS_EXCLUSIVITY,
            &[("text", x.trim_end_matches('.'))],
        ));
    }
    if let Some(code) = rights.ad_code {
        s.push(' ');
        s.push_str(words.get(match code {
            crate::model::AdCode::Spark => keys::RIGHTS_AD_SPARK,
            crate::model::AdCode::PartnershipAds => keys::RIGHTS_AD_PARTNERSHIP,
        }));
    }
    s
}

/// Edits we know how to say in plain words: the nouns a brief uses for them (in English, the
/// team's language for `edits_allowed`) and the catalog id of the phrase.
const EDITS: &[(&[&str], &str)] = &[
    (
        &[
            "cut-downs",
            "cutdowns",
            "cut downs",
            "cut-down",
            "cut down",
            "cuts",
            "trims",
            "trimming",
            "shorter versions",
        ],
        "cut_down",
    ),
    (&["subtitles", "captions", "closed captions"], "subtitles"),
    (
        &["voice-over", "voice over", "voiceover", "vo"],
        "voice_over",
    ),
    (&["music", "soundtrack", "audio"], "music"),
    (
        &["crops", "cropping", "resizing", "resize", "reformatting"],
        "crop",
    ),
    (
        &[
            "colour grading",
            "color grading",
            "colour correction",
            "color correction",
        ],
        "colours",
    ),
    (
        &["logo", "logos", "logo overlay", "end card", "end cards"],
        "logo",
    ),
    (
        &["text overlay", "text overlays", "on-screen text"],
        "text_on_screen",
    ),
    (&["translation", "translations", "dubbing"], "translate"),
    (
        &["edits", "other edits", "other changes", "changes", "other"],
        "other",
    ),
];

/// The phrase id for one edit noun ("subtitles" → `subtitles`); `None` when unknown.
fn edit_id(noun: &str) -> Option<&'static str> {
    let mut n = noun.trim().trim_end_matches('.').to_lowercase();
    for prefix in [
        "changes to the ",
        "changes to ",
        "edits to the ",
        "edits to ",
    ] {
        if let Some(rest) = n.strip_prefix(prefix) {
            n = rest.to_string();
        }
    }
    for suffix in [" changes", " change", " edits", " edit"] {
        if let Some(rest) = n.strip_suffix(suffix) {
            n = rest.to_string();
        }
    }
    let n = n.trim();
    EDITS
        .iter()
        .find(|(nouns, _)| nouns.contains(&n))
        .map(|(_, id)| *id)
}

/// `edits_allowed` in plain words when every part of it is an edit we know
/// ("Cut-downs and subtitles; no voice-over changes" → "We may cut it down and add subtitles;
/// we will not change the voice-over."), else the team's own words, quoted.
pub fn edits_in_words(text: &str, words: &Catalog) -> String {
    let quoted = words.fill(
        keys::EDITS_QUOTED,
        &[("text", text.trim().trim_end_matches('.'))],
    );
    let whole = text.trim().trim_end_matches('.').to_lowercase();
    if matches!(
        whole.as_str(),
        "none" | "no edits" | "no changes" | "no editing"
    ) {
        return words.get(keys::EDITS_NONE).to_string();
    }
    let phrase = |id: &str| words.get(&keys::edit(id)).to_string();
    let mut may: Vec<String> = Vec::new();
    let mut may_not: Vec<String> = Vec::new();
    for clause in text.split(';').map(str::trim).filter(|c| !c.is_empty()) {
        let lower = clause.to_lowercase();
        if let Some(item) = lower.strip_prefix("no ") {
            // A negative clause must name one edit: "no voice-over or music changes" is quoted.
            let single = !item.contains(',') && !item.contains(" and ") && !item.contains(" or ");
            match edit_id(item).filter(|_| single) {
                Some(id) => may_not.push(phrase(id)),
                None => return quoted,
            }
        } else {
            for part in lower.split(',').flat_map(|p| p.split(" and ")) {
                let part = part.trim();
                if part.is_empty() {
                    continue;
                }
                match edit_id(part) {
                    Some(id) => may.push(phrase(id)),
                    None => return quoted,
                }
            }
        }
    }
    let (may, may_not) = (words.and_list(&may), words.or_list(&may_not));
    let key = match (may.is_empty(), may_not.is_empty()) {
        (false, false) => keys::EDITS_BOTH,
        (false, true) => keys::EDITS_MAY,
        (true, false) => keys::EDITS_MAY_NOT,
        (true, true) => return quoted,
    };
    words.fill(key, &[("may", &may), ("may_not", &may_not)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Channel, Language};

    fn cat(lang: Language) -> Catalog {
        crate::i18n::Catalogs::from_theme(&crate::load::theme::embedded_theme())
            .expect("catalogs")
            .get(lang)
            .clone()
    }

    fn rights(term: RightsTerm, starts: RightsStart) -> Rights {
        Rights {
            channels: vec![Channel::PaidSocial, Channel::Email],
            territory: vec!["US".into(), "CA".into()],
            starts,
            term,
            exclusivity: None,
            edits_allowed: None,
            ad_code: None,
        }
    }

    fn day(s: &str) -> Date {
        Date::parse(s).expect("date")
    }

    #[test]
    fn statuses() {
        let r = rights(RightsTerm::Days(90), RightsStart::On(day("2026-03-12")));
        let w = window(&r, None);
        assert_eq!(w.end, Some(day("2026-06-09")));
        assert_eq!(status(&w, day("2026-03-01")), RightsStatus::Pending);
        assert_eq!(status(&w, day("2026-04-01")), RightsStatus::Active);
        assert_eq!(status(&w, day("2026-05-20")), RightsStatus::Expiring);
        assert_eq!(status(&w, day("2026-06-10")), RightsStatus::Expired);
        let p = rights(RightsTerm::Perpetual, RightsStart::On(day("2026-01-01")));
        assert_eq!(
            status(&window(&p, None), day("2030-01-01")),
            RightsStatus::Active
        );
        let g = rights(RightsTerm::Days(30), RightsStart::GoLive);
        assert_eq!(
            status(&window(&g, None), day("2030-01-01")),
            RightsStatus::Unknown
        );
    }

    fn brief_live_on(live: &str, signed: Option<&str>) -> Brief {
        Brief {
            signed_on: signed.map(day),
            deliverables: vec![crate::model::Deliverable {
                live_on: Some(day(live)),
                ..crate::model::Deliverable::new(
                    "reel-1",
                    crate::model::Platform::Instagram,
                    crate::model::DeliverableFormat::Reel,
                )
            }],
            ..Brief::new(
                crate::model::Handle::new_unchecked("mia"),
                crate::model::CampaignSlug::new_unchecked("glow"),
            )
        }
    }

    fn words(r: &Rights, b: Option<&Brief>) -> String {
        plain_words(r, &window(r, b), &cat(Language::En))
    }

    #[test]
    fn duration_days_from_go_live_gives_exact_dates() {
        let mut r = rights(RightsTerm::Days(90), RightsStart::GoLive);
        r.edits_allowed = Some("Cut-downs and subtitles; no voice-over changes".into());
        let b = brief_live_on("2026-03-12", None);
        assert_eq!(
            words(&r, Some(&b)),
            "We may run your content as paid social ads and use it in e-mails in the US and Canada \
             for 90 days from go-live (Mar 12, 2026), up to and including Jun 9, 2026. \
             We may cut it down and add subtitles; we will not change the voice-over."
        );
        assert_eq!(
            words(&r, None),
            "We may run your content as paid social ads and use it in e-mails in the US and Canada \
             for 90 days from go-live; we will confirm the exact dates once your go-live date is set. \
             We may cut it down and add subtitles; we will not change the voice-over."
        );
    }

    #[test]
    fn duration_days_from_a_date_and_from_signature() {
        let r = rights(RightsTerm::Days(30), RightsStart::On(day("2026-03-01")));
        assert_eq!(
            words(&r, None),
            "We may run your content as paid social ads and use it in e-mails in the US and Canada \
             for 30 days from Mar 1, 2026, up to and including Mar 30, 2026."
        );
        let s = rights(RightsTerm::Days(1), RightsStart::Signature);
        let b = brief_live_on("2026-03-12", Some("2026-02-25"));
        assert!(
            words(&s, Some(&b)).ends_with(
                "for 1 day from the day you sign (Feb 25, 2026), up to and including Feb 25, 2026."
            ),
            "{}",
            words(&s, Some(&b))
        );
        assert!(words(&s, None).ends_with("once the signature date is set."));
    }

    #[test]
    fn until_a_date() {
        let u = rights(
            RightsTerm::Until(day("2026-07-01")),
            RightsStart::On(day("2026-03-01")),
        );
        assert_eq!(
            words(&u, None),
            "We may run your content as paid social ads and use it in e-mails in the US and Canada \
             from Mar 1, 2026 up to and including Jul 1, 2026."
        );
        let g = rights(RightsTerm::Until(day("2026-07-01")), RightsStart::GoLive);
        let b = brief_live_on("2026-03-12", None);
        assert!(
            words(&g, Some(&b))
                .ends_with("from go-live (Mar 12, 2026) up to and including Jul 1, 2026.")
        );
    }

    #[test]
    fn perpetual_and_unstated() {
        let mut p = rights(RightsTerm::Perpetual, RightsStart::GoLive);
        p.channels = vec![Channel::OrganicRepost];
        p.territory = vec!["worldwide".into()];
        let b = brief_live_on("2026-03-12", None);
        assert_eq!(
            words(&p, Some(&b)),
            "We may repost your content on our own social accounts in all countries \
             from go-live (Mar 12, 2026), with no end date."
        );
        let n = rights(RightsTerm::Unstated, RightsStart::On(day("2026-03-01")));
        assert!(words(&n, None).ends_with("from Mar 1, 2026; the end date is not set yet."));
    }

    #[test]
    fn exclusivity_and_ad_code_are_stated() {
        let mut r = rights(RightsTerm::Perpetual, RightsStart::On(day("2026-03-01")));
        r.exclusivity = Some("No competing skincare for 30 days.".into());
        r.ad_code = Some(crate::model::AdCode::Spark);
        let w = words(&r, None);
        assert!(
            w.contains(" Exclusivity: No competing skincare for 30 days."),
            "{w}"
        );
        assert!(w.ends_with(
            "You will give us a Spark Ads code (TikTok) so we can run your post as an ad."
        ));
    }

    #[test]
    fn edits_are_said_plainly_only_when_every_part_is_understood() {
        assert_eq!(
            edits_in_words("Subtitles, crops and colour grading", &cat(Language::En)),
            "We may add subtitles, crop and resize it and adjust the colours."
        );
        assert_eq!(
            edits_in_words("No music changes", &cat(Language::En)),
            "We will not change the music."
        );
        assert_eq!(
            edits_in_words("None", &cat(Language::En)),
            "We will not edit your content."
        );
        // Anything we cannot say honestly is quoted as written.
        assert_eq!(
            edits_in_words(
                "Cut-downs; swap the product shot for the new bottle",
                &cat(Language::En)
            ),
            "Edits we may make, as agreed: “Cut-downs; swap the product shot for the new bottle”."
        );
        assert_eq!(
            edits_in_words(
                "Subtitles; no voice-over or music changes.",
                &cat(Language::En)
            ),
            "Edits we may make, as agreed: “Subtitles; no voice-over or music changes”."
        );
    }

    #[test]
    fn the_sentence_in_each_language() {
        let mut r = rights(RightsTerm::Days(90), RightsStart::GoLive);
        r.edits_allowed = Some("Cut-downs and subtitles; no voice-over changes".into());
        let b = brief_live_on("2026-03-12", None);
        let w = window(&r, Some(&b));
        assert_eq!(
            plain_words(&r, &w, &cat(Language::Es)),
            "Podemos usar tu contenido en anuncios pagados en redes sociales y usar ese contenido \
             en correos electrónicos en Estados Unidos y Canadá durante 90 días desde la \
             publicación (12 de marzo de 2026), hasta el 9 de junio de 2026 inclusive. \
             Podemos acortar el contenido y añadir subtítulos; no vamos a cambiar la voz en off."
        );
        assert_eq!(
            plain_words(&r, &w, &cat(Language::De)),
            "Wir dürfen deine Inhalte als bezahlte Social-Media-Anzeigen schalten und sie in \
             E-Mails verwenden (Gebiet: USA und Kanada), für 90 Tage ab der Veröffentlichung \
             (12. März 2026), bis einschließlich 9. Juni 2026. \
             Wir dürfen sie kürzen und Untertitel hinzufügen; wir werden nicht das Voice-over ändern."
        );
        let mut p = rights(RightsTerm::Perpetual, RightsStart::On(day("2026-05-01")));
        p.channels = vec![Channel::Website];
        p.territory = vec!["FR".into()];
        assert_eq!(
            plain_words(&p, &window(&p, None), &cat(Language::Fr)),
            "Nous pouvons montrer votre contenu sur notre site web pour la France dès le 1er mai \
             2026, sans date de fin."
        );
    }
}
