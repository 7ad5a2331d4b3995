/**
 * Benchmark harness: `npm run bench` runs every scripts/bench/<name>.ts; `npm run bench -- NAME` one.
 * Each benchmark module default-exports an async function returning its figures; the harness prints
 * ONE JSON line per benchmark: {"name": "...", ...figures}. Targets live here, never in timed tests.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = fileURLToPath(new URL('./bench/', import.meta.url));
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : available;
let failed = false;
for (const name of names) {
  if (!available.includes(name)) {
    console.log(
      JSON.stringify({
        name,
        error: { code: 'unknown-benchmark', message: `Known: ${available.join(', ')}` },
      }),
    );
    failed = true;
    continue;
  }
  try {
    const mod = (await import(pathToFileURL(path.join(dir, `${name}.ts`)).href)) as {
      default: () => Promise<Record<string, unknown>>;
    };
    const figures = await mod.default();
    console.log(JSON.stringify({ name, ...figures }));
  } catch (e) {
    console.log(JSON.stringify({ name, error: { code: 'benchmark-failed', message: (e as Error).message } }));
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
