/**
 * The Debian package's JavaScript: esbuild bundles of the host, kiosk-doctor and kiosk-ui (ESM, Node 20) and the
 * face worker (CommonJS, found beside the host as face-worker.cjs), all in `<stage>/host/`. No source-file URL is
 * written into them: `import.meta.url` is the bundle's own, and the data files are found through
 * native/resources/resource-root.ts (KIOSK_BUNDLE_DEPTH = 1: the install prefix is the bundle folder's parent).
 * Packages that read their own files or load native code at run time stay outside (RUNTIME_PACKAGES), copied
 * with their dependencies by node-modules.ts.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { MOCK_CREDENTIALS } from '../../host/portal/mock/server';

/** Loaded from node_modules at run time: native addons (.node), WebAssembly, font metrics read from disk. */
export const RUNTIME_PACKAGES = [
  'better-sqlite3',
  'smartcard',
  'serialport',
  'pdfkit',
  '@cornerstonejs/codec-openjpeg',
] as const;

/** ESM output still meets CommonJS code (require, __filename): give the bundle real ones. */
const ESM_BANNER = [
  "import { createRequire as __kioskCreateRequire } from 'node:module';",
  "import { fileURLToPath as __kioskFileURLToPath } from 'node:url';",
  "import { dirname as __kioskDirname } from 'node:path';",
  'const require = __kioskCreateRequire(import.meta.url);',
  'const __filename = __kioskFileURLToPath(import.meta.url);',
  'const __dirname = __kioskDirname(__filename);',
].join('\n');

export const ENTRIES = {
  'kiosk-host.mjs': 'host/main.ts',
  'kiosk-doctor.mjs': 'scripts/doctor.ts',
  'kiosk-ui.mjs': 'scripts/dist/kiosk-ui.ts',
} as const;

/**
 * SHA-256 of the test CSCA certificates (DER): production refuses them among configured extras
 * (host/trust/build-trust-store.ts). The package carries these hashes, never the test PKI's files.
 */
export function testCscaHashes(repo: string): string[] {
  const pem = readFileSync(path.join(repo, 'fixtures/pki/csca.cert.pem'), 'utf8');
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new Error('fixtures/pki/csca.cert.pem holds no certificate');
  return blocks.map((b) => createHash('sha256').update(new X509Certificate(b).raw).digest('hex'));
}

/**
 * Demo mode's modules, replaced in the package by stubs that say they are not there (the installed kiosk runs in
 * production mode only): the reader simulator, the mock portal, the agency mocks, the mock queue centre and the isolated demo pcscd. Production code only
 * imports them for demo paths, plus two constants kept here: the test PKI folder's name (production refuses the
 * test CSCA by hash, KIOSK_TEST_CSCA_SHA256) and the mock's sample credentials (production refuses them).
 * A new import from these modules fails the build ("No matching export"): decide then whether it is demo-only.
 */
const NOT_PACKAGED = `() => { throw Object.assign(new Error('not in the production package: demo mode (simulator, mock portal) is not installed'), { code: 'demo-not-packaged' }); }`;
export const DEMO_STUBS: Record<string, string> = {
  'native/simulator/index.ts': [
    "export const PKI_DIR = '/nonexistent/test-pki-not-packaged';",
    'export const VPCD_DEFAULT_PORT = 35963;',
    `export const listProfiles = ${NOT_PACKAGED};`,
    `export const startVirtualCard = ${NOT_PACKAGED};`,
    `export const startVirtualScanner = ${NOT_PACKAGED};`,
  ].join('\n'),
  'host/portal/mock/server.ts': `export const MOCK_CREDENTIALS = ${JSON.stringify(MOCK_CREDENTIALS)};`,
  'host/portal/mock/start.ts': `export const startMockPortal = ${NOT_PACKAGED};`,
  // The agency systems' mocks (host/agencies): demo mode starts them; production only reaches configured URLs.
  'host/agencies/mocks.ts': 'export const AGENCY_MOCKS = {};',
  'host/agencies/start.ts': `export const startAgencyMock = ${NOT_PACKAGED};`,
  // The mock queue centre (demo mode's `queue.mockCentre`).
  'host/queue/mock/start.ts': `export const startMockQueueCentre = ${NOT_PACKAGED};`,
  // Demo mode's and the tests' speech record (config `speech.output: { kind: "record" }`; production refuses it).
  'host/speech/record-output.ts': `export const recordingSpeech = ${NOT_PACKAGED};`,
  'host/devices/isolated-pcscd.ts': [
    `export const startIsolatedPcscd = ${NOT_PACKAGED};`,
    'export const systemPcscdHasRealReader = async () => true;',
    `export const vpcdSocketPath = ${NOT_PACKAGED};`,
  ].join('\n'),
};

function demoStubs(repo: string): Plugin {
  const stubs = new Map(Object.entries(DEMO_STUBS).map(([rel, code]) => [path.join(repo, rel), code]));
  return {
    name: 'demo-stubs',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        const code = stubs.get(args.path);
        return code === undefined ? undefined : { contents: code, loader: 'js' };
      });
    },
  };
}

export async function bundle(repo: string, outDir: string): Promise<void> {
  const common: BuildOptions = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    absWorkingDir: repo,
    external: [...RUNTIME_PACKAGES, '@serialport/*', 'electron'],
    plugins: [demoStubs(repo)],
    define: {
      KIOSK_BUNDLE_DEPTH: '1',
      KIOSK_TEST_CSCA_SHA256: JSON.stringify(testCscaHashes(repo)),
      'process.env.NODE_ENV': '"production"',
    },
  };
  for (const [out, entry] of Object.entries(ENTRIES)) {
    await build({
      ...common,
      format: 'esm',
      banner: { js: ESM_BANNER },
      entryPoints: [entry],
      outfile: path.join(outDir, out),
    });
  }
  await build({
    ...common,
    format: 'cjs',
    // jpeg2000.ts takes __filename in CommonJS; its import.meta branch is for ESM only.
    logOverride: { 'empty-import-meta': 'silent' },
    entryPoints: ['native/face/face-worker.ts'],
    outfile: path.join(outDir, 'face-worker.cjs'),
  });
}
