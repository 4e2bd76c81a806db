import { ruleIds } from '../../src/rules/registry.js';

/** Every rule set to `off`, to test one rule alone. */
export function rulesOff(): Record<string, 'off' | 'warn' | 'error' | 'info'> {
  return Object.fromEntries(ruleIds.map((id) => [id, 'off']));
}
