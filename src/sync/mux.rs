//! One WebSocket for all the officer's documents: `wss://{host}/sync/mux`, each document on
//! a channel (the relay's `mux` module describes the wire format).
//!
//! Why: a browser lets one WebSocket to a host be connecting at a time, so ten documents on
//! ten sockets opened one after another (about 9 s at 50 kbit/s and 600 ms; the token went
//! up ten times). Here the first document to connect opens the socket and the others
//! join it; their sync step 1 leaves in the same round trip.
//!
//! A [`Channel`] behaves like the per-document socket it replaces: [`Channel::opened`]
//! waits for the socket to open (false when it fails or hangs for
//! [`super::socket::OPEN_TIMEOUT_MS`]), [`Channel::send`] and [`Channel::next`] carry one
//! y-protocol frame each, and `next` ends (`None`) when the relay ends the channel or the
//! socket closes. When the socket closes every document's channel ends at once and each
//! reconnects by its own backoff; the first to come back opens a new socket. The socket
//! closes when its last channel is dropped (sign-out).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use futures::channel::{mpsc, oneshot};
use futures::{FutureExt, SinkExt, StreamExt};
use gloo::net::websocket::Message as WsMessage;
use gloo::net::websocket::futures::WebSocket;
use gloo::timers::future::TimeoutFuture;
use yrs::encoding::read::{Cursor, Read as _};
use yrs::encoding::write::Write as _;

use crate::session::Session;

/// Opens a channel (device → relay): lib0 varuint 110, varstring document id.
const MSG_OPEN: u8 = 110;
/// Ends a channel (both ways): lib0 varuint 111, varuint close code, varstring reason.
const MSG_CLOSED: u8 = 111;

/// Where the socket is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Opening,
    Open,
    Ended,
}

/// The shared socket.
struct Socket {
    token: String,
    state: Cell<State>,
    /// Frames (channel number included) for the writer.
    out: mpsc::UnboundedSender<Vec<u8>>,
    /// Where each open channel's frames go.
    channels: RefCell<HashMap<u64, mpsc::UnboundedSender<Vec<u8>>>>,
    /// Channels waiting for the socket to open.
    waiting: RefCell<Vec<oneshot::Sender<bool>>>,
    /// While opening: tells the task to give up this attempt and open afresh.
    restart: RefCell<Option<oneshot::Sender<()>>>,
}

thread_local! {
    static CURRENT: RefCell<Option<Rc<Socket>>> = const { RefCell::new(None) };
    static NEXT_CHANNEL: Cell<u64> = const { Cell::new(1) };
}

/// One document's part of the socket.
pub struct Channel {
    number: u64,
    socket: Rc<Socket>,
    incoming: mpsc::UnboundedReceiver<Vec<u8>>,
}

/// `inner` framed for channel `number`.
fn framed(number: u64, inner: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(inner.len() + 4);
    out.write_var(number);
    out.extend_from_slice(inner);
    out
}

/// Opens a channel to document `doc_id` with the session's token, on the socket already
/// open (or opening) or on a new one. `None` when the browser cannot create a socket.
pub fn open(doc_id: &str, session: &Session) -> Option<Channel> {
    let socket = CURRENT.with(|current| {
        let reusable =
            current.borrow().as_ref().filter(|s| s.state.get() != State::Ended && s.token == session.token).cloned();
        match reusable {
            Some(socket) => Some(socket),
            None => {
                let socket = connect(session)?;
                *current.borrow_mut() = Some(socket.clone());
                Some(socket)
            }
        }
    })?;
    let number = NEXT_CHANNEL.with(|n| n.replace(n.get() + 1));
    let (to_channel, incoming) = mpsc::unbounded();
    socket.channels.borrow_mut().insert(number, to_channel);
    let mut open = Vec::new();
    open.write_var(MSG_OPEN);
    open.write_string(doc_id);
    let _ = socket.out.unbounded_send(framed(number, &open));
    Some(Channel { number, socket, incoming })
}

/// The socket's address and subprotocols: the token travels as a subprotocol, not in the
/// address, so the browser's console (which prints the address of every failed socket)
/// never shows it.
fn address(session: &Session) -> Option<(String, [String; 2])> {
    let base = super::socket::ws_base()?;
    let url = format!("{base}/sync/mux?features=progress,ack,deflate");
    Some((url, ["liandong".to_owned(), format!("liandong.token.{}", session.token)]))
}

/// Creates the socket and starts its task.
fn connect(session: &Session) -> Option<Rc<Socket>> {
    let (url, protocols) = address(session)?;
    let ws = WebSocket::open_with_protocols(&url, &protocols).ok()?;
    let (out, out_rx) = mpsc::unbounded();
    let socket = Rc::new(Socket {
        token: session.token.clone(),
        state: Cell::new(State::Opening),
        out,
        channels: RefCell::new(HashMap::new()),
        waiting: RefCell::new(Vec::new()),
        restart: RefCell::new(None),
    });
    leptos::task::spawn_local(drive(socket.clone(), ws, (url, protocols), out_rx));
    Some(socket)
}

/// The link may have come back (the browser's `online` event, the page shown again): a
/// socket still opening is given up and opened afresh. One opened while the browser was
/// offline can hang until its timeout (30 s) instead of failing, and every document waits
/// on it.
pub fn link_may_be_back() {
    CURRENT.with(|current| {
        if let Some(socket) = current.borrow().as_ref()
            && socket.state.get() == State::Opening
            && let Some(restart) = socket.restart.borrow_mut().take()
        {
            let _ = restart.send(());
        }
    });
}

