import type { FileFindings } from './results.js';

/** One flat list of findings, each with its file, for scripts and editors. */
export function jsonReport(results: readonly FileFindings[]): string {
  const findings = results.flatMap(({ file, findings }) =>
    findings.map((finding) => ({ file, ...finding })),
  );
  const errors = findings.filter((f) => f.severity === 'error').length;
  return `${JSON.stringify(
    {
      findings,
      summary: { files: results.length, errors, warnings: findings.length - errors },
    },
    null,
    2,
  )}\n`;
}
