import { describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { validatePipeline } from '../src/model/pipeline.js';
import { loadStarterConfigTemplate } from '../src/package-files.js';
import { imageNameFrom, renderStarterConfig } from '../src/render/starter-config.js';
import { SNAPSHOT_CONFIGS } from './fixtures/configs.js';

/** What `init` names the image after: its git remote, or else its directory's name. */
describe('imageNameFrom', () => {
  test.each([
    ['git@gitlab.example.com:Platform/My_Service.git', 'platform/my_service'],
    ['https://github.com/acme/app', 'acme/app'],
    ['ssh://git@git.example.com:2222/acme/app.git', 'acme/app'],
    // Only the .git that ends the URL, and after any slashes that end it.
    ['https://github.com/acme/acme.github.io.git', 'acme/acme.github.io'],
    ['https://github.com/acme/app.git/', 'acme/app'],
    ['https://github.com/acme/app.git//', 'acme/app'],
    ['https://github.com/acme/app//', 'acme/app'],
    // A scheme as git reads one, '-' and all: a remote helper's.
    ['persistent-https://git.example.com/acme/app', 'acme/app'],
    // An scp-like remote with an absolute path: no empty component.
    ['git@git.example.com:/srv/git/app.git', 'srv/git/app'],
    // Only the scp-like form's user@host: drops the host; an @ and : in the path stay.
    ['https://git.example.com/acme/app@v2:1.git', 'acme/app-v2-1'],
    // A directory's name: each run of other characters one '-', none at either end.
    ['Acme Web  (beta)', 'acme-web-beta'],
    ['__my-app--', 'my-app'],
    ['.config', 'config'],
    // Nothing usable: a name that is valid all the same.
    ['中文', 'app'],
    ['---', 'app'],
  ])('%s names the image %s', (source, expected) => {
    expect(imageNameFrom(source)).toBe(expected);
    expect(validatePipeline({ ...minimal, image: { name: expected, tags: ['1'] } }).ok).toBe(true);
  });
});

const minimal = SNAPSHOT_CONFIGS.minimal!;

describe('renderStarterConfig', () => {
  const config = {
    agentLabel: 'podman && linux',
    imageName: 'acme/app',
    dockerfile: 'docker/app.Dockerfile',
    context: 'docker',
    registryHost: 'registry.example.com',
    gitRemote: 'https://git.example.com/acme/a&b=c.git',
    version: '1.2.3',
  };

  test('writes every value as it is: YAML reads back what was given, HTML escapes nothing', () => {
    const text = renderStarterConfig(loadStarterConfigTemplate(), config);
    const validation = validatePipeline(parseYaml(text));
    expect(validation.ok).toBe(true);
    if (!validation.ok) return;
    expect(validation.pipeline.agent.label).toBe('podman && linux');
    expect(validation.pipeline.build).toMatchObject({
      dockerfile: 'docker/app.Dockerfile',
      context: 'docker',
    });
    expect(text).toContain('\n#   url: https://git.example.com/acme/a&b=c.git\n');
  });

  test('fails on a field the template names and the config lacks, rather than writing nothing there', () => {
    // As the template names the clone URL and the version (the yaml helper's argument is not checked).
    expect(() => renderStarterConfig('#   url: {{gitRemte}}\n', config)).toThrow(/gitRemte/);
  });
});
