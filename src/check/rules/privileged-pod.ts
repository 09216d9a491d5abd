import { nonCommentMatches } from '../strings.js';
import type { Rule, RuleFinding } from '../rule.js';

const podMessage =
  "A privileged container gets every capability and the host's devices: any step in it, tests included, or a pull request's Dockerfile, can take over the node. Rootless podman builds do not need it";
const podFix =
  'Drop privileged; run podman rootless with BUILDAH_ISOLATION=chroot (and give the container /dev/fuse if it uses fuse-overlayfs)';

/** A docker agent's or `inside` container's `--privileged`: often for tests, so say what it gives. */
const dockerMessage =
  "--privileged runs this container with every capability, every host device and no seccomp or AppArmor confinement: any step in it, the tests included and whatever code a pull request brings, can take over the agent host and read other jobs' workspaces and credentials";
const dockerFix =
  'Grant only what the steps need: --cap-add NAME, --device /dev/…, --security-opt …; a container build needs none of it with rootless podman (BUILDAH_ISOLATION=chroot)';

export const privilegedPod: Rule = {
  id: 'privileged-pod',
  severity: 'warning',
  title: 'The build runs in a privileged container or pod',
  check({ pipeline }) {
    const findings: RuleFinding[] = [];
    // containerTemplate(name: 'podman', privileged: true, …)
    for (const arg of pipeline.namedArgs)
      if (arg.name === 'privileged' && arg.value.kind === 'literal' && arg.value.text === 'true')
        findings.push({
          start: arg.value.start,
          end: arg.value.end,
          message: podMessage,
          fix: podFix,
        });
    for (const string of pipeline.otherStrings) {
      // Pod YAML.
      for (const match of nonCommentMatches(string, /privileged:\s*true\b/g))
        findings.push({ ...match, message: podMessage, fix: podFix });
      // docker agent args, `docker.image(…).inside(…)`.
      for (const match of nonCommentMatches(string, /--privileged(?:=true)?(?![\w=-])/g))
        findings.push({ ...match, message: dockerMessage, fix: dockerFix });
    }
    return findings;
  },
};
