import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileKeyProvider } from '../store/keys';
import { KioskStore } from '../store/store';
import { scratchDir } from '../store/testing/test-helpers';
import { FakePortal } from './testing/fake-portal';
import { temporaryResidenceSubmission } from './testing/portal-outbox';
import { Outbox, type OutboxSubmission } from './outbox';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

function submission(n: number, fee = 15000): OutboxSubmission {
  const s = temporaryResidenceSubmission(
    { fullName: 'Trần Thị Mẫu Thử', idNumber: '048199900388', phone: null },
    { n },
  );
  return {
    ...s,
    dossier: {
      ...s.dossier,
      fieldCode: null,
      summary: `Hồ sơ ${n}`,
      fees: fee ? [{ name: 'Lệ phí', code: 'LP', amountVnd: fee }] : [],
      documents: [],
    },
  };
}

/** Resolves when the outbox reports the portal down (its breaker opened after failed attempts). */
function portalDown(outbox: Outbox): Promise<void> {
  return new Promise((resolve) => {
    const onState = (s: { portalState: string }): void => {
      if (s.portalState !== 'down') return;
      outbox.off('state', onState);
      resolve();
    };
    outbox.on('state', onState);
  });
}

function setup(portal = new FakePortal()) {
  const s = scratchDir('outbox-');
  const keyPath = join(s.dir, 'k');
  const dbPath = join(s.dir, 'db');
  const open = () => {
    const store = KioskStore.open({ path: dbPath, keys: new FileKeyProvider(keyPath) });
    const outbox = new Outbox({
      store,
      portal,
      backoff: { baseMs: 5, capMs: 20 },
      breaker: { failureThreshold: 2, openMs: 30 },
    });
    return { store, outbox };
  };
  let cur = open();
  cleanups.push(async () => {
    await cur.outbox.stop();
    cur.store.close();
    s.cleanup();
  });
  return {
    portal,
    get store() {
      return cur.store;
    },
    get outbox() {
      return cur.outbox;
    },
    async restart() {
      await cur.outbox.stop();
      cur.store.close();
      cur = open();
      return cur;
    },
  };
}

