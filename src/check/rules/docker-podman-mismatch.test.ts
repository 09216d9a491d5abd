import { example } from '../rule.js';
import { testRule } from '../rule-tester.js';
import { dockerPodmanMismatch } from './docker-podman-mismatch.js';

const podmanOnly = (what: string) =>
  `${what} is podman's, not Docker's: real Docker rejects it ("unknown flag" / "not a docker command"), so this works only on agents where docker is podman in disguise (alias docker=podman, podman-docker) and breaks on the first one where it is not`;

testRule(dockerPodmanMismatch, {
  valid: [
    {
      name: 'podman by its name, and a docker build that works with either',
      code: example`
        node('podman') {
          sh 'podman build --manifest app-list .'
          sh 'podman manifest push --all app-list docker://registry.example.com/acme/app:1.0'
          sh 'docker build -t registry.example.com/acme/tools:1.0 tools'
        }
      `,
    },
    {
      name: 'docker buildx where the file shows no podman',
      code: example`
        node('docker') {
          sh 'docker buildx create --use --name multiarch'
          sh 'docker buildx build --platform linux/amd64,linux/arm64 --push -t acme/app:1.0 .'
        }
      `,
    },
    {
      name: 'docker buildx with no subcommand, which podman has too',
      code: example`
        node('podman') {
          sh 'docker buildx --help'
        }
      `,
    },
  ],
  invalid: [
    {
      code: example`
        node('podman') {
          sh '''
            docker buildx create --use --name multiarch
            docker buildx build --platform linux/amd64,linux/arm64 --push -t registry.example.com/acme/app:1.0 .
            docker manifest rm app-list || true
            docker build --manifest app-list .
          '''
        }
      `,
      errors: ['3:19 buildxSubcommand', '4:60 buildxOption', '6:18 podmanOnly'],
    },
    {
      name: "podman's manifest subcommands and push --all through docker",
      code: example`
        node('podman') {
          sh 'docker manifest exists app-list && docker manifest rm app-list'
          sh 'docker manifest add app-list docker://registry.example.com/acme/app:1.0-amd64'
          sh 'docker manifest push --all app-list docker://registry.example.com/acme/app:1.0'
        }
      `,
      errors: ['2:23-2:29 podmanOnly', '3:23-3:26 podmanOnly', '4:28-4:33 podmanOnly'],
      messages: [podmanOnly('manifest exists'), podmanOnly('manifest add'), podmanOnly('--all')],
      fixes: [
        'Call podman by its name: podman manifest exists …',
        'Call podman by its name: podman manifest add …',
        'Call podman by its name: podman manifest push --all …',
      ],
    },
    {
      name: 'podman shown only by a script installing podman-docker',
      code: example`
        node('linux') {
          sh 'sudo apt-get install -y podman-docker'
          sh 'docker buildx create --use --name multiarch'
        }
      `,
      errors: ['3:21 buildxSubcommand'],
    },
    {
      name: 'podman shown only by a buildah command, docker buildx create beside it',
      code: example`
        node {
          sh 'buildah bud --platform linux/amd64,linux/arm64 --manifest app-list .'
          sh 'docker buildx create --use --name multiarch'
        }
      `,
      errors: ['3:21 buildxSubcommand'],
    },
    {
      name: 'podman shown only by the agent image, docker buildx build --load',
      code: example`
        pipeline {
          agent { docker { image 'quay.io/podman/stable:v4' } }
          stages {
            stage('Build') {
              steps {
                sh 'docker buildx build --platform linux/arm64 --load -t acme/app:1.0-arm64 .'
              }
            }
          }
        }
      `,
      errors: ['6:56 buildxOption'],
    },
  ],
});
