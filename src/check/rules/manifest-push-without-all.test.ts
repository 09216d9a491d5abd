import { example } from '../rule.js';
import { testRule } from '../rule-tester.js';
import { manifestPushWithoutAll } from './manifest-push-without-all.js';

testRule(manifestPushWithoutAll, {
  valid: [
    {
      name: "podman manifest push without --all: podman's --all is on by default since 3.0",
      code: example`
        node('podman') {
          sh 'podman build --platform linux/amd64,linux/arm64 --manifest app-list .'
          sh 'podman manifest push app-list docker://registry.example.com/acme/app:1.0'
        }
      `,
    },
    example`
      node('podman') {
        sh 'buildah manifest push --all app-list docker://registry.example.com/acme/app:stable'
      }
    `,
    {
      name: 'buildah manifest push with --all from a variable whose value is set at run time',
      code: example`
        pipeline {
          agent { label 'podman' }
          environment {
            ALL = "--all=\${params.PUSH_IMAGES}"
          }
          stages {
            stage('Push') {
              steps {
                sh 'buildah manifest push $ALL app-list docker://registry.example.com/acme/app:1.0'
              }
            }
          }
        }
      `,
    },
    {
      name: 'podman push of an image that is not a list',
      code: example`
        node('podman') {
          sh 'podman build --platform linux/amd64,linux/arm64 --manifest app-list .'
          sh 'podman push registry.example.com/acme/tools:1.0'
        }
      `,
    },
  ],
  invalid: [
    {
      code: example`
        node('podman') {
          sh '''
            test -e /proc/sys/fs/binfmt_misc/qemu-aarch64
            podman manifest rm app-list >/dev/null 2>&1 || true
            podman build --platform linux/amd64,linux/arm64 --manifest app-list .
            podman push app-list docker://registry.example.com/acme/app:1.0
            podman manifest push --all=false app-list docker://registry.example.com/acme/app:latest
            buildah manifest push app-list docker://registry.example.com/acme/app:stable
          '''
        }
      `,
      errors: ['6:12 pushList', '7:21 allFalse', '8:22 buildahWithoutAll'],
    },
    {
      name: 'podman push of a list that manifest create made, named by a variable',
      code: example`
        pipeline {
          agent { label 'podman' }
          environment {
            LIST = 'localhost/app-list'
          }
          stages {
            stage('Push') {
              steps {
                sh 'podman manifest create "$LIST" acme/app:1.0-amd64 acme/app:1.0-arm64'
                sh 'podman push \${LIST} docker://registry.example.com/acme/app:1.0'
              }
            }
          }
        }
      `,
      errors: ['10:20 pushList'],
    },
    {
      name: 'podman push of a list after an option from a variable whose value is set at run time',
      code: example`
        pipeline {
          agent { label 'podman' }
          environment {
            TLS = "--tls-verify=\${params.VERIFY}"
          }
          stages {
            stage('Push') {
              steps {
                sh 'podman build --platform linux/amd64,linux/arm64 --manifest app-list .'
                sh 'podman push $TLS app-list docker://registry.example.com/acme/app:1.0'
              }
            }
          }
        }
      `,
      errors: ['10:20 pushList'],
    },
  ],
});
