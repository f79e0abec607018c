//! A client's connection as actix-http sees it. actix-http answers three refusals itself, before
//! any handler runs, with an empty body: a request head it cannot parse (400), one too large
//! (431) and one not sent within the client time-out (408). Written through this wrapper, those
//! answers go out as problem+json like every other refusal; all other bytes pass untouched.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use actix_web::http::StatusCode;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

use crate::lang::Lang;
use crate::report::problem::ProblemBody;
use crate::report::problem_types;
use crate::server::problem::PROBLEM_JSON;

pub struct ProblemConnection<S> {
    inner: S,
    /// A problem answer not yet written whole, and how much of it has been.
    pending: Option<(Vec<u8>, usize)>,
}

impl<S> ProblemConnection<S> {
    pub fn new(inner: S) -> Self {
        Self {
            inner,
            pending: None,
        }
    }
}

impl<S: AsyncWrite + Unpin> ProblemConnection<S> {
    fn drain(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while let Some((bytes, written)) = &mut self.pending {
            if *written == bytes.len() {
                self.pending = None;
                break;
            }
            let n = ready!(Pin::new(&mut self.inner).poll_write(cx, &bytes[*written..]))?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            *written += n;
        }
        Poll::Ready(Ok(()))
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for ProblemConnection<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for ProblemConnection<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        ready!(self.drain(cx))?;
        if let Some(answer) = problem_for_bare_refusal(buf) {
            // The bare answer counts as written; the problem goes out in its place, now or on
            // the flush that follows it.
            self.pending = Some((answer, 0));
            if let Poll::Ready(Err(e)) = self.drain(cx) {
                return Poll::Ready(Err(e));
            }
            return Poll::Ready(Ok(buf.len()));
        }
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        ready!(self.drain(cx))?;
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        ready!(self.drain(cx))?;
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// The problem answer for one of actix-http's own refusals: a response head alone, of status
/// 400, 408 or 431, with no body and no content type (every answer of ours has one).
fn problem_for_bare_refusal(written: &[u8]) -> Option<Vec<u8>> {
    if !written.ends_with(b"\r\n\r\n") || written.len() > 512 {
        return None;
    }
    let head = std::str::from_utf8(written).ok()?.to_ascii_lowercase();
    let status = head
        .strip_prefix("http/1.1 ")
        .or_else(|| head.strip_prefix("http/1.0 "))?
        .get(..3)?;
    if head.contains("\r\ncontent-type:") || !head.contains("\r\ncontent-length: 0\r\n") {
        return None;
    }
    let (status, kind) = match status {
        "400" => (400, "malformed-request"),
        "408" => (408, "request-timeout"),
        "431" => (431, "headers-too-large"),
        _ => return None,
    };
    // Before a request is understood its language is not known: the service's default,
    // Chinese, in the words of the problem type's own page.
    let detail = problem_types::describe(kind).map_or("", |page| page.zh);
    let body = ProblemBody::new(status, kind, Lang::Zh, detail.to_owned());
    let reason = StatusCode::from_u16(status)
        .ok()
        .and_then(|code| code.canonical_reason())
        .unwrap_or("");
    let json = serde_json::to_vec(&body).expect("a problem serialises");
    let mut answer = format!(
        "HTTP/1.1 {status} {reason}\r\ncontent-type: {PROBLEM_JSON}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        json.len()
    )
    .into_bytes();
    answer.extend_from_slice(&json);
    Some(answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bare_refusals_become_problems_and_nothing_else_changes() {
        let bare = b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\nconnection: close\r\ndate: Tue, 01 Dec 2026 12:00:00 GMT\r\n\r\n";
        let answer = String::from_utf8(problem_for_bare_refusal(bare).unwrap()).unwrap();
        assert!(answer.starts_with("HTTP/1.1 431 "));
        assert!(answer.contains("content-type: application/problem+json"));
        assert!(answer.contains("\"type\":\"/problems/headers-too-large\""));
        let ours = b"HTTP/1.1 408 Request Timeout\r\ncontent-length: 0\r\ncontent-type: application/problem+json\r\n\r\n";
        assert!(problem_for_bare_refusal(ours).is_none());
        let fine = b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n";
        assert!(problem_for_bare_refusal(fine).is_none());
        let continuing = b"HTTP/1.1 100 Continue\r\n\r\n";
        assert!(problem_for_bare_refusal(continuing).is_none());
    }
}
