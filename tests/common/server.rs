//! The real binary serving on a free port, for the tests of the service as a process.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread::sleep;
use std::time::{Duration, Instant};

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Waits until `/readyz` answers 200, as an orchestrator would before sending traffic.
pub fn wait_until_ready(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let answer = TcpStream::connect(("127.0.0.1", port)).and_then(|mut stream| {
            stream.write_all(
                b"GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
            )?;
            let mut answer = String::new();
            stream.read_to_string(&mut answer)?;
            Ok(answer)
        });
        match answer {
            Ok(answer) if answer.starts_with("HTTP/1.1 200") => return,
            _ if Instant::now() < deadline => sleep(Duration::from_millis(50)),
            other => panic!("the service did not become ready: {other:?}"),
        }
    }
}
