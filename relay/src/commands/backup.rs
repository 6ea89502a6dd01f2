//! `backup --to FILE`: a consistent copy of the database, also while the relay serves.

use std::path::Path;

use super::CommandError;
use crate::store::sqlite;

/// Copies the database of `data` to `to` (which must not exist yet).
pub fn backup(data: &Path, to: &Path) -> Result<(), CommandError> {
    sqlite::backup(data, to)?;
    Ok(())
}
