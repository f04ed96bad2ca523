//! `campaign.toml`, `brief.md`, `briefs/*.md` and `report.md` → [`Campaign`].

use super::{check_currency, check_stem_id, err_at, reference_hint, results};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::raw::{RawBrief, RawCampaign};
use crate::load::{LoadedCampaign, MarkdownFile};
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};

pub(super) fn validate_campaign(
    lc: &LoadedCampaign,
    config: &Config,
    creators: &BTreeMap<Handle, Creator>,
    diags: &mut Diagnostics,
) -> Option<Campaign> {
    if !check_stem_id(&lc.rel_dir, &lc.dir_name, "campaign slug", diags) {
        return None;
    }
    let slug = CampaignSlug::new_unchecked(&lc.dir_name);
    let parsed = lc.campaign.as_ref()?;
    let file = &parsed.file;
    let empty = RawCampaign::default();
    let raw = parsed.raw.as_ref().unwrap_or(&empty);
    let currency = raw
        .currency
        .as_ref()
        .map(|c| check_currency(file, c, diags))
        .unwrap_or_else(|| config.currency.clone());
    if let (Some(s), Some(e)) = (raw.start, &raw.end)
        && *e.get_ref() < s
    {
        diags.push(err_at(
            file,
            e,
            "invalid-value",
            "the campaign ends before it starts",
        ));
    }
    let landing_page = raw
        .landing_page
        .as_ref()
        .and_then(|u| check_http_url(&file.rel, file, u, diags));
    let jurisdiction = raw.disclosure.jurisdiction.unwrap_or(config.jurisdiction);
    let disclosure: BTreeMap<Platform, String> = raw
        .disclosure
        .wording
        .iter()
        .map(|(p, w)| (*p, w.get_ref().clone()))
        .collect();
    let hashtags = tags_with_prefix(file, &raw.hashtags, '#', diags);
    let mentions = tags_with_prefix(file, &raw.mentions, '@', diags);

    if parsed.raw.is_some() && file.text.trim().is_empty() {
        diags.push(
            Diagnostic::warning(
                &file.rel,
                "empty-file",
                "campaign.toml is empty: the campaign has no title, dates or platforms",
            )
            .with_hint("`campsite new campaign SLUG` writes a starter with every key"),
        );
    }
    let unreadable = Unreadable {
        campaign_toml: parsed.raw.is_none(),
        briefs: lc
            .broken_briefs
            .iter()
            .filter_map(|stem| Handle::parse(stem))
            .collect(),
    };
    // Built at once rather than brief by brief: a map filled in key order by inserts keeps its
    // nodes about half full, and a brief (about 900 bytes) lives in its node as long as the
    // model does. A later brief of the same creator replaces an earlier, as an insert would.
    let mut valid = Vec::with_capacity(lc.briefs.len());
    for b in &lc.briefs {
        if let Some(brief) = validate_brief(b, &slug, creators, config, diags) {
            valid.push((brief.creator.clone(), brief));
        }
    }
    let briefs: BTreeMap<Handle, Brief> = valid.into_iter().collect();
    let (results, results_path) = match &lc.results {
        Some(t) => (
            results::validate_results(
                t,
                &results::Known {
                    briefs: &briefs,
                    unreadable: &unreadable.briefs,
                    creators,
                },
                diags,
            ),
            Some(t.file.rel.clone()),
        ),
        None => (Vec::new(), None),
    };
    let report = lc.report.as_ref().and_then(report_from);
    let plan = lc.plan.as_ref().and_then(report_from);
    Some(Campaign {
        slug: slug.clone(),
        dir: lc.rel_dir.clone(),
        title: raw.title.clone().unwrap_or_else(|| slug.to_string()),
        status: raw.status.unwrap_or(CampaignStatus::Planning),
        start: raw.start,
        end: raw.end.as_ref().map(|e| *e.get_ref()),
        objective: raw.objective,
        summary: raw.summary.clone(),
        platforms: raw.platforms.clone(),
        format: raw.format,
        landing_page,
        currency,
        hashtags,
        mentions,
        budget: Budget {
            total: raw.budget.total,
            product_cost_per_creator: raw.budget.product_cost_per_creator.unwrap_or_default(),
            shipping_per_creator: raw.budget.shipping_per_creator.unwrap_or_default(),
        },
        targets: raw.targets.clone(),
        forecast: raw.forecast.clone(),
        disclosure_stated: raw.disclosure.wording.keys().copied().collect(),
        disclosure_origins: raw
            .disclosure
            .wording
            .iter()
            .map(|(p, w)| (*p, file.origin_of(w)))
            .collect(),
        disclosure_settings: raw.disclosure.settings.clone(),
        audience: raw
            .audience
            .as_ref()
            .map(|a| CampaignAudience {
                countries: a.countries.clone(),
                languages: a.languages.clone(),
                niches: a.niches.clone(),
            })
            .unwrap_or_default(),
        disclosure,
        jurisdiction,
        guardrails: Guardrails {
            key_messages: raw.guardrails.key_messages.clone(),
            dos: raw.guardrails.dos.clone(),
            donts: raw.guardrails.donts.clone(),
            banned_claims: raw.guardrails.banned_claims.clone(),
        },
        approval: raw
            .approval
            .iter()
            .map(|a| ApprovalStep {
                step: a.step.clone(),
                sla_days: a.sla_days,
            })
            .collect(),
        contacts: raw
            .contacts
            .iter()
            .map(|c| Contact {
                name: c.name.clone(),
                role: c.role.clone(),
                email: super::links::keep_link(
                    file,
                    "contacts.email",
                    c.email.as_ref(),
                    super::links::LinkKind::Email,
                    diags,
                ),
                phone: c.phone.clone(),
            })
            .collect(),
        brief_md: lc.brief_md.as_ref().map(|f| MarkdownText {
            origin: f.origin(0),
            text: f.text.clone(),
        }),
        briefs,
        results,
        results_path,
        report,
        plan,
        extra: raw.extra.clone().unwrap_or_default(),
        unreadable,
    })
}

