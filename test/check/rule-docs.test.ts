import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { rulePage, ruleTable, withRuleTable } from '../../src/check/rule-docs.js';
import { checkExample } from '../../src/check/rule-examples.js';
import type { AnyRule } from '../../src/check/rule.js';
import { ALL_RULES } from '../../src/check/rules/index.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const docs = path.join(root, 'docs', 'rules');
const STALE = 'stale: run `npm run docs` and commit what it writes';

describe('the rules documentation is generated from the rules and committed current', () => {
  test.each(ALL_RULES.map((rule) => [rule.meta.id, rule] as const))(
    'docs/rules/%s.md',
    (id, rule) => {
      expect(readFileSync(path.join(docs, `${id}.md`), 'utf8'), STALE).toBe(rulePage(rule));
    },
  );

  test('docs/rules/ has a page for each rule and nothing else', () => {
    expect(readdirSync(docs).sort()).toEqual(ALL_RULES.map((r) => `${r.meta.id}.md`).sort());
  });

  test("the README's rule table", () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(readme, STALE).toBe(withRuleTable(readme, ruleTable(ALL_RULES)));
  });
});

describe('a rule page', () => {
  const page = rulePage(ALL_RULES.find((rule) => rule.meta.id === 'manifest-reuse')!);

  test("shows the bad example with check's own findings, the good one, and every message", () => {
    expect(page).toContain('# manifest-reuse\n\n**error**: ');
    expect(page).toMatch(/## Bad\n\n`Jenkinsfile`:\n\n```groovy\nnode\('podman'\) \{\n/);
    expect(page).toContain("- 2:55 --manifest app-list adds this build's images");
    expect(page).toContain('  **Fix:** Start from an empty list: run podman manifest rm app-list');
    expect(page).toContain('- `amend`: <tool> manifest create --amend <list> adds to the list');
    expect(page).toContain('rules: { manifest-reuse: off }');
  });

  test('names the settings a rule needs to run', () => {
    const splitting = ALL_RULES.find((rule) => rule.meta.id === 'script-splitting-variable')!;
    expect(rulePage(splitting)).toContain(
      'It runs only with `scriptSplitting: true` in the settings file.',
    );
  });
});

const rule = (id: string) => ALL_RULES.find(({ meta }) => meta.id === id)!;

/** A rule with its metadata changed, for what no rule's own metadata shows. */
const withMeta = (base: AnyRule, meta: Partial<AnyRule['meta']>, docs = {}): AnyRule => ({
  ...base,
  meta: { ...base.meta, ...meta, docs: { ...base.meta.docs, ...docs } },
});

/** A page's parts: the text before the first heading, then each `## ` section by its title. */
function parts(page: string) {
  const [head, ...sections] = page.split(/^## /m);
  return {
    head: head!,
    sections: Object.fromEntries(
      sections.map((section) => {
        const newline = section.indexOf('\n');
        return [section.slice(0, newline), section.slice(newline + 1)];
      }),
    ),
  };
}

const fenced = (language: string, code: string) => `\`\`\`${language}\n${code.trimEnd()}\n\`\`\``;

describe('every rule page has the same parts, in order, each from the rule itself', () => {
  test.each(ALL_RULES.map((r) => [r.meta.id, r] as const))('%s', (id, { meta }) => {
    const page = rulePage(rule(id));
    const language = meta.docs.file.endsWith('Dockerfile') ? 'dockerfile' : 'groovy';
    const { head, sections } = parts(page);
    expect(head).toBe(
      [
        `<!-- Generated from src/check/rules/${id}.ts by \`npm run docs\`. Do not edit. -->`,
        `# ${id}`,
        `**${meta.severity}**: ${meta.title}.`,
        meta.docs.description,
        ...(meta.docs.settings
          ? [
              `It runs only with ${Object.entries(meta.docs.settings)
                .map(([name, value]) => `\`${name}: ${JSON.stringify(value)}\``)
                .join(', ')} in the settings file.`,
            ]
          : []),
        '',
      ].join('\n\n'),
    );
    expect(Object.keys(sections)).toEqual(['Bad', 'Good', 'Messages', 'Turning it off']);
    // Only this rule's findings on the bad example: another rule's there belongs on its own page.
    const findings = checkExample(meta.docs.bad, meta.docs.file, meta.docs.settings)
      .filter((finding) => finding.rule === id)
      .map((f) => `- ${f.line}:${f.column} ${f.message}.\n  **Fix:** ${f.fix}`);
    expect(findings.length).toBeGreaterThan(0);
    expect(sections['Bad']).toBe(
      [
        `\n\`${meta.docs.file}\`:`,
        fenced(language, meta.docs.bad),
        `\`jenkins-multiarch check ${meta.docs.file}\` reports:`,
        findings.join('\n'),
        '',
      ].join('\n\n'),
    );
    expect(sections['Good']).toBe(`\n${fenced(language, meta.docs.good)}\n\n`);
    for (const messageId of Object.keys(meta.messages))
      expect(sections['Messages']).toContain(`\`${messageId}\``);
    // A placeholder as a reader sees it, not as the rule fills it in.
    expect(sections['Messages']).not.toContain('{{');
    expect(sections['Turning it off']).toBe(
      [
        `\nFor the project, in \`.jenkins-multiarch-check.yaml\`: \`rules: { ${id}: off }\` (or \`warning\`, \`error\`).`,
        'For one line, a comment on the line before it or at its end, with the reason:',
        fenced(
          language,
          `${language === 'dockerfile' ? '#' : '//'} jenkins-multiarch-ignore ${id} <why it does not apply here>`,
        ),
      ].join('\n\n') + '\n',
    );
  });
});

describe('rule page details', () => {
  test("a bad example that other rules report on too shows only its own rule's findings", () => {
    const { meta } = rule('misplaced-section');
    const others = checkExample(meta.docs.bad, meta.docs.file).filter((f) => f.rule !== meta.id);
    expect(others.map((f) => f.rule)).toEqual(['stage-content']);
    expect(parts(rulePage(rule('misplaced-section'))).sections['Bad']).not.toContain(
      others[0]!.message,
    );
  });

  test('a message is listed once for the ids that share it, with each id’s fix under it', () => {
    const messages = parts(rulePage(rule('password-on-command-line'))).sections['Messages']!;
    expect(messages).toContain(
      '- `passwordOption`, `ocPasswordOption`: <command> <option> puts the password on the command line: every user',
    );
    expect(messages).toContain(
      '(sh runs with set -x).\n  - **Fix** (`passwordOption`): Pipe the password in: { set +x; } 2>/dev/null; printf \'%s\' "$PASSWORD" | <login> --username "$USERNAME" --password-stdin REGISTRY\n  - **Fix** (`ocPasswordOption`): oc login reads no password from stdin',
    );
    // A message of one id alone keeps the short form.
    expect(messages).toContain(
      '- `boundSecret`: <tool><option> gets the secret $<bound> as a command-line argument',
    );
    expect(messages).toContain('\n  **Fix:** Give it to <tool> another way:');
    expect(messages.match(/^- /gm)).toHaveLength(3);
  });

  test('each placeholder of a message or fix is shown as <name>', () => {
    const base = rule('docker-socket');
    const page = rulePage(
      withMeta(base, {
        messages: {
          socketMounted: { message: '{{tool}} mounts {{path}} {x}', fix: 'Drop {{path}}' },
        },
      }),
    );
    expect(parts(page).sections['Messages']).toBe(
      '\n- `socketMounted`: <tool> mounts <path> {x}.\n  **Fix:** Drop <path>\n\n',
    );
  });

  test('a Containerfile is shown, and its ignore comment written, as a Dockerfile', () => {
    const page = rulePage(withMeta(rule('buildplatform-ignored'), {}, { file: 'Containerfile' }));
    expect(page).toContain('`Containerfile`:\n\n```dockerfile\nFROM --platform=$BUILDPLATFORM');
    expect(page).toContain('```dockerfile\n# jenkins-multiarch-ignore buildplatform-ignored');
    expect(page).toContain('`jenkins-multiarch check Containerfile` reports:\n\n- 1:6 ');
  });

  test('each setting a rule needs is named, in the order given', () => {
    const page = rulePage(
      withMeta(
        rule('script-splitting-variable'),
        {},
        {
          settings: { scriptSplitting: true, steps: ['pmd'] },
        },
      ),
    );
    expect(page).toContain(
      'It runs only with `scriptSplitting: true`, `steps: ["pmd"]` in the settings file.',
    );
    expect(rulePage(rule('docker-socket'))).not.toContain('It runs only with');
  });
});

describe("the README's rule table", () => {
  test('a row per rule, linked to its page, with its severity and description', () => {
    expect(ruleTable([rule('docker-socket'), rule('buildplatform-ignored')])).toBe(
      [
        '| rule | severity | what it catches |',
        '|---|---|---|',
        '| [docker-socket](docs/rules/docker-socket.md) | error | `docker.sock` mounted into a build container or pod. |',
        `| [buildplatform-ignored](docs/rules/buildplatform-ignored.md) | warning | ${rule('buildplatform-ignored').meta.docs.description} |`,
      ].join('\n'),
    );
  });

  test("a description's | and line breaks do not break the table's row", () => {
    const row = ruleTable([
      withMeta(rule('docker-socket'), {}, { description: 'a | b\nc | d\ne' }),
    ]).split('\n')[2];
    expect(row).toBe(
      '| [docker-socket](docs/rules/docker-socket.md) | error | a \\| b c \\| d e |',
    );
  });

  const BEGIN = '<!-- rules:begin (generated by `npm run docs`) -->';
  const END = '<!-- rules:end -->';

  test('replaces what is between the markers, and keeps everything around them', () => {
    const readme = `# Title\n\nintro\n\n${BEGIN}\nold | table\nmore\n${END}\n\n## After\n`;
    expect(withRuleTable(readme, 'NEW')).toBe(
      `# Title\n\nintro\n\n${BEGIN}\nNEW\n${END}\n\n## After\n`,
    );
  });

  test('a README that starts with the table', () => {
    expect(withRuleTable(`${BEGIN}\nold\n${END}\n`, 'NEW')).toBe(`${BEGIN}\nNEW\n${END}\n`);
  });

  test.each([
    ['no markers', 'text'],
    ['no end', `${BEGIN}\nold\n`],
    ['no begin', `old\n${END}\n`],
    ['the end before the begin', `${END}\nold\n${BEGIN}\n`],
  ])('%s: refused, naming the markers', (_, readme) => {
    expect(() => withRuleTable(readme, 'NEW')).toThrow(
      `README.md has no ${BEGIN} … ${END} section`,
    );
  });
});
