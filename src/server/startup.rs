//! Building and running the HTTP server.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::{Duration, Instant};

use actix_cors::Cors;
use actix_http::{HttpService, Protocol};
use actix_service::{IntoServiceFactory, ServiceFactoryExt, fn_service, map_config};
use actix_web::ResponseError;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::AppConfig;
use actix_web::dev::{Server, Service, ServiceResponse};
use actix_web::error::QueryPayloadError;
use actix_web::http::header;
use actix_web::middleware::{Compress, Condition, from_fn};
use actix_web::rt::net::TcpStream;
use actix_web::{App, HttpRequest, web};
use tokio::sync::Semaphore;
use tracing_actix_web::TracingLogger;
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;

use crate::engine::Engine;
use crate::server::auth::{self, ApiKeys};
use crate::server::budget::{Budgeted, ByteBudget};
use crate::server::configuration::Settings;
use crate::server::connection::ProblemConnection;
use crate::server::metrics::Metrics;
use crate::server::openapi::{self, ApiDoc};
use crate::server::problem::{Problem, request_lang};
use crate::server::request_id::{self, RequestSpan};
use crate::server::routes::fallback::{RouteTable, fallback};
use crate::server::routes::{self, AppState};
use crate::server::{caching, compression, expect};

/// How long a new request waits for room in a budget (memory, spool space) before a 503.
const BUDGET_WAIT: Duration = Duration::from_secs(2);

pub struct Application {
    port: u16,
    server: Server,
}

impl Application {
    /// Binds the listener (so port 0 works) and builds the server; nothing runs until
    /// [`Application::run_until_stopped`].
    pub fn build(settings: &Settings, engine: Arc<Engine>) -> std::io::Result<Self> {
        let listener = TcpListener::bind(&settings.addr)?;
        let port = listener.local_addr()?.port();
        let document = openapi::document();
        let table = web::Data::new(RouteTable::new(&document));
        let memory = ByteBudget::new(Budgeted::Memory, settings.memory_budget, BUDGET_WAIT);
        let state = web::Data::new(AppState {
            engine,
            body_limit: settings.body_limit,
            in_flight: Arc::new(Semaphore::new(settings.max_in_flight)),
            max_in_flight: settings.max_in_flight,
            client_timeout: Duration::from_secs(settings.client_timeout),
            idle_timeout: Duration::from_secs(settings.client_idle_timeout),
            metrics: Arc::new(Metrics::new(&memory)),
            memory,
            spool_threshold: settings.spool_threshold,
            spool_space: ByteBudget::new(Budgeted::SpoolSpace, settings.spool_space, BUDGET_WAIT),
        });
        let metrics = state.metrics.clone();
        let keys = web::Data::new(
            ApiKeys::load(
                settings.api_keys.as_deref(),
                settings.api_keys_file.as_deref(),
                settings.protect_probes,
            )
            .map_err(|e| {
                std::io::Error::new(e.kind(), format!("cannot read the API keys file: {e}"))
            })?,
        );
        if keys.is_enabled() {
            tracing::info!(keys = keys.count(), "API keys required for /v1/");
        }
        let cors_origins = settings.cors_origins.clone();
        let app = move || {
            App::new()
                .wrap(from_fn(caching::revalidate))
                // Outside the ETag, which names the content whatever its coding (a weak tag).
                .wrap(Compress::default())
                .wrap(from_fn(compression::negotiate))
                .wrap(from_fn(auth::require_key))
                // Inside the logger and the request id: a refused origin is logged and answered
                // like any other problem.
                .wrap(Condition::new(
                    !cors_origins.is_empty(),
                    cors(&cors_origins),
                ))
                .wrap_fn(|request, service| {
                    let response = service.call(request);
                    async move { response.await.map(cors_refusal_as_problem) }
                })
                .wrap(TracingLogger::<RequestSpan>::new())
                .wrap_fn(|request, service| {
                    let response = service.call(request);
                    async move { response.await.map(request_id::echo) }
                })
                .wrap_fn({
                    let metrics = metrics.clone();
                    move |request, service| {
                        let started = Instant::now();
                        let method = request.method().to_string();
                        let response = service.call(request);
                        let metrics = metrics.clone();
                        async move {
                            let response = response.await?;
                            let route = response
                                .request()
                                .match_pattern()
                                .unwrap_or_else(|| "unmatched".to_owned());
                            let status = response.status().as_u16();
                            let seconds = started.elapsed().as_secs_f64();
                            metrics.observe_request(&route, &method, status, seconds);
                            Ok(response)
                        }
                    }
                })
                .app_data(state.clone())
                .app_data(keys.clone())
                .app_data(table.clone())
                .app_data(web::QueryConfig::default().error_handler(query_error))
                .into_utoipa_app()
                .openapi(ApiDoc::openapi())
                .configure(routes::configure)
                .into_app()
                .configure(|config| routes::configure_plain(config, document.clone()))
                .default_service(web::to(fallback))
        };
        let client_timeout = Duration::from_secs(settings.client_timeout);
        let body_limit = settings.body_limit;
        let local_addr = listener.local_addr()?;
        let builder = Server::build();
        let shutdown = builder.graceful_shutdown_signal();
        let mut builder = builder.listen("nianbao", listener, move || {
            let shutdown = shutdown.clone();
            let service = HttpService::build()
                .graceful_shutdown_signal(move || {
                    let shutdown = shutdown.clone();
                    async move { shutdown.notified().await }
                })
                .client_request_timeout(client_timeout)
                .client_disconnect_timeout(Duration::from_secs(1))
                .local_addr(local_addr)
                .expect(fn_service(move |request| {
                    std::future::ready(expect::invite(request, body_limit))
                }))
                .finish(map_config(
                    app()
                        .into_factory()
                        .map_err(|e: actix_web::Error| e.error_response()),
                    |_| AppConfig::default(),
                ));
            fn_service(|stream: TcpStream| async move {
                let peer = stream.peer_addr().ok();
                Ok((ProblemConnection::new(stream), Protocol::Http1, peer))
            })
            .and_then(service)
        })?;
        if let Some(workers) = settings.workers {
            builder = builder.workers(workers);
        }
        // actix-server stops at once on SIGINT, dropping checks in flight: `stop_on_signals`
        // treats it as SIGTERM.
        builder = builder.disable_signals();
        Ok(Self {
            port,
            server: builder.run(),
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }

    /// On SIGTERM or SIGINT (Ctrl-C) alike, stops taking connections and lets the checks in
    /// flight finish; a second signal stops at once, ending the converters still running.
    pub fn stop_on_signals(&self) -> std::io::Result<()> {
        let mut signals = StopSignals::new()?;
        let server = self.server.handle();
        actix_web::rt::spawn(async move {
            signals.next().await;
            tracing::info!(
                "stopping: checks in flight finish first (a second Ctrl-C stops at once)"
            );
            actix_web::rt::spawn(server.stop(true));
            signals.next().await;
            tracing::warn!("stopping at once");
            crate::extract::stop_converters();
            std::process::exit(STOPPED_AT_ONCE);
        });
        Ok(())
    }
}

/// The exit status of a process stopped at once by a signal (128 + SIGINT, as a shell reports).
pub const STOPPED_AT_ONCE: i32 = 130;

/// SIGINT and SIGTERM, listened for from the moment this is made (the default, dying at once,
/// no longer applies).
pub struct StopSignals {
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
}

impl StopSignals {
    /// Needs a Tokio runtime with I/O.
    pub fn new() -> std::io::Result<Self> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(Self {
                interrupt: signal(SignalKind::interrupt())?,
                terminate: signal(SignalKind::terminate())?,
            })
        }
        #[cfg(not(unix))]
        Ok(Self {})
    }

