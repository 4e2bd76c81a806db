import { formatGithub } from './github.js';
import { formatHtml } from './html.js';
import { formatJson, formatJsonChunks } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import type { ChunkedReporter, Reporter } from './report-context.js';
import { formatSarif, formatSarifChunks } from './sarif.js';
import { formatText } from './text.js';

/** Every report format, by name. */
export const formats = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
  markdown: formatMarkdown,
  junit: formatJunit,
  html: formatHtml,
} as const satisfies Record<string, Reporter>;

/** Formats that can be written in pieces as they are made: the ones with one entry per finding in a single document. */
export const chunkedFormats: Partial<Record<keyof typeof formats, ChunkedReporter>> = {
  json: formatJsonChunks,
  sarif: formatSarifChunks,
};

/** A report format name. */
export type FormatName = keyof typeof formats;

/** Whether a string names a format. */
export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(formats, name);
}
