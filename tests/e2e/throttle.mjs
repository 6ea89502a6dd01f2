// A throttling TCP proxy on loopback (the kernel here has no netem): a bandwidth limit per
// direction, shared fairly by the connections, and a one-way delay, like a rural link, optionally with stalls
// (a piece held back as by a lost segment's retransmission). Modes: 'open' (no limits),
// 'down' (every connection dropped, new ones refused), 'throttled', 'hang' (connections stay
// open but nothing gets through, as on a link that stalls without dropping).
import net from 'node:net';

/**
 * Starts a proxy to `target` (host:port). `kbps` is the bandwidth per direction in
 * kbit/s, `rttMs` the round-trip time added. `stall` (probability 0–1, default 0) holds
 * each 1 KB piece an extra `stallMs` (default 600 ms) with that probability; later pieces
 * of the same connection and direction wait behind it (TCP delivers in order), other
 * connections do not. Resolves to { port, setMode, setKbps, requests, bytes, refused, close }:
 * - `requests` lists every connection as { at, line, up, down }: its first request line,
 *   when that arrived (ms since the epoch), and the bytes it carried so far each way;
 * - `bytes` counts what was delivered in each direction in every mode, as { up, down }
 *   (bytes of TCP payload; `up` is browser → target);
 * - `refused()` counts the connections refused while the link was 'down'.
 * Bytes are counted when delivered: what was still queued when the link dropped never
 * arrived.
 */
export async function throttleProxy({ target, kbps = 50, rttMs = 600, stall = 0, stallMs = 600 }) {
  const [host, targetPort] = target.split(':');
  let bytesPerMs = (kbps * 1000) / 8 / 1000;
  let mode = 'open';
  const sockets = new Set();
  const requests = [];
  const bytes = { up: 0, down: 0 };
  let refused = 0;
  // The bottleneck of each direction. Connections share it fairly, a piece each in turn,
  // as TCP flows roughly do: a large download does not hold back a small answer behind all
  // of its bytes (a single queue did: the answer to /session came after the whole Wasm).
  const links = { up: { flows: [], busyUntil: 0, timer: null }, down: { flows: [], busyUntil: 0, timer: null } };
  // Pieces go onto the link up to this many ms ahead, so a fast link needs few timers.
  const AHEAD_MS = 5;

  function pump(link) {
    link.timer = null;
    // A connection closed at the far end takes no more turns.
    link.flows = link.flows.filter((f) => !f.dead());
    for (;;) {
      const now = Date.now();
      if (link.busyUntil > now + AHEAD_MS) break;
      const i = link.flows.findIndex((f) => f.waiting[0].ready <= now);
      if (i < 0) break;
      const [flow] = link.flows.splice(i, 1);
      const { piece } = flow.waiting.shift();
      const sendAt = Math.max(now, link.busyUntil);
      link.busyUntil = sendAt + piece.length / bytesPerMs;
      flow.sent(piece, sendAt);
      if (flow.waiting.length) link.flows.push(flow);
    }
    if (link.flows.length) {
      const ready = Math.min(...link.flows.map((f) => f.waiting[0].ready));
      const next = Math.max(ready, link.busyUntil - AHEAD_MS);
      link.timer = setTimeout(() => pump(link), Math.max(0, next - Date.now()));
    }
  }

  // Sends `data` from `from` to `to` after the delay and within the shared bandwidth, in
  // order: a piece waits the one-way delay, then its turn on the link, then any stall.
  function pipe(from, to, direction, record) {
    const link = links[direction];
    const queue = [];
    let timer = null;
    let lastAt = 0;
    let closing = false;
    const flow = { waiting: [], dead: () => to.destroyed };
    const deliver = (piece) => {
      // A hung link loses what was on its way too (queued pieces included).
      if (to.destroyed || mode === 'hang') return;
      bytes[direction] += piece.length;
      record[direction] += piece.length;
      to.write(piece);
    };
    const finish = () => { if (closing && !flow.waiting.length && !queue.length) setTimeout(() => to.destroy(), 0); };
    const drain = () => {
      timer = null;
      while (queue.length && queue[0].at <= Date.now()) deliver(queue.shift().piece);
      if (queue.length) timer = setTimeout(drain, queue[0].at - Date.now());
      else finish();
    };
    flow.sent = (piece, sendAt) => {
      const held = stall > 0 && Math.random() < stall ? stallMs : 0;
      lastAt = Math.max(sendAt + held, lastAt);
      queue.push({ at: lastAt, piece });
      if (timer === null) timer = setTimeout(drain, Math.max(0, queue[0].at - Date.now()));
    };
    from.on('data', (data) => {
      if (mode !== 'throttled') { deliver(data); return; }
      const ready = Date.now() + rttMs / 2;
      for (let i = 0; i < data.length; i += 1024) flow.waiting.push({ ready, piece: data.subarray(i, i + 1024) });
      if (!link.flows.includes(flow)) link.flows.push(flow);
      if (link.timer === null) pump(link);
    });
    from.on('close', () => {
      // Close once what is queued has gone out.
      closing = true;
      if (mode !== 'throttled') { to.destroy(); return; }
      if (!flow.waiting.length && !queue.length) setTimeout(() => to.destroy(), rttMs / 2);
    });
    from.on('error', () => to.destroy());
  }

  const server = net.createServer((client) => {
    if (mode === 'down') { refused += 1; client.destroy(); return; }
    const upstream = net.connect(Number(targetPort), host);
    sockets.add(client); sockets.add(upstream);
    const record = { at: 0, line: '', up: 0, down: 0 };
    client.once('data', (first) => {
      Object.assign(record, { at: Date.now(), line: first.toString('latin1').split('\r\n')[0] });
      requests.push(record);
    });
    pipe(client, upstream, 'up', record);
    pipe(upstream, client, 'down', record);
    const forget = () => { sockets.delete(client); sockets.delete(upstream); };
    client.on('close', forget);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    requests,
    bytes,
    refused: () => refused,
    setMode(next) {
      mode = next;
      if (next === 'down') {
        for (const s of sockets) s.destroy();
        // What was queued is lost with the link; the next bytes go out at once.
        for (const link of Object.values(links)) {
          clearTimeout(link.timer);
          Object.assign(link, { flows: [], busyUntil: 0, timer: null });
        }
      }
    },
    /** Changes the bandwidth of both directions to `next` kbit/s, from the next piece on. */
    setKbps(next) { bytesPerMs = (next * 1000) / 8 / 1000; },
    close: () => new Promise((resolve) => {
      for (const link of Object.values(links)) clearTimeout(link.timer);
      for (const s of sockets) s.destroy();
      server.close(resolve);
    }),
  };
}
