//! `/community`: the district workbook (警务区工作台) of a station's community work, for
//! its resident officers and head (docs/domain.md "Community work"): the key persons and
//! sites in the order their visits fall due, with the visit form; the joint mediation
//! cases, overdue and near-deadline ones first, with their steps; the field work
//! (rapid responses, intelligence reports, patrols, legal outreach); the month's workload. Everything is written to
//! `station/{station}/community` offline; core checks each write ([`liandong_core::community::edit`]).
//!
//! - [`data`]: where the page reads and writes, and today's China date.
//! - [`page`]: the page and its summary line.
//! - [`subjects`]: key persons and sites, visits, and the form that adds one.
//! - [`cases`]: mediation cases, their steps, and the form that takes one on.
//! - [`case_file`]: a case's file to print and sign (`/community/cases/:id/print`).
//! - [`responses`]: rapid responses (打现行), raised as incidents of the regional command.
//! - [`reports`]: community intelligence reports, the liaison's forwarding, the form.
//! - [`patrols`]: patrols, and the form that logs one (its findings may become a report).
//! - [`outreach`]: legal outreach events and their form.
//! - [`fields`]: form fields the sections share (a village or officer, a crew).
//! - [`figures`]: the month's workload per officer and for the station (统一考核).
//! - [`home`]: the summary on Home (visits overdue, cases past a deadline).

mod case_file;
mod cases;
pub mod data;
mod fields;
mod figures;
pub mod home;
mod outreach;
pub mod page;
mod patrols;
mod reports;
mod responses;
mod subjects;

pub use page::Workbook;
