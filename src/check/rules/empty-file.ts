import { defineRule, example, type SourceContext } from '../rule.js';

export const emptyFile = defineRule({
  meta: {
    id: 'empty-file',
    severity: 'warning',
    title: 'The file has no statements, so the job builds nothing and passes',
    docs: {
      description: 'A file with no statements: the job builds nothing and passes.',
      file: 'Jenkinsfile',
      bad: example`
        // TODO: write the pipeline
      `,
      good: example`
        node('podman') {
          sh 'podman build -t app .'
        }
      `,
    },
    messages: {
      empty: {
        message:
          'The file has no Groovy statements: Jenkins runs nothing and marks the build green, so a broken or truncated Jenkinsfile goes unnoticed',
        fix: 'Write the pipeline (`jenkins-multiarch render -o Jenkinsfile` makes one), or delete the file.',
      },
    },
  },
  // A file that does not parse has statements Groovy could not read; groovy-syntax says so.
  check: ({ file }: SourceContext) =>
    file.errors.length === 0 && file.statements.length === 0
      ? [{ messageId: 'empty', start: 0, end: 0 }]
      : [],
});
