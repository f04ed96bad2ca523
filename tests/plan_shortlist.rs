//! The plan page lists the shortlisted creators beside the booked ones (SPEC §6 "Plans"): the
//! roster ranked by fit to the campaign's `[audience]`, the booked and `do-not-book` left out;
//! the reasons only in the team audience (roster audience data is team-only).

mod common;

use std::path::Path;

fn build(audience: &str, out: &Path) -> String {
    let root = common::repo().join("examples/travel-vlogs");
    let o = common::run(&[
        "build",
        "-r",
        &root.to_string_lossy(),
        "-o",
        &out.to_string_lossy(),
        "--today",
        "2026-11-24",
        "--audience",
        audience,
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let plans: Vec<String> = common::tree(&out.join("p"))
        .into_iter()
        .filter(|(k, _)| k.ends_with("index.html"))
        .map(|(_, v)| String::from_utf8(v).expect("UTF-8"))
        .collect();
    assert_eq!(plans.len(), 1, "travel-vlogs has one plan");
    plans[0].clone()
}

fn shortlist_section(page: &str) -> &str {
    page.split("<h3 id=\"s-h\">Shortlisted</h3>")
        .nth(1)
        .and_then(|s| s.split("</table>").next())
        .expect("a shortlist on the plan")
}

// alpine-rail-2027 wants countries US, GB, CA; language en; niches "rail travel", "hiking"; Nina
// is booked. Worked out by hand from the roster files:
// - Sam Okoye: countries US (1 of 3), en (1 of 1), hiking (1 of 2): (1/3 + 1 + 1/2) / 3 = 61%.
// - Ellie Hart: countries US (1 of 3; her "UK" is not the campaign's "GB"), en (1 of 1), no
//   niche (0 of 2): (1/3 + 1 + 0) / 3 = 44%.
#[test]
fn the_plan_ranks_unbooked_creators_by_fit_with_reasons_for_the_team_only() {
    let base = common::temp_dir("plan-shortlist");
    let team = build("team", &base.join("team"));
    let rows = shortlist_section(&team);
    let sam = rows.find("Sam Okoye").expect("Sam is shortlisted");
    let ellie = rows.find("Ellie Hart").expect("Ellie is shortlisted");
    assert!(sam < ellie, "higher fit first: {rows}");
    assert!(
        rows.contains("61 of 100") && rows.contains("44 of 100"),
        "{rows}"
    );
    assert!(
        !rows.contains("Nina Rossi"),
        "the booked creator is not shortlisted"
    );
    assert!(
        rows.contains("countries: US; languages: en; niches: hiking"),
        "{rows}"
    );

    let public = build("public", &base.join("public"));
    let rows = shortlist_section(&public);
    assert!(
        rows.contains("Sam Okoye") && rows.contains("61 of 100"),
        "{rows}"
    );
    assert!(
        !rows.contains("niches:") && !rows.contains("countries:"),
        "no roster audience data in public: {rows}"
    );
    let _ = std::fs::remove_dir_all(base);
}
