import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { ORIGIN_ATTRIBUTE } from '../collect/link-attributes.js';
import { VERSION } from '../version.js';

/**
 * Elements whose URLs the collector reads; each one written in Markdown or
 * MDX is tagged with where it was written.
 */
const TAGGED = ['a', 'area', 'img', 'source', 'iframe', 'video', 'audio', 'track', 'embed', 'object'];

/**
 * The property key the plugins set: the attribute name itself, not hast's
 * camel-cased `dataLinkgraphSrc`. Astro's Markdown image pipeline copies an
 * `img`'s properties verbatim onto its `<Image>` component, which writes
 * each key as an attribute name; both serialisers map the hyphenated key to
 * the same attribute.
 */
const ORIGIN_PROPERTY = ORIGIN_ATTRIBUTE;

/**
 * A unist position as the Markdown processors give it: offsets 0-based, in
 * UTF-16 units as unist says, or in UTF-8 bytes as some Satteri versions
 * give them (0.3.x, with astro 7.0-7.1).
 */
interface NodePosition {
  start: { line: number; column: number; offset?: number | undefined };
}

/** Whether the plugins tag elements. Shared by reference so a later hook can switch them off. */
export interface TaggingState {
  /** Tag elements (true only in static `astro build`s, where every tag is stripped again). */
  enabled: boolean;
}

/**
 * Maps a position in the text a Markdown processor was given back to the
 * author's file. Astro hands processors either the whole file with its
 * front matter blanked to spaces (pages, MDX: offsets already match) or a
 * content-collection body trimmed of front matter and surrounding blank
 * lines (offsets are shifted by where that body starts). Finding the body in
 * the file gives the exact shift in both cases; a body that is not in the
 * file (a loader that rewrote it) gets no position rather than a wrong one.
 */
export function createOriginMapper(root: string): (file: string, source: string, position: NodePosition | undefined) => string | undefined {
  const files = new Map<string, { text: string; lineStarts: number[] } | undefined>();
  const relativeTo = relativeFrom(root);
  const shifts = new Map<string, number>();
  const load = (file: string): { text: string; lineStarts: number[] } | undefined => {
    if (files.has(file)) return files.get(file);
    let entry: { text: string; lineStarts: number[] } | undefined;
    try {
      const text = readFileSync(file, 'utf8');
      const lineStarts = [0];
      for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lineStarts.push(index + 1);
      entry = { text, lineStarts };
    } catch {
      entry = undefined;
    }
    files.set(file, entry);
    return entry;
  };
  const sources = new Map<string, Uint32Array | undefined>();
  return (file, source, position) => {
    const given = position?.start.offset;
    if (given === undefined) return undefined;
    const offset = checkedOffset(source, given, sources);
    if (offset === undefined) return undefined;
    const entry = load(file);
    if (!entry) return undefined;
    const key = `${file}\0${source.length}\0${source.slice(0, 64)}`;
    let shift = shifts.get(key);
    if (shift === undefined) {
      shift = entry.text.length === source.length ? 0 : entry.text.indexOf(source);
      shifts.set(key, shift);
    }
    if (shift === -1) return undefined;
    const absolute = shift + offset;
    // The last line start at or before `absolute` (binary search).
    let low = 0;
    let high = entry.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (entry.lineStarts[middle]! <= absolute) low = middle;
      else high = middle - 1;
    }
    return `${relativeTo(file)}:${low + 1}:${absolute - entry.lineStarts[low]! + 1}`;
  };
}

/**
 * A source file's path relative to the project root, `/` separators. A
 * processor may name the file by its real path while the root is named
 * through a symlink (a project inside a linked folder): then the root's
 * real path is the one the file is under.
 */
function relativeFrom(root: string): (file: string) => string {
  let realRoot: string | undefined;
  return (file) => {
    let relative = path.relative(root, file);
    if (relative.startsWith('..')) {
      try {
        realRoot ??= realpathSync(root);
      } catch {
        realRoot = root;
      }
      const fromReal = path.relative(realRoot, file);
      if (!fromReal.startsWith('..')) relative = fromReal;
    }
    return relative.split(path.sep).join('/');
  };
}

/**
 * The UTF-16 index in `source` where an element written in Markdown or MDX
 * starts, from the offset a processor gave, checked against the text: an
 * element starts at `[`, `!`, `<` or a bare URL. The offset is taken as
 * UTF-16 units first, then as UTF-8 bytes; when neither lands on such a
 * start, there is no position rather than a wrong one.
 *
 * @param byteIndexes per source, the UTF-8 byte offset of each UTF-16 index (made on first need).
 */
