/**
 * QR benchmarks: payload parsing, expiry candidates, serial line framing, wedge key handling.
 * `npm run bench -- qr` prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { candidateExpiryDates } from '../../native/qr/expiry-candidates';
import { LineFramer } from '../../native/qr/line-framer';
import { parseCccdQr } from '../../native/qr/payload';
import { WedgeDetector } from '../../renderer/identify/wedge-detector';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function timeEach(n: number, fn: (i: number) => void): { p50Us: number; p99Us: number } {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    fn(i);
    samples.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  samples.sort((a, b) => a - b);
  return { p50Us: +percentile(samples, 50).toFixed(2), p99Us: +percentile(samples, 99).toFixed(2) };
}

export default async function (): Promise<Record<string, unknown>> {
  const fixtures = JSON.parse(
    readFileSync(new URL('../../fixtures/qr/valid.json', import.meta.url), 'utf8'),
  ) as { payload: string }[];
  const payloads = fixtures.map((f) => f.payload);
  const garbled = new TextDecoder('windows-1252').decode(new TextEncoder().encode(payloads[0] ?? ''));

  const parse = timeEach(20_000, (i) =>
    parseCccdQr(payloads[i % payloads.length] ?? '', { today: '2026-11-23' }),
  );
  const reject = timeEach(20_000, () => {
    try {
      parseCccdQr(garbled);
    } catch {
      // expected qr-garbled
    }
  });
  const expiry = timeEach(20_000, (i) =>
    candidateExpiryDates({ dateOfBirth: i % 2 ? '1993-01-05' : '1982-07-24', issueDate: '2021-04-10' }),
  );

  const stream = new TextEncoder().encode(
    payloads
      .map((p) => `${p.trim()}\r\n`)
      .join('')
      .repeat(2000),
  );
  const framer = new LineFramer();
  const t0 = process.hrtime.bigint();
  let lines = 0;
  for (let off = 0; off < stream.length; off += 61)
    lines += framer.push(stream.subarray(off, off + 61)).length;
  const framingSeconds = Number(process.hrtime.bigint() - t0) / 1e9;

  const detector = new WedgeDetector();
  const keys = [...(payloads[0] ?? ''), 'Enter'];
  let t = 0;
  const wedge = timeEach(50_000, (i) => {
    t += 8;
    detector.feed({ key: keys[i % keys.length] ?? 'a', time: t });
  });

  return {
    parseP50Us: parse.p50Us,
    parseP99Us: parse.p99Us,
    rejectGarbledP50Us: reject.p50Us,
    expiryCandidatesP50Us: expiry.p50Us,
    framingMBps: +(stream.length / 1e6 / framingSeconds).toFixed(1),
    framedLines: lines,
    wedgeKeyP50Us: wedge.p50Us,
    wedgeKeyP99Us: wedge.p99Us,
  };
}
