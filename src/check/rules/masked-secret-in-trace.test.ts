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
      errors: ['10:17 maskedSecret', '11:45 maskedSecret'],
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
