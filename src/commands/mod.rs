//! One module per subcommand: each turns parsed flags into a pipeline call and an [`Outcome`](crate::cli::Outcome).

pub mod build;
pub mod check;
pub mod init;
pub mod links;
pub mod new;
pub mod serve;
