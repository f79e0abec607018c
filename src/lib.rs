//! nianbao (年报): checks Chinese rule-of-law government annual reports (法治政府建设年度报告)
//! against the content the rules require.
//!
//! The data flows one way: text → [`document`] → [`outline`] → [`parts`] → [`rules`] →

pub mod analysis;
pub mod document;
pub mod engine;
pub mod lang;
pub mod outline;
pub mod parts;
pub mod report;
pub mod rules;
pub mod ruleset;
pub mod year;
