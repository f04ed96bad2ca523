//! The holes hostile testing found in writing (issue #14): symlinks that lead a build out of
//! its output folder, and rebuilds that leave a mix of two builds or temporary files behind.

use super::*;

fn build_into(p: &Path, out: &Path) -> (i32, String) {
    let o = run(&["build", "-r", &s(p), "-o", &s(out), "--today", "2026-03-10"]);
    // In-process: a panic on hostile input fails the test where it happens.
    let all = format!("{}{}", o.stdout, o.stderr);
    (o.code, all)
}

/// Item 3: `-o` given as a symlink to the portal root is the portal root, whatever marker the
/// portal ships.
#[test]
fn an_output_symlinked_to_the_portal_root_is_refused() {
    let p = portal("out-link-root");
    write(
        &p,
        ".campsite-output",
        "# This folder is written by campsite\n# format 2\nx - content/creators/ana.toml\nx - content/campaigns/spring/brief.md\n",
    );
    let link = p.parent().expect("p").join("site");
    std::os::unix::fs::symlink(&p, &link).expect("symlink");
    let (code, out) = build_into(&p, &link);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("it is the portal root"), "{out}");
    assert!(
        p.join("content/creators/ana.toml").is_file(),
        "roster file deleted"
    );
    assert!(
        p.join("content/campaigns/spring/brief.md").is_file(),
        "brief.md deleted"
    );
}

/// Item 3: symlinks planted in an existing output are never followed, for writing or deleting.
#[test]
fn symlinks_inside_the_output_are_not_followed() {
    let p = portal("out-planted");
    let out = p.parent().expect("p").join("out");
    let elsewhere = p.parent().expect("p").join("elsewhere");
    write(&elsewhere, "x.html", "keep me");
    assert_eq!(build_into(&p, &out).0, 0);
    // `out/media` replaced by a link elsewhere, and a marker entry through a planted link.
    std::fs::remove_dir_all(out.join("media")).expect("rm media");
    std::os::unix::fs::symlink(&elsewhere, out.join("media")).expect("symlink");
    std::os::unix::fs::symlink(&elsewhere, out.join("sub")).expect("symlink");
    let marker = std::fs::read_to_string(out.join(".campsite-output")).expect("marker");
    std::fs::write(
        out.join(".campsite-output"),
        format!("{marker}x - sub/x.html\n"),
    )
    .expect("w");
    let before = tree(&elsewhere);
    let (code, all) = build_into(&p, &out);
    assert_eq!(code, 0, "{all}");
    assert_eq!(
        tree(&elsewhere),
        before,
        "the rebuild wrote or deleted outside its output"
    );
    let media = std::fs::symlink_metadata(out.join("media")).expect("media");
    assert!(media.is_dir(), "out/media is still a symlink");
    assert!(out.join("media/brand/swatch.png").is_file());
    assert!(
        std::fs::symlink_metadata(out.join("sub")).is_err(),
        "the planted link stays"
    );
}

fn temp_files(dir: &Path) -> Vec<String> {
    tree(dir)
        .into_keys()
        .filter(|k| k.contains("campsite-tmp") || k.contains("campsite-staging"))
        .collect()
}