describe('Outbox', () => {
  it('one client reference per dossier: several dossiers per visit, a repeated reference is the same dossier', async () => {
    const t = setup();
    t.outbox.start();
    const a = t.outbox.submit({ ...submission(1), clientRef: 'session-1:aaaa:0' });
    const b = t.outbox.submit({ ...submission(2), clientRef: 'session-1:bbbb:0' });
    const again = t.outbox.submit({ ...submission(1), clientRef: 'session-1:aaaa:0' });
    expect(b.localRef).not.toBe(a.localRef);
    expect(again.localRef).toBe(a.localRef);
    await t.outbox.idle();
    expect(t.portal.byKey.size).toBe(2);
    expect(t.store.getReceipt({ localRef: a.localRef })?.state).toBe('delivered');
    expect(t.store.getReceipt({ localRef: b.localRef })?.state).toBe('delivered');
  });

  it('an unknown fee is recorded as unknown (null), not as free', () => {
    const t = setup();
    const r = t.outbox.submit({ ...submission(3, 0), feePaid: false, feeUnknown: true });
    expect(r.feeVnd).toBeNull();
    expect(r.feePaid).toBe(false);
    expect(t.outbox.submit({ ...submission(4, 0), feePaid: false }).feeVnd).toBe(0);
  });

  it('commits first, returns a queued receipt, then delivers exactly once', async () => {
    const t = setup();
    const receipt = t.outbox.submit(submission(1));
    expect(receipt).toMatchObject({
      state: 'queued',
      dossierCode: null,
      maskedId: '0481******88',
      feeVnd: 15000,
      feePaid: true,
    });
    expect(receipt.localRef).toMatch(/^KIOSK-\d{6}-[0-9A-F]{8}$/);
    const delivered = new Promise((r) => t.outbox.once('delivered', r));
    t.outbox.start();
    expect(await delivered).toMatchObject({
      localRef: receipt.localRef,
      dossierCode: '000.00.01.H22-261123-0001',
      status: 2,
    });
    const after = await t.outbox.waitForDelivery(receipt.localRef, 1000);
    expect(after).toMatchObject({
      state: 'delivered',
      dossierCode: '000.00.01.H22-261123-0001',
      applicant: null,
    });
    expect(t.portal.calls).toBe(1);
    expect(t.portal.byKey.size).toBe(1);
  });

  it('keeps dossiers while the portal is down, reports the state, and delivers when it is back', async () => {
    const t = setup();
    t.portal.failWith = 'portal-unreachable';
    const states: string[] = [];
    t.outbox.on('state', (s) => states.push(s.portalState));
    const refs = [1, 2, 3].map((n) => t.outbox.submit(submission(n)).localRef);
    const down = portalDown(t.outbox);
    t.outbox.start();
    await down;
    expect(t.outbox.portalState).toBe('down');
    expect(t.outbox.listQueue().filter((q) => q.state === 'queued')).toHaveLength(3);
    expect(t.outbox.waitingCount()).toBe(3);
    t.portal.failWith = null;
    await t.outbox.idle();
    expect(t.outbox.portalState).toBe('up');
    expect(states[0]).toBe('down');
    expect(states.at(-1)).toBe('up');
    for (const ref of refs) expect(t.store.findOutbox({ localRef: ref })?.state).toBe('delivered');
    expect([...t.portal.byKey.values()].map((e) => e.requests)).toEqual([1, 1, 1]);
    // Delivered dossiers are not "waiting to be sent" (the status strip's count).
    expect(t.outbox.listQueue()).toHaveLength(3);
    expect(t.outbox.waitingCount()).toBe(0);
  });

  it('marks a refused dossier failed for staff, showing only the masked ID', async () => {
    const t = setup();
    t.portal.failWith = 'portal-rejected';
    const failed = new Promise((r) => t.outbox.once('failed', r));
    const { localRef } = t.outbox.submit(submission(1));
    t.outbox.start();
    expect(await failed).toEqual({ localRef, code: 'portal-rejected' });
    const q = t.outbox.listQueue();
    expect(q).toEqual([
      expect.objectContaining({
        localRef,
        state: 'failed',
        lastError: 'portal-rejected',
        maskedId: '0481******88',
      }),
    ]);
    expect(JSON.stringify(q)).not.toContain('Mẫu Thử');
    expect(JSON.stringify(q)).not.toContain('048199900388');
    expect(t.outbox.portalState).toBe('up');
  });

  it('keeps dossiers queued (not failed) when the kiosk cannot sign in to the portal', async () => {
    const t = setup();
    t.portal.failWith = 'portal-auth-failed';
    const { localRef } = t.outbox.submit(submission(1));
    const down = portalDown(t.outbox);
    t.outbox.start();
    await down;
    expect(t.store.findOutbox({ localRef })).toMatchObject({
      state: 'queued',
      lastError: 'portal-auth-failed',
    });
    expect(t.outbox.portalState).toBe('down');
  });

  it('lets staff retry a refused dossier once the cause is fixed', async () => {
    const t = setup();
    t.portal.failWith = 'portal-rejected';
    const failed = new Promise((r) => t.outbox.once('failed', r));
    const { localRef } = t.outbox.submit(submission(1));
    t.outbox.start();
    await failed;
    t.portal.failWith = null;
    expect(t.outbox.retryNow('staff:b01', localRef)).toBe(1);
    await new Promise((r) => t.outbox.once('delivered', r));
    expect(t.store.findOutbox({ localRef })?.state).toBe('delivered');
    expect(t.store.readAudit().map((e) => e.action)).toContain('outbox.retry-now');
  });

  it('sets aside a dossier whose payload no longer opens and still delivers the others', async () => {
    const t = setup();
    const refs = [1, 2, 3].map((n) => t.outbox.submit(submission(n)).localRef);
    const row = t.store.db.prepare('SELECT payload FROM outbox WHERE local_ref = ?').get(refs[0]) as {
      payload: Buffer;
    };
    const damaged = Buffer.from(row.payload);
    damaged[20]! ^= 0x01;
    t.store.db.prepare('UPDATE outbox SET payload = ? WHERE local_ref = ?').run(damaged, refs[0]);
    t.outbox.start();
    await t.outbox.idle();
    expect(t.outbox.listQueue().map((q) => [q.localRef, q.state, q.deadReason])).toEqual(
      expect.arrayContaining([
        [refs[0], 'failed', 'store-decrypt-failed'],
        [refs[1], 'delivered', null],
        [refs[2], 'delivered', null],
      ]),
    );
    expect(t.portal.calls).toBe(2);
    expect(t.store.listAlerts().map((a) => a.code)).toEqual(['outbox-dead-letter']);
  });

  it('resumes after a restart with the same idempotency key', async () => {
    const t = setup();
    t.portal.failWith = 'portal-timeout';
    const { localRef } = t.outbox.submit(submission(1));
    const down = portalDown(t.outbox);
    t.outbox.start();
    await down; // it has tried (and failed) to send
    const key = t.store.findOutbox({ localRef })?.idempotencyKey;
    const { outbox, store } = await t.restart();
    t.portal.failWith = null;
    outbox.start();
    await outbox.idle();
    expect(store.findOutbox({ localRef })).toMatchObject({ state: 'delivered', idempotencyKey: key });
    expect([...t.portal.byKey.keys()]).toEqual([key]);
  });

  it('answers status lookups by local reference and by dossier code', async () => {
    const t = setup();
    t.portal.failWith = 'portal-unreachable';
    const { localRef } = t.outbox.submit(submission(1, 0));
    expect(await t.outbox.lookup({ localRef })).toMatchObject({
      kind: 'queued',
      localRef,
      receipt: { feeVnd: 0, feePaid: true },
    });
    t.portal.failWith = null;
    t.outbox.start();
    await t.outbox.idle();
    const byRef = await t.outbox.lookup({ localRef });
    expect(byRef).toMatchObject({
      kind: 'portal',
      info: { dossierCode: '000.00.01.H22-261123-0001', status: 4 },
    });
    expect(t.store.findOutbox({ localRef })?.portalStatus).toBe(4);
    await expect(t.outbox.lookup({ dossierCode: 'abc' })).rejects.toMatchObject({
      code: 'portal-invalid-dossier-code',
    });
  });
});
