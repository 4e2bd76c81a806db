/** The CLI's arguments: its options, and how `main` parses them. */
import { parseArgs } from 'node:util';

/** Every option of the CLI, as `parseArgs` reads them. */
const OPTIONS = {
  site: { type: 'string' },
  base: { type: 'string' },
  'trailing-slash': { type: 'string' },
  'fail-on': { type: 'string' },
  format: { type: 'string', multiple: true },
  output: { type: 'string', short: 'o' },
  baseline: { type: 'string' },
  'content-selector': { type: 'string' },
  external: { type: 'boolean' },
  offline: { type: 'boolean' },
  'external-exclude': { type: 'string', multiple: true },
  'external-cache-dir': { type: 'string' },
  'no-external-cache': { type: 'boolean' },
  config: { type: 'string', short: 'c' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/**
 * Parse the CLI's arguments (after the executable and script).
 *
 * @throws {TypeError} on an unknown option or a missing value (`parseArgs`' errors).
 */
export function parseCliArgs(argv: readonly string[]) {
  return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS });
}
