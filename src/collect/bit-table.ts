/**
 * Names mapped to the OR of the bits of every list they are on, so that
 * one lookup per element answers every question about its name.
 */
export function bitTable(lists: readonly (readonly [bit: number, names: Iterable<string>])[]): ReadonlyMap<string, number> {
  const table = new Map<string, number>();
  for (const [bit, names] of lists) for (const name of names) table.set(name, (table.get(name) ?? 0) | bit);
  return table;
}