    /// The next of either signal.
    pub async fn next(&mut self) {
        #[cfg(unix)]
        tokio::select! {
            _ = self.interrupt.recv() => {}
            _ = self.terminate.recv() => {}
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// actix-cors answers a refused origin, method or header in plain text: the same as a problem.
fn cors_refusal_as_problem<B: MessageBody + 'static>(
    response: ServiceResponse<B>,
) -> ServiceResponse<BoxBody> {
    let refused = response
        .response()
        .error()
        .and_then(|error| error.as_error::<actix_cors::CorsError>())
        .map(ToString::to_string);
    match refused {
        Some(reason) => {
            let request = response.request().clone();
            let problem =
                Problem::cors_refused(&reason, request_lang(&request)).for_request(&request);
            ServiceResponse::new(request, problem.error_response())
        }
        None => response.map_into_boxed_body(),
    }
}

fn query_error(error: QueryPayloadError, request: &HttpRequest) -> actix_web::Error {
    Problem::bad_query(&error.to_string(), request_lang(request))
        .for_request(request)
        .into()
}

/// Browser front ends of OA systems on the listed origins may call the API.
fn cors(origins: &[String]) -> Cors {
    origins
        .iter()
        .fold(Cors::default(), |cors, origin| cors.allowed_origin(origin))
        .allowed_methods(["GET", "HEAD", "POST"])
        .allowed_headers([
            header::CONTENT_TYPE,
            header::AUTHORIZATION,
            header::ACCEPT_LANGUAGE,
            header::IF_NONE_MATCH,
            request_id::HEADER,
            // W3C trace context and B3, which browser tracing libraries add to every call.
            header::HeaderName::from_static("traceparent"),
            header::HeaderName::from_static("tracestate"),
            header::HeaderName::from_static("b3"),
        ])
        .expose_headers([request_id::HEADER, header::RETRY_AFTER, header::ETAG])
        .max_age(3600)
}
