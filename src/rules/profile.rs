//! Profiles: which rules run when a request names none. Drafters get `default`; the collecting
//! office, which receives whole documents, uses `strict`, which also wants the title and sign-off.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    /// For drafters: the rules that hold for any copy of a report, pasted or scraped.
    #[default]
    Default,
    /// For the collecting office: also the rules that need the whole submitted document.
    Strict,
}

/// Rules run in both profiles.
pub const EVERY_PROFILE: &[Profile] = &[Profile::Default, Profile::Strict];
/// Rules run only for the collecting office.
pub const STRICT_ONLY: &[Profile] = &[Profile::Strict];
/// Rules that run only when a request enables them.
pub const ON_REQUEST: &[Profile] = &[];
