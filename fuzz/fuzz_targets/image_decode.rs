//! Fuzz target: image decoding with limits (never a panic, never an unbounded allocation).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = campsite::images::decode(data);
});
