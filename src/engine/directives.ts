import type { Directive, Point, Position } from '../types.js';

/** `linkgraph-disable`, `linkgraph-enable`, `linkgraph-ignore-next`, each with optional rule ids. */
const DASHED = /^linkgraph-(disable|enable|ignore-next)(?:\s+([^]*))?$/;
/** The remark-message-control form: `linkgraph disable`, `linkgraph enable`, `linkgraph ignore`. */
const SPACED = /^linkgraph\s+(disable|enable|ignore)(?:\s+([^]*))?$/;

/**
 * Read one comment as a suppression directive: `linkgraph-disable`,
 * `linkgraph-enable` and `linkgraph-ignore-next`, or as remark-message-control
 * writes them, `linkgraph disable`, `linkgraph enable` and `linkgraph ignore`;
 * each followed by rule ids (spaces or commas between), or by none for every rule.
 *
 * @param comment the comment's text, without `<!--` and `-->`.
 * @returns the kind and rule ids, or undefined when the comment is no directive.
 */
export function parseDirective(comment: string): Pick<Directive, 'kind' | 'rules'> | undefined {
  const text = comment.trim();
  const match = DASHED.exec(text) ?? SPACED.exec(text);
  if (!match) return undefined;
  const word = match[1]!;
  const kind = word === 'ignore-next' || word === 'ignore' ? 'ignore' : (word as 'disable' | 'enable');
  const rules = (match[2] ?? '').split(/[\s,]+/).filter((id) => id !== '');
  return { kind, rules };
}

/**
 * Whether a page's directives suppress a finding of `ruleId` at `position`.
 * A `disable` holds from the comment on, until an `enable` that names the
 * rule (or names none); an `ignore` holds from the comment to the end of the
 * node after it. A finding without a position (a page-level one, such as an
 * orphan) is suppressed when the file ends with the rule disabled.
 *
 * @param directives the page's directives, in document order.
 */
export function suppressedByDirective(directives: readonly Directive[], ruleId: string, position: Position): boolean {
  const at = position.known ? position.start : undefined;
  let disabled = false;
  for (const directive of directives) {
    if (directive.rules.length > 0 && !directive.rules.includes(ruleId)) continue;
    if (directive.kind === 'ignore') {
      if (at && directive.until && !before(at, directive.start) && !before(directive.until, at)) return true;
      continue;
    }
    if (at && before(at, directive.start)) break;
    disabled = directive.kind === 'disable';
  }
  return disabled;
}

/** Whether `a` comes strictly before `b`. */
function before(a: Point, b: Point): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column);
}
