/**
 * Chip read benchmark: a simulated CCCD with a ~20 KB photo through a private pcscd + vpcd, under a realistic
 * contactless link (native/simulator/link-model.ts: 424 kbit/s, 5–15 ms turnaround per APDU, 256-byte frames),
 * read in full (COM, DG1, DG13, SOD, DG2, DG14, DG15 + Active Authentication) with and without extended length.
 * Medians over BENCH_RUNS (default 5) reads per mode. Timing starts when the kiosk connects to the present card.
 *
 * Per mode: msToIdentity (DG1 + DG13 + SOD read and passive authentication valid), msFullRead, apdus (and how
 * many before the identity), bytes (LDS file bytes), bytesPerApdu (file bytes / APDUs), wireBytesPerApdu
 * (command + response bytes incl. secure messaging / APDUs), blockSize.
 * Targets (recorded, never asserted in tests): identity ≤ 400 ms; full read ≤ 1,500 ms extended, ≤ 2,500 ms short.
 * BENCH_LINK overrides the link (`none` = loopback speed; else a `--link` spec such as `106k,10-20`).
 */
import { readFileSync } from 'node:fs';
import { startPrivatePcscd } from '../../tests/support/pcscd';
import {
  DEFAULT_LINK,
  loadProfile,
  parseLinkModel,
  startVirtualCard,
  type LinkModel,
} from '../../native/simulator/index';
import type { CardReadResult } from '../../native/emrtd/index';
import type { CardTransport } from '../../native/pcsc/card-transport';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGETS = { msToIdentity: 400, msFullReadExtended: 1500, msFullReadShort: 2500 };
const PHOTO_BYTES: [number, number] = [20 * 1024, 22 * 1024];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
const r1 = (n: number): number => Math.round(n * 10) / 10;

/** Counts APDUs and bytes on the wire. */
function counting(t: CardTransport): { transport: CardTransport; apdus: number; wire: number } {
  const c = {
    apdus: 0,
    wire: 0,
    transport: {
      get extendedLength() {
        return t.extendedLength;
      },
      readerName: t.readerName,
      async transmit(apdu: Uint8Array): Promise<Uint8Array> {
        const r = await t.transmit(apdu);
        c.apdus++;
        c.wire += apdu.length + r.length;
        return r;
      },
    } as CardTransport,
  };
  return c;
}

interface ModeFigures {
  msToIdentity: number;
  msFullRead: number;
  apdus: number;
  apdusToIdentity: number;
  bytes: number;
  bytesPerApdu: number;
  wireBytesPerApdu: number;
  blockSize: number;
  extendedLength: boolean;
}

export default async function bench(): Promise<Record<string, unknown>> {
  const linkEnv = process.env.BENCH_LINK;
  const link: LinkModel | null = linkEnv === 'none' ? null : linkEnv ? parseLinkModel(linkEnv) : DEFAULT_LINK;
  const profile = { ...loadProfile('cccd-2021-with-cmnd'), portraitBytes: PHOTO_BYTES };
  const pcscd = await startPrivatePcscd();
  const figures: Record<'extended' | 'short', ModeFigures> = {} as never;
  let dg2Bytes = 0;
  try {
    process.env.PCSCLITE_CSOCK_NAME = pcscd.socketPath;
    const { PcscService } = await import('../../native/pcsc/pcsc-service');
    const { readCard, trustStoreFromPem } = await import('../../native/emrtd/index');
    const trustStore = trustStoreFromPem(
      readFileSync(new URL('../../fixtures/pki/csca.cert.pem', import.meta.url), 'utf8'),
    );
    const card = await startVirtualCard({
      profile,
      link,
      vpcdPort: pcscd.basePort,
      vpcdBasePort: pcscd.basePort,
    });
    const service = new PcscService();
    try {
      for (const mode of ['extended', 'short'] as const) {
        const total: number[] = [];
        const toIdentity: number[] = [];
        let last: CardReadResult | null = null;
        let apdusToIdentity = 0;
        let counted = { apdus: 0, wire: 0 };
        for (let i = 0; i < RUNS; i++) {
          const start = performance.now();
          const raw = await service.connect(card.readerName);
          const c = counting(raw);
          let identityAt = NaN;
          try {
            last = await readCard(c.transport, {
              keys: [profile.bac],
              trustStore,
              files: ['COM', 'DG1', 'DG13', 'SOD', 'DG2', 'DG14', 'DG15'],
              strategy: { extendedLength: mode === 'extended' },
              onIdentity: (id, v) => {
                if (id && v.passive === 'valid' && Number.isNaN(identityAt)) {
                  identityAt = performance.now();
                  apdusToIdentity = c.apdus;
                }
              },
            });
          } finally {
            raw.disconnect();
          }
          total.push(performance.now() - start);
          toIdentity.push(identityAt - start);
          counted = { apdus: c.apdus, wire: c.wire };
          if (last.verification.passive !== 'valid' || (last.files.DG2?.length ?? 0) < 20_000)
            throw new Error(
              `unexpected read: ${JSON.stringify(last.verification)}, DG2 ${last.files.DG2?.length ?? 0} B`,
            );
        }
        const r = last!;
        dg2Bytes = r.files.DG2?.length ?? 0;
        figures[mode] = {
          msToIdentity: r1(median(toIdentity)),
          msFullRead: r1(median(total)),
          apdus: counted.apdus,
          apdusToIdentity,
          bytes: r.stats.bytes,
          bytesPerApdu: Math.round(r.stats.bytes / counted.apdus),
          wireBytesPerApdu: Math.round(counted.wire / counted.apdus),
          blockSize: r.stats.blockSize,
          extendedLength: r.stats.extendedLength,
        };
      }
    } finally {
      service.close();
      await card.stop();
    }
  } finally {
    await pcscd.stop();
  }
  const { extended, short } = figures;
  return {
    runs: RUNS,
    link: link ?? 'none (loopback)',
    dg2Bytes,
    extended,
    short,
    targets: TARGETS,
    met: {
      identityExtended: extended.msToIdentity <= TARGETS.msToIdentity,
      identityShort: short.msToIdentity <= TARGETS.msToIdentity,
      fullReadExtended: extended.msFullRead <= TARGETS.msFullReadExtended,
      fullReadShort: short.msFullRead <= TARGETS.msFullReadShort,
    },
  };
}
