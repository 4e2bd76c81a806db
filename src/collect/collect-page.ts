import type { Element, ElementContent, Root, RootContent } from 'hast';
import type { PageRecord, Point } from '../types.js';
import { selectContent } from './content-selector.js';
import { PageCollector, type CollectOptions } from './page-collector.js';

/**
 * Collect a page record from the hast tree of one built HTML page: walks
 * the tree and feeds its events to a {@link PageCollector}.
 *
 * Pure: reads only the tree. Positions come from the tree's `position`
 * fields (present when the tree was parsed from a file).
 *
 * @param tree hast root of the page.
 * @param options the page's file and URL, and collection options.
 * @returns the page record.
 */
export function collectPage(tree: Root, options: CollectOptions): PageRecord {
  const content = options.contentSelector ? selectContent(options.contentSelector, tree) : undefined;
  const collector = new PageCollector<Point | undefined>(
    options,
    // A copy: records keep their points, and a later step of a pipeline may change the tree's.
    (point) => point && { line: point.line, column: point.column },
    content !== undefined,
  );
  // A loop with a stack of its own, not recursion: a tree from elsewhere (a unified pipeline) may be
  // nested deeper than the call stack reaches.
  const open: Element[] = [];
  const resume: number[] = [];
  let nodes: readonly (RootContent | ElementContent)[] = tree.children;
  let index = 0;
  for (;;) {
    if (index < nodes.length) {
      const node = nodes[index++]!;
      if (node.type === 'element') {
        collector.open(node.tagName, node.properties, node.position?.start, content?.has(node) ?? false);
        open.push(node);
        resume.push(index);
        nodes = node.children;
        index = 0;
      } else if (node.type === 'text') {
        collector.text(node.value);
      } else {
        collector.other();
      }
      continue;
    }
    const element = open.pop();
    if (element === undefined) break;
    collector.close(element.position?.end);
    index = resume.pop()!;
    nodes = open.length === 0 ? tree.children : open[open.length - 1]!.children;
  }
  return collector.finish();
}
