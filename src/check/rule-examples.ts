import { checkSource, DEFAULT_CONFIG, type CheckConfig, type Finding } from './check.js';
import { checkedFileKind } from './checked-files.js';

/**
 * Checks a rule's example or test case as `check` would check a file of that name: a Dockerfile
 * with the Dockerfile rules, `vars/NAME.groovy` as a library step (its library being NAME alone),
 * anything else as a Jenkinsfile; with the default settings and those given.
 */
export function checkExample(
  code: string,
  file: string,
  settings?: Partial<CheckConfig>,
): Finding[] {
  // A name check would not read is checked as a Jenkinsfile, checkSource's default kind.
  const kind = checkedFileKind(file.split('/').pop()!);
  const librarySteps = /^vars\/([^/]+)\.groovy$/.exec(file);
  return checkSource(
    code,
    { ...DEFAULT_CONFIG, ...settings },
    kind,
    librarySteps ? [librarySteps[1]!] : undefined,
  );
}
