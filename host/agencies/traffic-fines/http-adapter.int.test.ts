import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgencyError } from '../errors';
import { startAgencyMock, type StartedAgencyMock } from '../start';
import { HttpTrafficFineAdapter } from './http-adapter';
import type { FinePaymentRecord } from './mock';

// The adapter against the mock in its own process (scripts/agency-mock.ts), records read back from the mock.
describe('HttpTrafficFineAdapter against the traffic-fines mock', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fines-'));
  let mock: StartedAgencyMock;
  let fines: HttpTrafficFineAdapter;
  const codeOf = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e: AgencyError) => e.code,
    );

  beforeAll(async () => {
    mock = await startAgencyMock({ agency: 'traffic-fines', recordsPath: path.join(dir, 'fines.json') });
    fines = new HttpTrafficFineAdapter({ baseUrl: mock.url, timeoutMs: 2000 });
  });
  afterAll(async () => {
    await mock.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the violations of a plate, with time, place, offence, amount and deadline but no owner', async () => {
    const found = await fines.findByPlate('99A99901');
    expect(found.map((v) => [v.id, v.amountVnd, v.deadline, v.paid])).toEqual([
      ['VP-0001', 4_000_000, '2026-12-15', false],
      ['VP-0002', 800_000, '2027-01-05', false],
    ]);
    expect(found[0]).toMatchObject({ at: '2026-10-03T07:42:00+07:00', decisionNumber: '1201/QĐ-XPHC' });
    expect(JSON.stringify(found)).not.toContain('MẪU"');
    expect(JSON.stringify(found)).not.toMatch(/owner|NGUYỄN/i);
    // Not even on the wire.
    const raw = await (
      await fetch(`${mock.url}/violations/by-plate`, {
        method: 'POST',
        body: JSON.stringify({ plate: '99A99901' }),
      })
    ).text();
    expect(raw).not.toMatch(/owner|NGUYỄN/i);
    expect(await fines.findByPlate('99A12345')).toEqual([]);
  });

  it('finds by decision number; an unknown number is not-found', async () => {
    expect((await fines.findByDecision('977/QĐ-XPHC')).map((v) => v.id)).toEqual(['VP-0003']);
    expect(await codeOf(fines.findByDecision('1/QĐ-XPHC'))).toBe('agency-not-found');
  });

  it('pays two violations with one payment; the mock records it; the demo bank settles it', async () => {
    const p = await fines.requestPayment(['VP-0001', 'VP-0002'], 'key-1');
    expect(p).toMatchObject({ amountVnd: 4_800_000, violationIds: ['VP-0001', 'VP-0002'] });
    expect(p.reference).toMatch(/^[0-9A-Z]{1,25}$/);
    expect((await fines.requestPayment(['VP-0001', 'VP-0002'], 'key-1')).reference).toBe(p.reference);
    expect(await codeOf(fines.requestPayment(['VP-0001'], 'key-1'))).toBe('agency-rejected');
    expect((await fines.paymentStatus(p.reference)).state).toBe('waiting');
    await fetch(`${mock.url}/admin/pay`, {
      method: 'POST',
      body: JSON.stringify({ reference: p.reference }),
    });
    const s = await fines.paymentStatus(p.reference);
    expect(s.state).toBe('paid');
    expect(s.eReceipt?.number).toBe('0000001');
    expect((await fines.findByPlate('99A99901')).every((v) => v.paid)).toBe(true);
    expect(await codeOf(fines.requestPayment(['VP-0001'], 'key-2'))).toBe('agency-rejected');
    // A paid payment stays paid when cancelled late.
    expect((await fines.cancelPayment(p.reference)).state).toBe('paid');
    const records = await mock.records<FinePaymentRecord>();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      reference: p.reference,
      decisionNumbers: ['1201/QĐ-XPHC', '1388/QĐ-XPHC'],
      amountVnd: 4_800_000,
      state: 'paid',
    });
  });

  it('a cancelled payment takes no money', async () => {
    const p = await fines.requestPayment(['VP-0003'], 'key-3');
    expect((await fines.cancelPayment(p.reference)).state).toBe('cancelled');
    const r = (await (
      await fetch(`${mock.url}/admin/pay`, {
        method: 'POST',
        body: JSON.stringify({ reference: p.reference }),
      })
    ).json()) as { ok: boolean };
    expect(r.ok).toBe(false);
    expect((await fines.findByPlate('99B199902'))[0]?.paid).toBe(false);
  });

  it('faults: down, 503, reject, slow beyond the timeout', async () => {
    await mock.setFaults({ down: true });
    expect(await codeOf(fines.findByPlate('99A99901'))).toBe('agency-unreachable');
    await mock.setFaults({ errorRate: 1 });
    expect(await codeOf(fines.findByPlate('99A99901'))).toBe('agency-server-error');
    await mock.setFaults({ rejectRate: 1 });
    expect(await codeOf(fines.findByPlate('99A99901'))).toBe('agency-rejected');
    await mock.setFaults({ latencyMs: 3000 });
    expect(
      await codeOf(new HttpTrafficFineAdapter({ baseUrl: mock.url, timeoutMs: 500 }).findByPlate('99A99901')),
    ).toBe('agency-timeout');
    await mock.setFaults({});
    expect(await codeOf(fines.findByPlate('99A99901'))).toBe('ok');
  });
});
