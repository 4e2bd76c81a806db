import type { Root as HastRoot } from 'hast';
import type { Root } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import type { VFile } from 'vfile';
import type { ExternalChecker } from '../engine/external-stage.js';
import type { UnifiedOptions } from '../unified/options.js';
import { makeAttacher, makeCollector, type Collector, type FileSet, type PluginOptions } from '../unified/plugin.js';

export type { LinkgraphFileData } from '../unified/site-run.js';
export type { UnifiedOptions } from '../unified/options.js';
export type { Collector, FileSet };

/** Options of the remark plugin: the engine's options, plus `collector`, `root`, `files` and `partial`. */
export type RemarkLinkgraphOptions = PluginOptions<Root>;

/**
 * The page a Markdown tree becomes, as remark-rehype would make it with
 * `allowDangerousHtml` (so raw HTML and comments count); the Markdown tree
 * itself is left as it is, for the plugins after and for remark-stringify.
 */
function pageTree(tree: Root, file: VFile): HastRoot {
  return toHast(tree, { allowDangerousHtml: true, file }) as HastRoot;
}

/**
 * Make a collector for a folder of Markdown processed file by file.
 *
 * @param options the engine's options, plus `root`, `files` and `partial`.
 * @param host the outbound check stage. Default: with `external` on, the CLI's.
 */
export function createCollector(options: UnifiedOptions = {}, host: { external?: ExternalChecker } = {}): Collector<Root> {
  return makeCollector<Root>(options, 'linkgraph/remark options', pageTree, host);
}

/**
 * remark plugin: each Markdown file becomes a page of the site, without
 * changing the file, so remark-cli can check a folder of Markdown
 * (`remark docs --frail`) and still print one file it was given. Links to
 * other Markdown files (`guide.md#install`, `../dir/`) reach the pages those
 * files are; headings have the ids GitHub gives them; links to files outside
 * the run are looked up on disk. The site-wide check runs when
 * `collector.finish()` is called or, under unified-engine, in the file set's
 * completer.
 *
 * @param options the engine's options (see the README), plus `collector`, `root`, `files` and `partial`.
 * @param fileSet given by unified-engine.
 */
const remarkLinkgraph: (options?: RemarkLinkgraphOptions, fileSet?: FileSet) => (tree: Root, file: VFile) => void = makeAttacher<Root>('linkgraph/remark', pageTree);

export default remarkLinkgraph;
