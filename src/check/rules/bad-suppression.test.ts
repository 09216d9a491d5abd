import { example } from '../rule.js';
import { testRule } from '../rule-tester.js';
import { badSuppression } from './bad-suppression.js';

testRule(badSuppression, {
  valid: [
    example`
      node('podman') {
        // jenkins-multiarch-ignore insecure-registry the lab registry has no TLS and no route outside
        sh 'podman pull --tls-verify=false registry.lan:5000/acme/base:1'
      }
    `,
    {
      name: 'in a script, for two rules, and at the end of the line',
      code: example`
        node('podman') {
          sh '''
            # jenkins-multiarch-ignore insecure-registry,docker-podman-mismatch lab only, docker is podman here
            docker manifest push --all --tls-verify=false app-list docker://registry.lan:5000/acme/app:1.0
            podman pull --tls-verify=false registry.lan:5000/acme/base:2 # jenkins-multiarch-ignore insecure-registry lab only
          '''
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'no rule named',
      code: example`
        node('podman') {
          // jenkins-multiarch-ignore
          sh 'podman pull --tls-verify=false registry.lan:5000/acme/base:1'
        }
      `,
      errors: ['2:3 noRule'],
    },
    {
      name: 'misspelt rules, two in one comment and one in another',
      code: example`
        node('podman') {
          // jenkins-multiarch-ignore insecure-registery,pasword-on-command-line the lab registry has no TLS, its password is a throwaway
          sh 'podman login --tls-verify=false -u ci -p lab registry.lan:5000'
          // jenkins-multiarch-ignore insecure-registry,pasword-on-command-line the lab registry has no TLS, its password is a throwaway
          sh 'podman login --tls-verify=false -u ci -p lab registry.lan:5000'
        }
      `,
      errors: ['2:3 unknownRule', '4:3 unknownRule'],
      messages: [
        'this suppression names unknown rules insecure-registery, pasword-on-command-line, so it suppresses nothing',
        'this suppression names unknown rule pasword-on-command-line, so it suppresses nothing',
      ],
    },
    {
      name: 'no reason, for one rule',
      code: example`
        node('podman') {
          // jenkins-multiarch-ignore insecure-registry
          sh 'podman pull --tls-verify=false registry.lan:5000/acme/base:1'
        }
      `,
      errors: ['2:3 noReason'],
      fixes: [
        'Say why after the rule id: // jenkins-multiarch-ignore insecure-registry the registry is on the build network only',
      ],
    },
    {
      name: 'no reason, for two rules',
      code: example`
        node('podman') {
          // jenkins-multiarch-ignore insecure-registry,password-on-command-line
          sh 'podman login --tls-verify=false -u ci -p lab registry.lan:5000'
        }
      `,
      errors: ['2:3 noReason'],
      fixes: [
        'Say why after the rule ids: // jenkins-multiarch-ignore insecure-registry,password-on-command-line the registry is on the build network only',
      ],
    },
    {
      name: 'nothing to suppress on the next line',
      code: example`
        node('podman') {
          // jenkins-multiarch-ignore manifest-reuse,insecure-registry left over from an older version of this file
          sh 'podman pull registry.example.com/acme/base:3'
        }
      `,
      errors: ['2:3 unused'],
      messages: ['nothing to suppress: no manifest-reuse or insecure-registry finding on line 3'],
    },
  ],
});
