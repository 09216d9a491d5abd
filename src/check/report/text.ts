import type picocolors from 'picocolors';
import type { FileFindings } from './results.js';

export type Colors = ReturnType<typeof picocolors.createColors>;

/**
 * eslint's "stylish" layout, which editors and people already read: the file, then one line per
 * finding (line:col, severity, message, rule id), the fix under it, and a summary.
 */
export function textReport(results: readonly FileFindings[], colors: Colors): string {
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const { file, findings } of results) {
    if (findings.length === 0) continue;
    out.push('', colors.underline(file));
    const width = Math.max(...findings.map((f) => `${f.line}:${f.column}`.length));
    for (const finding of findings) {
      const where = `${finding.line}:${finding.column}`.padEnd(width);
      const severity =
        finding.severity === 'error' ? colors.red('error  ') : colors.yellow('warning');
      if (finding.severity === 'error') errors++;
      else warnings++;
      out.push(
        `  ${colors.dim(where)}  ${severity}  ${finding.message}  ${colors.dim(finding.rule)}`,
      );
      out.push(`  ${' '.repeat(width)}  ${colors.dim(`fix: ${finding.fix}`)}`);
    }
  }
  const total = errors + warnings;
  if (total === 0) return '';
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const summary = `✖ ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  out.push(
    '',
    errors > 0 ? colors.red(colors.bold(summary)) : colors.yellow(colors.bold(summary)),
    '',
  );
  return out.join('\n');
}
