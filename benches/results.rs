//! Benchmark: ingest and aggregate a generated 1,000,000-row `results.csv`.
//!
//! `cargo bench --bench results` copies the report fixture portal to a temp folder, writes a
//! results file in the messy export shape (BOM, CRLF, quoted captions with commas, thousands
//! separators), then times loading + validating the portal and computing the campaign metrics
//! and every breakdown. `ROWS=…` changes the row count.

use campsite::compute::metrics;
use campsite::pipeline::{BuildOptions, prepare};
use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for e in std::fs::read_dir(from)? {
        let e = e?;
        let target = to.join(e.file_name());
        if e.file_type()?.is_dir() {
            copy_dir(&e.path(), &target)?;
        } else {
            std::fs::copy(e.path(), target)?;
        }
    }
    Ok(())
}

fn results_csv(rows: usize) -> String {
    let mut s = String::with_capacity(rows * 190);
    s.push_str("\u{feff}Creator,Deliverable,Platform,Format,Posted_On,Impressions,Reach,Likes,Comments,Shares,Saves,Clicks,Orders,Revenue,Boost_Spend,Caption,Hook,Source\r\n");
    for i in 0..rows {
        let (creator, deliverable, platform, format) = if i % 2 == 0 {
            ("ana", "reel-1", "instagram", "reel")
        } else {
            ("bo", "tt-1", "tiktok", "short")
        };
        let _ = write!(
            s,
            "{creator},{deliverable},{platform},{format},2026-03-{:02},\"{},{:03}\",{},{},{},{},{},{},{},\"1,{:03}.50\",{},\"#ad hook {i}, with comma\nand newline #SpringDrop\",hook-{},{}\r\n",
            1 + i % 28,
            10 + i % 90,
            i % 1000,
            5000 + i % 4000,
            100 + i % 300,
            i % 40,
            i % 13,
            i % 17,
            i % 200,
            i % 7,
            i % 1000,
            i % 50,
            i % 5,
            ["actual", "reported", "estimated"][i % 3],
        );
    }
    s
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // `cargo test --all-targets` runs this file without `--bench`: a small smoke run then.
    let default_rows = if std::env::args().any(|a| a == "--bench") {
        1_000_000
    } else {
        2_000
    };
    let rows: usize = std::env::var("ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default_rows);
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report-public/portal");
    let root = std::env::temp_dir().join(format!("campsite-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    copy_dir(&fixture, &root)?;
    let csv = results_csv(rows);
    std::fs::write(root.join("content/campaigns/spring/results.csv"), &csv)?;

    let t0 = Instant::now();
    let prepared = prepare(&BuildOptions::new(&root)).map_err(|d| format!("{d:?}"))?;
    let ingest = t0.elapsed();
    let campaign = prepared
        .portal
        .campaigns
        .values()
        .next()
        .ok_or("no campaign")?;
    let t1 = Instant::now();
    let m = metrics::campaign_metrics(campaign);
    let by_creator = metrics::breakdown(campaign, |r| r.creator.as_ref().map(|h| h.to_string()));
    let by_hook = metrics::breakdown(campaign, |r| r.hook.clone());
    let aggregate = t1.elapsed();
    let _ = std::fs::remove_dir_all(&root);

    assert_eq!(m.posts, rows, "every row ingested");
    println!(
        "results: {rows} rows ({:.1} MB): ingest (load + validate) {:.2} s, aggregate (totals, rates, 2 breakdowns) {:.2} s, total {:.2} s",
        csv.len() as f64 / 1e6,
        ingest.as_secs_f64(),
        aggregate.as_secs_f64(),
        (ingest + aggregate).as_secs_f64()
    );
    println!(
        "  reach {:?}, engagements {:?}, {} creators, {} hooks",
        m.reach.value,
        m.engagements.value,
        by_creator.len(),
        by_hook.len()
    );
    Ok(())
}
