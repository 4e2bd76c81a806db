import type { Result } from '../types.js';
import { chunkedFormats, formats, type FormatName } from './formats.js';
import { escapeControls } from './escape-controls.js';
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
    return { ok: false, error: failure(format, error) };
  }
}

/** Why a report could not be rendered: the reporter's error, named by format (it may quote site text). */
function failure(format: FormatName, error: unknown): string {
  return `The \`${format}\` report failed: ${escapeControls(error instanceof Error ? error.message : String(error))}`;
}

/** Pieces handed to `write` by {@link renderTo}: about 1 MiB of text each. */
const BATCH = 1 << 20;

/**
 * Render one format into `write`, in pieces of about 1 MiB: JSON and SARIF
 * as they are made (a large report never exists as one string), the others
 * rendered whole first. A reporter that throws stops the output there and
 * becomes the returned error (as in {@link render}); errors of `write`
 * itself propagate.
 *
 * @returns undefined when the whole report was written, else why not.
 */
export function renderTo(format: FormatName, result: Result, context: ReportContext, write: (text: string) => void): string | undefined {
  const batches = renderBatches(format, result, context);
  for (;;) {
    const batch = batches.next();
    if (batch.done) return batch.value;
    write(batch.value);
  }
}

/**
 * The pieces {@link renderTo} writes, for a caller that waits between them
 * (an asynchronous file write). The generator's return value is undefined
 * when the report is complete, else the reporter's error.
 */
export function* renderBatches(format: FormatName, result: Result, context: ReportContext): Generator<string, string | undefined, undefined> {
  const chunked = chunkedFormats[format];
  if (!chunked) {
    const rendered = render(format, result, context);
    if (!rendered.ok) return rendered.error;
    yield rendered.output;
    return undefined;
  }
  let batch = '';
  let pieces: Iterator<string>;
  try {
    pieces = chunked(result, context)[Symbol.iterator]();
  } catch (error) {
    return failure(format, error);
  }
  for (;;) {
    let piece: IteratorResult<string>;
    try {
      piece = pieces.next();
    } catch (error) {
      return failure(format, error);
    }
    if (piece.done) break;
    batch += piece.value;
    if (batch.length >= BATCH) {
      yield batch;
      batch = '';
    }
  }
  if (batch !== '') yield batch;
  return undefined;
}
