//! Fuzz target: `results.csv` splitting and cell reading.
#![no_main]

use campsite::diagnostics::Diagnostics;
use campsite::load::results_csv::read_table;
use campsite::load::source::SourceFile;
use campsite::model::{Date, Money};
use campsite::validate::parse_count;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(file) = SourceFile::decode("r.csv".into(), "r.csv".into(), data.to_vec()) else {
        return;
    };
    let mut diags = Diagnostics::new();
    let table = read_table(file, &mut diags);
    for r in &table.records {
        for (i, c) in r.cells.iter().enumerate() {
            let _ = parse_count(c);
            let _ = Money::parse(c);
            let _ = Date::parse(c);
            let _ = table.cell_error(r, i, "x");
        }
    }
});
