import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { FormatName } from '../report/formats.js';
import type { ReportContext } from '../report/report-context.js';
import { renderTo } from '../report/render.js';
import type { Result } from '../types.js';

/**
 * Write one report to a file (its directory made first), in pieces as it
 * is rendered (see `renderTo`). The pieces go to a temporary file renamed
 * into place once complete, so a reporter that fails leaves the previous
 * report of that name as it was, never half of a new one.
 *
 * @returns undefined when the report was written, else the reporter's error.
 * @throws on I/O errors (directory, file, disk).
 */
export function writeReportFile(target: string, format: FormatName, result: Result, context: ReportContext): string | undefined {
  mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.${process.pid}.partial`;
  const fd = openSync(partial, 'w');
  let error: string | undefined;
  let rendered = false;
  try {
    error = renderTo(format, result, context, (text) => {
      const bytes = Buffer.from(text);
      for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
    });
    rendered = true;
  } finally {
    closeSync(fd);
    // A reporter that failed, or a write that threw, leaves no partial file.
    if (!rendered || error !== undefined) rmSync(partial, { force: true });
  }
  if (error === undefined) renameSync(partial, target);
  return error;
}
