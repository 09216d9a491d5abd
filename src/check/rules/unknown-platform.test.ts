import { example } from '../rule.js';
import { testRule } from '../rule-tester.js';
import { unknownPlatform } from './unknown-platform.js';

testRule(unknownPlatform, {
  valid: [
    {
      name: 'linux/arm64/v8 builds as linux/arm64; linux/loong64 is real, and no near miss',
      code: example`
        node('podman') {
          sh 'podman build --platform linux/amd64,linux/arm64/v8,linux/arm/v7,linux/loong64 --manifest app-list .'
        }
      `,
    },
    {
      name: 'platforms from an environment variable',
      code: example`
        pipeline {
          agent { label 'podman' }
          environment {
            PLATFORMS = 'linux/amd64,linux/arm64'
          }
          stages {
            stage('Build') {
              steps {
                sh 'podman build --platform "$PLATFORMS" --manifest app-list .'
              }
            }
          }
        }
      `,
    },
    {
      name: 'no suggestion from the names every object has (constructor, __proto__)',
      code: example`
        node('podman') {
          sh 'podman build --platform constructor,__proto__,linux/toString --manifest app-list .'
        }
      `,
    },
    {
      name: 'a --platform whose value is not known, or that has no value',
      code: example`
        node('podman') {
          sh 'podman build --platform "$TARGET" .'
          sh 'podman build . --platform'
        }
      `,
    },
  ],
  invalid: [
    {
      code: example`
        pipeline {
          agent { label 'podman' }
          environment {
            PLATFORMS = 'linux/amd64,linux/aarch64'
          }
          stages {
            stage('Build') {
              steps {
                sh '''
                  test -e /proc/sys/fs/binfmt_misc/qemu-aarch64
                  podman manifest rm app-list >/dev/null 2>&1 || true
                  podman build --platform "$PLATFORMS" --manifest app-list .
                  podman build --platform linux/amd64,linux/arm46 --manifest app-list .
                  podman build --platform linux/arm/v8,linux/arm --manifest app-list .
                '''
              }
            }
          }
        }
      `,
      errors: ['4:30 normalised', '13:47 typo', '14:35 armV8', '14:48 normalised'],
    },
    {
      name: 'a variable used by two builds is reported once, where it is written',
      code: example`
        node('podman') {
          withEnv(['PLATFORMS=linux/x86_64,linux/arm64']) {
            sh 'podman build --platform "$PLATFORMS" --manifest app-list .'
            sh 'podman build --platform "$PLATFORMS" --manifest tools-list tools'
          }
        }
      `,
      errors: ['2:23 normalised'],
    },
    {
      name: 'each platform where it is written, blanks around it and empty entries skipped',
      code: example`
        node('podman') {
          sh 'podman build --platform "linux/amd64, linux/arm46 ,, linux/aarch64," .'
        }
      `,
      errors: ['2:45-2:56 typo', '2:60-2:73 normalised'],
    },
    {
      name: "a typo in docker.build's argument string",
      code: example`
        node('docker') {
          docker.build('acme/app:arm32', '--platform=linux/arm46 -f Dockerfile.arm .')
        }
      `,
      errors: ['2:46 typo'],
    },
  ],
});
