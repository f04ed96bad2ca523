//! Writes a valid campsite portal of any size (and, optionally, an equivalent Hugo site with the
//! same Markdown bodies) for benchmarks and load tests.
//!
//! cargo run --release --example gen_portal -- --campaigns 100 --briefs 100 --images 50 \
//!     --rows 100 --out /tmp/big-portal [--hugo /tmp/big-hugo]

use image::{ImageBuffer, Rgb};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

struct Args {
    campaigns: usize,
    briefs: usize,
    images: usize,
    rows: usize,
    out: PathBuf,
    hugo: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        campaigns: 10,
        briefs: 10,
        images: 0,
        rows: 10,
        out: PathBuf::from("gen-portal"),
        hugo: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut val = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--campaigns" => {
                a.campaigns = val()?.parse().map_err(|e| format!("--campaigns: {e}"))?
            }
            "--briefs" => a.briefs = val()?.parse().map_err(|e| format!("--briefs: {e}"))?,
            "--images" => a.images = val()?.parse().map_err(|e| format!("--images: {e}"))?,
            "--rows" => a.rows = val()?.parse().map_err(|e| format!("--rows: {e}"))?,
            "--out" => a.out = PathBuf::from(val()?),
            "--hugo" => a.hugo = Some(PathBuf::from(val()?)),
            other => return Err(format!("unknown flag {other}")),
        }
    }
    Ok(a)
}

/// A small deterministic PRNG (xorshift64*), so every run writes the same portal.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "glow",
    "serum",
    "texture",
    "routine",
    "morning",
    "skin",
    "light",
    "hydration",
    "camera",
    "close-up",
    "natural",
    "daylight",
    "tutorial",
    "before",
    "after",
    "honest",
    "review",
    "gentle",
    "layer",
    "finish",
    "creator",
    "audience",
    "story",
    "moment",
    "detail",
    "shade",
    "bottle",
    "drop",
    "fresh",
    "calm",
    "weekend",
    "travel",
    "bathroom",
    "mirror",
    "window",
    "hands",
    "cheek",
    "smile",
    "result",
    "week",
    "the",
    "and",
    "with",
    "your",
    "our",
    "for",
    "in",
    "on",
    "a",
    "to",
    "of",
    "is",
    "it",
    "we",
    "you",
];
const PLATFORMS: &[(&str, &str)] = &[
    ("instagram", "reel"),
    ("tiktok", "short"),
    ("youtube", "video"),
    ("instagram", "story"),
];
const HOOKS: &[&str] = &["before-after", "tutorial", "grwm", "review", "unboxing"];

fn sentence(r: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        let w = r.pick(WORDS);
        match r.below(25) {
            0 => write!(s, "**{w}**").ok(),
            1 => write!(s, "*{w}*").ok(),
            2 => write!(s, "`{w}`").ok(),
            _ => {
                s.push_str(w);
                Some(())
            }
        };
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str() + ".",
        None => s,
    }
}

/// About 700 words of varied Markdown: headings, paragraphs, lists, a table, a quote, links.
fn note(r: &mut Rng) -> String {
    let mut md = String::new();
    let mut words = 0;
    let mut section = 0;
    while words < 700 {
        section += 1;
        writeln!(
            md,
            "## {} {section}\n",
            sentence(r, 3).trim_end_matches('.')
        )
        .ok();
        for _ in 0..2 {
            let n = 25 + r.below(30);
            writeln!(md, "{} {}\n", sentence(r, n / 2), sentence(r, n - n / 2)).ok();
            words += n;
        }
        match section % 4 {
            0 => {
                for _ in 0..4 {
                    writeln!(md, "- {}", sentence(r, 8)).ok();
                    words += 8;
                }
                md.push('\n');
            }
            1 => {
                md.push_str("| Shot | What we want |\n|---|---|\n");
                for _ in 0..3 {
                    writeln!(md, "| {} | {} |", r.pick(WORDS), sentence(r, 6)).ok();
                    words += 7;
                }
                md.push('\n');
            }
            2 => {
                writeln!(md, "> {}\n", sentence(r, 15)).ok();
                words += 15;
            }
            _ => {
                writeln!(
                    md,
                    "1. {}\n2. {}\n3. [See the guide](https://brand.example/guide/{section})\n",
                    sentence(r, 7),
                    sentence(r, 7)
                )
                .ok();
                words += 16;
            }
        }
    }
    md
}

fn write(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p)?;
    }
    std::fs::write(path, text)
}

