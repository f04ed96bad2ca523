//! Fuzz target: front-matter splitting and TOML parsing of a brief, as `load` does it.
#![no_main]

use campsite::load::raw::RawBrief;
use campsite::load::source::SourceFile;
use campsite::load::toml_file::{parse_toml, split_front_matter};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(file) = SourceFile::decode("b.md".into(), "b.md".into(), data.to_vec()) else {
        return;
    };
    if let Ok(fm) = split_front_matter(&file, true) {
        if let Err(d) = parse_toml::<RawBrief>(&file, fm.toml, fm.toml_offset) {
            // Every diagnostic must point inside the file.
            assert!(d.line.unwrap_or(1) as usize <= file.text.lines().count().max(1) + 1);
        }
    }
});