/// `report.md` or `plan.md` → [`Report`].
fn report_from(r: &MarkdownFile<crate::load::raw::RawReport>) -> Option<Report> {
    let front = r.front.as_ref()?;
    Some(Report {
        title: front.title.clone(),
        show_fees: front.show_fees,
        as_of: front.as_of,
        show_benchmarks: front.show_benchmarks,
        narrative: MarkdownText {
            origin: r.file.origin(r.body_offset),
            text: r.body().to_string(),
        },
        extra: front.extra.clone().unwrap_or_default(),
    })
}

fn tags_with_prefix(
    file: &crate::load::source::SourceFile,
    items: &[toml::Spanned<String>],
    prefix: char,
    diags: &mut Diagnostics,
) -> Vec<String> {
    items
        .iter()
        .map(|t| {
            let v = t.get_ref().trim();
            if !v.starts_with(prefix) || v.len() < 2 || v.contains(char::is_whitespace) {
                diags.push(
                    err_at(
                        file,
                        t,
                        "invalid-value",
                        format!("`{v}` must start with `{prefix}` and have no spaces"),
                    )
                    .with_hint(format!(
                        "write it as it appears in a caption, e.g. {prefix}example"
                    )),
                );
            }
            v.to_string()
        })
        .collect()
}

/// An http(s) URL, or an error at its span.
pub(super) fn check_http_url(
    rel: &str,
    file: &crate::load::source::SourceFile,
    u: &toml::Spanned<String>,
    diags: &mut Diagnostics,
) -> Option<String> {
    let v = u.get_ref().trim();
    let ok = (v.starts_with("https://") || v.starts_with("http://"))
        && !v.contains(char::is_whitespace)
        && v.len() > 8;
    if ok {
        Some(v.to_string())
    } else {
        diags.push(
            Diagnostic::error(
                rel,
                "invalid-url",
                format!("`{v}` is not an absolute http(s) URL"),
            )
            .at(super::at(file, u)),
        );
        None
    }
}

/// A deliverable id: looser than handles (SPEC §2 does not restrict them), but safe in URLs,
/// HTML ids and calendar UIDs.
fn is_deliverable_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

