/**
 * Which files `check` reads when it searches a directory, and with which rules, by file name.
 * The pre-commit hook's `files` regex (.pre-commit-hooks.yaml) selects the same names; a test
 * holds the two together.
 */

export type FileKind = 'groovy' | 'dockerfile';

/** Documentation named after what it documents: Jenkinsfile.md, Dockerfile.txt, … */
const DOCUMENTATION = /\.(?:md|markdown|txt|rst|adoc|asciidoc|html?|org)$/;

const DOCKERFILE = /^(?:Dockerfile|Containerfile)(?:\.[^.]+)?$|\.(?:Dockerfile|Containerfile)$/;

const JENKINSFILE = /^Jenkinsfile|\.(?:groovy|[jJ]enkinsfile)$/;

/** The names above as the messages list them. */
export const CHECKED_FILE_NAMES =
  'Jenkinsfile*, *.Jenkinsfile, *.groovy, Dockerfile*, Containerfile*, *.Dockerfile and *.Containerfile (not *.md, *.txt and other documentation)';

/**
 * Dockerfile, Containerfile.release and api.Dockerfile get the Dockerfile rules; Jenkinsfile,
 * Jenkinsfile.release, release.Jenkinsfile and vars/buildImage.groovy the pipeline rules;
 * anything else, documentation named like them included, is not checked.
 */
export function checkedFileKind(name: string): FileKind | undefined {
  if (DOCUMENTATION.test(name)) return undefined;
  if (DOCKERFILE.test(name)) return 'dockerfile';
  if (JENKINSFILE.test(name)) return 'groovy';
  return undefined;
}
