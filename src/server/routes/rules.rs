//! The rules and the active rule set.

use actix_web::{HttpRequest, HttpResponse, get, web};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::lang::Lang;
use crate::rules::{RuleId, RuleInfo};
use crate::server::openapi::examples;
use crate::server::problem::{Problem, ProblemBody, request_lang};
use crate::server::routes::AppState;

/// The language of the documentation.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct LangQuery {
    /// `zh` (default) or `en`; `Accept-Language` is used when absent.
    pub lang: Option<Lang>,
}

/// List the rules
///
/// Every rule with its stable id, default severity, whether it runs by default, what it checks,
/// why, an example and how to fix what it finds.
#[utoipa::path(
    tag = "rules",
    params(LangQuery),
    responses(
        (status = 200, description = "All rules, in documentation order.", body = Vec<RuleInfo>),
        (status = 400, description = "An invalid query string (lang must be zh or en).", body = ProblemBody, content_type = "application/problem+json")
    )
)]
#[get("/v1/rules")]
pub async fn list_rules(request: HttpRequest, query: web::Query<LangQuery>) -> HttpResponse {
    let lang = query.lang.unwrap_or_else(|| request_lang(&request));
    let list = RuleInfo::all(lang);
    HttpResponse::Ok().json(list)
}

/// Describe one rule
///
/// What the rule checks, why, its default severity and the profiles that run it, an example and
/// how to fix what it finds: the page a finding's `rule` points to.
#[utoipa::path(
    tag = "rules",
    params(("id" = String, Path, description = "A rule id.", example = "part-missing"), LangQuery),
    responses(
        (status = 200, description = "The rule.", body = RuleInfo),
        (status = 400, description = "An invalid query string (lang must be zh or en).", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No rule has this id.", body = ProblemBody, content_type = "application/problem+json")
    )
)]
#[get("/v1/rules/{id}")]
pub async fn get_rule(
    request: HttpRequest,
    id: web::Path<String>,
    query: web::Query<LangQuery>,
) -> Result<HttpResponse, Problem> {
    let lang = query.lang.unwrap_or_else(|| request_lang(&request));
    let rule =
        RuleId::parse(&id).ok_or_else(|| Problem::unknown_rule(&id, lang).for_request(&request))?;
    Ok(HttpResponse::Ok().json(RuleInfo::of(rule, lang)))
}

/// The active rule set
///
/// The rule set in force, as it was loaded: its parts, heading words, deadlines and thresholds.
/// Its schema is `schemas/ruleset.schema.json` in the source.
#[utoipa::path(
    tag = "rules",
    responses((status = 200, description = "The rule set (JSON, see schemas/ruleset.schema.json; the example is an excerpt).", body = Object, example = examples::ruleset))
)]
#[get("/v1/ruleset")]
pub async fn get_ruleset(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().json(state.engine.rules().raw())
}
