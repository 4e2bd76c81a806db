// The same check as `npx remark . --quiet --frail`, through unified's API.
import { readdir } from 'node:fs/promises';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { read } from 'to-vfile';
import { unified } from 'unified';
import { reporter } from 'vfile-reporter';
import remarkLinkgraph, { createCollector } from 'linkgraph/remark';

const collector = createCollector();
const processor = unified().use(remarkParse).use(remarkFrontmatter).use(remarkGfm).use(remarkLinkgraph, { collector });
const names = (await readdir('.', { recursive: true })).filter((name) => name.endsWith('.md')).sort();
const files = await Promise.all(names.map((name) => read(name)));
for (const file of files) await processor.run(processor.parse(file), file);
const result = await collector.finish();
console.error(reporter(files, { quiet: true }));
process.exitCode = result.failed ? 1 : 0;
