import type { Root } from 'hast';
import type { VFile } from 'vfile';
import type { ExternalChecker } from '../engine/external-stage.js';
import type { Result } from '../types.js';
import { resolveUnifiedOptions, type UnifiedOptions, type UnifiedSettings } from './options.js';
import { entryOf, finishSite, outboundCheck } from './site-run.js';

/**
 * The part of unified-engine's `FileSet` the plugins use (structural, so
 * that unified-engine stays an optional companion, not a dependency).
 */
export interface FileSet {
  use(completer: ((set: FileSet) => Promise<undefined>) & { pluginId: string }): unknown;
  valueOf(): VFile[];
}

/** Gathers the pages of one site across files and checks them together. */
export interface Collector<Tree = Root> {
  /** Record one processed file's page. */
  add(tree: Tree, file: VFile): void;
  /**
   * Check the site: run every rule, attach findings to the right vfile as
   * messages (rule id, source `linkgraph`, position, docs URL) and the run's
   * warnings to the first file as notes, and return the result.
   */
  finish(): Promise<Result>;
}

/** Options of a unified plugin: the engine's and the plugins' own, plus a shared collector. */
export interface PluginOptions<Tree> extends UnifiedOptions {
  /**
   * A collector shared by every file of the site, when you drive unified
   * yourself; call `collector.finish()` after the last file. Not needed under
   * unified-engine (remark-cli, rehype-cli), where the file set's completer finishes the site.
   */
  collector?: Collector<Tree>;
}

/**
 * Make a collector for a site processed file by file.
 *
 * @param origin names the plugin in option errors.
 * @param toHast the tree a file's page is read from.
 * @param host the outbound check stage; default: the CLI's, when `external` is on.
 */
export function makeCollector<Tree>(
  options: UnifiedOptions,
  origin: string,
  toHast: (tree: Tree, file: VFile) => Root,
  host: { external?: ExternalChecker },
): Collector<Tree> {
  const settings = resolveUnifiedOptions(options, origin);
  const files: VFile[] = [];
  return {
    add(tree, file) {
      file.data.linkgraph = { ...file.data.linkgraph, entry: entryOf(toHast(tree, file), file, settings) };
      files.push(file);
    },
    finish() {
      return finishSite(files, settings, host.external ?? outboundCheck(settings.engine, process.cwd()));
    },
  };
}

/**
 * Make the attacher of a unified plugin: each processed file becomes a page
 * of the site; the site-wide check runs when `collector.finish()` is called
 * or, under unified-engine, in the file set's completer, so that `--frail`
 * fails the run on warnings.
 *
 * @param origin names the plugin in messages (`linkgraph/remark`).
 * @param toHast the tree a file's page is read from.
 */
export function makeAttacher<Tree>(origin: string, toHast: (tree: Tree, file: VFile) => Root) {
  return (options: PluginOptions<Tree> = {}, fileSet?: FileSet): ((tree: Tree, file: VFile) => void) => {
    const { collector, ...rest } = options ?? {};
    if (collector) return (tree, file) => collector.add(tree, file);
    if (!fileSet) {
      throw new Error(
        `${origin} checks a whole site: pass \`collector: createCollector(options)\` and call \`collector.finish()\` after the last file, or run it under unified-engine (remark-cli, rehype-cli)`,
      );
    }
    const settings = resolveUnifiedOptions(rest, `${origin} options`);
    fileSet.use(Object.assign(completer, { pluginId: 'linkgraph' }));
    return (tree, file) => {
      file.data.linkgraph = { ...file.data.linkgraph, entry: entryOf(toHast(tree, file), file, settings), settings };
    };
  };
}

/** The unified-engine completer: runs once after every file is transformed. */
async function completer(set: FileSet): Promise<undefined> {
  const files = set.valueOf().filter((file) => file.data.linkgraph?.entry !== undefined);
  const settings: UnifiedSettings | undefined = files[0]?.data.linkgraph?.settings;
  if (settings) await finishSite(files, settings, outboundCheck(settings.engine, files[0]!.cwd));
  return undefined;
}
