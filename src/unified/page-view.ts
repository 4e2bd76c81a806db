import GithubSlugger from 'github-slugger';
import type { Root, RootContent } from 'hast';
import { raw } from 'hast-util-raw';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { parseDirective } from '../engine/directives.js';
import type { Directive } from '../types.js';

/** What linkgraph reads from one processed file, besides its links. */
export interface PageView {
  /** The tree as the page shows it: raw HTML parsed, front matter left out. */
  tree: Root;
  /** Ids the page's headings get on GitHub, for headings that have none in the tree. */
  headingIds: string[];
  /** The file's suppression comments, in document order. */
  directives: Directive[];
}

const HEADING = /^h[1-6]$/;

/**
 * Read a processed file as the page it shows, without changing the file's
 * tree. Raw HTML (Markdown's inline HTML, kept by `allowDangerousHtml`) is
 * parsed as rehype-raw would, so its links, `id`s, `<a name>`s and comments
 * count. For a source file (Markdown), front matter that no plugin
 * recognised is left out, and each heading without an `id` gets the one
 * GitHub and remark-validate-links give it (github-slugger); a heading whose
 * `id` a plugin set (rehype-slug, a custom id) keeps it.
 *
 * @param fromSource whether the file is a source (Markdown, MDX) rather than HTML.
 */
export function pageView(tree: Root, file: VFile, fromSource: boolean): PageView {
  // Only trees made from a source hold raw HTML: an HTML page's tree is parsed already.
  const view = fromSource ? withoutFrontMatter(hasRaw(tree) ? parseRaw(tree, file) : tree, String(file.value ?? '')) : tree;
  const headingIds: string[] = [];
  const slugger = new GithubSlugger();
  const directives: Directive[] = [];
  visit(view, (node, index, parent) => {
    if (node.type === 'comment') {
      const directive = parseDirective(node.value);
      if (!directive || !node.position) return;
      const next = parent && index !== undefined ? nextNode(parent.children, index) : undefined;
      const until = directive.kind === 'ignore' ? (next?.position?.end ?? node.position.end) : undefined;
      directives.push(until ? { ...directive, start: node.position.start, until } : { ...directive, start: node.position.start });
      return;
    }
    if (fromSource && node.type === 'element' && HEADING.test(node.tagName) && (node.properties['id'] === undefined || node.properties['id'] === '')) {
      headingIds.push(slugger.slug(toString(node)));
    }
  });
  return { tree: view, headingIds, directives };
}

/** Whether the tree holds raw HTML. */
function hasRaw(tree: Root): boolean {
  let found = false;
  visit(tree, 'raw', () => {
    found = true;
    return false;
  });
  return found;
}

/** The tree with its raw HTML parsed; the tree as it is when the HTML cannot be parsed. */
function parseRaw(tree: Root, file: VFile): Root {
  try {
    return raw(tree, { file }) as Root;
  } catch {
    return tree;
  }
}

/** The node after `index` that is not white space between blocks. */
function nextNode(siblings: readonly RootContent[], index: number): RootContent | undefined {
  for (let at = index + 1; at < siblings.length; at++) {
    const sibling = siblings[at]!;
    if (sibling.type === 'text' && sibling.value.trim() === '') continue;
    return sibling;
  }
  return undefined;
}

/**
 * The tree without the nodes Markdown made of front matter that no plugin
 * recognised (a thematic break, then the YAML as a paragraph or a heading).
 */
function withoutFrontMatter(tree: Root, source: string): Root {
  const end = frontMatterEnd(source);
  if (end === undefined) return tree;
  const children = tree.children.filter((child) => child.position === undefined || child.position.start.line > end);
  return children.length === tree.children.length ? tree : { ...tree, children };
}

/**
 * The line on which front matter at the start of a source closes: YAML
 * between `---` lines (closed by `---` or `...`), or TOML between `+++` lines.
 *
 * @returns the 1-based line of the closing fence, or undefined without front matter.
 */
export function frontMatterEnd(source: string): number | undefined {
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  const fence = lines[0]?.trimEnd();
  if (fence !== '---' && fence !== '+++') return undefined;
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index]!.trimEnd();
    if (line === fence || (fence === '---' && line === '...')) return index + 1;
  }
  return undefined;
}
