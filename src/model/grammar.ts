import { LABEL_EXPRESSION } from './label-expression.js';
import { PLATFORM_NAMES } from './platform.js';
import { ANY_SPACE, END } from './regex.js';

/**
 * The grammars of every string the model accepts, as data: regular expressions valid in both
 * JavaScript and Java, so the TypeScript model and the Groovy shared library check the same
 * thing with the same words. Grammars are strict: whatever passes later reaches Groovy and a shell.
 *
 * A value is checked against `mistakes` first, in order (each a common error with its own
 * explanation, matched anywhere in the value), then must match `pattern` as a whole. A value that
 * does not is explained by the first of `errors` that matches it, else by `expected`.
 */
export interface Mistake {
  readonly pattern: string;
  readonly message: string;
  /** The value may hold a secret: its message does not show it. */
  readonly secret?: boolean;
}

export interface Grammar {
  /** What a valid value is called in messages: `"x" is not <noun>`. */
  readonly noun: string;
  /** What a valid value looks like: `…; expected <expected>`. */
  readonly expected: string;
  /** Matches a whole valid value. No anchors: both languages match it against the whole value. */
  readonly pattern: string;
  readonly mistakes?: readonly Mistake[];
  /**
   * Where a value that does not match `pattern` goes wrong, for grammars with a syntax: each
   * pattern is searched for in the value (the first match counts), and ends where the error is.
   * `{column}` in its message is that place, counted in UTF-16 units from 1.
   */
  readonly errors?: readonly { readonly pattern: string; readonly message: string }[];
}

const PATH_COMPONENT = '[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*';
const DOMAIN_LABEL = '(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])';
const DNS_LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const PORT =
  '(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3})';
/**
 * Half of a UTF-16 surrogate pair without its other half is not text: a JVM writes it as "?" into
 * a process's environment and arguments, so such a value could never arrive as written.
 */
const LONE_SURROGATE = {
  pattern: '[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]',
  message:
    'contains half of a UTF-16 surrogate pair (a broken emoji or other character beyond U+FFFF), which a Jenkins agent would pass on as "?"',
};
/** U+FFFF is no character, and Groovy 2.4 reads it, escaped or not, as the end of the file. */
const NOT_GROOVY = {
  pattern: '\\uffff',
  message:
    'contains U+FFFF, which is not a character: Groovy 2.4 would read it as the end of the Jenkinsfile',
};

/** Text that would not reach a process as written, whatever else a grammar allows. */
const ENV_TEXT_MISTAKES = [
  {
    pattern: '\\u0000',
    message: 'contains a NUL character, which no environment variable can carry',
  },
  LONE_SURROGATE,
  NOT_GROOVY,
];

