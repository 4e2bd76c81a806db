import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';

describe('reports and baseline in the public API', () => {
  it('exports every format and the baseline functions', () => {
    expect(Object.keys(api.formats).sort()).toEqual(['github', 'html', 'json', 'junit', 'markdown', 'sarif', 'text']);
    for (const name of ['createBaseline', 'matchBaseline', 'parseBaseline', 'stringifyBaseline', 'fingerprintOf', 'readBaseline', 'writeBaseline', 'formatGithubSummary'] as const) {
      expect(typeof api[name]).toBe('function');
    }
    expect(api.DEFAULT_BASELINE_FILE).toBe('linkgraph-baseline.json');
    expect(api.ANNOTATIONS_PER_KIND).toBe(10);
  });
});
