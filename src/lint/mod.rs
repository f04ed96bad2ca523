//! Lint: the compliance rules of SPEC §4 (disclosure, hashtags, tracking, rights, deadlines).

pub mod rules;
