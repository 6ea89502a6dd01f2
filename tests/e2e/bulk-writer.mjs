// Writes `count` bulletins of about `kb` KiB each into a region's bulletins document
// through the relay, with the reference Yjs client, as another station's device would
// while this one is offline. Usage: node bulk-writer.mjs WS_URL DOC TOKEN COUNT KB STATION AUTHOR [CATEGORY] [TEXT]
// TEXT: `random` (default; compresses worst) or `prose` (bulletin-like, prose.mjs).
// Prints { bytes, difference, differenceGzip, bulletins }: the document's size as one Yjs
// update, the size of what this run added (the update a device that had everything before
// needs) raw and gzipped, in bytes, and how many bulletins the document holds.
import { gzipSync } from 'node:zlib';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { proseText, randomText } from './prose.mjs';

const [serverUrl, room, token, count, kb, station, author, category = 'case_clue', kind = 'random'] = process.argv.slice(2);
const text = kind === 'prose' ? proseText : randomText;
const doc = new Y.Doc();
const provider = new WebsocketProvider(serverUrl, room, doc, { WebSocketPolyfill: WebSocket, params: { token }, disableBc: true });
await new Promise((resolve) => provider.on('sync', (synced) => synced && resolve()));
const before = Y.encodeStateVector(doc);
const bulletins = doc.getMap('bulletins');
for (let i = 0; i < Number(count); i++) {
  const id = crypto.randomUUID();
  const body = text(Number(kb) * 1024);
  doc.transact(() => {
    const record = new Y.Map();
    bulletins.set(id, record);
    record.set('station', station);
    record.set('author', author);
    record.set('category', category);
    record.set('urgency', 'routine');
    record.set('scope', 'region');
    record.set('title', `大批量通报 ${i + 1}/${count}`);
    record.set('body', body);
    record.set('posted_at', new Date(Date.now() - (Number(count) - i) * 1000).toISOString());
    record.set('version', 1);
  });
}
// Wait until the relay has everything: a second client sees the last one.
const check = new Y.Doc();
const checker = new WebsocketProvider(serverUrl, room, check, { WebSocketPolyfill: WebSocket, params: { token }, disableBc: true });
await new Promise((resolve) => {
  const done = () => check.getMap('bulletins').size >= bulletins.size && resolve();
  check.on('update', done); done();
});
const difference = Y.encodeStateAsUpdate(doc, before);
console.log(JSON.stringify({
  bytes: Y.encodeStateAsUpdate(doc).length, difference: difference.length, differenceGzip: gzipSync(difference).length, bulletins: bulletins.size,
}));
provider.destroy(); checker.destroy();
process.exit(0);