export function checkedOffset(source: string, offset: number, byteIndexes: Map<string, Uint32Array | undefined>): number | undefined {
  if (startsElement(source, offset)) return offset;
  let bytes = byteIndexes.get(source);
  if (bytes === undefined) byteIndexes.set(source, (bytes = utf8Offsets(source)));
  // The index whose byte offset is `offset` (binary search; none when it falls inside a character).
  let low = 0;
  let high = bytes.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (bytes[middle]! < offset) low = middle + 1;
    else high = middle;
  }
  return bytes[low] === offset && startsElement(source, low) ? low : undefined;
}

/** Whether an element written in Markdown or MDX can start at `index`: a link, an image, a tag or a bare URL. */
function startsElement(source: string, index: number): boolean {
  const char = source[index];
  if (char === '[' || char === '!' || char === '<') return true;
  return /^(?:https?:\/\/|www\.|mailto:)/i.test(source.slice(index, index + 8));
}

/** For each UTF-16 index of `text` (and its end), the UTF-8 byte offset there. */
function utf8Offsets(text: string): Uint32Array {
  const offsets = new Uint32Array(text.length + 1);
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    offsets[index] = bytes;
    const code = text.charCodeAt(index);
    // A surrogate pair is 4 bytes: 2 counted for each half.
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code <= 0xdfff ? 2 : 3;
  }
  offsets[text.length] = bytes;
  return offsets;
}

/** The minimal shape of Satteri's hast visitor context that the plugin uses. */
interface SatteriContext {
  readonly source: string;
  readonly fileURL: URL | undefined;
  setProperty(node: unknown, key: string, value: unknown): void;
}

/** An MDX JSX element as Satteri hands it to a visitor. */
interface SatteriJsxElement {
  name: string | null;
  position?: NodePosition | undefined;
}

/**
 * Satteri hast plugin (astro 7's default Markdown and MDX processor) that
 * tags each link-bearing element with {@link ORIGIN_ATTRIBUTE}
 * `="src/…/file.md:line:column"`. `enabled` is part of the object so that
 * Astro's content-store digest changes with it: entries rendered with tags
 * are never reused by a build that would not strip them.
 */
export function satteriSourcePlugin(root: string, state: TaggingState): Record<string, unknown> {
  const origin = createOriginMapper(root);
  const tag = (node: { position?: NodePosition | undefined }, context: SatteriContext, key: string): void => {
    if (!state.enabled || context.fileURL === undefined || context.fileURL.protocol !== 'file:') return;
    const value = origin(fileURLToPath(context.fileURL), context.source, node.position);
    if (value !== undefined) context.setProperty(node, key, value);
  };
  const jsx = {
    filter: TAGGED,
    visit: (node: SatteriJsxElement, context: SatteriContext) => tag(node, context, ORIGIN_ATTRIBUTE),
  };
  return {
    name: 'linkgraph-source-positions',
    // Part of Astro's content-store digest too: entries tagged by another linkgraph version are rendered again.
    version: VERSION,
    state,
    options: { position: true },
    element: { filter: TAGGED, visit: (node: Element, context: SatteriContext) => tag(node, context, ORIGIN_PROPERTY) },
    mdxJsxFlowElement: jsx,
    mdxJsxTextElement: jsx,
  };
}

/** The minimal shape of an MDX JSX element in a unified hast tree. */
interface UnifiedJsxElement {
  type: 'mdxJsxFlowElement' | 'mdxJsxTextElement';
  name: string | null;
  attributes: { type: string; name?: string; value?: unknown }[];
  position?: NodePosition | undefined;
}

/**
 * rehype plugin (astro's unified processor, and astro 5-6) that does what
 * {@link satteriSourcePlugin} does. Use as `[rehypeSourcePositions, {root, state}]`.
 */
export function rehypeSourcePositions(options: { root: string; state: TaggingState }) {
  const origin = createOriginMapper(options.root);
  return (tree: Root, file: { path?: string | undefined; value?: unknown }): void => {
    if (!options.state.enabled || !file.path || typeof file.value !== 'string') return;
    const filePath = file.path.startsWith('file:') ? fileURLToPath(file.path) : file.path;
    const source = file.value;
    visit(tree, (node) => {
      // MDX trees hold JSX nodes that the plain hast types do not list.
      const type: string = node.type;
      if (type === 'element') {
        const element = node as Element;
        if (!TAGGED.includes(element.tagName)) return;
        const value = origin(filePath, source, element.position);
        if (value !== undefined) element.properties[ORIGIN_PROPERTY] = value;
      } else if (type === 'mdxJsxFlowElement' || type === 'mdxJsxTextElement') {
        const element = node as unknown as UnifiedJsxElement;
        if (element.name === null || !TAGGED.includes(element.name)) return;
        const value = origin(filePath, source, element.position);
        if (value !== undefined) element.attributes.push({ type: 'mdxJsxAttribute', name: ORIGIN_ATTRIBUTE, value });
      }
    });
  };
}
