import { nonCommentMatches } from '../strings.js';
import type { Rule, RuleFinding } from '../rule.js';

const message =
  "A privileged container gets every capability and the host's devices: a build step, or a pull request's Dockerfile, can take over the node. Rootless podman builds do not need it";
const fix =
  'Drop privileged; run podman rootless with BUILDAH_ISOLATION=chroot (and give the container /dev/fuse if it uses fuse-overlayfs)';

export const privilegedPod: Rule = {
  id: 'privileged-pod',
  severity: 'warning',
  title: 'The build runs in a privileged container or pod',
  check({ pipeline }) {
    const findings: RuleFinding[] = [];
    // containerTemplate(name: 'podman', privileged: true, …)
    for (const arg of pipeline.namedArgs)
      if (arg.name === 'privileged' && arg.value.kind === 'literal' && arg.value.text === 'true')
        findings.push({ start: arg.value.start, end: arg.value.end, message, fix });
    // Pod YAML (`privileged: true`) and docker agent args (`--privileged`).
    for (const string of pipeline.otherStrings)
      for (const match of nonCommentMatches(
        string,
        /privileged:\s*true\b|--privileged(?:=true)?(?![\w=-])/g,
      ))
        findings.push({ ...match, message, fix });
    return findings;
  },
};
