import { defineRule, example, type SourceContext } from '../rule.js';

export const groovySyntax = defineRule({
  meta: {
    id: 'groovy-syntax',
    severity: 'error',
    title: 'The file is not valid Groovy, so Jenkins runs none of it',
    docs: {
      description:
        'Groovy that Jenkins cannot compile: unterminated strings or comments, `$(…)`/`$?` in `"…"`, invalid escapes, unbalanced brackets. Until the file parses, check reports nothing else in it.',
      file: 'Jenkinsfile',
      bad: example`
        node('podman') {
          sh "podman build --build-arg BUILD_DATE=$(date +%F) -t app ."
        }
      `,
      good: example`
        node('podman') {
          sh "podman build --build-arg BUILD_DATE=\\$(date +%F) -t app ."
        }
      `,
    },
    messages: {
      syntax: {
        message:
          'Jenkins cannot compile this file and fails the build before any stage runs: {{error}}',
        fix: 'Correct the Groovy at this spot; once it compiles, check looks at the rest of the pipeline.',
      },
    },
  },
  check: ({ file }: SourceContext) =>
    file.errors.map((error) => ({
      messageId: 'syntax' as const,
      start: error.offset,
      end: error.offset + 1,
      data: { error: error.message },
    })),
});
