//! campsite: a static site generator for influencer-marketing campaign portals.
//!
//! The stages live in their own modules, chained by [`pipeline`], and depend only downward:
//! `model` ← `load` ← `validate` ← `compute` ← `images` ← `render`, with `lint` and `output`
//! consuming on top (`tests/layers.rs` checks it from the source).
#![warn(missing_docs)]
#![deny(clippy::unwrap_used, clippy::expect_used)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod budget;
pub mod cli;
pub mod commands;
pub mod compute;
pub mod diagnostics;
pub mod i18n;
pub mod images;
pub mod keyed;
pub mod lint;
pub mod load;
pub mod local_secret;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod scaffold;
pub mod secret_in_force;
pub mod serve;
pub mod team_salt;
pub mod uptodate;
pub mod validate;
