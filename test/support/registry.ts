import { execa, type ResultPromise } from 'execa';
import fs from 'fs-extra';
import { mkdir } from 'node:fs/promises';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { giveToAgent, type Agent } from './agent.js';

/** A CNCF distribution registry with htpasswd auth on 127.0.0.1, for one test file. */
export interface Registry {
  /** `127.0.0.1:<port>`, over HTTP or HTTPS alike. */
  readonly host: string;
  readonly user: string;
  readonly password: string;
  /** How the registry serves: `https` when started with the `tls` option. */
  readonly scheme: 'http' | 'https';
  /** Over HTTPS, the PEM of the throwaway CA that signed the registry's certificate. */
  readonly ca?: string;
  stop(): Promise<void>;
  /**
   * GET from the registry API with basic auth, as a client independent of podman would. Over
   * HTTPS it trusts only the registry's own CA. Redirects are not followed over HTTPS.
   */
  get(pathname: string, accept?: string[]): Promise<Response>;
  /** PUT a manifest as is, over HTTP only: for indexes that podman would not write. */
  putManifest(
    repository: string,
    reference: string,
    body: string,
    mediaType: string,
  ): Promise<void>;
}

export interface RegistryOptions {
  /**
   * Serve HTTPS with a certificate for IP 127.0.0.1 signed by a throwaway CA. With `agent`, that
   * agent's rootless podman, buildah and skopeo trust the CA the standard way, through
   * `<agent home>/.config/containers/certs.d/<host>/ca.crt`, so `--tls-verify=true` works; without
   * it no client trusts the registry (to prove that TLS is really verified).
   */
  tls?: { agent?: Agent };
  /** No authentication at all: anyone may pull and push, as a registry that needs no login. */
  open?: boolean;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A CA and a server certificate for IP 127.0.0.1 (Go checks subjectAltName, never the CN). */
async function makeCertificates(dir: string) {
  const ca = { certificate: path.join(dir, 'ca.crt'), key: path.join(dir, 'ca.key') };
  const server = { certificate: path.join(dir, 'server.crt'), key: path.join(dir, 'server.key') };
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await execa('openssl', [
    'req',
    '-x509',
    ...newKey,
    '-keyout',
    ca.key,
    '-out',
    ca.certificate,
    '-days',
    '2',
    '-subj',
    '/CN=jenkins-multiarch test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  const csr = path.join(dir, 'server.csr');
  const extensions = path.join(dir, 'server.ext');
  await execa('openssl', [
    'req',
    '-new',
    ...newKey,
    '-keyout',
    server.key,
    '-out',
    csr,
    '-subj',
    '/CN=127.0.0.1',
  ]);
  await fs.writeFile(
    extensions,
    [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
      'subjectAltName=IP:127.0.0.1',
      '',
    ].join('\n'),
  );
  const serial = (await execa('openssl', ['rand', '-hex', '16'])).stdout.trim();
  await execa('openssl', [
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    ca.certificate,
    '-CAkey',
    ca.key,
    '-set_serial',
    `0x${serial}`,
    '-days',
    '2',
    '-extfile',
    extensions,
    '-out',
    server.certificate,
  ]);
  return { ca: await fs.readFile(ca.certificate, 'utf8'), server };
}

/**
 * Makes the agent's containers/image (podman, buildah, skopeo) trust `ca` for `host` through
 * certs.d. Returns an undo that removes the host's directory and any parent it had to create.
 */
async function trustForAgent(agent: Agent, host: string, ca: string) {
  const configDir = path.join(agent.home, '.config');
  const hostDir = path.join(configDir, 'containers', 'certs.d', host);
  const firstCreated = await mkdir(hostDir, { recursive: true, mode: 0o755 });
  await fs.writeFile(path.join(hostDir, 'ca.crt'), ca, { mode: 0o644 });
  await giveToAgent(agent, firstCreated ?? hostDir);
  return async () => {
    await fs.remove(hostDir);
    if (!firstCreated) return;
    // Parents this call created go too, unless another registry's trust lives there by now.
    for (let dir = path.dirname(hostDir); dir.startsWith(firstCreated); dir = path.dirname(dir)) {
      try {
        await fs.rmdir(dir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        break;
      }
    }
  };
}

/** A GET over HTTPS trusting only `ca`, answered as a web Response like fetch's. */
function httpsGet(url: string, headers: Record<string, string>, ca: string): Promise<Response> {
  return new Promise((resolve, reject) => {
    // agent: false: one connection per request, so nothing keeps a socket to a stopped registry.
    const request = https.get(url, { ca, headers, agent: false, timeout: 10_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const responseHeaders = new Headers();
        for (let i = 0; i + 1 < response.rawHeaders.length; i += 2)
          responseHeaders.append(response.rawHeaders[i]!, response.rawHeaders[i + 1]!);
        const status = response.statusCode!;
        const bodyless = [101, 204, 205, 304].includes(status);
        resolve(
          new Response(bodyless ? null : Buffer.concat(chunks), {
            status,
            statusText: response.statusMessage ?? '',
            headers: responseHeaders,
          }),
        );
      });
    });
    request.on('timeout', () => request.destroy(new Error(`GET ${url}: no response in 10 s`)));
    request.on('error', reject);
  });
}

export async function startRegistry(
  user: string,
  password: string,
  options: RegistryOptions = {},
): Promise<Registry> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'jma-registry-'));
  const undo: (() => Promise<void>)[] = [() => fs.remove(dir)];
  // Last made, first undone; each step runs once, however often stop() is called.
  const cleanUp = async () => {
    for (let step = undo.pop(); step; step = undo.pop()) await step();
  };
  try {
    const htpasswd = await execa('htpasswd', ['-niB', user], { input: password });
    await fs.writeFile(path.join(dir, 'htpasswd'), htpasswd.stdout + '\n');
    const port = await freePort();
    const host = `127.0.0.1:${port}`;
    let tlsConfig = '';
    let ca: string | undefined;
    if (options.tls) {
      const certificates = await makeCertificates(dir);
      ca = certificates.ca;
      const { certificate, key } = certificates.server;
      tlsConfig = `, tls: { certificate: ${certificate}, key: ${key} }`;
      if (options.tls.agent) undo.push(await trustForAgent(options.tls.agent, host, ca));
    }
    await fs.writeFile(
      path.join(dir, 'config.yml'),
      [
        'version: 0.1',
        'log: { level: warn }',
        `storage: { filesystem: { rootdirectory: ${dir}/data }, delete: { enabled: true } }`,
        `http: { addr: "${host}"${tlsConfig} }`,
        ...(options.open
          ? []
          : [`auth: { htpasswd: { realm: jenkins-multiarch-test, path: ${dir}/htpasswd } }`]),
        '',
      ].join('\n'),
    );
    const process: ResultPromise = execa(
      'docker-registry',
      ['serve', path.join(dir, 'config.yml')],
      { reject: false, all: true },
    );
    undo.push(async () => {
      process.kill();
      await process;
    });
    const authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    const get = (pathname: string, accept: string[] = []) => {
      const headers = { authorization, accept: accept.join(', ') };
      return ca === undefined
        ? fetch(`http://${host}${pathname}`, { headers })
        : httpsGet(`https://${host}${pathname}`, headers, ca);
    };
    // Bounded wait for the listener: 100 tries, 50 ms apart.
    for (let attempt = 0; ; attempt++) {
      const response = await get('/v2/').catch(() => undefined);
      if (response?.status === 200) break;
      if (attempt === 100 || process.exitCode !== null) {
        process.kill();
        throw new Error(`registry did not start on ${host}:\n${(await process).all}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const putManifest = async (
      repository: string,
      reference: string,
      body: string,
      mediaType: string,
    ) => {
      if (ca !== undefined) throw new Error('putManifest speaks HTTP only');
      const response = await fetch(`http://${host}/v2/${repository}/manifests/${reference}`, {
        method: 'PUT',
        headers: { authorization, 'content-type': mediaType },
        body,
      });
      if (response.status !== 201)
        throw new Error(
          `PUT ${repository}:${reference}: ${response.status} ${await response.text()}`,
        );
    };
    return {
      host,
      user,
      password,
      scheme: ca === undefined ? 'http' : 'https',
      ...(ca === undefined ? {} : { ca }),
      get,
      putManifest,
      stop: cleanUp,
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
