import Handlebars from 'handlebars';

export interface StarterConfig {
  readonly agentLabel: string;
  readonly imageName: string;
  readonly dockerfile: string;
  readonly context: string;
  readonly registryHost: string;
  /** Shown as a commented-out clone example. */
  readonly gitRemote?: string;
  /** The shared library the Jenkinsfile calls, NAME@VERSION; none for a standalone Jenkinsfile. */
  readonly library?: string;
  /** The tool's version, for the commented library example. */
  readonly version: string;
}

/** Renders the commented starter jenkins-multiarch.yaml that `init` writes. */
export function renderStarterConfig(template: string, config: StarterConfig): string {
  const handlebars = Handlebars.create();
  // A JSON string is a valid YAML double-quoted scalar, whatever it contains.
  handlebars.registerHelper('yaml', (value: string) => JSON.stringify(value));
  return handlebars.compile(template, { noEscape: true, strict: true })({
    gitRemote: undefined,
    library: undefined,
    ...config,
  });
}

/** A URL's scheme as git reads one: `https://`, `git+ssh://`, `persistent-https://` (a remote helper's). */
const URL_SCHEME = '[a-z][a-z0-9+.-]*://';
const SCHEME_AND_HOST = new RegExp(`^${URL_SCHEME}[^/]+/`, 'i');
const USER_PART = new RegExp(`^(${URL_SCHEME})([^/@]*)@(.*)$`, 'i');

/** A valid repository path from a git remote or directory name: "git@host:Acme/My_App.git" -> "acme/my_app". */
export function imageNameFrom(source: string): string {
  const withoutSuffix = source.replace(/\/+$/, '').replace(/\.git$/, '');
  // Drop scheme and host: "https://host/a/b", "ssh://git@host:22/a/b", "git@host:a/b".
  const repoPath = withoutSuffix.replace(SCHEME_AND_HOST, '').replace(/^[^@/]+@[^:/]+:/, '');
  const components = repoPath
    .split('/')
    .map((c) =>
      c
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-')
        .replace(/^[._-]+|[._-]+$/g, ''),
    )
    .filter((c) => c !== '');
  return components.join('/') || 'app';
}

/**
 * A git URL without the secret a remote may carry: an ssh URL loses its password only
 * (`ssh://git@host` keeps the user, which is no secret), any other URL its whole user part
 * (`https://oauth2:TOKEN@host`, `https://TOKEN@host`, `persistent-https://TOKEN@host`: a token is
 * often the user name).
 */
const SSH_SCHEMES = new Set(['ssh://', 'git+ssh://', 'ssh+git://']);

export function withoutCredentials(url: string): string {
  const parts = USER_PART.exec(url);
  if (!parts) return url;
  const [, scheme, user, rest] = parts as unknown as [string, string, string, string];
  if (!SSH_SCHEMES.has(scheme.toLowerCase())) return `${scheme}${rest}`;
  return `${scheme}${user.split(':')[0]}@${rest}`;
}
