import type { Result } from '../types.js';
import { formats, type FormatName } from './formats.js';
import type { ReportContext } from './report-context.js';

/** A rendered report, or why it could not be rendered. */
export type Rendered = { ok: true; output: string } | { ok: false; error: string };

/**
 * Render one format. A reporter that throws becomes an error value (the host
 * turns it into a warning), so one broken format never loses the others.
 */
export function render(format: FormatName, result: Result, context: ReportContext = {}): Rendered {
  try {
    return { ok: true, output: formats[format](result, context) };
  } catch (error) {
    return { ok: false, error: `The \`${format}\` report failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