/// Marks the socket open or ended and tells the channels waiting for it.
fn settle(socket: &Socket, state: State) {
    socket.state.set(state);
    for waiter in socket.waiting.borrow_mut().drain(..) {
        let _ = waiter.send(state == State::Open);
    }
}

/// Writes the channels' frames and hands what arrives to its channel, until the socket
/// closes; then ends every channel.
async fn drive(
    socket: Rc<Socket>,
    ws: WebSocket,
    (url, protocols): (String, [String; 2]),
    mut out_rx: mpsc::UnboundedReceiver<Vec<u8>>,
) {
    // The first frame (a channel's open) waits for the socket to open; a socket that fails
    // or closes first ends it (the stream reports that), and so does one that hangs.
    let mut ws = Some(ws);
    let first = out_rx.next().await;
    let opened = loop {
        let (Some(socket_now), Some(first)) = (ws.take(), first.as_ref()) else { break None };
        let (restart_tx, restart_rx) = oneshot::channel();
        *socket.restart.borrow_mut() = Some(restart_tx);
        let (mut sink, mut stream) = socket_now.split();
        // `Some(opened)`, or `None` to open afresh.
        let outcome = {
            let send = sink.send(WsMessage::Bytes(first.clone())).fuse();
            let failed = stream.next().fuse();
            let hung = TimeoutFuture::new(super::socket::OPEN_TIMEOUT_MS).fuse();
            let restart = restart_rx.fuse();
            futures::pin_mut!(send, failed, hung, restart);
            futures::select_biased! {
                sent = send => Some(sent.is_ok()),
                _ = failed => Some(false),
                _ = hung => Some(false),
                asked = restart => asked.is_err().then_some(false),
            }
        };
        match outcome {
            Some(true) => break Some((sink, stream)),
            Some(false) => break None,
            None => ws = WebSocket::open_with_protocols(&url, &protocols).ok(),
        }
    };
    socket.restart.borrow_mut().take();
    if let Some((mut sink, mut stream)) = opened {
        settle(&socket, State::Open);
        loop {
            futures::select_biased! {
                incoming = stream.next().fuse() => match incoming {
                    Some(Ok(WsMessage::Bytes(bytes))) => dispatch(&socket, &bytes),
                    Some(Ok(WsMessage::Text(_))) => {}
                    Some(Err(_)) | None => break,
                },
                frame = out_rx.next() => match frame {
                    Some(frame) => if sink.send(WsMessage::Bytes(frame)).await.is_err() { break },
                    None => break,
                },
            }
        }
        let _ = sink.close().await;
    }
    settle(&socket, State::Ended);
    // Dropping the senders ends every channel's `next`.
    socket.channels.borrow_mut().clear();
    CURRENT.with(|current| {
        let mut current = current.borrow_mut();
        if current.as_ref().is_some_and(|c| Rc::ptr_eq(c, &socket)) {
            *current = None;
        }
    });
}

/// Hands one frame from the relay to its channel.
fn dispatch(socket: &Socket, bytes: &[u8]) {
    let mut cursor = Cursor::new(bytes);
    let Ok(number) = cursor.read_var::<u64>() else { return };
    let inner = &bytes[cursor.next..];
    if inner.first() == Some(&MSG_CLOSED) {
        let mut reason = Cursor::new(&inner[1..]);
        let code: u16 = reason.read_var().unwrap_or(0);
        let text = reason.read_string().unwrap_or_default();
        leptos::logging::warn!("the relay ended channel {number}: {code} {text}");
        socket.channels.borrow_mut().remove(&number);
        return;
    }
    if let Some(channel) = socket.channels.borrow().get(&number) {
        let _ = channel.unbounded_send(inner.to_vec());
    }
}

impl Channel {
    /// Waits until the socket is open: `false` when it failed or hung.
    pub async fn opened(&self) -> bool {
        match self.socket.state.get() {
            State::Open => true,
            State::Ended => false,
            State::Opening => {
                let (tx, rx) = oneshot::channel();
                self.socket.waiting.borrow_mut().push(tx);
                rx.await.unwrap_or(false)
            }
        }
    }

    /// Sends one frame; `false` when the socket has closed.
    pub fn send(&self, frame: Vec<u8>) -> bool {
        self.socket.state.get() != State::Ended && self.socket.out.unbounded_send(framed(self.number, &frame)).is_ok()
    }

    /// The next frame for this channel; `None` once the channel or the socket has ended.
    pub async fn next(&mut self) -> Option<Vec<u8>> {
        self.incoming.next().await
    }
}

impl Drop for Channel {
    fn drop(&mut self) {
        let removed = self.socket.channels.borrow_mut().remove(&self.number).is_some();
        if removed && self.socket.state.get() != State::Ended {
            let mut closed = Vec::new();
            closed.write_var(MSG_CLOSED);
            closed.write_var(1000u16);
            closed.write_string("");
            let _ = self.socket.out.unbounded_send(framed(self.number, &closed));
        }
        // The last channel gone (sign-out): close the socket.
        if self.socket.channels.borrow().is_empty() {
            self.socket.out.close_channel();
            CURRENT.with(|current| {
                let mut current = current.borrow_mut();
                if current.as_ref().is_some_and(|c| Rc::ptr_eq(c, &self.socket)) {
                    *current = None;
                }
            });
        }
    }
}
