import { describe, expect, it } from 'vitest';
import { listSite } from '../src/node/list-site.js';
import { checkDirectory } from '../src/node/check-directory.js';
import { page } from './helpers/run-site.js';
import { tempSite } from './helpers/temp-site.js';

describe('checkDirectory', () => {
  it('uses a listing the host made of the same directory, and lists any other itself', async () => {
    const dir = await tempSite({
      'index.html': page('<a href="/about/">About</a>'),
      'about/index.html': page('<a href="/">Home</a>'),
    });
    const listing = await listSite(dir);
    expect(listing.files).toEqual(['about/index.html', 'index.html']);
    // The host's listing is the one read: a page it leaves out is not checked.
    const partial = { ...listing, files: ['index.html'], ms: 12.5 };
    const steps: [string, number][] = [];
    const result = await checkDirectory(dir, {}, { listing: partial, timing: (step, ms) => steps.push([step, ms]) });
    expect(result.summary.pages).toBe(1);
    // Its time is the listing's.
    expect(steps).toContainEqual(['list files', 12.5]);
    // A listing of another directory is not used.
    const elsewhere = { ...partial, root: `${listing.root}-elsewhere` };
    expect((await checkDirectory(dir, {}, { listing: elsewhere })).summary.pages).toBe(2);
  });
});
