import { example } from '../rule.js';
import { testRule } from '../rule-tester.js';
import { maskedSecretInTrace } from './masked-secret-in-trace.js';

testRule(maskedSecretInTrace, {
  valid: [
    {
      name: 'tracing off while the secret is used, and back on after',
      code: example`
        pipeline {
          agent any
          environment {
            REG = credentials('registry')
          }
          stages {
            stage('Login') {
              steps {
                sh '''
                  { set +x; } 2>/dev/null
                  printf '%s' "$REG_PSW" | podman login --username "$REG_USR" --password-stdin registry.example.com
                  set -x
                  podman info
                '''
              }
            }
          }
        }
      `,
    },
    {
      name: 'a credential given where a command takes a file is a path',
      code: example`
        pipeline {
          agent any
          environment {
            SA = credentials('gcp-sa')
          }
          stages {
            stage('Auth') {
              steps {
                sh 'gcloud auth activate-service-account --key-file="$SA"'
              }
            }
          }
        }
      `,
    },
    {
      // One finding per mistake: the process list exposes them longer than the trace does.
      name: "a secret on a command line is password-on-command-line's finding, not this rule's",
      code: example`
        node('podman') {
          withCredentials([string(credentialsId: 'registry', variable: 'REG_PASSWORD'), string(credentialsId: 'os', variable: 'OS_TOKEN'), string(credentialsId: 'sonar', variable: 'SONAR_TOKEN')]) {
            sh '''
              podman login -u ci -p "$REG_PASSWORD" registry.example.com
              oc login https://api.example.com --token=$OS_TOKEN
              curl -H "Authorization: Bearer $SONAR_TOKEN" https://sonar.example.com/api/system/status
            '''
          }
        }
      `,
    },
    {
      name: "docker.image().inside's arguments: docker-workflow starts docker run itself, nothing traces it",
      code: example`
        node {
          withCredentials([string(credentialsId: 'npm', variable: 'NPM_TOKEN')]) {
            docker.image('node:20').inside('-e NPM_TOKEN=$NPM_TOKEN') {
              sh 'npm ci'
            }
          }
        }
      `,
    },
    {
      name: 'an empty argument and an assignment without a value, traced',
      code: example`
        node {
          withCredentials([string(credentialsId: 'deploy-key', variable: 'DEPLOY_KEY')]) {
            sh 'ssh-keygen -q -t ed25519 -N "" -f ci_key && HTTPS_PROXY= curl -fsS https://example.com'
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: "credentials()' password, and a Base64 copy of it",
      code: example`
        pipeline {
          agent any
          environment {
            REG = credentials('registry')
          }
          stages {
            stage('Login') {
              steps {
                sh '''
                  echo "\${REG_PSW}" | podman login --username "$REG_USR" --password-stdin registry.example.com
                  auth=$(printf '%s:%s' "$REG_USR" "$REG_PSW" | base64)
                '''
              }
            }
          }
        }
      `,
      errors: ['10:17-10:27 maskedSecret', '11:45-11:53 maskedSecret'],
      fixes: [
        'Turn tracing off before the secret is used: put { set +x; } 2>/dev/null on the line before (and set -x after it, if you want tracing back).',
        'Turn tracing off before the secret is used: put { set +x; } 2>/dev/null on the line before (and set -x after it, if you want tracing back).',
      ],
    },
    {
      name: "a subshell's set +x leaves tracing on",
      code: example`
        node('podman') {
          withCredentials([string(credentialsId: 'registry-token', variable: 'REG_ROBOT')]) {
            sh '''
              quiet=$({ set +x; } 2>/dev/null; echo quiet)
              export REGISTRY_AUTH="robot:$REG_ROBOT"
            '''
          }
        }
      `,
      errors: ['5:35 maskedSecret'],
    },
  ],
});
