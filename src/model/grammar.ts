/**
 * The grammars of every string the model accepts. Each check returns undefined when the value is
 * valid, or a message that shows the value, says what was expected and, where it can, the fix.
 * Grammars are deliberately strict: whatever passes here later reaches Groovy source and a shell.
 */
export type Check = (value: string) => string | undefined;

const show = (value: string) => JSON.stringify(value);

/** Characters that never belong in a config value: they hide in logs and break line-based tools. */
const CONTROL = /[\u0000-\u001f\u007f]/;

// OCI distribution spec, reference grammar (distribution/reference).
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DOMAIN_LABEL = '(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])';
const REGISTRY_HOST = new RegExp(
  `^(?:${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})*|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?$`,
);

export const imageName: Check = (value) => {
  if (value.length === 0) return 'must not be empty; expected a repository path such as "acme/app"';
  if (value.length > 255) return `is ${value.length} characters long; the registry limit is 255`;
  if (value.includes(':') || value.includes('@'))
    return `${show(value)} contains a tag or digest; put tags in image.tags and give only the repository path here`;
  const components = value.split('/');
  const first = components[0]!;
  if (components.length > 1 && (first.includes('.') || first === 'localhost'))
    return `${show(value)} starts with the registry host ${show(first)}; put the host in registry.host and give only the repository path here`;
  if (value !== value.toLowerCase())
    return `${show(value)} has uppercase letters; image names must be lowercase, e.g. ${show(value.toLowerCase())}`;
  const bad = components.find((c) => !PATH_COMPONENT.test(c));
  if (bad !== undefined)
    return `${show(value)} has an invalid path component ${show(bad)}; each component is lowercase letters and digits, separated by ".", "_", "__" or "-"`;
  return undefined;
};

export const imageTag: Check = (value) => {
  if (TAG.test(value)) return undefined;
  if (value.length > 128) return `tag is ${value.length} characters long; the limit is 128`;
  const hint = value.trim() !== value || /\s/.test(value) ? ' (it contains whitespace)' : '';
  return `${show(value)} is not a valid tag${hint}; expected letters, digits, "_", "." and "-", not starting with "." or "-", at most 128 characters`;
};

export const registryHost: Check = (value) => {
  if (/^[a-z]+:\/\//i.test(value))
    return `${show(value)} includes a URL scheme; give only host[:port], e.g. ${show(value.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, ''))}`;
  if (value.includes('/'))
    return `${show(value)} includes a path; give only host[:port] and put the repository path in image.name`;
  if (!REGISTRY_HOST.test(value))
    return `${show(value)} is not a registry host; expected host[:port], e.g. "registry.example.com" or "10.0.0.5:5000"`;
  const port = /:(\d+)$/.exec(value)?.[1];
  if (port !== undefined && Number(port) > 65535) return `port ${port} is out of range (1-65535)`;
  return undefined;
};

/** Jenkins credential ids in practice: readable names or UUIDs. */
export const credentialsId: Check = (value) =>
  /^[A-Za-z0-9][A-Za-z0-9_.@:-]{0,255}$/.test(value)
    ? undefined
    : `${show(value)} is not a credentials id; expected letters, digits, "_", ".", "@", ":" and "-" (the ID shown in Jenkins > Manage Credentials)`;

const LABEL_TOKEN = /\s*(\(|\)|!|&&|\|\||<->|->|[A-Za-z0-9_.:-]+)/y;

/** A Jenkins label expression: labels combined with &&, ||, !, -> , <-> and parentheses. */
export const labelExpression: Check = (value) => {
  const expected =
    'expected labels of letters, digits, "_", ".", ":" and "-" combined with &&, ||, !, ->, <-> and parentheses, e.g. "linux && podman"';
  if (value.trim() === '') return `must not be empty; ${expected}`;
  let depth = 0;
  LABEL_TOKEN.lastIndex = 0;
  while (LABEL_TOKEN.lastIndex < value.trimEnd().length) {
    const start = LABEL_TOKEN.lastIndex;
    const match = LABEL_TOKEN.exec(value);
    if (!match)
      return `${show(value)} has an unexpected character at position ${start + 1}; ${expected}`;
    if (match[1] === '(') depth++;
    if (match[1] === ')' && --depth < 0)
      return `${show(value)} closes a parenthesis it never opened`;
  }
  return depth === 0 ? undefined : `${show(value)} leaves a parenthesis open`;
};

/** A container name in a Kubernetes pod template (DNS-1123 label). */
export const containerName: Check = (value) =>
  /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(value)
    ? undefined
    : `${show(value)} is not a Kubernetes container name; expected lowercase letters, digits and "-", at most 63 characters`;

export const gitUrl: Check = (value) => {
  if (CONTROL.test(value) || /\s/.test(value))
    return `${show(value)} contains whitespace or control characters`;
  if (
    /^(?:https?|ssh|git|file):\/\/[^\s]+$/.test(value) ||
    /^[A-Za-z0-9_.-]+@[A-Za-z0-9_.-]+:[^\s]+$/.test(value)
  )
    return undefined;
  return `${show(value)} is not a git URL; expected https://host/path.git, ssh://git@host/path.git, git@host:path.git or file:///path`;
};

/** Branch names as `git check-ref-format --branch` accepts them, minus characters shells love. */
export const gitBranch: Check = (value) => {
  const ok =
    /^[A-Za-z0-9_./+-]+$/.test(value) &&
    !value.startsWith('-') &&
    !value.startsWith('/') &&
    !value.endsWith('/') &&
    !value.endsWith('.') &&
    !value.endsWith('.lock') &&
    !value.includes('..') &&
    !value.includes('//') &&
    !value.split('/').some((part) => part.startsWith('.'));
  return ok
    ? undefined
    : `${show(value)} is not a branch name; expected letters, digits, "_", ".", "/", "+" and "-" as git allows them, e.g. "main" or "release/1.x"`;
};

/** A path inside the workspace: relative, no "..", no characters that need quoting. */
export const workspacePath: Check = (value) => {
  if (value.startsWith('/'))
    return `${show(value)} is absolute; give a path relative to the repository root`;
  if (value.split('/').includes('..'))
    return `${show(value)} leaves the workspace with ".."; give a path inside the repository`;
  return /^[A-Za-z0-9_.@+\/-]+$/.test(value)
    ? undefined
    : `${show(value)} is not a plain relative path; expected letters, digits, "_", ".", "@", "+", "-" and "/"`;
};

export const buildArgName: Check = (value) =>
  /^[A-Za-z_][A-Za-z0-9_]*$/.test(value)
    ? undefined
    : `${show(value)} is not a build argument name; expected a letter or "_" followed by letters, digits or "_" (as in ARG NAME)`;

/** Free text that travels through an environment variable: anything but NUL, which env cannot hold. */
export const envText: Check = (value) =>
  value.includes('\u0000')
    ? 'contains a NUL character, which no environment variable can carry'
    : undefined;
