//! `coverage FILE`: the coverage report of a county file, without any server or storage.

use std::io::Read;
use std::path::Path;

use jiff::civil::Date;
use liandong_core::county_file;
use liandong_core::org::Organisation;
use liandong_core::rules::CoverageReport;

use super::CommandError;
use super::coverage_text::{Lang, render};

/// Reads the county file at `path` (`-`: standard input), imports it into documents, and
/// returns its coverage report as of `today` (default: today in China) as text in `lang`,
/// or as JSON.
pub fn coverage(path: &Path, today: Option<Date>, lang: Lang, json: bool) -> Result<String, CommandError> {
    let text = if path == Path::new("-") {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).map(|_| s)
    } else {
        std::fs::read_to_string(path)
    }
    .map_err(|source| CommandError::Io { path: path.display().to_string(), source })?;
    let file = county_file::parse(&text)?;
    let docs = county_file::import(&file)?;
    let (org, _) = Organisation::read(&docs.directory_view(), &docs.roster_views());
    let today = today.unwrap_or_else(|| liandong_core::time::in_china(liandong_core::time::now()).date());
    let report = CoverageReport::build(&org, today);
    Ok(if json { serde_json::to_string_pretty(&report).unwrap_or_default() + "\n" } else { render(&report, lang) })
}
