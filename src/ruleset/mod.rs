//! The rule set: what a report must contain, as data (`schemas/required-sections.json`).
//!
//! A rule set is validated against `schemas/ruleset.schema.json` before use, then its words are
//! normalised and compiled once into automata (see [`words`]).

pub mod citations;
pub mod formulations;
mod load;
pub mod marks;
mod model;
pub mod words;

pub use load::{Level, LoadError, Mention, Part, PartIndex, RuleSet, Violation};
pub(crate) use load::{parse_json, read_text};
pub use model::{Act, Basis, Facet, IssuerKind};

/// The default rule set, embedded at build time.
pub const DEFAULT_RULESET_JSON: &str = include_str!("../../schemas/required-sections.json");
/// The JSON Schema every rule set is validated against.
pub const RULESET_SCHEMA_JSON: &str = include_str!("../../schemas/ruleset.schema.json");
