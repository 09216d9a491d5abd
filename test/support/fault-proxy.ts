import http from 'node:http';
import { expect } from 'vitest';

/** What the proxy does with one request: pass it on, or one of the faults registries show. */
export type Fault = 'pass' | '503' | 'reset' | 'stall';

/** One request as the proxy saw it, and what it did with it. */
export interface ProxiedRequest {
  readonly method: string;
  readonly path: string;
  readonly contentType: string;
  readonly fault: Fault;
}

/** An HTTP proxy on 127.0.0.1 in front of a plain-HTTP registry, failing requests on cue. */
export interface FaultProxy {
  /** `127.0.0.1:<port>`: the registry, reached through the proxy. */
  readonly host: string;
  /** Every request so far, in order. */
  readonly requests: readonly ProxiedRequest[];
  /** Decides each request's fault; the test replaces it as its schedule goes on. */
  decide: (request: Omit<ProxiedRequest, 'fault'>) => Fault;
  stop(): Promise<void>;
}

/**
 * Registry faults at the HTTP level, where a registry's own failures happen: a 503 with the
 * registry API's error body (as a registry behind a restarting load balancer answers), the
 * connection reset without an answer (as a crashing registry leaves it), or the request read and
 * never answered while the connection stays open (as a hung registry leaves it; `stop` closes
 * such connections). Passed requests go to `target` unchanged, Host header included, so the
 * registry's Location headers name the proxy.
 */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const colon = target.lastIndexOf(':');
  const requests: ProxiedRequest[] = [];
  const proxy: FaultProxy = {
    host: '',
    requests,
    decide: () => 'pass',
    stop: async () => undefined,
  };
  const server = http.createServer((req, res) => {
    const seen = {
      method: req.method ?? '',
      path: req.url ?? '',
      contentType: String(req.headers['content-type'] ?? ''),
    };
    const fault = proxy.decide(seen);
    requests.push({ ...seen, fault });
    if (fault === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault === 'stall') {
      req.resume();
      return;
    }
    if (fault === '503') {
      req.resume();
      res.writeHead(503, { 'Content-Type': 'application/json' });
      res.end(
        '{"errors":[{"code":"UNAVAILABLE","message":"service unavailable (fault injected)"}]}',
      );
      return;
    }
    const upstream = http.request(
      {
        host: target.slice(0, colon),
        port: Number(target.slice(colon + 1)),
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => req.socket.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as { port: number };
  return Object.assign(proxy, {
    host: `127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/** A PUT of the index under its tag, as `podman manifest push --all` ends (its images by digest). */
export const indexPut = (tag: string) => (r: Omit<ProxiedRequest, 'fault'>) =>
  r.method === 'PUT' && r.path.endsWith(`/manifests/${tag}`);

/**
 * In one push's `requests`, the first PUT of the index under `tag` came after every image's
 * manifest (at least `images` of them, by digest) and after no other manifest.
 */
export function expectImagesBeforeIndex(
  requests: readonly ProxiedRequest[],
  tag: string,
  images: number,
) {
  const puts = requests.filter((r) => r.method === 'PUT' && r.path.includes('/manifests/'));
  const firstIndex = puts.findIndex(indexPut(tag));
  expect(firstIndex).toBeGreaterThanOrEqual(images);
  expect(puts.slice(0, firstIndex).every((r) => r.path.includes('/manifests/sha256:'))).toBe(true);
}
