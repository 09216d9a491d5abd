import { DOCKER_CONTAINER_STEP } from '../pipeline.js';
import { nonCommentMatches } from '../strings.js';
import type { Rule, RuleFinding } from '../rule.js';

const message =
  "Mounting the Docker socket gives this build root on the agent host: any step, or the Dockerfile of any pull request, can start a privileged container and read every other job's files and secrets";
const fix =
  'Remove the docker.sock mount and build inside the agent with rootless podman (podman build --manifest …, podman manifest push --all …), which needs no daemon';

export const dockerSocket: Rule = {
  id: 'docker-socket',
  severity: 'error',
  title: 'The Docker daemon socket is mounted into a build container',
  check({ pipeline, commands }) {
    const findings: RuleFinding[] = [];
    // inside()'s args are found among the other strings below, once.
    for (const { command } of commands.filter((c) => c.step.step !== DOCKER_CONTAINER_STEP))
      for (const word of [
        ...command.operands,
        ...command.options.flatMap((o) => (o.value ? [o.value] : [o.word])),
      ])
        if (word.raw.includes('docker.sock'))
          findings.push({ start: word.start, end: word.end, message, fix });
    for (const string of pipeline.otherStrings)
      for (const match of nonCommentMatches(string, /docker\.sock/g))
        findings.push({ ...match, message, fix });
    return findings;
  },
};
