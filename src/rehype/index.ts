import type { Root } from 'hast';
import type { VFile } from 'vfile';
import type { ExternalChecker } from '../engine/external-stage.js';
import type { UnifiedOptions } from '../unified/options.js';
import { makeAttacher, makeCollector, type Collector, type FileSet, type PluginOptions } from '../unified/plugin.js';

export type { LinkgraphFileData } from '../unified/site-run.js';
export type { UnifiedOptions } from '../unified/options.js';
export type { Collector, FileSet };

/** Options of the rehype plugin: the engine's options, plus `collector`, `root`, `files` and `partial`. */
export type RehypeLinkgraphOptions = PluginOptions<Root>;

/**
 * Make a collector for a site processed file by file.
 *
 * @param options the engine's options, plus `root`, `files` and `partial`.
 * @param host the outbound check stage. Default: with `external` on, the
 *   same HTTP check as the CLI's (cache under the working directory's
 *   `node_modules/.cache/linkgraph`).
 */
export function createCollector(options: UnifiedOptions = {}, host: { external?: ExternalChecker } = {}): Collector<Root> {
  return makeCollector<Root>(options, 'linkgraph/rehype options', (tree) => tree, host);
}

/**
 * rehype plugin: each processed file (HTML, or Markdown after remark-rehype)
 * becomes a page of the site. The site-wide check runs when
 * `collector.finish()` is called or, under unified-engine (rehype-cli,
 * remark-cli), in the file set's completer, so that `--frail` fails the run
 * on warnings. For Markdown checked with remark-cli, `linkgraph/remark` needs
 * no remark-rehype.
 *
 * @param options the engine's options (see the README), plus `collector`, `root`, `files` and `partial`.
 * @param fileSet given by unified-engine.
 */
const rehypeLinkgraph: (options?: RehypeLinkgraphOptions, fileSet?: FileSet) => (tree: Root, file: VFile) => void = makeAttacher<Root>('linkgraph/rehype', (tree) => tree);

export default rehypeLinkgraph;