fn main() -> std::io::Result<()> {
    let a = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("gen_portal: {e}");
            std::process::exit(2);
        }
    };
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    let out = &a.out;
    write(
        &out.join("portal.toml"),
        "title = \"Generated Portal\"\nbase_url = \"https://creators.generated.example\"\ntimezone = \"UTC\"\ncurrency = \"USD\"\n\n[brand]\nname = \"Generated Brand\"\ncontact = \"team@generated.example\"\n\n[privacy]\nlink_secret = \"generated-benchmark-secret-0123456789abcdef\"\n",
    )?;
    let roster = a.briefs.max(1);
    for i in 0..roster {
        write(
            &out.join(format!("content/creators/creator-{i:05}.toml")),
            &format!(
                "name = \"Creator {i}\"\nemail = \"creator{i}@generated.example\"\nniches = [\"skincare\"]\nnotes = \"Generated.\"\n\n[[platforms]]\nname = \"instagram\"\nhandle = \"@creator{i}\"\nfollowers = {}\n\n[rates]\nreel = {}\n",
                10_000 + r.below(500_000),
                300 + r.below(3000)
            ),
        )?;
    }
    let mut hugo_pages = 0;
    for c in 0..a.campaigns {
        let slug = format!("campaign-{c:04}");
        let dir = out.join("content/campaigns").join(&slug);
        write(
            &dir.join("campaign.toml"),
            &format!(
                "title = \"Campaign {c}\"\nstatus = \"complete\"\nstart = 2026-03-01\nend = 2026-04-15\nobjective = \"awareness\"\nsummary = \"Generated campaign {c}.\"\nplatforms = [\"instagram\", \"tiktok\", \"youtube\"]\nlanding_page = \"https://brand.example/c{c}\"\nhashtags = [\"#Gen{c}\"]\nmentions = [\"@genbrand\"]\n\n[budget]\ntotal = 250000\nproduct_cost_per_creator = 40\nshipping_per_creator = 12\n\n[targets]\nreach = 5000000\nclicks = 50000\n\n[disclosure]\nwording = {{ instagram = \"#ad\", tiktok = \"#ad\", youtube = \"Includes paid promotion\" }}\n\n[guardrails]\nkey_messages = [\"Visible glow\"]\nbanned_claims = [\"cures\"]\n"
            ),
        )?;
        write(
            &dir.join("brief.md"),
            &format!(
                "## Talking points\n\n{}\n",
                note(&mut r).chars().take(1500).collect::<String>()
            ),
        )?;
        write(
            &dir.join("report.md"),
            "+++\ntitle = \"Results\"\n+++\n## Learnings\n\nGenerated.\n",
        )?;
        let mut csv = String::from(
            "creator,deliverable,platform,format,url,posted_on,followers,impressions,reach,views,likes,comments,shares,saves,clicks,signups,orders,revenue,boost_spend,caption,hook,source\n",
        );
        for b in 0..a.briefs {
            let handle = format!("creator-{:05}", (b + c) % roster);
            let (platform, format) = PLATFORMS[b % PLATFORMS.len()];
            let body = note(&mut r);
            write(
                &dir.join("briefs").join(format!("{handle}.md")),
                &format!(
                    "+++\nversion = 1\nfee = {}\ndiscount_code = \"G{c}B{b}\"\n\n[[deliverables]]\nid = \"d-1\"\nplatform = \"{platform}\"\nformat = \"{format}\"\ndraft_due = 2026-03-08\nlive_on = 2026-03-12\nstatus = \"live\"\n\n[rights]\nchannels = [\"paid-social\"]\nterritory = [\"US\"]\nperpetual = true\n+++\n{body}",
                    500 + r.below(5000)
                ),
            )?;
            if let Some(h) = &a.hugo {
                write(
                    &h.join("content/posts").join(format!("{slug}-{handle}.md")),
                    &format!(
                        "+++\ntitle = \"Campaign {c} — {handle}\"\ndate = 2026-03-01\ntags = [\"{slug}\", \"{platform}\"]\n+++\n{body}"
                    ),
                )?;
                hugo_pages += 1;
            }
            if b < a.rows {
                let reach = 1000 + r.below(200_000);
                writeln!(
                    csv,
                    "{handle},d-1,{platform},{format},https://social.example/p/{c}/{b},2026-03-{:02},{},{},{reach},{},{},{},{},{},{},,{},{}.00,0,\"#ad {} #Gen{c} @genbrand\",{},actual",
                    1 + b % 28,
                    20_000 + r.below(400_000),
                    reach * 2,
                    reach * 3,
                    r.below(9000),
                    r.below(400),
                    r.below(300),
                    r.below(500),
                    r.below(3000),
                    r.below(80),
                    r.below(4000),
                    sentence(&mut r, 6),
                    HOOKS[b % HOOKS.len()]
                )
                .ok();
            }
        }
        write(&dir.join("results.csv"), &csv)?;
    }
    for i in 0..a.images {
        let path = out.join(format!("content/assets/gen/photo-{i:04}.jpg"));
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p)?;
        }
        let seed = r.next();
        let img = ImageBuffer::from_fn(1600, 1200, |x, y| {
            let n = ((x as u64 * 31 + y as u64 * 17) ^ seed) % 23;
            Rgb([
                ((x / 7) as u64 % 256) as u8,
                ((y / 5) as u64 % 256) as u8,
                ((seed % 200) + n) as u8,
            ])
        });
        img.save(&path).map_err(std::io::Error::other)?;
        write(
            &path.with_extension("toml"),
            &format!(
                "title = \"Generated photo {i}\"\nkind = \"brand-kit\"\ntags = [\"gen\", \"tag-{}\"]\n\n[rights]\nchannels = [\"paid-social\", \"email\"]\nstarts = 2026-01-01\nperpetual = true\n",
                i % 10
            ),
        )?;
    }
    if let Some(h) = &a.hugo {
        write(
            &h.join("hugo.toml"),
            "baseURL = \"https://generated.example/\"\ntitle = \"Generated\"\ndisableKinds = [\"RSS\"]\n[taxonomies]\ntag = \"tags\"\n",
        )?;
        write(
            &h.join("layouts/_default/baseof.html"),
            "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body>{{ block \"main\" . }}{{ end }}</body></html>\n",
        )?;
        write(
            &h.join("layouts/_default/single.html"),
            "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}<p>{{ range .Params.tags }}<a href=\"/tags/{{ . | urlize }}/\">{{ . }}</a> {{ end }}</p>{{ end }}\n",
        )?;
        write(
            &h.join("layouts/_default/list.html"),
            "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n",
        )?;
        write(
            &h.join("layouts/index.html"),
            "{{ define \"main\" }}<ul>{{ range .Site.RegularPages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n",
        )?;
        eprintln!("hugo site: {hugo_pages} pages in {}", h.display());
    }
    eprintln!(
        "portal: {} campaigns × {} briefs, {} images in {}",
        a.campaigns,
        a.briefs,
        a.images,
        out.display()
    );
    Ok(())
}