fn validate_brief(
    b: &MarkdownFile<RawBrief>,
    campaign: &CampaignSlug,
    creators: &BTreeMap<Handle, Creator>,
    config: &Config,
    diags: &mut Diagnostics,
) -> Option<Brief> {
    let file = &b.file;
    let stem = file.rel.rsplit('/').next()?.trim_end_matches(".md");
    if !check_stem_id(&file.rel, stem, "creator handle", diags) {
        return None;
    }
    let handle = Handle::new_unchecked(stem);
    if !creators.contains_key(&handle) {
        diags.push(
            Diagnostic::error(
                &file.rel,
                "reference",
                format!("no creator `{stem}` in content/creators/"),
            )
            .at(Some(file.position(0)))
            .with_hint_opt(
                reference_hint(stem, creators.keys().map(Handle::as_str)).or_else(|| {
                    Some(format!(
                        "add content/creators/{stem}.toml (`campsite new creator {stem}`)"
                    ))
                }),
            ),
        );
    }
    let raw = b.front.as_ref()?;
    let language = raw
        .language
        .or_else(|| Language::parse(&config.language))
        .unwrap_or(Language::En);
    let mut seen = BTreeSet::new();
    // At its length: a vector grown by pushes holds at least four, and most briefs have one
    // deliverable (of about 400 bytes), for as long as the model lives.
    let mut deliverables = Vec::with_capacity(raw.deliverables.len());
    for d in &raw.deliverables {
        let id = d.id.get_ref();
        if !is_deliverable_id(id) {
            diags.push(
                err_at(
                    file,
                    &d.id,
                    "invalid-id",
                    format!(
                        "deliverable id `{id}` must be 1–64 ASCII letters, digits, `-`, `_` or `.`"
                    ),
                )
                .with_hint(
                    "ids like `reel-1` or `ig_story_2` work in links, calendars and results.csv",
                ),
            );
            continue;
        }
        if !seen.insert(id.clone()) {
            diags.push(err_at(
                file,
                &d.id,
                "duplicate-id",
                format!("deliverable id `{id}` is used twice in this brief"),
            ));
            continue;
        }
        let live_at = d
            .live_at
            .as_ref()
            .and_then(|t| local_datetime(file, t, diags));
        let at_id = file.origin_of(&d.id);
        let key = |span: Option<std::ops::Range<usize>>| {
            span.map_or_else(|| at_id.clone(), |s| file.origin(s.start))
        };
        let origin = DeliverableOrigin {
            platform: file.origin_of(&d.platform),
            specs: key(d.specs.as_ref().map(|x| x.span())),
            draft_due: key(d.draft_due.as_ref().map(|x| x.span())),
            live_on: key(
                (d.live_on.as_ref().map(|x| x.span())).or(d.live_at.as_ref().map(|x| x.span()))
            ),
            draft_caption: key(d.draft_caption.as_ref().map(|x| x.span())),
            id: at_id.clone(),
        };
        deliverables.push(Deliverable {
            id: id.clone(),
            platform: *d.platform.get_ref(),
            format: d.format,
            count: d.count.unwrap_or(1),
            specs: d.specs.as_ref().map(|x| x.get_ref().clone()),
            draft_due: d.draft_due.as_ref().map(|x| *x.get_ref()),
            // An embargo time alone gives the go-live day.
            live_on: d
                .live_on
                .as_ref()
                .map(|x| *x.get_ref())
                .or(live_at.map(|t| Date(t.date()))),
            status: d.status.unwrap_or(DeliverableStatus::Planned),
            landing_page: d
                .landing_page
                .as_ref()
                .and_then(|u| check_http_url(&file.rel, file, u, diags)),
            title: d.title.clone(),
            live_at,
            round: d.round.as_ref().map(|r| *r.get_ref()),
            feedback: d.feedback.clone(),
            draft_caption: d.draft_caption.as_ref().map(|c| c.get_ref().clone()),
            language: d.language.unwrap_or(language),
            retouched: d.retouched.unwrap_or(false),
            virtual_image: d.virtual_image.unwrap_or(false),
            origin,
        });
    }
    let payments: Vec<Payment> = raw
        .payments
        .iter()
        .filter_map(|p| payment(file, p, diags))
        .collect();
    super::deal::check_deal(file, raw, &deliverables, &payments, diags);
    let rights = raw.rights.as_ref().and_then(|r| {
        if r.get_ref().inherit.is_some() {
            diags.push(err_at(
                file,
                r,
                "rights",
                "`inherit` is only for asset sidecars; a brief states its rights",
            ));
        }
        super::parse_rights(file, r, diags)
    });
    Some(Brief {
        creator: handle,
        campaign: campaign.clone(),
        path: file.rel.clone(),
        version: raw.version.as_ref().map_or(1, |v| *v.get_ref()),
        updated: raw.updated,
        changes: raw.changes.clone(),
        why_you: raw.why_you.as_ref().map(|w| w.get_ref().clone()),
        fee: raw.fee,
        payment_terms: raw.payment_terms.clone(),
        discount_code: raw
            .discount_code
            .as_ref()
            .map(|c| c.get_ref().trim().to_string()),
        revoked: raw.revoked,
        signed_on: raw.signed_on,
        language,
        accepted: raw.accepted.as_ref().map(|a| Accepted {
            version: a.get_ref().version,
            on: a.get_ref().on,
        }),
        contract_url: raw
            .contract_url
            .as_ref()
            .and_then(|u| check_http_url(&file.rel, file, u, diags)),
        revision_rounds: raw.revision_rounds,
        kill_fee: raw.kill_fee,
        payments,
        recorded: BTreeMap::new(),
        recorded_digest: blake3::Hash::from_bytes([0; 32]),
        recorded_now: false,
        deliverables,
        rights,
        shipment: raw.shipment.as_ref().map(|s| Shipment {
            items: s.items.clone(),
            carrier: s.carrier.clone(),
            tracking: s.tracking.clone(),
            shipped_on: s.shipped_on,
            delivered_on: s.delivered_on,
        }),
        note: crate::load::note::body_note(b),
        extra: raw.extra.clone().unwrap_or_default(),
        origin: brief_origin(file, raw),
    })
}

