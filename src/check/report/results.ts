import type { Finding } from '../check.js';

/** What every report renders: the findings of each checked file, paths as the user sees them. */
export interface FileFindings {
  /** Relative to the working directory, with forward slashes. */
  readonly file: string;
  readonly findings: readonly Finding[];
}

/** A file named or found that could not be checked, and why; paths shown as for FileFindings. */
export interface UnreadableFile {
  readonly file: string;
  readonly reason: string;
}

export function countErrors(results: readonly FileFindings[]): number {
  return results.reduce(
    (sum, { findings }) => sum + findings.filter((f) => f.severity === 'error').length,
    0,
  );
}
