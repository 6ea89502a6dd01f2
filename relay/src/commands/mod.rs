//! The relay binary's subcommands besides `serve`: county import, demo seeding, access
//! tokens, backup, the coverage report of a county file (worded in [`coverage_text`]), and
//! trial TLS certificates.

pub mod backup;
pub mod county;
pub mod coverage;
pub mod coverage_text;
pub mod tls;
pub mod token;

pub use coverage::coverage;

/// Why a subcommand failed; printed to standard error, exit status 1.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The county file is malformed (the error names the JSON path).
    #[error("{0}")]
    County(#[from] liandong_core::county_file::ImportError),
    /// Storage failed.
    #[error("{0}")]
    Store(#[from] crate::store::StoreError),
    /// The request makes no sense for this relay's data (unknown officer, county exists).
    #[error("{0}")]
    Invalid(String),
}
