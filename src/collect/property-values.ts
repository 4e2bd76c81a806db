/**
 * Hast property values as the collector reads them, whether a parser or a
 * pipeline built the properties (a list, a number, a boolean, a string).
 */
import type { Properties } from 'hast';

/** A property's value as the attribute's text: a list joined by spaces, `true` as `''`; `undefined` when absent. */
export function stringProp(properties: Properties, name: string): string | undefined {
  const value = properties[name];
  if (value === undefined || value === null || value === false) return undefined;
  if (Array.isArray(value)) return value.join(' ');
  if (value === true) return '';
  return String(value);
}

/** A token list property (`rel`) as lowercase tokens. */
export function tokens(value: unknown): readonly string[] {
  if (Array.isArray(value)) return value.map((token) => String(token).toLowerCase());
  if (typeof value === 'string') return value.toLowerCase().split(/\s+/).filter(Boolean);
  return NO_TOKENS;
}

/** The tokens of an absent attribute: one shared, frozen list (most links have no `rel`). */
const NO_TOKENS: readonly string[] = Object.freeze([]);

/** `data-linkgraph-ignore`: bare means every rule; a list names rules. */
export function ignoreOf(properties: Properties): true | readonly string[] | undefined {
  const value = properties['dataLinkgraphIgnore'];
  if (value === undefined || value === null || value === false) return undefined;
  if (value === true || value === '') return true;
  const list = String(value).split(/[\s,]+/).filter(Boolean);
  return list.length === 0 || list.includes('all') ? true : list;
}
