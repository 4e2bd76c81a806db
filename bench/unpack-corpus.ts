/**
 * Unpack the real-site corpus's sites (see corpus/README.md) and print, as
 * one JSON line, each site's id, page count, directory and linkgraph
 * options. Run by `bench/run.ts` as a child process: the corpus's code
 * imports linkgraph's TypeScript sources, which the benchmark's own
 * process does not load.
 *
 * Usage: node --experimental-transform-types --import ./bench/ts-resolve.mjs bench/unpack-corpus.ts [id,id,...]
 */
import { listSites, unpack } from '../corpus/lib.ts';

const only = process.argv[2] === undefined || process.argv[2] === 'all' ? undefined : new Set(process.argv[2].split(','));
const sites = listSites().filter((site) => only === undefined || only.has(site.id));
const missing = only === undefined ? [] : [...only].filter((id) => !sites.some((site) => site.id === id));
if (missing.length > 0) {
  process.stderr.write(`unpack-corpus: no corpus site ${missing.map((id) => `\`${id}\``).join(', ')}\n`);
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(sites.map((site) => ({ id: site.id, pages: site.pages, dir: unpack(site), options: site.options })))}\n`);
