import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup: generate the HTML report's inlined assets
 * (src/report/html/assets.generated.ts, not committed), so that
 * `npx vitest` works on a fresh checkout without `npm run build` first.
 */
export default function setup(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL('../../scripts/generate-html-assets.mjs', import.meta.url))], { stdio: 'inherit' });
}
