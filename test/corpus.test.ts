import { describe, expect, it } from 'vitest';
import { checkSite, compare, formatFinding, listSites, readLabels } from '../corpus/lib.js';

/**
 * The real-site corpus as a regression guard (the table itself is
 * `npm run corpus`): a finding labelled a false alarm must not come back,
 * and a finding labelled a defect must still be found.
 */
describe('real-site corpus', () => {
  const sites = listSites();

  it('has at least 8 sites from at least 6 generators, two of them held out', () => {
    expect(sites.length).toBeGreaterThanOrEqual(8);
    expect(new Set(sites.map((site) => site.generator.split(/[ (]/)[0])).size).toBeGreaterThanOrEqual(6);
    expect(sites.filter((site) => site.holdout)).toHaveLength(2);
  });

  it.each(sites.map((site) => [site.id, site] as const))('%s: no false alarm comes back, no defect goes missing', async (_, site) => {
    const labels = readLabels(site);
    const { byVerdict, missed } = compare(await checkSite(site), labels);
    // Rules off by default run here to measure their precision: their false alarms are why they are off.
    expect(byVerdict.false.filter((item) => !item.audit).map((item) => `${formatFinding(item)} — labelled false: ${labels.labels[item.id]?.reason}`)).toEqual([]);
    expect(missed.map(([id, label]) => `${id} ${label.rule} ${label.page} ${label.what} — labelled ${label.verdict}: ${label.reason}`)).toEqual([]);
  });
});
