import fs from 'fs-extra';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  agentShell,
  agentTempDir,
  asAgent,
  giveToAgent,
  resolveAgent,
  type Agent,
} from './support/agent.js';
import { readImageFile } from './support/oci.js';
import { startRegistry, type Registry } from './support/registry.js';
import { requireTools } from './support/tools.js';

/**
 * The HTTPS test registry: the rootless agent's podman verifies its certificate against the
 * throwaway CA that startRegistry put in the agent's certs.d, and nothing else trusts it.
 */
const tools = ['podman', 'skopeo', 'docker-registry', 'htpasswd', 'openssl', 'tar', 'runuser'];

describe.skipIf(requireTools(tools).skip)('test registry over HTTPS with --tls-verify=true', () => {
  const PASSWORD = `tls pa$s "w'o \${HOME}`;
  let agent: Agent;
  let trusted: Registry;
  let untrusted: Registry;
  let dir: string;
  let authFile: string;
  const image = `localhost/jma-tls-test-${process.pid}:1`;

  const certsDir = (registry: Registry) =>
    path.join(agent.home, '.config', 'containers', 'certs.d', registry.host);
  const login = (registry: Registry, password: string) =>
    asAgent(
      agent,
      'podman',
      [
        'login',
        '--tls-verify=true',
        '--username',
        registry.user,
        '--password-stdin',
        registry.host,
      ],
      { input: password, env: { REGISTRY_AUTH_FILE: authFile } },
    );

  beforeAll(async () => {
    agent = resolveAgent();
    [trusted, untrusted] = await Promise.all([
      startRegistry('tls-pusher', PASSWORD, { tls: { agent } }),
      startRegistry('tls-pusher', PASSWORD, { tls: {} }),
    ]);
    dir = await agentTempDir(agent, 'jma-tls-');
    authFile = path.join(dir, 'auth.json');
  });

  afterAll(async () => {
    if (agent) await asAgent(agent, 'podman', ['rmi', '--ignore', image]);
    await Promise.all([trusted?.stop(), untrusted?.stop()]);
    if (dir) await fs.remove(dir);
  });

  test('the agent owns a certs.d entry with the CA for the trusted registry only', async () => {
    expect(trusted.scheme).toBe('https');
    expect(trusted.host).toMatch(/^127\.0\.0\.1:\d+$/);
    const caFile = path.join(certsDir(trusted), 'ca.crt');
    expect(await fs.readFile(caFile, 'utf8')).toBe(trusted.ca);
    expect((await fs.stat(caFile)).uid).toBe(agent.uid);
    expect(await fs.pathExists(certsDir(untrusted))).toBe(false);
  });

  test('podman login --tls-verify=true succeeds with the password and fails with another', async () => {
    const wrong = await login(trusted, 'not the password');
    expect(wrong.exitCode, String(wrong.all)).not.toBe(0);
    expect(wrong.all).toMatch(/unauthorized|invalid username\/password/i);
    const right = await login(trusted, PASSWORD);
    expect(right.exitCode, String(right.all)).toBe(0);
    expect(right.all).toContain('Login Succeeded');
  });

  test('a push with TLS verification on reaches the registry', async () => {
    const context = path.join(dir, 'context');
    await fs.outputFile(path.join(context, 'hello.txt'), 'over TLS\n');
    await fs.writeFile(path.join(context, 'Containerfile'), 'FROM scratch\nCOPY hello.txt /\n');
    await giveToAgent(agent, context);
    const digestFile = path.join(dir, 'digest');
    await agentShell(
      agent,
      `podman build -q -t "$IMAGE" "$CONTEXT" >/dev/null
       podman push -q --tls-verify=true --digestfile "$DIGEST" "$IMAGE" "docker://$HOST/tls/hello:1"`,
      {
        IMAGE: image,
        CONTEXT: context,
        DIGEST: digestFile,
        HOST: trusted.host,
        REGISTRY_AUTH_FILE: authFile,
      },
    );
    const digest = (await fs.readFile(digestFile, 'utf8')).trim();
    // skopeo reads the same certs.d.
    const inspected = await agentShell(
      agent,
      'skopeo inspect --tls-verify=true --format "{{.Digest}}" "docker://$HOST/tls/hello:1"',
      { HOST: trusted.host, REGISTRY_AUTH_FILE: authFile },
    );
    expect(inspected.trim()).toBe(digest);
    // Read back over HTTPS by a client that trusts only the registry's CA.
    expect(await readImageFile(trusted, 'tls/hello', digest, 'hello.txt')).toBe('over TLS\n');
  });

  test('the same login fails against an HTTPS registry whose CA the agent does not trust', async () => {
    const result = await login(untrusted, PASSWORD);
    expect(result.exitCode, String(result.all)).not.toBe(0);
    expect(result.all).toContain('x509: certificate signed by unknown authority');
    // The registry itself is up: a client given its CA gets in.
    expect((await untrusted.get('/v2/')).status).toBe(200);
  });

  test('stop() takes the CA out of the certs.d of the agent again', async () => {
    const registry = await startRegistry('tls-other', PASSWORD, { tls: { agent } });
    expect(await fs.pathExists(path.join(certsDir(registry), 'ca.crt'))).toBe(true);
    await registry.stop();
    expect(await fs.pathExists(certsDir(registry))).toBe(false);
    // The other registry's trust is untouched.
    expect(await fs.pathExists(path.join(certsDir(trusted), 'ca.crt'))).toBe(true);
  });
});
