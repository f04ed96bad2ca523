//! One campaign's pages: kit, briefs with their calendars, plan, report and its downloads.

use super::escape::{SafeHtml, json_for_script};
use super::{Ctx, Output, PageJob, downloads, ics, markdown, routes, views};
use crate::i18n::keys;
use crate::model::{Audience, Campaign, Portal};
use views::PageMeta;

/// What every brief page of a campaign shares: `brief.md` rendered (and id-prefixed) once, and
/// the brand kit.
pub(super) struct BriefsShared<'a> {
    shared_html: Option<SafeHtml>,
    kit: Vec<&'a crate::model::Asset>,
    kit_dir: String,
}

impl<'a> BriefsShared<'a> {
    pub(super) fn new(cx: &Ctx<'a>, c: &Campaign) -> Self {
        BriefsShared {
            shared_html: c
                .brief_md
                .as_ref()
                .map(|m| markdown::render_with_id_prefix(&m.text, 1, "md-")),
            kit: views::kit::kit_assets(c, &cx.portal.assets),
            kit_dir: routes::kit_dir(c.slug.as_str()),
        }
    }
}

/// A campaign's pages but its briefs': kit, plan, report and its downloads.
pub(super) fn campaign_pages(cx: &Ctx<'_>, c: &Campaign) -> Vec<PageJob> {
    let p = cx.portal;
    let mut out = Vec::new();
    let kit = views::kit::kit_assets(c, &p.assets);
    let kit_dir = routes::kit_dir(c.slug.as_str());
    if !kit.is_empty() && !c.briefs.is_empty() {
        let path = routes::index_of(&kit_dir);
        let title = cx
            .catalogs
            .get(cx.lang)
            .fill(keys::KIT_TITLE, &[("campaign", &c.title)]);
        let meta = PageMeta::new(title, &path, "kit", false);
        let view = views::kit::kit_view(c, &kit, &meta.root, cx.images);
        out.push((
            path,
            cx.page("kit.html", &meta, "kit", &view),
            c.dir.clone(),
        ));
    }
    // Made here and dropped with the task, not kept for every campaign at once.
    let facts = cx.derived.facts.get(&c.slug).map(|f| f.facts_of(c));
    if let (Some(plan), Some(token), Some(facts)) =
        (&c.plan, cx.derived.plan_tokens.get(&c.slug), &facts)
    {
        let path = routes::index_of(&routes::plan_dir(token));
        let view = views::plan::plan_view(&views::plan::PlanInputs {
            portal: p,
            campaign: c,
            facts,
            show_fees: cx.audience == Audience::Team || plan.show_fees,
            team: cx.audience == Audience::Team,
        });
        let meta = PageMeta::new(view.title.clone(), &path, "plan", true);
        out.push((
            path,
            cx.page("plan.html", &meta, "plan", &view),
            format!("{}/plan.md", c.dir),
        ));
    }
    if let (Some(report), Some(token), Some(facts)) =
        (&c.report, cx.derived.report_tokens.get(&c.slug), &facts)
    {
        let dir = routes::report_dir(token);
        let path = routes::index_of(&dir);
        let source = format!("{}/report.md", c.dir);
        let team = cx.audience == Audience::Team;
        let show_fees = team || report.show_fees;
        let show_benchmarks = report.show_benchmarks.unwrap_or(team);
        let view = views::report::report_view(&views::report::ReportInputs {
            config: &p.config,
            campaign: c,
            facts,
            creators: &p.creators,
            show_fees,
            show_benchmarks,
            team,
            today: cx.derived.today,
        });
        let meta = PageMeta::new(view.title.clone(), &path, "report", true);
        out.push((
            path,
            cx.page("report.html", &meta, "report", &view),
            source.clone(),
        ));
        out.push((
            format!("{dir}results.csv"),
            Ok(Output::Bytes(downloads::results_csv(c).into())),
            source.clone(),
        ));
        let json = serde_json::to_vec_pretty(&downloads::report_json(&downloads::ReportJson {
            campaign: c,
            facts,
            show_fees,
            show_benchmarks,
        }))
        .unwrap_or_default();
        out.push((
            format!("{dir}report.json"),
            Ok(Output::Bytes(json.into())),
            source,
        ));
    }
    out
}

