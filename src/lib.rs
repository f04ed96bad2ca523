//! campsite: a static site generator for influencer-marketing campaign portals.
//!
//! The stages live in their own modules and depend only downward:
//! `load` → `validate` → `compute` → `render` → `output`, chained by [`pipeline`].
#![warn(missing_docs)]
#![deny(clippy::unwrap_used, clippy::expect_used)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod cli;
pub mod commands;
pub mod compute;
pub mod diagnostics;
pub mod images;
pub mod lint;
pub mod load;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod team_salt;
pub mod validate;
