//! Long team tables rendered a chunk at a time (`render::views::chunks`): the calendar's groups
//! and the private links of a generated portal with more rows than a chunk keep every row once,
//! in order, counted and numbered as one table.

mod common;

use common::*;
use std::path::PathBuf;

const TODAY: &str = "2026-05-10";

/// A portal of one campaign with `n` briefs, each with one deliverable (a draft due and a go-live
/// a few days apart, spread over four months around `TODAY`).
fn many_briefs(n: usize) -> PathBuf {
    let root = temp_dir("team-many-rows");
    let write = |rel: &str, text: String| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    };
    write(
        "portal.toml",
        "title = \"Many\"\nbase_url = \"https://many.example\"\ntimezone = \"UTC\"\n\
         currency = \"USD\"\n\n[brand]\nname = \"Many\"\ncontact = \"team@many.example\"\n\n\
         [privacy]\nlink_secret = \"many-rows-test-secret-0123456789abcdef\"\n"
            .into(),
    );
    write(
        "content/campaigns/big/campaign.toml",
        "title = \"Big\"\nstatus = \"live\"\nstart = 2026-03-01\nend = 2026-08-01\n\
         platforms = [\"instagram\"]\n\n[disclosure]\nwording = { instagram = \"#ad\" }\n"
            .into(),
    );
    for i in 0..n {
        let handle = format!("c-{i:04}");
        write(
            &format!("content/creators/{handle}.toml"),
            format!("name = \"Creator {i}\"\nemail = \"c{i}@many.example\"\n"),
        );
        let due = jiff::civil::date(2026, 3, 15) + jiff::Span::new().days((i % 120) as i64);
        let live = due + jiff::Span::new().days(3);
        write(
            &format!("content/campaigns/big/briefs/{handle}.md"),
            format!(
                "+++\nversion = 1\n\n[[deliverables]]\nid = \"d-1\"\nplatform = \"instagram\"\n\
                 format = \"reel\"\ndraft_due = {due}\nlive_on = {live}\nstatus = \"planned\"\n+++\n"
            ),
        );
    }
    root
}

#[test]
fn long_tables_rendered_in_chunks_keep_every_row_once_in_order() {
    // More rows than a chunk (`views::chunks::ROWS_AT_ONCE`, 500) in the calendar's groups and
    // on the links page.
    let n = 700;
    let root = many_briefs(n);
    let out = root.join("site");
    let o = run(&[
        "build",
        "-r",
        root.to_str().expect("utf-8 path"),
        "--audience",
        "team",
        "--today",
        TODAY,
        "-o",
        out.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(o.code, 0, "build failed: {}", o.stderr);
    let read = |rel: &str| std::fs::read_to_string(out.join(rel)).expect(rel);

    let page = read("team/calendar/index.html");
    let mut seen = Vec::new();
    for id in ["overdue", "this-week", "next-weeks", "later", "past"] {
        let start = format!("<section class=\"cal-group cal-{id}\"");
        let section = between(&page, &start, "</section>");
        let rows: Vec<&str> = section.split("<tr class=\"ev-").skip(1).collect();
        let said = format!("<span class=\"meta\">({})</span>", rows.len());
        assert!(section.contains(&said), "{id}: the heading counts its rows");
        let dates: Vec<String> = rows.iter().flat_map(|r| attrs(r, "datetime")).collect();
        assert!(dates.is_sorted(), "{id}: rows in date order");
        seen.extend(
            rows.iter()
                .map(|r| r[..r.find("</tr>").expect("row end")].to_string()),
        );
    }
    assert_eq!(seen.len(), 2 * n, "a draft due and a go-live per brief");
    let unique: std::collections::BTreeSet<_> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "no row twice");
    assert!(
        page.contains("</tr>\n  \n    <tr class=\"ev-"),
        "rows joined across chunks as in one loop"
    );

    let links = read("team/links/index.html");
    let ids = attrs(&links, "id");
    let ids: Vec<&String> = ids.iter().filter(|x| x.starts_with("link-")).collect();
    let expected: Vec<String> = (1..=ids.len()).map(|i| format!("link-{i}")).collect();
    assert!(ids.len() >= n, "one link per brief at least: {}", ids.len());
    assert_eq!(
        ids,
        expected.iter().collect::<Vec<_>>(),
        "numbered on across chunks"
    );
    assert_eq!(
        attrs(&links, "data-copy"),
        expected,
        "each copy button names its own link"
    );
    std::fs::remove_dir_all(&root).ok();
}
