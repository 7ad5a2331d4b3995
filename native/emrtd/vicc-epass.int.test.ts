/**
 * Integration against a card implementation this team did not write: vsmartcard's `vicc -t ePass` (Debian
 * `vsmartcard-vpicc`, an ICAO passport with BAC and 3DES secure messaging) behind a private pcscd + vpcd,
 * read with our reader API. vicc answers without DO'99' (the "DO99 missing" failure of issue #13), makes
 * errors plain (no MAC) and has no short-file-ID reads. Its ePass generator is Python 2 code, so
 * tests/support/vicc-epass.py starts the card with mechanical Python 3 fixes and our ICAO specimen files
 * (the card's BAC, SM and file system stay vicc's own).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivatePcscd, type PrivatePcscd } from '../../tests/support/pcscd';
import { listProfiles, parseFaults } from '../simulator/index';
import { buildCardFiles } from '../simulator/card-files';
import type { PcscService as PcscServiceType } from '../pcsc/pcsc-service';
import { readCard, trustStoreFromPem } from './index';
import { parseDg1 } from './lds/dg1';
import { parseTlvList } from './tlv';

const DRIVER = fileURLToPath(new URL('../../tests/support/vicc-epass.py', import.meta.url));
const trustStore = trustStoreFromPem(
  readFileSync(new URL('../../fixtures/pki/csca.cert.pem', import.meta.url), 'utf8'),
);
const passport = listProfiles().find((p) => p.id === 'icao-specimen-passport')!;

let pcscd: PrivatePcscd;
let service: PcscServiceType;
let vicc: ChildProcess | null = null;
let viccLog = '';
const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-vicc-'));

beforeAll(async () => {
  expect(existsSync('/usr/bin/vicc'), 'apt-get install vsmartcard-vpicc (scripts/setup.sh)').toBe(true);
  // The specimen passport's LDS files, signed by the test PKI; no DG3, and no DG14/DG15 (vicc has no AA).
  const files: Record<string, string> = {};
  for (const [fid, bytes] of buildCardFiles(passport, parseFaults([])).files)
    if (![0x0103, 0x010e, 0x010f].includes(fid))
      files[fid.toString(16).padStart(4, '0')] = Buffer.from(bytes).toString('hex');
  writeFileSync(path.join(dir, 'files.json'), JSON.stringify(files));
  pcscd = await startPrivatePcscd();
  process.env.PCSCLITE_CSOCK_NAME = pcscd.socketPath;
  vicc = spawn(
    '/usr/bin/python3',
    [
      DRIVER,
      '--host',
      '127.0.0.1',
      '--port',
      String(pcscd.basePort),
      '--files',
      path.join(dir, 'files.json'),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  vicc.stderr?.on('data', (d: Buffer) => (viccLog = (viccLog + d.toString()).slice(-4000)));
  const { PcscService } = await import('../pcsc/pcsc-service');
  service = new PcscService();
  try {
    await service.waitForCard(pcscd.readerNames[0], 15_000);
  } catch (e) {
    throw new Error(`vicc did not come up: ${viccLog}`, { cause: e });
  }
});

afterAll(async () => {
  if (vicc && vicc.exitCode === null) {
    const exited = new Promise((r) => vicc!.once('exit', r));
    vicc.kill('SIGTERM');
    await exited;
  }
  service?.close();
  await pcscd?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('third-party card: vicc ePass (vsmartcard) through pcscd', () => {
  it('is read and passively authenticated by our reader; its SM answers carry no DO99', async () => {
    const t = await service.connect(pcscd.readerNames[0]);
    const responses: Uint8Array[] = [];
    const spy = {
      get extendedLength() {
        return t.extendedLength;
      },
      readerName: t.readerName,
      transmit: async (a: Uint8Array) => {
        const r = await t.transmit(a);
        if ((a[0]! & 0x0c) === 0x0c) responses.push(r); // answers to SM commands
        return r;
      },
    };
    try {
      const r = await readCard(spy, { keys: [passport.bac], trustStore });
      expect(Object.keys(r.files).sort()).toEqual(['COM', 'DG1', 'DG2', 'SOD']);
      expect(r.verification.passive).toBe('valid');
      expect(parseDg1(r.files.DG1!).documentNumber).toBe('L898902C');
      expect(r.photo?.mime).toBe('image/jpeg');
      // vicc's protected answers: DO'87' and DO'8E', never DO'99'.
      const sm = responses
        .filter((x) => x.length > 2)
        .map((x) => parseTlvList(x.subarray(0, x.length - 2)).map((o) => o.tag));
      expect(sm.length).toBeGreaterThan(3);
      for (const tags of sm) expect(tags).not.toContain(0x99);
      expect(sm.some((tags) => tags.includes(0x87) && tags.includes(0x8e))).toBe(true);
    } catch (e) {
      throw new Error(`${(e as Error).message}\nvicc: ${viccLog}`, { cause: e });
    } finally {
      t.disconnect();
    }
  });
});
