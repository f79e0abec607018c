# Multi-stage build: compile with the Rust toolchain, run from a slim Debian image as a
# non-root user, with LibreOffice for .doc, .wps and .rtf. The default rule set and the Swagger UI are embedded in the binary, so the
# image needs no network at run time.
FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY src ./src
COPY schemas ./schemas
COPY tests/fixtures ./tests/fixtures
COPY benches ./benches
ENV HOME=/tmp
RUN cargo build --release --locked --bin nianbao

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates libreoffice-writer-nogui \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --no-create-home nianbao
COPY --from=build /src/target/release/nianbao /usr/local/bin/nianbao
USER 10001
ENV NIANBAO_ADDR=0.0.0.0:8080 \
    NIANBAO_LOG_FORMAT=json
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["/usr/local/bin/nianbao"]
CMD ["serve"]
