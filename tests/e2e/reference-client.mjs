// Writing documents through the relay with the reference Yjs client (yjs, y-websocket), as
// another device would: used by end-to-end tests and the app benchmarks to change a
// document while the app under test is open or before it starts.
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';

/** The token in a login link (`…#token=…`). */
export const tokenOf = (link) => decodeURIComponent(link.split('#token=')[1]);

/** The claims of a token (its payload, not checked). */
export const claimsOf = (token) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());

/**
 * Opens document `room` of the relay on `port` with `token`, runs `edit(doc)` once synced,
 * and waits until the relay has every change (a second client's state covers them).
 * Returns `{ result, bytes, doc }`: what `edit` returned, the document's size as one Yjs
 * update in bytes, and the document.
 */
export async function write(port, room, token, edit) {
  const url = `ws://127.0.0.1:${port}/sync`;
  const open = (doc) => new WebsocketProvider(url, room, doc, { WebSocketPolyfill: WebSocket, params: { token }, disableBc: true });
  const doc = new Y.Doc();
  const provider = open(doc);
  const check = new Y.Doc();
  let checker;
  try {
    await new Promise((resolve) => provider.on('sync', (synced) => synced && resolve()));
    const result = edit(doc);
    checker = open(check);
    const want = Y.decodeStateVector(Y.encodeStateVector(doc));
    await new Promise((resolve) => {
      const done = () => {
        const have = Y.decodeStateVector(Y.encodeStateVector(check));
        if ([...want].every(([client, clock]) => (have.get(client) ?? 0) >= clock)) resolve();
      };
      check.on('update', done);
      done();
    });
    return { result, bytes: Y.encodeStateAsUpdate(doc).length, doc };
  } finally {
    provider.destroy();
    checker?.destroy();
    // And with them the awareness timers, which would keep the process alive.
    check.destroy();
  }
}

/** Puts a record (plain object with `id`) into `collection` as the app stores it. */
export function put(doc, collection, record) {
  const map = new Y.Map();
  for (const [k, v] of Object.entries(record)) if (k !== 'id') map.set(k, v);
  doc.getMap(collection).set(record.id, map);
}
