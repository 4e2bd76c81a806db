import { formatGithub } from './github.js';
import { formatHtml } from './html.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import type { Reporter } from './report-context.js';
import { formatSarif } from './sarif.js';
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

/** A report format name. */
export type FormatName = keyof typeof formats;

/** Whether a string names a format. */
export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(formats, name);
}
