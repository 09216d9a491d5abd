import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ArtifactLocation, Log, Notification, ReportingDescriptor, Result } from 'sarif';
import { rulePage } from '../rule-docs.js';
import type { AnyRule } from '../rule.js';
import type { FileFindings, UnreadableFile } from './results.js';

/** A path as the reports show it: relative to the checked directory, or absolute outside it. */
const artifactLocation = (file: string): ArtifactLocation =>
  path.isAbsolute(file)
    ? { uri: pathToFileURL(file).href }
    : { uri: encodeURI(file), uriBaseId: '%SRCROOT%' };

/**
 * SARIF 2.1.0 for code-scanning UIs. Deterministic (no timestamps, no absolute paths inside the
 * checked directory): the same input gives the same bytes, so the file can be diffed or cached.
 * Locations are relative to the checked directory (%SRCROOT%), columns in UTF-16 units as
 * SARIF's default says. A file that could not be checked is a tool execution notification of
 * the run's invocation (SARIF 2.1.0 §3.20.21), which then did not succeed.
 */
export function sarifReport(
  results: readonly FileFindings[],
  unreadable: readonly UnreadableFile[],
  rules: readonly AnyRule[],
  version: string,
  docsUrl?: string,
): string {
  const index = new Map(rules.map((rule, i) => [rule.meta.id, i]));
  // The rule's whole page is its help, so a code-scanning UI shows the examples and the fix
  // beside the finding, with no network; helpUri where the settings say the pages are published.
  const base = docsUrl && (docsUrl.endsWith('/') ? docsUrl : `${docsUrl}/`);
  const descriptors: ReportingDescriptor[] = rules.map((rule) => ({
    id: rule.meta.id,
    shortDescription: { text: rule.meta.title },
    fullDescription: { text: rule.meta.docs.description },
    help: { text: rule.meta.docs.description, markdown: rulePage(rule) },
    ...(base ? { helpUri: new URL(`${rule.meta.id}.md`, base).href } : {}),
    defaultConfiguration: { level: rule.meta.severity },
  }));
  const sarifResults: Result[] = results.flatMap(({ file, findings }) =>
    findings.map((finding) => ({
      ruleId: finding.rule,
      ruleIndex: index.get(finding.rule)!,
      level: finding.severity,
      message: { text: `${finding.message}. Fix: ${finding.fix}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(file),
            region: {
              startLine: finding.line,
              startColumn: finding.column,
              endLine: finding.endLine,
              endColumn: finding.endColumn,
            },
          },
        },
      ],
    })),
  );
  const notifications: Notification[] = unreadable.map(({ file, reason }) => ({
    level: 'error',
    message: { text: `could not check ${file}: ${reason}` },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(file) } }],
  }));
  const log: Log = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'jenkins-multiarch', version, rules: descriptors } },
        invocations: [
          {
            executionSuccessful: unreadable.length === 0,
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
