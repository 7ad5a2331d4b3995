/**
 * The package's node_modules: only the RUNTIME_PACKAGES (bundle.ts) and what they need, copied from the build
 * machine's node_modules (already built for Node 20 — the runtime shipped beside them), then pruned of what
 * nothing loads at run time (C sources, build intermediates, docs, tests, TypeScript types).
 * No `npm ci` (no registry needed, no second native build).
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** Where Node would find `name` from a package at `fromDir` (its own node_modules, then every parent's). */
function locate(repo: string, fromDir: string, name: string): string | null {
  let dir = fromDir;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.resolve(dir) === path.resolve(repo)) return null;
    dir = path.dirname(dir);
    if (path.basename(dir) === 'node_modules') dir = path.dirname(dir);
    if (dir.startsWith('@') || path.basename(dir).startsWith('@')) dir = path.dirname(dir);
  }
}

/** Package folders (relative to the repository) that the runtime packages need, transitively. */
export function runtimeClosure(repo: string, roots: readonly string[]): string[] {
  const seen = new Set<string>();
  const queue: Array<{ from: string; name: string; optional: boolean }> = roots.map((name) => ({
    from: repo,
    name,
    optional: false,
  }));
  while (queue.length > 0) {
    const { from, name, optional } = queue.shift()!;
    const dir = locate(repo, from, name);
    if (!dir) {
      if (optional) continue;
      throw new Error(`runtime package ${name} (needed from ${path.relative(repo, from) || '.'}) is not installed`);
    }
    const rel = path.relative(repo, dir);
    if (seen.has(rel)) continue;
    seen.add(rel);
    const m = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;
    for (const d of Object.keys(m.dependencies ?? {})) queue.push({ from: dir, name: d, optional: false });
    for (const d of Object.keys(m.optionalDependencies ?? {})) queue.push({ from: dir, name: d, optional: true });
  }
  return [...seen].sort();
}

/** Never loaded at run time (the compiled addons in build/Release/*.node are kept). */
const PRUNE_DIRS = new Set(['test', 'tests', '__tests__', 'docs', 'doc', 'example', 'examples', '.github']);
/** C/C++ sources of a package with a binding.gyp (its addon is already built). */
const NATIVE_SOURCE_DIRS = new Set(['deps', 'src']);
const PRUNE_FILE = /\.(md|markdown|ts|mts|cts|map|c|cc|cpp|h|hpp|gyp|gypi|mk|o|a)$|^(Makefile|CHANGELOG.*|\.npmignore)$/i;

function prune(dir: string, top: boolean, native: boolean): void {
  for (const entry of readdirSync(dir)) {
    const p = path.join(dir, entry);
    if (statSync(p).isDirectory()) {
      if (entry === 'node_modules') continue; // nested packages are copied (and pruned) on their own
      if (PRUNE_DIRS.has(entry) || (top && native && NATIVE_SOURCE_DIRS.has(entry))) {
        rmSync(p, { recursive: true, force: true });
      } else if (top && entry === 'build') {
        // node-gyp's output: keep only the addon itself.
        for (const b of readdirSync(p)) if (b !== 'Release') rmSync(path.join(p, b), { recursive: true, force: true });
        const release = path.join(p, 'Release');
        if (existsSync(release))
          for (const r of readdirSync(release))
            if (!r.endsWith('.node') || r.startsWith('test_'))
              rmSync(path.join(release, r), { recursive: true, force: true });
      } else if (top && entry === 'prebuilds') {
        // Prebuilt addons for other systems: only this machine's linux-<arch> stays.
        for (const b of readdirSync(p))
          if (b !== `linux-${process.arch}`) rmSync(path.join(p, b), { recursive: true, force: true });
      } else {
        prune(p, false, native);
      }
    } else if (PRUNE_FILE.test(entry)) {
      rmSync(p, { force: true });
    }
  }
}

/** Copies the closure into `<stage>/node_modules` and prunes it; returns the package folders copied. */
export function copyRuntimeModules(repo: string, stagePrefix: string, roots: readonly string[]): string[] {
  const closure = runtimeClosure(repo, roots);
  for (const rel of closure) {
    const to = path.join(stagePrefix, rel);
    cpSync(path.join(repo, rel), to, {
      recursive: true,
      dereference: true,
      filter: (src) => !src.slice(path.join(repo, rel).length).includes(`${path.sep}node_modules${path.sep}`),
    });
    prune(to, true, existsSync(path.join(to, 'binding.gyp')));
  }
  return closure;
}