/// Where a brief's keys were written; an absent key points at the start of the file.
fn brief_origin(file: &crate::load::source::SourceFile, raw: &RawBrief) -> BriefOrigin {
    let start = file.origin(0);
    let key = |span: Option<std::ops::Range<usize>>| {
        span.map_or_else(|| start.clone(), |s| file.origin(s.start))
    };
    let rights = key(raw.rights.as_ref().map(|r| r.span()));
    BriefOrigin {
        version: key(raw.version.as_ref().map(|v| v.span())),
        why_you: key(raw.why_you.as_ref().map(|v| v.span())),
        discount_code: key(raw.discount_code.as_ref().map(|v| v.span())),
        ad_code: raw
            .rights
            .as_ref()
            .and_then(|r| r.get_ref().ad_code.as_ref())
            .map_or_else(|| rights.clone(), |a| file.origin_of(a)),
        rights,
        file: start,
    }
}

/// A TOML local date-time (`2026-03-12T09:00:00`, no offset) → a civil date-time.
fn local_datetime(
    file: &crate::load::source::SourceFile,
    t: &toml::Spanned<toml::value::Datetime>,
    diags: &mut Diagnostics,
) -> Option<jiff::civil::DateTime> {
    let dt = t.get_ref();
    let parsed = match (dt.date, dt.time, dt.offset) {
        (Some(d), Some(tm), None) => jiff::civil::DateTime::new(
            i16::try_from(d.year).ok()?,
            i8::try_from(d.month).ok()?,
            i8::try_from(d.day).ok()?,
            i8::try_from(tm.hour).ok()?,
            i8::try_from(tm.minute).ok()?,
            i8::try_from(tm.second.unwrap_or(0)).ok()?,
            0,
        )
        .ok(),
        _ => None,
    };
    if parsed.is_none() {
        diags.push(
            err_at(
                file,
                t,
                "invalid-value",
                "`live_at` must be a local date and time",
            )
            .with_hint("write it as 2026-03-12T09:00:00, without quotes or a time-zone offset; the portal's `timezone` applies"),
        );
    }
    parsed
}

/// One `[[payments]]` entry → [`Payment`]; `after` read as `signature`, `go-live`,
/// `deliverable:<id>` or a date.
fn payment(
    file: &crate::load::source::SourceFile,
    p: &toml::Spanned<crate::load::raw::RawPayment>,
    diags: &mut Diagnostics,
) -> Option<Payment> {
    let raw = p.get_ref();
    let pos = file.position(p.span().start);
    let after = match &raw.after {
        None => PaymentAfter::Signature,
        Some(a) => match a.get_ref() {
            toml::Value::String(s) if s == "signature" => PaymentAfter::Signature,
            toml::Value::String(s) if s == "go-live" => PaymentAfter::GoLive,
            toml::Value::String(s) if s.starts_with("deliverable:") => {
                PaymentAfter::Deliverable(s.trim_start_matches("deliverable:").trim().to_string())
            }
            toml::Value::Datetime(dt) => match date_from_toml(dt) {
                Ok(d) => PaymentAfter::On(d),
                Err(e) => {
                    diags.push(err_at(file, a, "invalid-value", e));
                    return None;
                }
            },
            other => {
                diags.push(
                    err_at(
                        file,
                        a,
                        "invalid-value",
                        format!("`after` cannot be {other}"),
                    )
                    .with_hint(
                        "use \"signature\", \"go-live\", \"deliverable:<id>\" or a date like 2026-03-01",
                    ),
                );
                return None;
            }
        },
    };
    Some(Payment {
        amount: *raw.amount.get_ref(),
        after,
        days: raw.days.unwrap_or(0),
        paid_on: raw.paid_on,
        line: pos.line,
        column: pos.column,
    })
}
