/**
 * Hast properties from a start tag's attributes, as hastscript makes them
 * when hast-util-from-html builds a tree: the token driver builds them
 * itself, and only those the page collector reads.
 */
import type { Properties } from 'hast';
import { find, html as htmlSchema, svg as svgSchema, type Info } from 'property-information';
import { COLLECTED_PROPERTIES } from './page-collector.js';

/** The properties of an element without attributes the collector reads. */
export const NO_PROPERTIES: Properties = Object.freeze({}) as Properties;

/**
 * How hastscript reads an attribute the collector uses; `null` for one it
 * ignores; `'bail'` for a name hastscript would mistake for something else.
 */
export type AttributeInfo = Info | null | 'bail';
const htmlAttributes = new Map<string, AttributeInfo>();
const svgAttributes = new Map<string, AttributeInfo>();

/**
 * How hastscript reads the attribute `key` (lowercase) of an HTML element,
 * or of an SVG element when `svg`.
 */
export function attributeInfo(key: string, svg: boolean): AttributeInfo {
  const known = svg ? svgAttributes : htmlAttributes;
  let info = known.get(key);
  if (info === undefined) {
    // `constructor` and friends would reach Object.prototype in hastscript's lookups.
    if (Object.hasOwn(Object.prototype, key)) info = 'bail';
    else {
      const found = find(svg ? svgSchema : htmlSchema, key);
      info = COLLECTED_PROPERTIES.has(found.property) ? found : null;
    }
    known.set(key, info);
  }
  return info;
}

/** hastscript's `addProperty` for a string value. */
export function propertyValue(info: Info, value: string): Properties[string] {
  let list: string[];
  if (info.spaceSeparated) list = spaces(value);
  else if (info.commaSeparated) list = commas(value);
  else if (info.commaOrSpaceSeparated) list = spaces(commas(value).join(' '));
  else return primitive(info, value);
  // As in hastscript: a list's items may become `true`, which hast's types do not expect.
  return list.map((item) => primitive(info, item)) as (string | number)[];
}

/** One value as hastscript keeps it: a number or `true` where the property takes one, else the string. */
function primitive(info: Info, value: string): string | number | true {
  if (info.number && value && !Number.isNaN(Number(value))) return Number(value);
  if ((info.boolean || info.overloadedBoolean) && (value === '' || value.toLowerCase() === info.property.toLowerCase())) return true;
  return value;
}

/** `space-separated-tokens` parse. */
function spaces(value: string): string[] {
  const input = value.trim();
  return input ? input.split(/[ \t\n\r\f]+/g) : [];
}

/** `comma-separated-tokens` parse. */
function commas(value: string): string[] {
  const tokens: string[] = [];
  let index = value.indexOf(',');
  let start = 0;
  let end = false;
  while (!end) {
    if (index === -1) {
      index = value.length;
      end = true;
    }
    const token = value.slice(start, index).trim();
    if (token || !end) tokens.push(token);
    start = index + 1;
    index = value.indexOf(',', start);
  }
  return tokens;
}
