import { execa, type ResultPromise } from 'execa';
import fs from 'fs-extra';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A CNCF distribution registry with htpasswd auth on 127.0.0.1, for one test file. */
export interface Registry {
  readonly host: string;
  readonly user: string;
  readonly password: string;
  stop(): Promise<void>;
  /** GET from the registry API with basic auth, as a client independent of podman would. */
  get(pathname: string, accept?: string[]): Promise<Response>;
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

export async function startRegistry(user: string, password: string): Promise<Registry> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'jma-registry-'));
  const htpasswd = await execa('htpasswd', ['-niB', user], { input: password });
  await fs.writeFile(path.join(dir, 'htpasswd'), htpasswd.stdout + '\n');
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  await fs.writeFile(
    path.join(dir, 'config.yml'),
    [
      'version: 0.1',
      'log: { level: warn }',
      `storage: { filesystem: { rootdirectory: ${dir}/data }, delete: { enabled: true } }`,
      `http: { addr: "${host}" }`,
      `auth: { htpasswd: { realm: jenkins-multiarch-test, path: ${dir}/htpasswd } }`,
      '',
    ].join('\n'),
  );
  const process: ResultPromise = execa('docker-registry', ['serve', path.join(dir, 'config.yml')], {
    reject: false,
    all: true,
  });
  const authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const get = (pathname: string, accept: string[] = []) =>
    fetch(`http://${host}${pathname}`, { headers: { authorization, accept: accept.join(', ') } });
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
  return {
    host,
    user,
    password,
    get,
    async stop() {
      process.kill();
      await process;
      await fs.remove(dir);
    },
  };
}
