//! The stages depend downward only (ARCHITECTURE.md, `lib.rs`): read from the `crate::` paths in
//! each module's source — `use crate::…` lines, grouped `use crate::{a, b}` lines and inline
//! `crate::x::y` paths alike — and checked against the layer table below.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, lowest first: a module may use its own layer and the ones below it. `i18n` (the
/// theme's word catalogs) is read with the theme, so it shares the `load` layer; `keyed` (the
/// store of values kept by input hash) uses nothing of the crate, so it is at the bottom. `lint` and
/// `output` are consumers on top of `render`; the rest of the crate (cli, commands, pipeline,
/// serve, scaffold) sits above them and is not checked.
const LAYERS: &[&[&str]] = &[
    &["diagnostics", "budget", "keyed"],
    &["model"],
    &["load", "i18n"],
    &["validate"],
    &["compute"],
    &["images"],
    &["render"],
    &["lint", "output"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The top-level module a file under `src/` belongs to.
fn module_of(file: &Path) -> String {
    let rel = file.strip_prefix(src()).expect("under src/");
    let first = rel
        .components()
        .next()
        .expect("a component")
        .as_os_str()
        .to_string_lossy()
        .into_owned();
    first.trim_end_matches(".rs").to_string()
}

/// The top-level modules a source text names through `crate::`: `crate::load::raw`,
/// `use crate::{load, model::Date}` and nested groups. Comments are skipped.
fn crate_modules(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            let after = &rest[i + "crate::".len()..];
            if let Some(group) = after.strip_prefix('{') {
                // `crate::{a, b::c, d::{e}}`: the first segment of each top-level item.
                for item in top_level_items(group) {
                    out.insert(leading_ident(item.trim_start()));
                }
            } else {
                out.insert(leading_ident(after));
            }
            rest = after;
        }
    }
    out.remove("");
    out
}

fn leading_ident(s: &str) -> String {
    s.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// The items of a `{…}` group (the text after its `{`), split at its own commas.
fn top_level_items(group: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, ch) in group.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' if depth == 0 => {
                items.push(&group[start..i]);
                return items;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&group[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&group[start..]);
    items
}

/// Every upward edge: (file, module it names) where the named module sits in a higher layer.
fn upward_edges() -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut bad: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in files {
        let module = module_of(&f);
        let Some(own) = layer_of(&module) else {
            continue;
        };
        let text = std::fs::read_to_string(&f).expect("read source");
        for used in crate_modules(&text) {
            if used == module {
                continue;
            }
            let above = match layer_of(&used) {
                Some(l) => l > own,
                // Anything outside the table (cli, commands, pipeline, serve…) is above every layer.
                None => true,
            };
            if above {
                let rel = f
                    .strip_prefix(src())
                    .expect("under src")
                    .display()
                    .to_string();
                bad.entry(format!("src/{rel}")).or_default().insert(used);
            }
        }
    }
    bad
}

#[test]
fn the_reader_of_crate_paths_sees_every_form() {
    let text = "use crate::model::Date;\nuse crate::{load, render::views::{a, b}, lint};\n\
                let x = crate::compute::disclosure::wording_for(c);\n// crate::serve in a comment\n";
    let got: Vec<String> = crate_modules(text).into_iter().collect();
    assert_eq!(got, ["compute", "lint", "load", "model", "render"]);
}

#[test]
fn stages_depend_downward_only() {
    let bad = upward_edges();
    let lines: Vec<String> = bad
        .iter()
        .map(|(f, m)| {
            format!(
                "{f} uses {}",
                m.iter().cloned().collect::<Vec<_>>().join(", ")
            )
        })
        .collect();
    assert!(
        lines.is_empty(),
        "modules that reach upward (model ← load ← validate ← compute ← images ← render ← lint, output):\n{}",
        lines.join("\n")
    );
}

/// `cli` parses and translates into `commands`' plain requests; `commands` never reach back up
/// into the command-line module (issue #22), and `main.rs` alone prints.
#[test]
fn commands_do_not_use_the_command_line_module() {
    let mut files = Vec::new();
    rust_files(&src().join("commands"), &mut files);
    assert!(!files.is_empty(), "src/commands/ has files");
    let offenders: Vec<String> = files
        .iter()
        .filter(|f| {
            let text = std::fs::read_to_string(f).expect("read source");
            crate_modules(&text).contains("cli")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(offenders.is_empty(), "commands that use cli: {offenders:?}");
    let lib: Vec<String> = {
        let mut all = Vec::new();
        rust_files(&src(), &mut all);
        all.into_iter()
            .filter(|f| !f.ends_with("main.rs"))
            .filter(|f| {
                let text = std::fs::read_to_string(f).expect("read source");
                text.lines()
                    .filter(|l| !l.trim_start().starts_with("//"))
                    .any(|l| l.contains("println!(") || l.contains("eprintln!("))
            })
            .map(|f| f.display().to_string())
            .collect()
    };
    assert!(lib.is_empty(), "library files that print: {lib:?}");
}
