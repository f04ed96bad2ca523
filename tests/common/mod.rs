//! Helpers shared by the integration tests: running campsite (in-process, or the real binary),
//! temp folders, tree snapshots.
#![allow(dead_code)]

use campsite::cli::Context;
pub use campsite::cli::Outcome;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs campsite in this process through `cli::run_in`, as `main` would, with no environment
/// variables: `CAMPSITE_LINK_SECRET` from the shell never reaches a test, and tests running side
/// by side share nothing. Every `args` here names its portal with `-r`.
pub fn run(args: &[&str]) -> Outcome {
    run_env(args, &[])
}

/// [`run`] with environment variables.
pub fn run_env(args: &[&str], env: &[(&str, &str)]) -> Outcome {
    let ctx = env
        .iter()
        .fold(Context::in_folder(repo()), |c, (k, v)| c.with_var(k, v));
    campsite::cli::run_in(
        std::iter::once("campsite").chain(args.iter().copied()),
        &ctx,
        &campsite::commands::silent(),
    )
}

/// The built `campsite` binary.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_campsite"))
}

/// Runs the real binary with `args`, without `CAMPSITE_LINK_SECRET` from the environment: for
/// what only a process shows (exit status, what `main` prints, the process's own environment
/// and working folder).
pub fn run_bin(args: &[&str]) -> Output {
    run_bin_env(args, &[])
}

/// [`run_bin`] with extra environment variables.
pub fn run_bin_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(bin());
    c.args(args).env_remove("CAMPSITE_LINK_SECRET");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run campsite")
}

/// Stdout as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Stderr as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh empty temp folder for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("campsite-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("create temp dir");
    d
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read dir") {
        let e = e.expect("entry");
        let p = e.path();
        let t = to.join(e.file_name());
        if p.is_dir() {
            copy_dir(&p, &t);
        } else {
            std::fs::copy(&p, &t).expect("copy");
        }
    }
}

/// Every file below `dir` (relative path → bytes), sorted.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    fn walk(base: &Path, d: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(rd) = std::fs::read_dir(d) else { return };
        for e in rd {
            let p = e.expect("entry").path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p
                    .strip_prefix(base)
                    .expect("prefix")
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).expect("read"));
            }
        }
    }
    walk(dir, dir, &mut out);
    out
}

/// The repository root (the demo portal).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The text between `start` (inclusive) and the next `end` after it.
pub fn between<'a>(s: &'a str, start: &str, end: &str) -> &'a str {
    let i = s.find(start).unwrap_or_else(|| panic!("no {start:?}"));
    let rest = &s[i..];
    let j = rest.find(end).unwrap_or(rest.len());
    &rest[..j]
}

/// Every value of attribute `attr` in `s`, in order.
pub fn attrs(s: &str, attr: &str) -> Vec<String> {
    let needle = format!("{attr}=\"");
    s.match_indices(&needle)
        .map(|(i, _)| {
            let v = &s[i + needle.len()..];
            v[..v.find('"').expect("closing quote")].to_string()
        })
        .collect()
}
