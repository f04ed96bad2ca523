//! Render declares units and the pipeline decides (`render::Units`): a unit the units keep is not
//! rendered, and every file render makes is handed to them at once. Checked on the demo portal
//! with units that record what render asked and what it handed on.

mod common;

use campsite::model::{Audience, Date};
use campsite::pipeline::{self, BuildOptions, InMemory, Prepared};
use campsite::render::{self, Output, RenderOptions, Site, UnitFiles, Units};
use std::collections::BTreeSet;
use std::sync::Mutex;

fn prepared(audience: Audience) -> Prepared {
    let mut o = BuildOptions::new(common::repo());
    o.audience = audience;
    o.today = Some(Date::parse("2026-05-01").unwrap());
    let p = pipeline::prepare(&o).expect("the demo prepares");
    assert!(!p.diags.has_errors(), "{}", p.diags.to_human());
    p
}

fn render_with(p: &Prepared, units: &dyn Units, audience: Audience) -> Site {
    let inputs = render::SiteInputs {
        units,
        ..p.site_inputs()
    };
    render::render_site_with(&inputs, RenderOptions { audience }).expect("the demo renders")
}

/// Units that keep what `keep` keeps and record the keys asked and the files handed on (taking
/// the files whose path starts with `take_prefix`, as a build writes them).
struct Recording<'a> {
    keep: &'a dyn Units,
    asked: Mutex<BTreeSet<String>>,
    taken: Mutex<Vec<String>>,
    take_prefix: &'a str,
}

impl<'a> Recording<'a> {
    fn new(keep: &'a dyn Units, take_prefix: &'a str) -> Self {
        Recording {
            keep,
            asked: Mutex::default(),
            taken: Mutex::default(),
            take_prefix,
        }
    }
}

impl Units for Recording<'_> {
    fn kept(&self, key: &str) -> Option<&UnitFiles> {
        self.asked.lock().unwrap().insert(key.to_string());
        self.keep.kept(key)
    }

    fn take(&self, path: &str, _out: &Output) -> Option<String> {
        self.taken.lock().unwrap().push(path.to_string());
        path.starts_with(self.take_prefix)
            .then(|| format!("taken:{path}"))
    }
}

#[test]
fn a_unit_the_pipeline_keeps_is_not_rendered_and_every_made_file_is_handed_on() {
    for audience in [Audience::Public, Audience::Team] {
        let p = prepared(audience);
        let first = render_with(&p, &render::Fresh, audience);
        assert!(!first.units.is_empty(), "the demo has units");

        // Nothing kept: render asks for every unit and hands on every file of every unit.
        let fresh = Recording::new(&render::Fresh, "b/");
        let all = render_with(&p, &fresh, audience);
        let asked = fresh.asked.lock().unwrap().clone();
        let unit_keys: BTreeSet<String> = all.units.keys().map(|k| k.to_string()).collect();
        assert_eq!(
            asked, unit_keys,
            "{audience:?}: render asks for each unit it declares"
        );
        let unit_paths: BTreeSet<String> = all.groups.keys().cloned().collect();
        let handed = fresh.taken.lock().unwrap().clone();
        let taken: BTreeSet<String> = handed.iter().cloned().collect();
        assert_eq!(
            taken.len(),
            handed.len(),
            "{audience:?}: a file handed on twice"
        );
        assert!(
            unit_paths.is_subset(&taken),
            "{audience:?}: files of units not handed on: {:?}",
            unit_paths.difference(&taken).take(5).collect::<Vec<_>>()
        );
        // What the units took stays in the site as its fingerprint; the rest as made.
        for (path, out) in &all.files {
            match out {
                Output::Kept(f) => assert_eq!(f, &format!("taken:{path}")),
                _ => assert!(!(path.starts_with("b/") && unit_paths.contains(path))),
            }
        }

        // Everything kept from the first site: no unit is made, so nothing is handed on.
        let kept = InMemory::after(Some(&first));
        // (It records what is handed on but takes nothing: no path starts with a NUL.)
        let again = Recording::new(&kept, "\0");
        let second = render_with(&p, &again, audience);
        let handed: Vec<String> = again.taken.lock().unwrap().iter().cloned().collect();
        assert!(
            handed.iter().all(|p| !unit_paths.contains(p)),
            "{audience:?}: kept units were rendered again: {:?}",
            handed
                .iter()
                .filter(|p| unit_paths.contains(*p))
                .take(5)
                .collect::<Vec<_>>()
        );
        let differ: Vec<&String> = first
            .files
            .iter()
            .filter(|(path, out)| second.files.get(*path) != Some(out))
            .map(|(path, _)| path)
            .chain(
                second
                    .files
                    .keys()
                    .filter(|p| !first.files.contains_key(*p)),
            )
            .collect();
        assert!(
            differ.is_empty(),
            "{audience:?}: the kept site differs at {differ:?}"
        );
    }
}
