import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import linkgraph from 'linkgraph/astro';

export default defineConfig({
  site: 'https://playground.example',
  // A redirect: `/start/` is written as a meta-refresh page pointing at the first guide.
  redirects: { '/start': '/guides/getting-started/' },
  integrations: [
    mdx(),
    linkgraph({
      // `astro build` fails on the deliberate defects. `npm run demo` sets
      // LINKGRAPH_FAIL_ON=never so that it shows the report and exits 0.
      failOn: process.env.LINKGRAPH_FAIL_ON ?? 'error',
      // Every report format, written after each build (open .linkgraph/report.html in a browser).
      reports: {
        json: '.linkgraph/report.json',
        sarif: '.linkgraph/report.sarif',
        markdown: '.linkgraph/report.md',
        junit: '.linkgraph/junit.xml',
        github: '.linkgraph/annotations.txt',
        html: '.linkgraph/report.html',
      },
    }),
  ],
});
