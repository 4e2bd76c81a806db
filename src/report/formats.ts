import { formatJson } from './json.js';
import type { Reporter } from './report-context.js';
import { formatText } from './text.js';

/** Every report format, by name. */
export const formats = {
  text: formatText,
  json: formatJson,
} as const satisfies Record<string, Reporter>;

/** A report format name. */
export type FormatName = keyof typeof formats;

/** Whether a string names a format. */
export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(formats, name);
}
