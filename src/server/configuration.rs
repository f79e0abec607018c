//! Settings, from command-line flags or `NIANBAO_*` environment variables, over defaults.

use std::path::PathBuf;

use crate::engine::Engine;
use crate::extract::Limits;
use crate::format::FormatProfile;
use crate::ruleset::{LoadError, RuleSet};

/// Where the rule set comes from.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct RuleSetSource {
    /// A rule set file (JSON, validated against schemas/ruleset.schema.json) to use instead of
    /// the embedded default.
    #[arg(long, env = "NIANBAO_RULESET", value_name = "FILE")]
    pub ruleset: Option<PathBuf>,
    /// A format profile for Word documents (JSON, validated against
    /// schemas/format-profile.schema.json) instead of the embedded GB/T 9704-2012.
    #[arg(long, env = "NIANBAO_FORMAT_PROFILE", value_name = "FILE")]
    pub format_profile: Option<PathBuf>,
}

impl RuleSetSource {
    /// The engine for this rule set under `limits`, or why the rule set cannot be used.
    pub fn engine(&self, limits: Limits) -> Result<Engine, LoadError> {
        let rules = match &self.ruleset {
            Some(path) => RuleSet::from_file(path)?,
            None => RuleSet::embedded(),
        };
        let rules = match &self.format_profile {
            Some(path) => rules.with_format_profile(FormatProfile::from_file(path)?),
            None => rules,
        };
        let engine = Engine::new(rules)?;
        Ok(engine.with_limits(limits))
    }
}

const DEFAULT_MEMORY_BUDGET: u64 = 256 * 1024 * 1024;
const DEFAULT_SPOOL_THRESHOLD: usize = 1024 * 1024;
const DEFAULT_SPOOL_SPACE: u64 = 1024 * 1024 * 1024;

/// The service's settings.
#[derive(Debug, Clone, clap::Args)]
pub struct Settings {
    /// Address and port to listen on (port 0 picks a free one).
    #[arg(
        long,
        env = "NIANBAO_ADDR",
        default_value = "127.0.0.1:8080",
        value_name = "HOST:PORT"
    )]
    pub addr: String,
    #[command(flatten)]
    pub ruleset: RuleSetSource,
    /// Largest request body accepted, in bytes.
    #[arg(long, env = "NIANBAO_BODY_LIMIT", default_value_t = 10 * 1024 * 1024, value_name = "BYTES")]
    pub body_limit: usize,
    /// Worker threads serving HTTP (default: one per core).
    #[arg(long, env = "NIANBAO_WORKERS", value_name = "N")]
    pub workers: Option<usize>,
    /// Checks in progress at once; beyond, requests get 503 with Retry-After.
    #[arg(
        long,
        env = "NIANBAO_MAX_IN_FLIGHT",
        default_value_t = 64,
        value_name = "N"
    )]
    pub max_in_flight: usize,
    /// Memory for the whole process's work, in bytes: request bodies being read, documents being
    /// read and checked, answers being built. A request that finds no room waits a moment, then
    /// gets 503 with Retry-After. Keep it well under the container's memory limit (the
    /// Deployment's is 1 GiB); the process's own baseline (about 40 MB) comes on top.
    #[arg(
        long,
        env = "NIANBAO_MEMORY_BUDGET",
        default_value_t = DEFAULT_MEMORY_BUDGET,
        value_name = "BYTES"
    )]
    pub memory_budget: u64,
    /// A batch body past this many bytes is written to an unnamed temporary file (in TMPDIR)
    /// and read from there report by report.
    #[arg(
        long,
        env = "NIANBAO_SPOOL_THRESHOLD",
        default_value_t = DEFAULT_SPOOL_THRESHOLD,
        value_name = "BYTES"
    )]
    pub spool_threshold: usize,
    /// Space in the temporary folder for spooled batches at once, in bytes; a batch that finds
    /// no room gets 503 with Retry-After. Keep it under the size of TMPDIR (the Deployment's
    /// `/tmp` emptyDir has a size limit of 2 GiB).
    #[arg(
        long,
        env = "NIANBAO_SPOOL_SPACE",
        default_value_t = DEFAULT_SPOOL_SPACE,
        value_name = "BYTES"
    )]
    pub spool_space: u64,
    /// Seconds a client has to send its request headers, and then its body.
    #[arg(
        long,
        env = "NIANBAO_CLIENT_TIMEOUT",
        default_value_t = 30,
        value_name = "SECONDS"
    )]
    pub client_timeout: u64,
    /// Seconds a client may go without sending a byte of its body (408 after).
    #[arg(
        long,
        env = "NIANBAO_CLIENT_IDLE_TIMEOUT",
        default_value_t = 10,
        value_name = "SECONDS"
    )]
    pub client_idle_timeout: u64,
    /// API keys, comma-separated; when any are set, `/v1/` needs `Authorization: Bearer <key>`.
    #[arg(
        long,
        env = "NIANBAO_API_KEYS",
        value_name = "KEYS",
        hide_env_values = true
    )]
    pub api_keys: Option<String>,
    /// A file of API keys, one per line.
    #[arg(long, env = "NIANBAO_API_KEYS_FILE", value_name = "FILE")]
    pub api_keys_file: Option<PathBuf>,
    /// Also require a key for /healthz, /readyz and /metrics.
    #[arg(long, env = "NIANBAO_PROTECT_PROBES")]
    pub protect_probes: bool,
    /// Browser origins allowed to call the API (CORS), comma-separated, e.g. https://oa.example.gov.cn.
    #[arg(
        long,
        env = "NIANBAO_CORS_ORIGINS",
        value_name = "ORIGINS",
        value_delimiter = ','
    )]
    pub cors_origins: Vec<String>,
}

impl Settings {
    /// Defaults with a given address, for tests and embedding.
    pub fn with_addr(addr: &str) -> Self {
        Self {
            addr: addr.to_owned(),
            ruleset: RuleSetSource::default(),
            body_limit: 10 * 1024 * 1024,
            workers: None,
            max_in_flight: 64,
            memory_budget: DEFAULT_MEMORY_BUDGET,
            spool_threshold: DEFAULT_SPOOL_THRESHOLD,
            spool_space: DEFAULT_SPOOL_SPACE,
            client_timeout: 30,
            client_idle_timeout: 10,
            api_keys: None,
            api_keys_file: None,
            protect_probes: false,
            cors_origins: Vec::new(),
        }
    }
}
