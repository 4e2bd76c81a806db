import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import * as node from '../../src/node/index.js';

describe('reports and baseline in the public API', () => {
  it('exports every format and the baseline functions', () => {
    expect(Object.keys(api.formats).sort()).toEqual(['github', 'html', 'json', 'junit', 'markdown', 'sarif', 'text']);
    for (const name of ['createBaseline', 'matchBaseline', 'parseBaseline', 'stringifyBaseline', 'fingerprintOf', 'formatGithubSummary'] as const) {
      expect(typeof api[name]).toBe('function');
    }
    expect(typeof node.readBaseline).toBe('function');
    expect(typeof node.writeBaseline).toBe('function');
    expect(node.DEFAULT_BASELINE_FILE).toBe('linkgraph-baseline.json');
    expect(api.ANNOTATIONS_PER_KIND).toBe(10);
  });
});

describe('the entries', () => {
  it('puts what needs Node.js in linkgraph/node, and only there', () => {
    const nodeOnly = ['checkDirectory', 'createExternalChecker', 'readBaseline', 'writeBaseline', 'DEFAULT_BASELINE_FILE', 'SiteDirectoryError'];
    expect(Object.keys(node).sort()).toEqual([...nodeOnly].sort());
    expect(Object.keys(api).filter((name) => nodeOnly.includes(name))).toEqual([]);
  });
});
