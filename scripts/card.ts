/**
 * Chip reader CLI.
 *   npm run -s card -- list
 *   npm run -s card -- read [--reader NAME] (--doc DOCNO --dob YYMMDD --expiry YYMMDD | --qr PAYLOAD | --can CAN)
 *                          [--can CAN] [--bac] [--files COM,DG1,DG2,DG13,DG14,DG15,SOD] [--trust FILE_OR_DIR] [--crl DIR] [--json]
 *   npm run -s card -- trust [--trust FILE_OR_DIR] [--crl DIR]   (CSCAs, links, CRLs with SHA-256 fingerprints)
 * `--can`: the 6-digit Card Access Number (PACE); `--bac`: never PACE.
 * `read` prints ONE JSON line {"reader","files":{NAME:hex},"identity","verification","access","apdus","ms"} and exits 0;
 * on failure it prints {"error":{"code","message"}} and exits 1. No personal data goes to stderr.
 */
import { statSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CodedError } from '../common/errors';
import { PcscService } from '../native/pcsc/pcsc-service';
import {
  readCard,
  bacKeysFromQr,
  defaultTrustStore,
  type BacKey,
  type LdsFileName,
} from '../native/emrtd/index';
import {
  BUNDLED_TRUST_DIR,
  certificatesFromFile,
  describeTrustStore,
  loadTrustMaterial,
} from '../native/emrtd/trust-store';
import { isLdsFileName } from '../native/emrtd/lds/files';
import { hex } from '../native/emrtd/bytes';
import { parseCccdQr } from '../native/qr/payload';

class CliError extends CodedError<'cli-usage'> {
  override readonly name = 'CliError';
}

function args(argv: string[]): { cmd: string; opts: Record<string, string | true> } {
  const [cmd = 'help', ...rest] = argv;
  const opts: Record<string, string | true> = {};
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (!a.startsWith('--')) throw new CliError('cli-usage', `unexpected argument ${a}`);
    const next = rest[i + 1];
    if (next === undefined || next.startsWith('--')) opts[a.slice(2)] = true;
    else {
      opts[a.slice(2)] = next;
      i++;
    }
  }
  return { cmd, opts };
}

function str(opts: Record<string, string | true>, key: string): string | undefined {
  const v = opts[key];
  if (v === true) throw new CliError('cli-usage', `--${key} needs a value`);
  return v;
}

function keysFrom(opts: Record<string, string | true>): BacKey[] {
  const qr = str(opts, 'qr');
  if (qr !== undefined) {
    const id = parseCccdQr(qr);
    return bacKeysFromQr({ dateOfBirth: id.dateOfBirth, issueDate: id.issueDate, idNumber: id.idNumber });
  }
  const documentNumber = str(opts, 'doc');
  const dateOfBirth = str(opts, 'dob');
  const dateOfExpiry = str(opts, 'expiry');
  if (!documentNumber && !dateOfBirth && !dateOfExpiry && str(opts, 'can')) return [];
  if (!documentNumber || !dateOfBirth || !dateOfExpiry)
    throw new CliError('cli-usage', 'give --doc --dob --expiry, or --qr, or --can');
  const doc = documentNumber.replace(/\D/g, '').length === 12 ? documentNumber.slice(-9) : documentNumber;
  return [{ documentNumber: doc, dateOfBirth, dateOfExpiry }];
}

/** --trust: a folder (PEM, DER, master lists) or one such file; --crl: a folder of CRLs. */
function trustFrom(opts: Record<string, string | true>) {
  const t = str(opts, 'trust') ?? process.env.KIOSK_CSCA_TRUST;
  const crlDir = str(opts, 'crl') ?? null;
  if (!t && !crlDir) return undefined;
  if (!t || statSync(t).isDirectory()) return loadTrustMaterial({ dir: t ?? BUNDLED_TRUST_DIR, crlDir });
  return {
    ...loadTrustMaterial({ dir: null, crlDir }),
    certificates: certificatesFromFile(new Uint8Array(readFileSync(t)), path.basename(t)),
  };
}

async function main(): Promise<void> {
  const { cmd, opts } = args(process.argv.slice(2));
  const service = new PcscService();
  try {
    if (cmd === 'list') {
      console.log(JSON.stringify({ readers: service.listReaders() }));
      return;
    }
    if (cmd === 'trust') {
      console.log(JSON.stringify({ trust: describeTrustStore(trustFrom(opts) ?? defaultTrustStore()) }));
      return;
    }
    if (cmd !== 'read')
      throw new CliError(
        'cli-usage',
        'usage: card list | card trust [--trust …] [--crl DIR] | card read [--reader NAME] (--doc --dob --expiry | --qr PAYLOAD | --can CAN) [--bac] [--files …] --json',
      );
    const keys = keysFrom(opts);
    const filesOpt = str(opts, 'files');
    let files: LdsFileName[] | undefined;
    if (filesOpt) {
      const names = filesOpt.split(',').map((s) => s.trim().toUpperCase());
      const bad = names.filter((n) => !isLdsFileName(n));
      if (bad.length) throw new CliError('cli-usage', `unknown or forbidden file(s): ${bad.join(',')}`);
      files = names as LdsFileName[];
    }
    const started = performance.now();
    const transport = await service.connect(str(opts, 'reader'));
    try {
      const can = str(opts, 'can');
      const r = await readCard(transport, {
        keys,
        ...(files ? { files } : {}),
        ...(can ? { can } : {}),
        ...(opts.bac === true ? { pace: false } : {}),
        trustStore: trustFrom(opts),
      });
      const ms = Math.round((performance.now() - started) * 10) / 10;
      const hexFiles: Record<string, string> = {};
      for (const [k, v] of Object.entries(r.files)) if (v) hexFiles[k] = hex(v);
      console.log(
        JSON.stringify({
          reader: transport.readerName,
          files: hexFiles,
          identity: r.identity,
          verification: r.verification,
          access: r.stats.access,
          apdus: r.apdus,
          ms,
        }),
      );
    } finally {
      transport.disconnect();
    }
  } finally {
    service.close();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    const err = e as { code?: unknown; message?: unknown };
    const code = typeof err?.code === 'string' ? err.code : 'card-cli-failed';
    const message = typeof err?.message === 'string' ? err.message : String(e);
    console.log(JSON.stringify({ error: { code, message } }));
    process.exit(1);
  },
);
