import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { RuleInfo } from '../rule.js';
import type { FileFindings } from './results.js';

/**
 * SARIF 2.1.0 for code-scanning UIs. Deterministic (no timestamps, no absolute paths): the same
 * input gives the same bytes, so the file can be diffed or cached. Locations are relative to the
 * checked directory (%SRCROOT%), columns in UTF-16 units as SARIF's default says.
 */
export function sarifReport(
  results: readonly FileFindings[],
  rules: readonly RuleInfo[],
  version: string,
): string {
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const descriptors: ReportingDescriptor[] = rules.map((rule) => ({
    id: rule.id,
    shortDescription: { text: rule.title },
    defaultConfiguration: { level: rule.severity },
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
            artifactLocation: { uri: encodeURI(file), uriBaseId: '%SRCROOT%' },
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
  const log: Log = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'jenkins-multiarch', version, rules: descriptors } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