export const GRAMMARS = {
  platformName: {
    noun: 'a platform',
    expected: `one of ${PLATFORM_NAMES.join(', ')}`,
    pattern: `(?:${PLATFORM_NAMES.join('|')})`,
  },
  imageName: {
    noun: 'a repository path',
    expected:
      'lowercase letters and digits separated by ".", "_", "__" or "-", in components joined by "/", e.g. "acme/app" (at most 255 characters)',
    pattern: `(?=[\\s\\S]{1,255}${END})${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`,
    mistakes: [
      {
        pattern: '[:@]',
        message:
          'contains a tag or digest; put tags in image.tags and give only the repository path here',
      },
      {
        pattern: '^(?:[^/]*\\.[^/]*|localhost)/',
        message:
          'starts with a registry host; put the host in registries[].host and give only the repository path here',
      },
      { pattern: '[A-Z]', message: 'has uppercase letters; image names must be lowercase' },
    ],
  },
  imageTag: {
    noun: 'a valid tag',
    expected:
      'letters, digits, "_", "." and "-", not starting with "." or "-", at most 128 characters',
    pattern: '[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}',
    mistakes: [
      {
        pattern: ANY_SPACE,
        message: 'contains whitespace; a tag is letters, digits, "_", "." and "-"',
      },
    ],
  },
  imageReference: {
    noun: 'an image reference',
    expected: '[host[:port]/]path[:tag][@sha256:digest], e.g. "quay.io/podman/stable:v4.3.1"',
    pattern: `(?=[\\s\\S]{1,512}${END})(?:${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})*(?::${PORT})?/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[0-9a-f]{64})?`,
  },
  semverPattern: {
    noun: 'a semver tag pattern',
    expected:
      'tag characters and {{version}}, {{major}}, {{minor}} or {{patch}}, not starting with "." or "-", e.g. "{{major}}.{{minor}}"',
    pattern: '(?![.-])(?:[A-Za-z0-9_.-]|\\{\\{(?:version|major|minor|patch)\\}\\}){1,128}',
    mistakes: [
      {
        pattern: '\\{\\{(?!(?:version|major|minor|patch)\\}\\})',
        message: 'has a placeholder other than {{version}}, {{major}}, {{minor}} and {{patch}}',
      },
    ],
  },
  labelKey: {
    noun: 'a label key',
    expected: 'letters, digits, ".", "_", "/" and "-", e.g. "org.example.team"',
    pattern: '[A-Za-z0-9][A-Za-z0-9._/-]{0,254}',
  },
  stageName: {
    noun: 'a build stage name',
    expected: 'letters, digits, "_", "." and "-", as in FROM … AS name',
    pattern: '[A-Za-z0-9][A-Za-z0-9_.-]{0,127}',
  },
  podmanBuildFlag: {
    noun: 'an allowed podman build flag',
    expected:
      'one of --squash, --squash-all, --layers=true|false, --format=oci|docker, --jobs=N, --omit-history, --no-hosts, --network=none, --timestamp=SECONDS, --identity-label=false; the model has fields for the others (target, pull, noCache, args)',
    pattern:
      '--squash|--squash-all|--layers=(?:true|false)|--format=(?:oci|docker)|--jobs=[0-9]{1,2}|--omit-history|--no-hosts|--network=none|--timestamp=[0-9]{1,10}|--identity-label=false',
  },
  cacheRepository: {
    noun: 'a cache repository',
    expected: 'host[:port]/path, without tag, e.g. "harbor.example.com/acme/app-cache"',
    // The host is explicit, as podman reads one: it has a dot or a port, or is localhost.
    pattern: `(?=[\\s\\S]{1,512}${END})(?:${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})+(?::${PORT})?|${DOMAIN_LABEL}:${PORT}|localhost)/${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`,
    mistakes: [
      {
        pattern: '^[A-Za-z][A-Za-z0-9+.-]*://',
        message: 'includes a URL scheme; give host[:port]/path',
      },
      {
        pattern: `[:@][^/]*${END}`,
        message: 'has a tag or digest; the build tags its cache itself',
      },
    ],
  },
  registryHost: {
    noun: 'a registry host',
    expected: 'host[:port], e.g. "registry.example.com" or "10.0.0.5:5000"',
    pattern: `(?:${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})*|\\[[0-9A-Fa-f:.]+\\])(?::${PORT})?`,
    mistakes: [
      {
        pattern: '^[A-Za-z][A-Za-z0-9+.-]*://',
        message: 'includes a URL scheme; give only host[:port]',
      },
      {
        pattern: '/',
        message: 'includes a path; give only host[:port] and put the repository path in image.name',
      },
    ],
  },
  credentialsId: {
    noun: 'a credentials id',
    expected:
      'letters, digits, "_", ".", "@", ":" and "-" (the ID shown in Jenkins > Manage Credentials)',
    pattern: '[A-Za-z0-9][A-Za-z0-9_.@:-]{0,255}',
  },
  labelExpression: LABEL_EXPRESSION,
  containerName: {
    noun: 'a Kubernetes container name',
    expected: 'lowercase letters, digits and "-", at most 63 characters',
    pattern: DNS_LABEL,
  },
  podContainerName: {
    noun: 'a Kubernetes container name',
    expected: 'lowercase letters, digits and "-", at most 63 characters',
    pattern: DNS_LABEL,
    mistakes: [
      {
        pattern: `^(?:jnlp|skopeo)${END}`,
        message:
          "is taken: the pod already has a container of that name (jnlp is the kubernetes plugin's agent, skopeo the one Verify runs in)",
      },
    ],
  },
  seLinuxType: {
    noun: 'an SELinux type',
    expected: 'lowercase letters, digits and "_", e.g. "container_engine_t"',
    pattern: '[a-z][a-z0-9_]{0,127}',
  },
  libraryRef: {
    noun: 'a shared library reference',
    expected:
      'NAME or NAME@VERSION as the library is configured in Jenkins, e.g. "jenkins-multiarch@v1.0.0"',
    pattern: '[A-Za-z0-9_.-]{1,100}(?:@[A-Za-z0-9_./-]{1,200})?',
  },
  kubernetesName: {
    noun: 'a Kubernetes name',
    expected: 'lowercase letters, digits and "-", at most 63 characters',
    pattern: DNS_LABEL,
  },
  kubernetesCloud: {
    noun: 'a Jenkins cloud name',
    expected: 'letters, digits, "_", "." and "-", e.g. "kubernetes"',
    pattern: '[A-Za-z0-9][A-Za-z0-9_.-]{0,127}',
  },
  gitUrl: {
    noun: 'a git URL',
    expected: 'https://host/path.git, ssh://git@host/path.git, git@host:path.git or file:///path',
    pattern: '(?:https?|ssh|git|file)://\\S+|[A-Za-z0-9_.-]+@[A-Za-z0-9_.-]+:\\S+',
    mistakes: [
      // First, and without echoing the value: the config and the rendered Jenkinsfile are
      // committed, and the message may reach a build log.
      {
        pattern: '^(?:[A-Za-z][A-Za-z0-9+.-]*://)?[^/?#@:]*:[^/?#@]*@',
        message:
          'contains credentials ("user:password@"); leave them out and name a Jenkins credential in clone.credentialsId',
        secret: true,
      },
      {
        // A user name alone is no secret, but https://TOKEN@host/… is how tokens are often
        // given, and the credential in clone.credentialsId holds the user name anyway.
        pattern: '^https?://[^/?#@]*@',
        message:
          'names a user before "@", where tokens are often put (https://TOKEN@host/...); leave it out and name a Jenkins credential in clone.credentialsId, which holds the user name',
        secret: true,
      },
      {
        pattern: `${ANY_SPACE}|[\\u0000-\\u001f\\u007f]`,
        message: 'contains whitespace or control characters',
      },
      LONE_SURROGATE,
      NOT_GROOVY,
    ],
  },
  gitBranch: {
    noun: 'a branch name',
    expected:
      'letters, digits, "_", ".", "/", "+" and "-" as git allows them, e.g. "main" or "release/1.x"',
    pattern: `(?![-/.])(?![\\s\\S]*(?:\\.\\.|//|/\\.|\\.lock${END}|[/.]${END}))[A-Za-z0-9_./+-]+`,
  },
  workspacePath: {
    noun: 'a plain relative path',
    expected: 'letters, digits, "_", ".", "@", "+", "-" and "/", inside the repository',
    pattern: '[A-Za-z0-9_.@+/-]+',
    mistakes: [
      { pattern: '^/', message: 'is absolute; give a path relative to the repository root' },
      {
        pattern: `(?:^|/)\\.\\.(?:/|${END})`,
        message: 'leaves the workspace with ".."; give a path inside the repository',
      },
    ],
  },
  buildArgName: {
    noun: 'a build argument name',
    expected: 'a letter or "_" followed by letters, digits or "_" (as in ARG NAME)',
    pattern: '[A-Za-z_][A-Za-z0-9_]*',
    mistakes: [
      {
        pattern: `^__proto__${END}`,
        message:
          'is a name JavaScript objects cannot hold, so jenkins-multiarch would lose the argument; rename it',
      },
    ],
  },
  envText: {
    noun: 'text an environment variable can carry',
    expected: 'any text without NUL, U+FFFF or unpaired UTF-16 surrogates',
    pattern: '[^\\u0000]*',
    mistakes: ENV_TEXT_MISTAKES,
  },
  // Not empty: an empty value unsets its variable (workflow-basic-steps EnvStepTest), which would
  // end the numbered words there.
  commandWord: {
    noun: 'a command word',
    expected:
      'a non-empty word without NUL, U+FFFF or unpaired UTF-16 surrogates (each word is one argument; no shell reads it)',
    pattern: '[^\\u0000]+',
    mistakes: ENV_TEXT_MISTAKES,
  },
} as const satisfies Record<string, Grammar>;

export type GrammarName = keyof typeof GRAMMARS;

/** A regex source that matches a value only as a whole, as `pattern` is meant. */
export function wholeValue(pattern: string): string {
  return `^(?:${pattern})${END}`;
}

/** A regex source that matches a value only when `pattern` occurs nowhere in it, as a mistake. */
export function nowhere(pattern: string): string {
  return `^(?![\\s\\S]*(?:${pattern}))`;
}
