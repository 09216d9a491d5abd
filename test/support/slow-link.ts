import net from 'node:net';

/** A TCP proxy on 127.0.0.1 in front of `target` (host:port), whose uploads crawl. */
export interface SlowLink {
  /** `127.0.0.1:<port>`: the target, reached through the slow link. */
  readonly host: string;
  stop(): Promise<void>;
}

/**
 * Passes what clients send at about `bytesPerSecond` (answers at full speed), standing in for a
 * slow line to a registry, so that a test can cut a push off while its blobs are on the way.
 */
export async function startSlowLink(target: string, bytesPerSecond: number): Promise<SlowLink> {
  const colon = target.lastIndexOf(':');
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.slice(colon + 1)), target.slice(0, colon));
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    upstream.pipe(client);
    client.on('data', (chunk: Buffer) => {
      client.pause();
      upstream.write(chunk);
      setTimeout(() => client.resume(), (chunk.length / bytesPerSecond) * 1000);
    });
    client.on('end', () => upstream.end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
