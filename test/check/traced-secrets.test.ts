import { expect, test } from 'vitest';
import { check, spots } from './support.js';

/**
 * traced-secrets, which both trace rules read: beyond their case tables, a traced variable that is
 * no secret gives neither rule a finding, while a secret in the same command does.
 */
test('a traced variable that holds no secret is no finding; a secret beside it is', () => {
  const source = [
    'node {',
    "  withCredentials([string(credentialsId: 'registry', variable: 'REG_TOKEN')]) {",
    '    sh \'podman push "registry.example.com/acme/app:$BUILD_NUMBER"\'',
    '    sh \'printf "%s:%s" "$BUILD_NUMBER" "$REG_TOKEN" | base64 > build.txt\'',
    '  }',
    '}',
  ].join('\n');
  const traced = (rule: string) => spots(check(source), rule);
  expect([...traced('secret-in-trace'), ...traced('masked-secret-in-trace')]).toEqual([
    '4:41 masked-secret-in-trace',
  ]);
});
