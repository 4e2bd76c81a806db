import type { Root } from 'hast';
import type { fromParse5 as FromParse5 } from 'hast-util-from-parse5';
import { createRequire } from 'node:module';
import type { DefaultTreeAdapterMap, parse as Parse, TreeAdapter } from 'parse5';
import { VFile } from 'vfile';

/**
 * The deepest an element sits in a tree this parser builds. The HTML
 * standard's tree builder has no limit; Chromium's stops at 512
 * (`kMaximumHTMLParserDOMTreeDepth`) and makes what would go deeper a
 * sibling of its parent instead, so that a page of thousands of unclosed
 * elements is still a page. The hast tree of such a page is walked by
 * recursion (hast-util-from-parse5, hast-util-select), which would run out
 * of stack far below the depth a hostile page reaches.
 */
export const MAX_TREE_DEPTH = 512;

type ParentNode = DefaultTreeAdapterMap['parentNode'];

interface Reference {
  parse: typeof Parse;
  fromParse5: typeof FromParse5;
  adapter: TreeAdapter<DefaultTreeAdapterMap>;
}

let reference: Reference | undefined;

/**
 * The reference hast tree of a page: what `hast-util-from-html` gives
 * (parse5's tree builder, then hast-util-from-parse5, with the same
 * settings), except that no element sits deeper than
 * {@link MAX_TREE_DEPTH}, as in a browser.
 *
 * The tree builder is loaded on first use: most runs never need it, and
 * loading it would lengthen every thread's start-up.
 */
export function parseTree(html: string): Root {
  reference ??= loadReference();
  const document = reference.parse(html, { sourceCodeLocationInfo: true, scriptingEnabled: false, treeAdapter: reference.adapter });
  return reference.fromParse5(document, { file: new VFile(html) }) as Root;
}

function loadReference(): Reference {
  const require = createRequire(import.meta.url);
  // The very parser and converter hast-util-from-html uses, found where it is installed.
  const beside = createRequire(require.resolve('hast-util-from-html'));
  const parse5 = beside('parse5') as typeof import('parse5');
  const { fromParse5 } = beside('hast-util-from-parse5') as typeof import('hast-util-from-parse5');
  return { parse: parse5.parse, fromParse5, adapter: cappedAdapter(parse5.defaultTreeAdapter) };
}

/**
 * parse5's default tree adapter, but an element or comment whose parent is
 * already {@link MAX_TREE_DEPTH} deep goes to the ancestor one level above
 * that depth: its parent's parent, as Chromium's
 * `HTMLConstructionSite::AttachLater` does, or, inside nested templates,
 * an ancestor inside template content still (content that stays inert).
 * Text stays where the tree builder puts it: it has no children, and the
 * builder reads its position back from that parent.
 */
function cappedAdapter(base: TreeAdapter<DefaultTreeAdapterMap>): TreeAdapter<DefaultTreeAdapterMap> {
  // A template's content has no parent node; its depth continues from the template.
  const hosts = new WeakMap<ParentNode, ParentNode>();
  const above = (node: ParentNode): ParentNode | undefined => ('parentNode' in node ? node.parentNode : null) ?? hosts.get(node);
  /** Where a child of `parent` goes: `parent`, or the ancestor at depth `MAX_TREE_DEPTH - 1` (the document is at 0). */
  const placeUnder = (parent: ParentNode): ParentNode => {
    let depth = 0;
    for (let node = above(parent); node !== undefined; node = above(node)) depth++;
    if (depth < MAX_TREE_DEPTH) return parent;
    let place = parent;
    for (let steps = depth - (MAX_TREE_DEPTH - 1); steps > 0; steps--) place = above(place)!;
    return place;
  };
  return {
    ...base,
    appendChild(parent, child) {
      base.appendChild(placeUnder(parent), child);
    },
    setTemplateContent(template, content) {
      hosts.set(content, template);
      base.setTemplateContent(template, content);
    },
  };
}