/// The caption checker's rules for one brief — tokens and words in the brief's language, the
/// labels its deliverables need, the video note when it has videos — as JSON that is safe inside
/// `<script>`.
/// Brief `b`'s page and calendar file.
pub(super) fn brief_pages(
    cx: &Ctx<'_>,
    c: &Campaign,
    b: &crate::model::Brief,
    shared: &BriefsShared<'_>,
) -> Vec<PageJob> {
    let p = cx.portal;
    let BriefsShared {
        shared_html,
        kit,
        kit_dir,
    } = shared;
    let token = cx
        .derived
        .brief_token(&c.slug, &b.creator)
        .cloned()
        .unwrap_or_default();
    let dir = routes::brief_dir(&token);
    let path = routes::index_of(&dir);
    let creator = p.creators.get(&b.creator);
    let name = p.creator_name(&b.creator);
    let words = cx.catalogs.get(b.language);
    let title = words.fill(
        keys::BRIEF_TITLE,
        &[("campaign", &c.title), ("creator", &name)],
    );
    let meta = PageMeta::new(title, &path, "brief", true).in_language(b.language);
    let note = match (!b.note.blank).then(|| crate::load::note::read(&b.note)) {
        Some(Err(d)) => return vec![(path, Err(d), b.path.clone())],
        Some(Ok(note)) => Some(note.text),
        None => None,
    };
    let now = crate::compute::brief_facts::facts(&p.config, c, b);
    let then = b.accepted.as_ref().and_then(|a| b.recorded.get(&a.version));
    let mut view = views::brief::brief_view(&views::brief::BriefInputs {
        config: &p.config,
        words: cx.catalogs.get(b.language),
        campaign: c,
        brief: b,
        note: note.as_deref(),
        creator,
        today: cx.derived.today,
        shared_html: shared_html.as_ref(),
        kit_href: (!kit.is_empty()).then(|| format!("{}{kit_dir}", meta.root)),
        kit_assets: kit,
        page_root: &meta.root,
        facts: Some((&now, then)),
    });
    view.checker_json = checker_rules(p, c, b);
    let page = cx.page("brief.html", &meta, "brief", &view);
    let ics = brief_ics(cx, c, b, &format!("{}/{dir}", p.config.base_url), &name);
    vec![
        (path, page, b.path.clone()),
        (
            format!("{dir}brief.ics"),
            Ok(Output::Bytes(ics.into_bytes().into())),
            b.path.clone(),
        ),
    ]
}

fn checker_rules(p: &Portal, c: &Campaign, b: &crate::model::Brief) -> SafeHtml {
    use crate::compute::disclosure::{caption::CaptionRules, is_video};
    let mut rules =
        CaptionRules::for_campaign(&p.config, c, b.language).with_labels_of(&b.deliverables);
    if !b.deliverables.iter().any(is_video) {
        rules.video = None;
    }
    let v = serde_json::to_value(&rules).unwrap_or(serde_json::Value::Null);
    json_for_script(&v)
}

fn brief_ics(cx: &Ctx<'_>, c: &Campaign, b: &crate::model::Brief, url: &str, name: &str) -> String {
    let events = ics::brief_events(&ics::BriefCalendar {
        campaign: c,
        brief: b,
        creator_name: name,
        url,
        host: ics::host_of(&cx.portal.config.base_url),
        timezone: &cx.portal.config.timezone,
        today: cx.derived.today,
        words: cx.catalogs.get(b.language),
    });
    ics::calendar(
        &format!("{} — {}", c.title, name),
        &events,
        cx.derived.today,
    )
}
