import { example } from '../rule.js';
import { testRule } from '../rule-tester.js';
import { platformTagWithoutManifest } from './platform-tag-without-manifest.js';

testRule(platformTagWithoutManifest, {
  valid: [
    example`
      node('podman') {
        sh 'podman build --platform linux/amd64,linux/arm64 --manifest app-list .'
      }
    `,
    {
      name: 'a tag beside --manifest: the list holds every platform',
      code: example`
        node('podman') {
          sh 'podman build --platform linux/amd64,linux/arm64 --manifest app-list -t acme/app:1.0 .'
        }
      `,
    },
    {
      name: 'one platform, one image',
      code: example`
        node('podman') {
          sh 'podman build --platform linux/amd64 -t registry.example.com/acme/tools:1.0 tools'
        }
      `,
    },
    {
      name: 'the same platform twice is one platform',
      code: example`
        node('podman') {
          sh 'podman build --platform linux/arm64,linux/arm64 -t acme/app:arm64 .'
        }
      `,
    },
    {
      name: "real Docker's buildx build --push -t makes an index",
      code: example`
        node('docker') {
          sh 'docker buildx build --platform linux/amd64,linux/arm64 --push -t acme/app:1.0 .'
        }
      `,
    },
  ],
  invalid: [
    {
      code: example`
        pipeline {
          agent { label 'podman' }
          stages {
            stage('Build') {
              steps {
                sh '''
                  test -e /proc/sys/fs/binfmt_misc/qemu-aarch64
                  podman build --platform linux/amd64,linux/arm64 -t registry.example.com/acme/app:1.0 .
                  podman push registry.example.com/acme/app:1.0
                '''
              }
            }
          }
        }
      `,
      errors: ['8:59 tag'],
    },
    {
      name: 'platforms from an environment variable, tagged with --tag',
      code: example`
        pipeline {
          agent { label 'podman' }
          environment {
            PLATFORMS = 'linux/amd64,linux/arm64'
          }
          stages {
            stage('Build') {
              steps {
                sh 'podman build --platform "$PLATFORMS" --tag acme/app:1.0 .'
              }
            }
          }
        }
      `,
      errors: ['9:50 tag'],
    },
    {
      name: "docker build (podman in disguise), or podman's buildx build, with two platforms and -t",
      code: example`
        node('podman') {
          sh 'docker build --platform linux/amd64,linux/arm64 -t acme/app:1.0 .'
          sh 'podman buildx build --platform linux/amd64,linux/arm64 -t acme/app:1.0 .'
        }
      `,
      errors: ['2:55 dockerTag', '3:62 tag'],
    },
  ],
});
