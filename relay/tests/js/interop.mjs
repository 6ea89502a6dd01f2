// The reference JavaScript Yjs client (yjs + y-websocket) against the relay.
// Usage: node interop.mjs SERVER_URL ROOM TOKEN
// Waits until the Rust side's text and map edits arrive, then adds its own text and map
// edits, waits until the relay has them (a fresh provider sees them), prints a JSON line
// with what it saw, and exits 0. Exits 1 on timeout.
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';

const [serverUrl, room, token] = process.argv.slice(2);
const timeout = setTimeout(() => { console.error('timeout'); process.exit(1); }, 15000);

function connect(doc) {
  return new WebsocketProvider(serverUrl, room, doc, { WebSocketPolyfill: WebSocket, params: { token }, disableBc: true });
}

function until(doc, test) {
  return new Promise((resolve) => {
    if (test()) return resolve();
    const check = () => { if (test()) { doc.off('update', check); resolve(); } };
    doc.on('update', check);
  });
}

const doc = new Y.Doc();
const provider = connect(doc);
const text = doc.getText('t');
const map = doc.getMap('m');
await until(doc, () => text.toString().includes('from-rust') && map.get('rust') === '1');
const sawFromRust = text.toString();

doc.transact(() => {
  text.insert(text.length, '+from-js');
  map.set('js', '2');
});

// A second, fresh client proves the relay holds the JS edits.
const check = new Y.Doc();
const checker = connect(check);
await until(check, () => check.getText('t').toString().includes('+from-js') && check.getMap('m').get('js') === '2');

console.log(JSON.stringify({ sawFromRust, final: check.getText('t').toString(), map: check.getMap('m').toJSON() }));
provider.destroy();
checker.destroy();
clearTimeout(timeout);
process.exit(0);
