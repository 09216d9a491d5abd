/**
 * Image references as podman, skopeo and buildah read them (containers/image's docker/reference,
 * ParseNormalizedNamed and TagNameOnly): a first component with a dot or a colon, or `localhost`,
 * is the registry; otherwise the registry is docker.io, where a one-component path is under
 * `library/`; and a reference without tag or digest means `:latest`. `mirror` names its copies
 * from this, so that a registry mirror setting (registries.conf's `[[registry.mirror]]`) finds
 * them where podman looks.
 */
export interface ImageReference {
  /** The registry host[:port]: `docker.io` for Docker Hub. */
  readonly registry: string;
  /** The repository path in that registry: `library/debian`. */
  readonly repository: string;
  /** The tag: given, or `latest` when neither tag nor digest is. */
  readonly tag?: string;
  /** `sha256:…`, when given. */
  readonly digest?: string;
}

const DOCKER_HUB = 'docker.io';

/**
 * The parts of a reference that the model's `imageReference` grammar accepted (this does not
 * check it again).
 */
export function parseImageReference(reference: string): ImageReference {
  const [name, digest] = reference.split('@') as [string, string | undefined];
  const slash = name.indexOf('/');
  const first = slash === -1 ? '' : name.slice(0, slash);
  const hasRegistry = first.includes('.') || first.includes(':') || first === 'localhost';
  let registry = hasRegistry ? first : DOCKER_HUB;
  if (registry === 'index.docker.io') registry = DOCKER_HUB;
  const rest = hasRegistry ? name.slice(slash + 1) : name;
  // A tag's colon comes after the last slash; a port's comes before it, in the registry.
  const colon = rest.lastIndexOf(':');
  const tagged = colon > rest.lastIndexOf('/');
  let repository = tagged ? rest.slice(0, colon) : rest;
  if (registry === DOCKER_HUB && !repository.includes('/')) repository = `library/${repository}`;
  const tag = tagged ? rest.slice(colon + 1) : digest === undefined ? 'latest' : undefined;
  return {
    registry,
    repository,
    ...(tag === undefined ? {} : { tag }),
    ...(digest === undefined ? {} : { digest }),
  };
}

/** The reference written out whole: `docker.io/library/debian:bookworm`. */
export function formatImageReference({ registry, repository, tag, digest }: ImageReference) {
  return `${registry}/${repository}${tag === undefined ? '' : `:${tag}`}${digest === undefined ? '' : `@${digest}`}`;
}

/**
 * The name `mirror` gives a copy of `source`, below a destination prefix and inside an export
 * archive (its OCI layout's ref name): the source's registry and repository, so that copies from
 * different registries never meet, and one registries.conf mirror entry per source registry
 * (`location = "<prefix>/<registry>"`) serves every image copied from it. A registry's port
 * becomes `-port` and its name lowercase, since a repository path has no colon and no capitals
 * (`127.0.0.1:5000` gives `127.0.0.1-5000`). The copy keeps the tag, or, for a source named by
 * digest only, is named by that digest.
 */
export function mirrorName(source: string): string {
  const { registry, repository, tag, digest } = parseImageReference(source);
  const inPath = registry.toLowerCase().replace(':', '-');
  return `${inPath}/${repository}${tag === undefined ? `@${digest}` : `:${tag}`}`;
}

/** Where `mirror` puts a copy of `source` under `prefix` (`host[:port][/path]`): mirrorName. */
export function mirrorDestination(source: string, prefix: string): string {
  return `${prefix.replace(/\/+$/, '')}/${mirrorName(source)}`;
}
