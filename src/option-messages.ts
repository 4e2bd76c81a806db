/**
 * zod's issues as linkgraph's option errors say them: one line per
 * problem, at the full path of the value, with what was expected, what was
 * received, and a "did you mean" for a mistyped key.
 */
import type { z } from 'zod';
import { closestMatch } from './rules/util/closest-match.js';

type Issue = z.core.$ZodIssue;

/**
 * One line per problem: `origin: \`path\` expected …, received …`, with
 * the full path of the value (`external.timeouts.request`), the values
 * allowed, and a "did you mean" for a mistyped key.
 *
 * @param schema the schema that was parsed, to name the keys it knows.
 * @param prefix where that schema sits in the options (`['rules', 'click-depth', 1]`).
 */
export function describeIssues(error: z.ZodError, schema: z.ZodType, origin: string, prefix: readonly PropertyKey[] = []): string {
  return error.issues
    .flatMap((issue) => explain(issue, issue.path, schema))
    .map(({ path, message }) => `${origin}: \`${formatPath([...prefix, ...path]) || '(root)'}\` ${message}`)
    .join('\n');
}

/** An issue as messages, each at the path of the value it is about. */
function explain(issue: Issue, path: readonly PropertyKey[], schema: z.ZodType): { path: readonly PropertyKey[]; message: string }[] {
  switch (issue.code) {
    case 'invalid_union': {
      // Of `true | {…}`, the branch that took the value's type and failed deeper names the real problem.
      const deeper = issue.errors.filter((branch) => branch.length > 0 && branch.every((inner) => inner.path.length > 0));
      if (deeper.length === 1) return deeper[0]!.flatMap((inner) => explain(inner, [...path, ...inner.path], schema));
      if (issue.message !== 'Invalid input') return [{ path, message: issue.message }];
      const expected = new Set<string>();
      for (const branch of issue.errors) {
        for (const inner of branch) {
          if (inner.path.length > 0) continue;
          if (inner.code === 'invalid_type') expected.add(typeName(inner.expected));
          else if (inner.code === 'invalid_value') for (const value of inner.values) expected.add(`\`${String(value)}\``);
        }
      }
      return [{ path, message: `expected ${orList([...expected])}, received ${shown(issue.input)}` }];
    }
    case 'invalid_value':
      return [{ path, message: `expected ${issue.values.length === 1 ? '' : 'one of '}${orList(issue.values.map((value) => `\`${String(value)}\``))}, received ${shown(issue.input)}` }];
    case 'invalid_type':
      return [{ path, message: `expected ${typeName(issue.expected)}, received ${shown(issue.input)}` }];
    case 'unrecognized_keys': {
      const known = keysAt(schema, path);
      return issue.keys.map((key) => {
        const near = closestMatch(key, known);
        return { path: [...path, key], message: `is not an option; ${near === undefined ? `expected one of ${known.map((name) => `\`${name}\``).join(', ')}` : `did you mean \`${near}\`?`}` };
      });
    }
    case 'custom':
      return [{ path, message: issue.message }];
    default:
      return [{ path, message: `${issue.message.replace(/^(?:Invalid (?:input|option)|Too (?:small|big)): /, '')}, received ${shown(issue.input)}` }];
  }
}

/** The keys an object schema at `path` (through defaults, unions and records) accepts. */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'default':
    case 'prefault':
    case 'optional':
    case 'nullable':
      return keysAt(def['innerType'] as z.ZodType, path);
    case 'pipe':
      return keysAt(def['in'] as z.ZodType, path);
    case 'union':
      return [...new Set((def['options'] as z.ZodType[]).flatMap((option) => keysAt(option, path)))];
    case 'record':
      return path.length === 0 ? [] : keysAt(def['valueType'] as z.ZodType, path.slice(1));
    case 'object': {
      const shape = def['shape'] as Record<string, z.ZodType>;
      if (path.length === 0) return Object.keys(shape);
      const inner = shape[String(path[0])];
      return inner === undefined ? [] : keysAt(inner, path.slice(1));
    }
    default:
      return [];
  }
}

/** `external.timeouts.request`, `ignore.rules[2]`. */
function formatPath(path: readonly PropertyKey[]): string {
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`)).join('');
}

/** A value as a message shows it: in backticks, JSON but for plain strings, cut when long. */
export function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = typeof value === 'string' ? value : value instanceof RegExp ? String(value) : (JSON.stringify(value) ?? String(value));
  return `\`${text.length > 80 ? `${text.slice(0, 77)}...` : text}\``;
}

/** zod's name of a type as the message says it. */
function typeName(expected: string): string {
  const names: Record<string, string> = { object: 'an object', record: 'an object', array: 'a list', tuple: 'a list', int: 'an integer', boolean: 'a boolean', number: 'a number', string: 'a string' };
  return names[expected] ?? expected;
}

/** `a`, `a or b`, `a, b or c`. */
function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? 'nothing') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)!}`;
}
