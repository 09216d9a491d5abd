import { execa } from 'execa';
import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import type { Registry } from './registry.js';

/** Reads images straight from the registry API: a check that shares no code with podman. */

const INDEX_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
];
const MANIFEST_TYPES = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
];

interface Descriptor {
  digest: string;
  platform?: { os: string; architecture: string; variant?: string };
}

async function json(registry: Registry, pathname: string, accept: string[]) {
  const response = await registry.get(pathname, accept);
  if (!response.ok) throw new Error(`GET ${pathname}: ${response.status} ${await response.text()}`);
  return { digest: response.headers.get('docker-content-digest'), body: await response.json() };
}

export interface IndexEntry {
  platform: string;
  digest: string;
}

/** The platforms a tag's index lists, in order, with the index's own digest. */
export async function readIndex(registry: Registry, repository: string, reference: string) {
  const { digest, body } = await json(
    registry,
    `/v2/${repository}/manifests/${reference}`,
    INDEX_TYPES,
  );
  const entries: IndexEntry[] = (body.manifests as Descriptor[]).map((m) => ({
    digest: m.digest,
    platform: [m.platform?.os, m.platform?.architecture, m.platform?.variant]
      .filter(Boolean)
      .join('/'),
  }));
  return { digest, entries };
}

/** A manifest, index or image, as the registry serves it, with its digest. */
export async function readManifest(registry: Registry, repository: string, reference: string) {
  return (await json(registry, `/v2/${repository}/manifests/${reference}`, [
    ...INDEX_TYPES,
    ...MANIFEST_TYPES,
  ])) as {
    digest: string;
    body: { mediaType: string; config?: { digest: string }; manifests?: Descriptor[] };
  };
}

/** A file's content from an image, searching its layers from the top. */
export async function readImageFile(
  registry: Registry,
  repository: string,
  manifestDigest: string,
  file: string,
) {
  const { body } = await json(
    registry,
    `/v2/${repository}/manifests/${manifestDigest}`,
    MANIFEST_TYPES,
  );
  const layers = [...(body.layers as { digest: string }[])].reverse();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'jma-layer-'));
  try {
    for (const layer of layers) {
      const response = await registry.get(`/v2/${repository}/blobs/${layer.digest}`);
      const blob = path.join(dir, 'layer.tar.gz');
      await fs.writeFile(blob, Buffer.from(await response.arrayBuffer()));
      const extracted = await execa('tar', ['-xzOf', blob, file], {
        reject: false,
        encoding: 'buffer',
        stripFinalNewline: false,
      });
      if (extracted.exitCode === 0) return Buffer.from(extracted.stdout).toString('utf8');
    }
    throw new Error(`${file} is in no layer of ${repository}@${manifestDigest}`);
  } finally {
    await fs.remove(dir);
  }
}

/** An image's config (labels, architecture, …) as the registry serves it. */
export async function readImageConfig(
  registry: Registry,
  repository: string,
  manifestDigest: string,
) {
  const { body } = await json(
    registry,
    `/v2/${repository}/manifests/${manifestDigest}`,
    MANIFEST_TYPES,
  );
  return (await json(registry, `/v2/${repository}/blobs/${body.config.digest}`, [])).body as {
    architecture: string;
    config: { Labels?: Record<string, string> };
  };
}
