import type { FileFindings, UnreadableFile } from './results.js';

/** One flat list of findings, each with its file, and the files that could not be checked. */
export function jsonReport(
  results: readonly FileFindings[],
  unreadable: readonly UnreadableFile[],
): string {
  const findings = results.flatMap(({ file, findings }) =>
    findings.map((finding) => ({ file, ...finding })),
  );
  const errors = findings.filter((f) => f.severity === 'error').length;
  return `${JSON.stringify(
    {
      findings,
      unreadable,
      summary: {
        files: results.length,
        errors,
        warnings: findings.length - errors,
        unreadable: unreadable.length,
      },
    },
    null,
    2,
  )}\n`;
}
