/**
 * The `contentSelector` option: the elements it matches in a page, and
 * whether a value can serve as one. Both go through `hast-util-select`,
 * loaded on first use: only a content selector needs it.
 */
import type { Element, Root } from 'hast';
import { createRequire } from 'node:module';
import type { selectAll as SelectAll } from 'hast-util-select';
import type { AstPseudoClass, AstPseudoElement } from 'css-selector-parser';

/**
 * The elements of `tree` that `selector` matches: links inside them are
 * content, every other link is template.
 */
export function selectContent(selector: string, tree: Root): ReadonlySet<Element> {
  return new Set(select()(selector, tree));
}

const require = createRequire(import.meta.url);
let selectAll: typeof SelectAll | undefined;

/** `hast-util-select`'s `selectAll`, loaded on first use. */
function select(): typeof SelectAll {
  selectAll ??= (require('hast-util-select') as typeof import('hast-util-select')).selectAll;
  return selectAll;
}

/** A tree with an element to match: hast-util-select reports some problems only on meeting one. */
const PROBE: Root = { type: 'root', children: [{ type: 'element', tagName: 'div', properties: {}, children: [] }] };

/**
 * Why `value` cannot serve as a content selector, or undefined when it can.
 * It is compiled once, as {@link selectContent} does: a syntax error shows at
 * once, but hast-util-select rejects a pseudo-element (`::before`) or a
 * pseudo-class it does not know (`:hover`) only when it tests an element
 * against that part of the selector, which a selector whose first part
 * matches no element never reaches. So each of those parts is also tried
 * alone, on an element.
 */
export function selectorProblem(value: string): string | undefined {
  try {
    select()(value, PROBE);
    // hast-util-select's own parser, found where it is installed, to see every part of the selector.
    const parser = createRequire(require.resolve('hast-util-select'))('css-selector-parser') as typeof import('css-selector-parser');
    const ast = parser.createParser({ syntax: 'selectors-4' })(value);
    for (const part of pseudoParts(ast)) select()(parser.render({ type: 'Rule', items: [part] }), PROBE);
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(/^css-selector-parser parse error: /, '');
  }
}

/** Every pseudo-class and pseudo-element in a parsed selector, those inside `:not(…)` and the like included. */
function pseudoParts(node: unknown): (AstPseudoClass | AstPseudoElement)[] {
  const found: (AstPseudoClass | AstPseudoElement)[] = [];
  const pending: unknown[] = [node];
  while (pending.length > 0) {
    const next = pending.pop();
    if (Array.isArray(next)) pending.push(...(next as unknown[]));
    else if (typeof next === 'object' && next !== null) {
      const type = (next as { type?: unknown }).type;
      if (type === 'PseudoClass' || type === 'PseudoElement') found.push(next as AstPseudoClass | AstPseudoElement);
      pending.push(...Object.values(next));
    }
  }
  return found;
}

