// A throttling TCP proxy on loopback (the kernel here has no netem): a shared bandwidth
// limit per direction and a one-way delay, like a rural link. Modes: 'open' (no limits),
// 'down' (every connection dropped, new ones refused), 'throttled'.
import net from 'node:net';

/**
 * Starts a proxy to `target` (host:port). `kbps` is the bandwidth per direction in
 * kbit/s, `rttMs` the round-trip time added. Resolves to { port, setMode, requests,
 * refused, close } where `requests` lists every connection as { at, line, up, down }: its
 * first request line, when that arrived (ms since the epoch), and the bytes it carried so
 * far each way; `refused()` counts the connections refused while the link was 'down'.
 */
export async function throttleProxy({ target, kbps = 50, rttMs = 600 }) {
  const [host, targetPort] = target.split(':');
  const bytesPerMs = (kbps * 1000) / 8 / 1000;
  let mode = 'open';
  const sockets = new Set();
  const requests = [];
  let refused = 0;
  const nextFree = { up: 0, down: 0 };

  // Sends `data` from `from` to `to` after the delay and within the shared bandwidth.
  function pipe(from, to, direction, record) {
    from.on('data', (data) => {
      if (mode !== 'throttled') { record[direction] += data.length; to.write(data); return; }
      for (let i = 0; i < data.length; i += 1024) {
        const piece = data.subarray(i, i + 1024);
        const now = Date.now();
        const sendAt = Math.max(now + rttMs / 2, nextFree[direction]);
        nextFree[direction] = sendAt + piece.length / bytesPerMs;
        // Counted when delivered: bytes still queued when the link drops never arrived.
        setTimeout(() => { if (!to.destroyed) { record[direction] += piece.length; to.write(piece); } }, sendAt - now);
      }
    });
    from.on('close', () => setTimeout(() => to.destroy(), mode === 'throttled' ? rttMs / 2 : 0));
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
    refused: () => refused,
    setMode(next) {
      mode = next;
      if (next === 'down') {
        for (const s of sockets) s.destroy();
        // What was queued is lost with the link; the next bytes go out at once.
        nextFree.up = 0; nextFree.down = 0;
      }
    },
    close: () => new Promise((resolve) => { for (const s of sockets) s.destroy(); server.close(resolve); }),
  };
}
