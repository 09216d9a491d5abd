import { DOCKER_CONTAINER_STEP } from '../pipeline.js';
import { nonCommentMatches } from '../strings.js';
import { defineRule, example, type Report, type RuleContext } from '../rule.js';

export const dockerSocket = defineRule({
  meta: {
    id: 'docker-socket',
    severity: 'error',
    title: 'The Docker daemon socket is mounted into a build container',
    docs: {
      description: '`docker.sock` mounted into a build container or pod.',
      file: 'Jenkinsfile',
      bad: example`
        pipeline {
          agent {
            docker {
              image 'docker:24-cli'
              args '-v /var/run/docker.sock:/var/run/docker.sock'
            }
          }
          stages {
            stage('Build') {
              steps {
                sh 'docker build -t acme/app:1.0 .'
              }
            }
          }
        }
      `,
      good: example`
        pipeline {
          agent { label 'podman' }
          stages {
            stage('Build') {
              steps {
                sh 'podman build -t acme/app:1.0 .'
              }
            }
          }
        }
      `,
    },
    messages: {
      socketMounted: {
        message:
          "Mounting the Docker socket gives this build root on the agent host: any step, or the Dockerfile of any pull request, can start a privileged container and read every other job's files and secrets",
        fix: 'Remove the docker.sock mount and build inside the agent with rootless podman (podman build --manifest …, podman manifest push --all …), which needs no daemon',
      },
    },
  },
  check({ pipeline, commands }: RuleContext) {
    const reports: Report<'socketMounted'>[] = [];
    // inside()'s args are found among the other strings below, once.
    for (const { command } of commands.filter((c) => c.step.step !== DOCKER_CONTAINER_STEP))
      for (const word of [...command.operands, ...command.options.map((o) => o.value ?? o.word)])
        if (word.raw.includes('docker.sock'))
          reports.push({ messageId: 'socketMounted', start: word.start, end: word.end });
    for (const string of pipeline.otherStrings)
      for (const match of nonCommentMatches(string, /docker\.sock/g))
        reports.push({ messageId: 'socketMounted', ...match });
    return reports;
  },
});
