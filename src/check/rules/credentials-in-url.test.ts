import { example } from '../rule.js';
import { testRule } from '../rule-tester.js';
import { credentialsInUrl } from './credentials-in-url.js';

testRule(credentialsInUrl, {
  valid: [
    {
      name: "ssh's user git is no credential",
      code: example`
        node {
          git url: 'ssh://git@gitlab.example.com/team/tools.git', credentialsId: 'gitlab-ssh'
          git url: 'git@github.com:org/lib.git', credentialsId: 'github-ssh'
        }
      `,
    },
    {
      name: 'a user name with no password: git asks the credential helper',
      code: example`
        node {
          withCredentials([gitUsernamePassword(credentialsId: 'gitlab-ci')]) {
            sh 'git clone https://ci@git.example.com/team/tools.git'
          }
        }
      `,
    },
    {
      name: 'an image pinned by digest',
      code: example`
        node('podman') {
          sh 'podman pull docker://docker.io/library/alpine:3.19@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'
        }
      `,
    },
    example`
      // Not https://user:token@host/… nor https://ci:<token>@host/…: git asks the credential helper.
      node {
        sh 'git clone https://git.example.com/team/tools.git'
      }
    `,
    {
      name: 'a user name with a shell default, a masked password, an empty password',
      code: example`
        node {
          sh 'git clone https://\${GIT_USER:-ci}@git.example.com/team/tools.git'
          sh 'echo "Cloning https://\${GIT_USER:-ci}:***@git.example.com/team/tools.git"'
          sh 'curl -fsS https://anonymous:@mirror.example.com/releases/app.tar.gz -o app.tar.gz'
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'tokens written in a URL: as the password, as the user, in a comment',
      code: example`
        node {
          git url: 'https://oauth2:glpat-SECRET@gitlab.example.com/team/app.git', branch: 'main'
          sh 'git clone https://ghp_0123456789abcdefABCDEF0123456789abcd@github.com/org/lib.git'
          // mirror: ssh://mirror:hunter2@backup.example.com/team/app.git
        }
      `,
      errors: ['2:21-2:40 writtenSecret', '3:25-3:65 writtenSecret', '4:20-4:34 writtenSecret'],
    },
    {
      name: 'a secret expanded into a URL at run time',
      code: example`
        node('podman') {
          sh 'git clone https://ci:$GIT_TOKEN@git.example.com/team/tools.git'
          sh 'skopeo copy docker-archive:app.tar docker://robot:\${REG_PASS}@docker.io/acme/app:1.0'
        }
      `,
      errors: ['2:25 expandedSecret', '3:51 expandedSecret'],
    },
    {
      name: 'a token as the password of an empty user name',
      code: example`
        node {
          sh 'curl -fsS https://:$ARTIFACTORY_KEY@artifactory.example.com/api/repositories'
        }
      `,
      errors: ['2:25 expandedSecret'],
    },
  ],
});
