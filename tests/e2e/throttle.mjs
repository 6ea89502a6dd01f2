// A throttling TCP proxy on loopback (the kernel here has no netem): a shared bandwidth
// limit per direction and a one-way delay, like a rural link. Modes: 'open' (no limits),
// 'down' (every connection dropped, new ones refused), 'throttled'.
import net from 'node:net';

/**
 * Starts a proxy to `target` (host:port). `kbps` is the bandwidth per direction in
 * kbit/s, `rttMs` the round-trip time added. Resolves to { port, setMode, requests, close }
 * where `requests` lists the first request line of every connection with its start time.
 */
export async function throttleProxy({ target, kbps = 50, rttMs = 600 }) {
  const [host, targetPort] = target.split(':');
  const bytesPerMs = (kbps * 1000) / 8 / 1000;
  let mode = 'open';
  const sockets = new Set();
  const requests = [];
  const nextFree = { up: 0, down: 0 };

  // Sends `data` from `from` to `to` after the delay and within the shared bandwidth.
  function pipe(from, to, direction) {
    from.on('data', (data) => {
      if (mode !== 'throttled') { to.write(data); return; }
      for (let i = 0; i < data.length; i += 1024) {
        const piece = data.subarray(i, i + 1024);
        const now = Date.now();
        const sendAt = Math.max(now + rttMs / 2, nextFree[direction]);
        nextFree[direction] = sendAt + piece.length / bytesPerMs;
        setTimeout(() => { if (!to.destroyed) to.write(piece); }, sendAt - now);
      }
    });
    from.on('close', () => setTimeout(() => to.destroy(), mode === 'throttled' ? rttMs / 2 : 0));
    from.on('error', () => to.destroy());
  }

  const server = net.createServer((client) => {
    if (mode === 'down') { client.destroy(); return; }
    const upstream = net.connect(Number(targetPort), host);
    sockets.add(client); sockets.add(upstream);
    client.once('data', (first) => {
      requests.push({ at: Date.now(), line: first.toString('latin1').split('\r\n')[0] });
    });
    pipe(client, upstream, 'up');
    pipe(upstream, client, 'down');
    const forget = () => { sockets.delete(client); sockets.delete(upstream); };
    client.on('close', forget);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    requests,
    setMode(next) {
      mode = next;
      if (next === 'down') for (const s of sockets) s.destroy();
    },
    close: () => new Promise((resolve) => { for (const s of sockets) s.destroy(); server.close(resolve); }),
  };
}
