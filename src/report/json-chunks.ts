/**
 * `JSON.stringify(value, null, 2)` in pieces, so that a large report is
 * written as it is made instead of held whole: the whole string, its UTF-8
 * copy and the serializer's buffer would each be as large as the report.
 */

/**
 * The pieces of `JSON.stringify(value, null, 2)`: objects and arrays down to
 * `depth` levels are written member by member, everything below them in one
 * `JSON.stringify` each. Joined, the pieces equal `JSON.stringify`'s output
 * for any JSON value (plain objects, arrays, strings, numbers, booleans,
 * null, `toJSON`, members that serialize to nothing).
 *
 * @param depth levels of containers to open; 0 stringifies `value` whole.
 */
export function* jsonChunks(value: unknown, depth: number, indent = ''): Generator<string> {
  const plain = serializable(value);
  if (depth <= 0 || plain === null || typeof plain !== 'object' || plain instanceof String || plain instanceof Number || plain instanceof Boolean) {
    const text = JSON.stringify(plain, null, 2);
    // Text inside JSON strings has no raw line breaks: every '\n' starts a line to indent.
    yield indent === '' ? text : text.replaceAll('\n', `\n${indent}`);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(plain)) {
    if (plain.length === 0) {
      yield '[]';
      return;
    }
    if (depth === 1) {
      yield* memberSlices(plain, indent);
      return;
    }
    for (let index = 0; index < plain.length; index++) {
      yield `${index === 0 ? '[' : ','}\n${inner}`;
      const item = serializable(plain[index]);
      // As JSON.stringify does, an array member that serializes to nothing is `null`.
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') yield 'null';
      else yield* jsonChunks(item, depth - 1, inner);
    }
    yield `\n${indent}]`;
    return;
  }
  let first = true;
  for (const [key, member] of Object.entries(plain)) {
    const item = serializable(member);
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
    first = false;
    yield* jsonChunks(item, depth - 1, inner);
  }
  yield first ? '{}' : `\n${indent}}`;
}

/**
 * Members per `JSON.stringify` call in {@link memberSlices}. Larger slices
 * make strings large enough for V8's large-object space, which only a full
 * collection frees; smaller ones cost more calls for nothing.
 */
const SLICE = 64;

/**
 * An array whose members are written whole, as pieces of
 * {@link SLICE} members each. Each slice is stringified nested in as many
 * arrays as `indent` has levels, so that `JSON.stringify` indents it where it
 * belongs, and the pieces are cut out of the nesting: no re-indenting pass,
 * and a call per slice, not per member.
 */
function* memberSlices(array: readonly unknown[], indent: string): Generator<string> {
  const levels = indent.length / 2;
  let head = '';
  let tail = '';
  for (let level = 0; level <= levels; level++) {
    head += `${'  '.repeat(level)}[\n`;
    tail = `\n${'  '.repeat(level)}]${tail}`;
  }
  for (let start = 0; start < array.length; start += SLICE) {
    let nested: unknown = array.slice(start, start + SLICE);
    for (let level = 0; level < levels; level++) nested = [nested];
    const text = JSON.stringify(nested, null, 2);
    yield `${start === 0 ? '[' : ','}\n${text.slice(head.length, text.length - tail.length)}`;
  }
  yield `\n${indent}]`;
}

/** The value JSON.stringify serializes in place of `value` (its `toJSON()`, when it has one). */
function serializable(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') return (value as { toJSON(): unknown }).toJSON();
  return value;
}