/// Item 9: a rebuild that fails half-way leaves exactly the previous build, or succeeds with
/// exactly the new one; never a mix, never temporary files.
#[test]
fn a_rebuild_is_all_old_or_all_new() {
    let p = portal("out-half");
    let out = p.parent().expect("p").join("out");
    assert_eq!(build_into(&p, &out).0, 0);
    let old = tree(&out);
    let brief = std::fs::read_to_string(p.join("content/campaigns/spring/brief.md")).expect("r");
    write(
        &p,
        "content/campaigns/spring/brief.md",
        format!("{brief}\nA new line.\n"),
    );
    let fresh = p.parent().expect("p").join("fresh");
    assert_eq!(build_into(&p, &fresh).0, 0);
    let new = tree(&fresh);
    // A folder where the last brief page goes makes its rename fail after the others.
    let last = new
        .keys()
        .rfind(|k| k.starts_with("b/") && k.ends_with("index.html"))
        .expect("a brief page")
        .clone();
    std::fs::remove_file(out.join(&last)).expect("rm");
    std::fs::create_dir_all(out.join(&last).join("blocker")).expect("mkdir");
    let mut old_blocked = old.clone();
    old_blocked.remove(&last);
    let (code, all) = build_into(&p, &out);
    let now = tree(&out);
    assert!(temp_files(&out).is_empty(), "{:?}", temp_files(&out));
    if code == 0 {
        assert_eq!(
            now.keys().collect::<Vec<_>>(),
            new.keys().collect::<Vec<_>>()
        );
        assert!(now == new, "exit 0 but the output is not the new build");
    } else {
        assert!(
            now == old_blocked,
            "failed ({all}) and the output is not the previous build"
        );
    }
}

fn names(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(p);
            } else {
                out.push(p.to_string_lossy().into_owned());
            }
        }
    }
    out
}

/// Item 9: while a rebuild runs, and after it is killed at any moment, the output holds one
/// whole build: never a temporary file, never a mix.
#[test]
fn a_killed_rebuild_leaves_one_whole_build() {
    let p = portal("out-kill");
    for i in 0..150 {
        write(
            &p,
            &format!("content/creators/c{i:03}.toml"),
            format!("name = \"C {i}\"\n"),
        );
        write(
            &p,
            &format!("content/campaigns/spring/briefs/c{i:03}.md"),
            "+++\nfee = 100\n\n[[deliverables]]\nid = \"tt-1\"\nplatform = \"tiktok\"\nformat = \"short\"\ndraft_due = 2026-03-05\nlive_on = 2026-03-12\n+++\nHello.\n",
        );
    }
    let out = p.parent().expect("p").join("out");
    let brief_md = p.join("content/campaigns/spring/brief.md");
    let base = std::fs::read_to_string(&brief_md).expect("r");
    assert_eq!(build_into(&p, &out).0, 0);
    // How long a rebuild takes here, to spread the kills over it.
    std::fs::write(&brief_md, format!("{base}\nRound x.\n")).expect("w");
    let started = std::time::Instant::now();
    assert_eq!(build_into(&p, &out).0, 0);
    let whole = started.elapsed().as_millis() as u64;
    let mut previous = tree(&out);
    for round in 0..12u64 {
        std::fs::write(&brief_md, format!("{base}\nRound {round}.\n")).expect("w");
        let delay = whole / 2 + whole * round / 16;
        let started = std::time::Instant::now();
        let mut child = std::process::Command::new(bin())
            .args([
                "build",
                "-r",
                &s(&p),
                "-o",
                &s(&out),
                "--today",
                "2026-03-10",
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        // Watch the live output until the build ends or its time to be killed comes.
        let status = loop {
            let seen: Vec<String> = names(&out)
                .into_iter()
                .filter(|n| n.contains("campsite-tmp"))
                .collect();
            assert!(
                seen.is_empty(),
                "round {round}: temporary files in the output: {seen:?}"
            );
            if let Some(status) = child.try_wait().expect("wait") {
                break status;
            }
            if started.elapsed().as_millis() as u64 >= delay {
                let _ = child.kill();
                break child.wait().expect("wait");
            }
        };
        let now = tree(&out);
        assert!(
            temp_files(&out).is_empty(),
            "round {round}: {:?}",
            temp_files(&out)
        );
        if !status.success() && now != previous {
            // Killed after the swap: the output must be the finished new build.
            let fresh = p.parent().expect("p").join(format!("fresh-{round}"));
            build_into(&p, &fresh);
            assert!(
                tree(&fresh) == now,
                "round {round} (killed after {delay} ms): a mix"
            );
        }
        previous = now;
    }
}
