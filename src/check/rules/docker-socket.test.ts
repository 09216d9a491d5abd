import { example } from '../rule.js';
import { testRule } from '../rule-tester.js';
import { dockerSocket } from './docker-socket.js';

testRule(dockerSocket, {
  valid: [
    {
      // Checked as a Dockerfile, though in a directory (checkExample takes the file's own name),
      // whose rules this one is not among; as Groovy the line would be a call with that string.
      name: "a Dockerfile's VOLUME, which declares a mount point and mounts nothing",
      file: 'build/Dockerfile',
      code: 'FROM alpine:3.19\nVOLUME "/var/run/docker.sock"\n',
    },
    {
      name: 'docker.sock named in a YAML comment only',
      code: example`
        pipeline {
          agent {
            kubernetes {
              yaml '''
                spec:
                  containers:
                  # No docker.sock here: podman builds rootless inside the container.
                  - name: podman
                    image: quay.io/podman/stable:v4.3.1
              '''
            }
          }
          stages {
            stage('Build') {
              steps {
                container('podman') {
                  sh 'podman build -t acme/app:1.0 .'
                }
              }
            }
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: "a docker agent's args, and docker run -v in a step, the value apart or attached",
      code: example`
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
                sh 'docker run --rm -v /var/run/docker.sock:/var/run/docker.sock docker:24-cli docker ps'
                sh 'docker run --rm -v/var/run/docker.sock:/var/run/docker.sock docker:24-cli docker ps'
              }
            }
          }
        }
      `,
      errors: ['5:25 socketMounted', '11:32-11:73 socketMounted', '12:29-12:72 socketMounted'],
    },
    {
      name: "inside()'s args, read once",
      code: example`
        withCredentials([string(credentialsId: 'ci', variable: 'API_TOKEN')]) {
          docker.image('alpine').inside('-v /var/run/docker.sock:/var/run/docker.sock -e T=$API_TOKEN') {
            sh 'true'
          }
        }
      `,
      errors: ['2:46 socketMounted'],
    },
    {
      name: "a pod's hostPath volume",
      code: example`
        podTemplate(yaml: '''
        spec:
          volumes:
          - name: docker
            hostPath:
              path: /var/run/docker.sock
        ''') {
          node(POD_LABEL) {
            sh 'docker build -t acme/app:1.0 .'
          }
        }
      `,
      errors: ['6:22 socketMounted'],
    },
  ],
});
