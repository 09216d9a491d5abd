import { nonCommentMatches } from '../strings.js';
import {
  defineRule,
  example,
  type MessageTemplate,
  type ReportOf,
  type RuleContext,
} from '../rule.js';

const messages = {
  privilegedPod: {
    message:
      "A privileged container gets every capability and the host's devices: any step in it, tests included, or a pull request's Dockerfile, can take over the node. Rootless podman builds do not need it",
    fix: 'Drop privileged; run podman rootless with BUILDAH_ISOLATION=chroot (and give the container /dev/fuse if it uses fuse-overlayfs)',
  },
  /** A docker agent's or `inside` container's `--privileged`: often for tests, so say what it gives. */
  privilegedContainer: {
    message:
      "--privileged runs this container with every capability, every host device and no seccomp or AppArmor confinement: any step in it, the tests included and whatever code a pull request brings, can take over the agent host and read other jobs' workspaces and credentials",
    fix: 'Grant only what the steps need: --cap-add NAME, --device /dev/…, --security-opt …; a container build needs none of it with rootless podman (BUILDAH_ISOLATION=chroot)',
  },
} satisfies Record<string, MessageTemplate>;

export const privilegedPod = defineRule({
  meta: {
    id: 'privileged-pod',
    severity: 'warning',
    title: 'The build runs in a privileged container or pod',
    docs: {
      description:
        '`privileged: true`, `--privileged` agent or `inside()` arguments, with what it gives every step, tests included.',
      file: 'Jenkinsfile',
      bad: example`
        podTemplate(containers: [
          containerTemplate(name: 'podman', image: 'quay.io/podman/stable', command: 'sleep', args: 'infinity', privileged: true),
        ]) {
          node(POD_LABEL) {
            container('podman') {
              sh 'podman build -t acme/app:1.0 .'
            }
          }
        }
      `,
      good: example`
        podTemplate(containers: [
          containerTemplate(name: 'podman', image: 'quay.io/podman/stable', command: 'sleep', args: 'infinity', envVars: [envVar(key: 'BUILDAH_ISOLATION', value: 'chroot')]),
        ]) {
          node(POD_LABEL) {
            container('podman') {
              sh 'podman build -t acme/app:1.0 .'
            }
          }
        }
      `,
    },
    messages,
  },
  check({ pipeline }: RuleContext) {
    const reports: ReportOf<typeof messages>[] = [];
    // containerTemplate(name: 'podman', privileged: true, …)
    for (const arg of pipeline.namedArgs)
      if (arg.name === 'privileged' && arg.value.kind === 'literal' && arg.value.text === 'true')
        reports.push({ messageId: 'privilegedPod', start: arg.value.start, end: arg.value.end });
    for (const string of pipeline.otherStrings) {
      // Pod YAML.
      for (const match of nonCommentMatches(string, /privileged:\s*true\b/g))
        reports.push({ messageId: 'privilegedPod', ...match });
      // docker agent args, `docker.image(…).inside(…)`.
      for (const match of nonCommentMatches(string, /--privileged(?:=true)?(?![\w=-])/g))
        reports.push({ messageId: 'privilegedContainer', ...match });
    }
    return reports;
  },
});
