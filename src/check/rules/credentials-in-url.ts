import {
  defineRule,
  example,
  type MessageTemplate,
  type ReportOf,
  type RuleContext,
} from '../rule.js';

/**
 * `scheme://USERINFO@host` anywhere in the file: in a string, a script or a comment, a committed
 * credential leaks alike. The userinfo stops at what cannot be in it (space, slash, quote), and
 * `name:tag@sha256:…` is an image reference pinned by digest, not a login.
 */
const URL_USERINFO = /\b[a-z][a-z0-9+.-]*:\/\/([^\s/@'"`]+)@(?!sha(?:256|384|512):)(?=[\w[$])/gi;

/** Tokens that are the whole secret when written as the user part: GitHub's and GitLab's. */
const TOKEN_PREFIX = /^(?:gh[pousr]_|github_pat_|glpat-|glptt-|gldt-)/;

/** A variable in the user part named like a secret: `https://$GITHUB_TOKEN@github.com/…`. */
const SECRET_VARIABLE = /^\$\{?(?:env\.)?\w*(?:TOKEN|PASS|SECRET|_PAT\b|_KEY\b)\w*\}?$/i;

/** What a comment or a message writes to show the form: `https://user:token@host/…`. */
const PLACEHOLDER = /^(?:<[^>]*>|\*+|x+|\.\.\.|pass(?:word|wd)?|token|secret)$/i;

/** The secret part of a userinfo, if any: the password, or a user part that is a token. */
function secretIn(userinfo: string): string | undefined {
  // A `${…}` may hold a colon (`${A ?: B}`); the password starts after the first colon outside one.
  const colon = userinfo.replace(/\$\{[^}]*\}/g, (expr) => '_'.repeat(expr.length)).indexOf(':');
  if (colon >= 0) {
    const password = userinfo.slice(colon + 1);
    return password === '' || PLACEHOLDER.test(password) ? undefined : password;
  }
  return TOKEN_PREFIX.test(userinfo) || SECRET_VARIABLE.test(userinfo) ? userinfo : undefined;
}

const FIX =
  "Take the credentials out of the URL and let a Jenkins credential supply them: git(url: '…', credentialsId: 'ID') (or checkout with credentialsId) for a checkout; withCredentials([gitUsernamePassword(credentialsId: 'ID')]) { sh 'git clone https://host/…' } for git in a script (a credential helper, nothing in the URL); printf '%s' \"$PASS\" | podman login --username \"$USER\" --password-stdin REGISTRY for a registry";

const messages = {
  writtenSecret: {
    message:
      '{{shown}}@ puts credentials in a URL: the secret is written in this file, so everyone who can read the repository, its history included, can use it',
    fix: `${FIX}. Revoke the token: it is in git history`,
  },
  expandedSecret: {
    message:
      "{{userinfo}}@ puts credentials in a URL: the secret comes from {{secret}} at run time and goes, expanded, wherever the URL goes: the process list while the command runs, Jenkins' log when the script is traced (sh runs with set -x), and for git the workspace's .git/config, which every later step can read",
    fix: FIX,
  },
} satisfies Record<string, MessageTemplate>;

export const credentialsInUrl = defineRule({
  meta: {
    id: 'credentials-in-url',
    severity: 'error',
    title: 'A URL carries a password or token in its user part',
    docs: {
      description:
        "A password or token in a URL's user part, written (`git url: 'https://oauth2:glpat-…@host/…'`) or expanded (`git clone https://ci:$TOKEN@host/…`); not `ssh://git@host`, `git@host:path` or `name:tag@sha256:…`. Use `git(credentialsId:)` or `withCredentials([gitUsernamePassword(…)])`.",
      file: 'Jenkinsfile',
      bad: example`
        node {
          git url: 'https://oauth2:glpat-SECRET@gitlab.example.com/team/app.git', branch: 'main'
        }
      `,
      good: example`
        node {
          git url: 'https://gitlab.example.com/team/app.git', credentialsId: 'gitlab-ci', branch: 'main'
        }
      `,
    },
    messages,
  },
  check({ source }: RuleContext) {
    return [...source.matchAll(URL_USERINFO)].flatMap((match): ReportOf<typeof messages>[] => {
      const userinfo = match[1]!;
      const secret = secretIn(userinfo);
      if (secret === undefined) return [];
      const start = match.index + match[0].length - userinfo.length - 1;
      const at = { start, end: start + userinfo.length };
      if (secret.includes('$'))
        return [{ messageId: 'expandedSecret', ...at, data: { userinfo, secret } }];
      // The report goes to CI logs and code-scanning UIs: it must not spread the secret further.
      const shown = `${userinfo.slice(0, -secret.length)}***`;
      return [{ messageId: 'writtenSecret', ...at, data: { shown } }];
    });
  },
});
