/**
 * Chip read benchmark: a full read (COM, SOD, DG1, DG13, DG2 ≥ 15 KB, DG14, DG15 + AA) of a simulated CCCD
 * through a private pcscd + vpcd, repeated; figures are medians.
 * {apdus, bytes, bytesPerApdu, blockSize, msMedian, msToIdentity} (msToIdentity = DG1 + DG13 + SOD read and verified).
 */
import { readFileSync } from 'node:fs';
import { startPrivatePcscd } from '../../tests/support/pcscd';
import { loadProfile, startVirtualCard } from '../../native/simulator/index';
import type { CardReadResult as ReadResult } from '../../native/emrtd/index';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export default async function bench(): Promise<Record<string, unknown>> {
  const pcscd = await startPrivatePcscd();
  const total: number[] = [];
  const toIdentity: number[] = [];
  let last: ReadResult | null = null;
  try {
    process.env.PCSCLITE_CSOCK_NAME = pcscd.socketPath;
    const { PcscService } = await import('../../native/pcsc/pcsc-service');
    const { readCard, trustStoreFromPem } = await import('../../native/emrtd/index');
    const trustStore = trustStoreFromPem(
      readFileSync(new URL('../../fixtures/pki/csca.cert.pem', import.meta.url), 'utf8'),
    );
    const profile = loadProfile('cccd-2021-with-cmnd');
    const card = await startVirtualCard({ profile, vpcdPort: pcscd.basePort, vpcdBasePort: pcscd.basePort });
    const service = new PcscService();
    try {
      for (let i = 0; i < RUNS; i++) {
        const t = await service.connect(card.readerName);
        const start = performance.now();
        let identityAt = NaN;
        try {
          last = await readCard(t, {
            keys: [profile.bac],
            trustStore,
            files: ['COM', 'SOD', 'DG1', 'DG13', 'DG2', 'DG14', 'DG15'],
            onIdentity: (id, v) => {
              if (id && v.passive === 'valid') identityAt = performance.now();
            },
          });
        } finally {
          t.disconnect();
        }
        total.push(performance.now() - start);
        toIdentity.push(identityAt - start);
        if (last.verification.passive !== 'valid' || (last.files.DG2?.length ?? 0) < 15_000)
          throw new Error(
            `unexpected read: ${JSON.stringify(last.verification)}, DG2 ${last.files.DG2?.length ?? 0} B`,
          );
      }
    } finally {
      service.close();
      await card.stop();
    }
  } finally {
    await pcscd.stop();
  }
  const r = last!;
  return {
    runs: RUNS,
    apdus: r.apdus,
    bytes: r.stats.bytes,
    bytesPerApdu: Math.round(r.stats.bytes / r.apdus),
    blockSize: r.stats.blockSize,
    extendedLength: r.stats.extendedLength,
    dg2Bytes: r.files.DG2?.length ?? 0,
    msMedian: Math.round(median(total) * 10) / 10,
    msToIdentity: Math.round(median(toIdentity) * 10) / 10,
  };
}
