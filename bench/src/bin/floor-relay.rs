//! floor-relay: the least a y-websocket relay can do, run beside the real relays to show
//! what the kernel and the WebSocket framing alone cost per delivery at the bench's load.
//!
//! It is not a relay: no document, no storage, no access check, no limits. It answers a
//! client's sync step 1 with an empty step 2 (so bench clients count as synced) and copies
//! every sync update frame, as received, to the other connections on the same path. One
//! thread, TCP_NODELAY, one write per frame: what any relay must at least do for this
//! workload, so its CPU per delivery is a floor under ours.
//!
//! Usage: `floor-relay 127.0.0.1:PORT`; prints `floor relay listening on ADDR` when ready.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use futures::{SinkExt, StreamExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::handshake::server::{Request, Response};
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;

/// y-protocols message type `messageSync`, and its sub-types step 1 and update.
const SYNC: u8 = 0;
const STEP1: u8 = 0;
const UPDATE: u8 = 2;
/// `messageSync`, step 2, and an empty update (lib0 v1: no clients, empty delete set).
const EMPTY_STEP2: [u8; 5] = [SYNC, 1, 2, 0, 0];

/// Connections per path: id and outbound queue.
type Rooms = Rc<RefCell<HashMap<String, Vec<(u64, mpsc::UnboundedSender<Message>)>>>>;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let addr = std::env::args().nth(1).ok_or("usage: floor-relay ADDR")?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let local = tokio::task::LocalSet::new();
    local.block_on(&runtime, async move {
        let listener = TcpListener::bind(&addr).await?;
        println!("floor relay listening on {}", listener.local_addr()?);
        let rooms: Rooms = Rc::default();
        let mut next_id = 0;
        loop {
            let (tcp, _) = listener.accept().await?;
            next_id += 1;
            tokio::task::spawn_local(serve(tcp, next_id, rooms.clone()));
        }
    })
}

/// Serves one connection until it closes, then forgets it.
// The handshake callback's error type is tungstenite's (an HTTP response), not ours.
#[allow(clippy::result_large_err)]
async fn serve(tcp: TcpStream, id: u64, rooms: Rooms) {
    let _ = tcp.set_nodelay(true);
    let mut path = String::new();
    let config = WebSocketConfig::default().read_buffer_size(4096);
    let callback = |request: &Request, response: Response| {
        path = request.uri().path().to_owned();
        Ok(response)
    };
    let Ok(ws) = tokio_tungstenite::accept_hdr_async_with_config(tcp, callback, Some(config)).await else { return };
    let (mut sink, mut stream) = ws.split();
    let (tx, mut rx) = mpsc::unbounded_channel::<Message>();
    rooms.borrow_mut().entry(path.clone()).or_default().push((id, tx.clone()));
    let writer = async {
        while let Some(message) = rx.recv().await {
            if sink.send(message).await.is_err() {
                break;
            }
        }
    };
    let reader = async {
        while let Some(Ok(Message::Binary(bytes))) = stream.next().await {
            match (bytes.first(), bytes.get(1)) {
                (Some(&SYNC), Some(&STEP1)) => drop(tx.send(Message::Binary(EMPTY_STEP2.to_vec().into()))),
                (Some(&SYNC), Some(&UPDATE)) => {
                    for (other, queue) in rooms.borrow().get(&path).into_iter().flatten() {
                        if *other != id {
                            let _ = queue.send(Message::Binary(bytes.clone()));
                        }
                    }
                }
                _ => {}
            }
        }
    };
    tokio::select! { _ = writer => {}, _ = reader => {} }
    if let Some(peers) = rooms.borrow_mut().get_mut(&path) {
        peers.retain(|(other, _)| *other != id);
    }
}
