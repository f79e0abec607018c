# Sourced by the scripts that use the release binary from outside (soak, Schemathesis, generated
# clients, outputs): builds it, starts it on a free port with the caller's environment, waits
# until it is ready, stops it when the script exits. Sets $server_pid, $port and $base.
cargo build --release --locked --quiet
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
NIANBAO_LOG=${NIANBAO_LOG:-error} target/release/nianbao serve --addr "127.0.0.1:$port" &
server_pid=$!
trap 'kill $server_pid 2>/dev/null || true' EXIT
until curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do sleep 0.1; done
base=http://127.0.0.1:$port
