import { z } from 'zod';
import { parseHostOptions, resolveOptions, type Options, type ResolvedOptions } from '../options.js';

/** Options only the unified plugins (`linkgraph/remark`, `linkgraph/rehype`) have. */
const unifiedOnlySchema = z.strictObject({
  /**
   * Folder the site's paths are relative to: a page's URL is its path from
   * here, and a link starting with `/` starts here. Relative to the working
   * directory. Default: the working directory.
   */
  root: z.string().min(1).optional(),
  /**
   * The site's other files (images, downloads), relative to `root`, when you
   * know them; `false` when you cannot, so that links to files that are not
   * pages are not reported. Default: look each linked file up on disk under `root`.
   */
  files: z.union([z.array(z.string()), z.literal(false)]).optional(),
  /**
   * Whether the run holds only part of the site; rules that need the whole
   * site (orphans, click depth, anchor distribution) do not run on a part.
   * Default: a part when a page file on disk next to a processed file, or
   * linked from one, is not in the run.
   */
  partial: z.boolean().optional(),
});

/** Options of the unified plugins: every engine option, plus `root`, `files` and `partial`. */
export type UnifiedOptions = Options & z.input<typeof unifiedOnlySchema>;

/** What a run of the unified plugins needs, every option validated. */
export interface UnifiedSettings {
  /** The engine's options. */
  engine: ResolvedOptions;
  /** The `root` option, relative to each file's `cwd`. */
  root: string | undefined;
  /** The `files` option, when given. */
  files: readonly string[] | false | undefined;
  /** The `partial` option, when given. */
  partial: boolean | undefined;
}

/**
 * Split and validate a unified plugin's options, once, when the plugin is attached.
 *
 * @param origin names the plugin in messages (`linkgraph/remark options`).
 * @throws {OptionsError} naming the option and what was expected.
 */
export function resolveUnifiedOptions(input: UnifiedOptions, origin: string): UnifiedSettings {
  const { root, files, partial, ...engine } = (input ?? {}) as Record<string, unknown>;
  const own = parseHostOptions(unifiedOnlySchema, { root, files, partial }, origin);
  return { engine: resolveOptions(engine, origin), root: own.root, files: own.files, partial: own.partial };
}
