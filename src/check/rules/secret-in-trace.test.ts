import { example } from '../rule.js';
import { testRule } from '../rule-tester.js';
import { secretInTrace } from './secret-in-trace.js';

testRule(secretInTrace, {
  valid: [
    {
      name: 'tracing off while the secret is used, and back on after',
      code: example`
        node('podman') {
          sh '''
            { set +x; } 2>/dev/null
            echo "$REG_TOKEN" | podman login --username robot --password-stdin registry.example.com
            set -x
            podman info
          '''
        }
      `,
    },
    {
      name: 'a shebang without -x: the script is not traced',
      code: example`
        node('podman') {
          sh '''#!/bin/sh -e
            printf '%s' "$REG_TOKEN" | podman login --username robot --password-stdin registry.example.com
          '''
        }
      `,
    },
    {
      name: 'a secret Jenkins bound is masked-secret-in-trace',
      code: example`
        node('podman') {
          withCredentials([string(credentialsId: 'registry-token', variable: 'REG_TOKEN')]) {
            sh 'echo "$REG_TOKEN" | podman login --username robot --password-stdin registry.example.com'
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'a secret the script reads, and one named like a secret; a function is no set +x',
      code: example`
        node('podman') {
          sh '''
            REG_TOKEN=$(cat /run/secrets/registry-token)
            curl -H "Authorization: Bearer $REG_TOKEN" https://registry.example.com/v2/
            untrace() { set +x; }
            curl -u "deploy:$DEPLOY_PASSWORD" https://deploy.example.com/
          '''
        }
      `,
      errors: ['4:36 unmaskedSecret', '6:21 unmaskedSecret'],
    },
    {
      name: 'a shebang after a blank line is a comment: Jenkins still runs sh -xe',
      code: example`
        node('podman') {
          sh '''
            #!/bin/sh -e
            printf '%s' "$REG_TOKEN" | podman login --username robot --password-stdin registry.example.com
          '''
        }
      `,
      errors: ['4:18 unmaskedSecret'],
    },
    {
      name: '`set -- +x` sets $1 and leaves tracing on',
      code: example`
        node('podman') {
          sh '''
            set -- +x
            curl -u "deploy:$DEPLOY_PASSWORD" https://deploy.example.com/
          '''
        }
      `,
      errors: ['4:21 unmaskedSecret'],
    },
  ],
});
