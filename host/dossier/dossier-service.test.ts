/** Dossiers from finished forms: host re-validation, presets, one dossier per component of a linked service. */
import { describe, expect, it } from 'vitest';
import type { Identity } from '../../common/identity';
import { join } from 'node:path';
import { Outbox } from '../outbox';
import { FakePortal } from '../outbox/testing/fake-portal';
import { FileKeyProvider } from '../store/keys';
import { KioskStore } from '../store/store';
import { scratchDir } from '../store/testing/test-helpers';
import { SessionManager } from '../session/session-manager';
import type { ReceiptRecord } from '../store/store';
import { DossierService } from './dossier-service';
import { filledForms } from '../../tests/support/filled-forms';

const identity = { idNumber: '001190012345', fullName: 'Nguyễn Thị Hồng Nhung' } as Identity;

/** Valid answers for any catalogue form: each visible required question answered plainly. */
const filled = filledForms;

interface Sent {
  procedureCode: string;
  answers: Record<string, unknown>;
  fees: { amountVnd: number }[];
  channel: string;
  clientRef: string;
  feeUnknown: boolean;
}

function rig(who: Partial<Identity> = {}) {
  const submitted: Sent[] = [];
  const outbox = {
    submit: (s: {
      serviceId: string;
      clientRef: string;
      feeUnknown?: boolean;
      dossier: {
        channel: string;
        procedureCode: string;
        procedureName: string;
        answers: Record<string, unknown>;
        fees: { amountVnd: number }[];
      };
    }) => {
      submitted.push({ ...s.dossier, clientRef: s.clientRef, feeUnknown: s.feeUnknown ?? false });
      return {
        localRef: `K-${submitted.length}`,
        dossierCode: null,
        state: 'queued',
        serviceId: s.serviceId,
        procedureCode: s.dossier.procedureCode,
        procedureName: s.dossier.procedureName,
        maskedId: '0011******45',
        receivedAt: 0,
        appointmentAt: null,
        feeVnd: s.feeUnknown ? null : s.dossier.fees.reduce((a, f) => a + f.amountVnd, 0),
        feePaid: false,
        portalStatus: null,
        applicant: null,
      } satisfies ReceiptRecord;
    },
    waitForDelivery: async () => null,
  } as unknown as Outbox;
  const sessions = new SessionManager();
  const s = sessions.start('vi');
  s.personal.set('identity', { ...identity, ...who });
  s.personal.set('decision', 'accept');
  const now = () => new Date('2026-11-30T03:00:00Z');
  return {
    submitted,
    sessions,
    dossiers: new DossierService({ outbox, sessions, waitForCodeMs: 0, now }),
    inPerson: new DossierService({ outbox, sessions, waitForCodeMs: 0, now, channel: 'in-person' }),
    withBaseSalary: new DossierService({
      outbox,
      sessions,
      waitForCodeMs: 0,
      now,
      contribution: { baseSalaryVnd: 2_000_000, months: 12 },
    }),
  };
}

describe('DossierService', () => {
  it('submits one dossier under the commune-level code, with the applicant from the chip', async () => {
    const r = rig();
    const receipt = await r.dossiers.submit('temporary-residence', filled('temporary-residence'));
    expect(r.submitted).toHaveLength(1);
    expect(r.submitted[0]).toMatchObject({
      procedureCode: '1.004194',
      applicant: { idNumber: '001190012345' },
    });
    expect(receipt).toMatchObject({ localRef: 'K-1', linked: [] });
    expect(r.sessions.active?.personal.get('receipts')).toEqual(['K-1']);
  });

  it('enforces the service’s presets whatever the renderer sent', async () => {
    const r = rig();
    const forms = filled('confirm-old-id-number');
    forms[0]!.answers.requestKind = 'cap-lai';
    await r.dossiers.submit('confirm-old-id-number', forms);
    expect((r.submitted[0]!.answers.dc02 as Record<string, unknown>).requestKind).toBe('xac-nhan-cmnd');
  });

  it('turns the linked death service into one dossier per component procedure', async () => {
    const r = rig();
    const receipt = await r.dossiers.submit('death-joint-registration', filled('death-joint-registration'));
    expect(r.submitted.map((d) => d.procedureCode)).toEqual(['1.000656', '1.003197', '2.000821']);
    expect(Object.keys(r.submitted[0]!.answers)).toEqual(['death-declaration']);
    expect(Object.keys(r.submitted[1]!.answers)).toEqual(['ct01']);
    expect(receipt.linked?.map((l) => l.procedureCode)).toEqual(['1.003197', '2.000821']);
  });

  it('refuses answers that fail the form’s schema, and sessions without a verified card', async () => {
    const r = rig();
    const forms = filled('temporary-residence');
    forms[0]!.answers.phone = 'not a phone';
    await expect(r.dossiers.submit('temporary-residence', forms)).rejects.toMatchObject({
      code: 'dossier-invalid',
    });
    r.sessions.active!.personal.set('decision', 'refuse-forged');
    await expect(
      r.dossiers.submit('temporary-residence', filled('temporary-residence')),
    ).rejects.toMatchObject({
      code: 'dossier-not-identified',
    });
    expect(r.submitted).toHaveLength(0);
  });

  it('the request kind decides the code, and ONE fee line is charged (never the sum of the alternatives)', async () => {
    const cases: [string, Record<string, unknown>, 'online' | 'in-person', string, number[]][] = [
      ['temporary-residence', { requestKind: 'tam-tru' }, 'online', '1.004194', [7000]],
      ['temporary-residence', { requestKind: 'tam-tru' }, 'in-person', '1.004194', [15000]],
      ['temporary-residence', { requestKind: 'gia-han-tam-tru' }, 'online', '1.002755', [7000]],
      ['temporary-residence', { requestKind: 'xoa-thuong-tru' }, 'online', '1.003197', []],
      ['permanent-residence', { requestKind: 'xoa-thuong-tru' }, 'in-person', '1.003197', []],
      ['id-card-renewal', { requestKind: 'cap-doi' }, 'online', '1.014063', [25000]],
      ['id-card-renewal', { requestKind: 'cap-lai' }, 'online', '1.014064', [35000]],
      ['driving-licence', { requestKind: 'cap-lai' }, 'online', '3.000348', [135000]],
      ['passport', { requestKind: 'mat-hong' }, 'online', '1.001456', [400000]],
    ];
    for (const [service, set, channel, code, fees] of cases) {
      const r = rig({ dateOfBirth: '1990-05-01' });
      const forms = filled(service, set, service === 'passport' ? ['tk01'] : null);
      await (channel === 'online' ? r.dossiers : r.inPerson).submit(service, forms);
      expect(r.submitted, `${service} ${JSON.stringify(set)}`).toHaveLength(1);
      expect(r.submitted[0]!.procedureCode, service).toBe(code);
      expect(r.submitted[0]!.channel).toBe(channel);
      expect(
        r.submitted[0]!.fees.map((f) => f.amountVnd),
        `${service} ${JSON.stringify(set)}`,
      ).toEqual(fees);
    }
  });

  it('a choice of a shared form the service does not file is refused (CT01 "khác" in service 4)', async () => {
    const r = rig();
    await expect(
      r.dossiers.submit('temporary-residence', filled('temporary-residence', { requestKind: 'khac' })),
    ).rejects.toMatchObject({ code: 'dossier-invalid' });
  });

  it('exemptions: over 60 from the chip, or a declared category; an unknown category is refused', async () => {
    const old = rig({ dateOfBirth: '1958-11-02' });
    const receipt = await old.dossiers.submit(
      'id-card-renewal',
      filled('id-card-renewal', { requestKind: 'cap-lai' }),
    );
    expect(old.submitted[0]!.fees).toEqual([]);
    expect(receipt.feeVnd).toBe(0);
    const r = rig({ dateOfBirth: '1990-05-01' });
    await r.dossiers.submit('id-card-renewal', filled('id-card-renewal', { requestKind: 'cap-doi' }), {
      declared: ['boundary-change'],
    });
    expect(r.submitted[0]!.fees).toEqual([]);
    await expect(
      r.dossiers.submit('id-card-renewal', filled('id-card-renewal'), { declared: ['no-such-thing'] }),
    ).rejects.toMatchObject({ code: 'dossier-invalid' });
  });

  it('an unknown fee goes to the outbox as unknown, not as free', async () => {
    const r = rig({ dateOfBirth: '1990-05-01' });
    const receipt = await r.dossiers.submit('temporary-absence', filled('temporary-absence'));
    expect(r.submitted[0]!.feeUnknown).toBe(true);
    expect(receipt.feeVnd).toBeNull();
  });

  it('passport: an adult files TK01 alone; TK01a is for a card holder under 14', async () => {
    const adult = rig({ dateOfBirth: '1990-05-01' });
    await adult.dossiers.submit('passport', filled('passport', {}, ['tk01']));
    expect(adult.submitted).toHaveLength(1);
    await expect(
      adult.dossiers.submit('passport', filled('passport', {}, ['tk01', 'tk01a'])),
    ).rejects.toMatchObject({
      code: 'dossier-invalid',
    });
    const child = rig({ dateOfBirth: '2014-03-01' });
    await child.dossiers.submit('passport', filled('passport', {}, ['tk01a']));
    expect(child.submitted).toHaveLength(1);
    await expect(child.dossiers.submit('passport', filled('passport', {}, ['tk01']))).rejects.toMatchObject({
      code: 'dossier-invalid',
    });
  });

  it('each dossier has its own client reference; the same submission again has the same ones', async () => {
    const r = rig({ dateOfBirth: '1990-05-01' });
    const first = filled('temporary-residence');
    await r.dossiers.submit('temporary-residence', first);
    await r.dossiers.submit('temporary-residence', structuredClone(first));
    await r.dossiers.submit('id-card-renewal', filled('id-card-renewal'));
    await r.dossiers.submit('death-joint-registration', filled('death-joint-registration'));
    const refs = r.submitted.map((d) => d.clientRef);
    expect(refs[0]).toBe(refs[1]);
    expect(new Set(refs).size).toBe(refs.length - 1);
    const sessionId = r.sessions.active!.id;
    for (const ref of refs) expect(ref.startsWith(`${sessionId}:`)).toBe(true);
  });

  it('service 17 collects the household health insurance with the discount; unknown base salary → unknown', async () => {
    const r = rig({ dateOfBirth: '1990-05-01' });
    const forms = filled('household-health-insurance');
    const member = forms[0]!.answers.householdMembers as unknown[] | undefined;
    const row = member?.[0] ?? {
      fullName: 'Nguyễn Văn An',
      dateOfBirth: '2000-01-01',
      sex: 'male',
      idNumber: '001200012345',
      relation: 'con',
    };
    forms[0]!.answers.householdMembers = [row, row];
    await r.withBaseSalary.submit('household-health-insurance', forms);
    // 3 people: 90,000 + 63,000 + 54,000 a month (base 2,000,000 as an example), 12 months.
    expect(r.submitted[0]!.fees.map((f) => f.amountVnd)).toEqual([207000 * 12]);
    await r.dossiers.submit('household-health-insurance', structuredClone(forms));
    expect(r.submitted[1]!.feeUnknown).toBe(true);
  });

  it('with the real outbox: a double tap is one dossier, a second dossier in the visit is another', async () => {
    const dir = scratchDir('dossier-');
    const store = KioskStore.open({
      path: join(dir.dir, 'db'),
      keys: new FileKeyProvider(join(dir.dir, 'k')),
    });
    const portal = new FakePortal();
    const outbox = new Outbox({ store, portal });
    try {
      const sessions = new SessionManager();
      const session = sessions.start('vi');
      session.personal.set('identity', { ...identity, dateOfBirth: '1990-05-01' });
      session.personal.set('decision', 'accept');
      const dossiers = new DossierService({ outbox, store, sessions, waitForCodeMs: 0 });
      const forms = filled('temporary-residence');
      const [a, b] = await Promise.all([
        dossiers.submit('temporary-residence', forms),
        dossiers.submit('temporary-residence', structuredClone(forms)),
      ]);
      expect(b.localRef).toBe(a.localRef);
      const c = await dossiers.submit('death-joint-registration', filled('death-joint-registration'));
      outbox.start();
      await outbox.idle();
      // 1 residence dossier + the 3 components of service 16, each once at the portal.
      expect([...portal.byKey.values()].map((e) => e.d.procedureCode).sort()).toEqual(
        ['1.000656', '1.003197', '1.004194', '2.000821'].sort(),
      );
      expect(new Set([a.localRef, c.localRef, ...(c.linked ?? []).map((l) => l.localRef)]).size).toBe(4);
      expect(session.personal.get('receipts')).toHaveLength(4);
    } finally {
      await outbox.stop();
      store.close();
      dir.cleanup();
    }
  });
});

describe('DossierService: the services kiosks add (26–29)', () => {
  const agency = (r: ReturnType<typeof rig>) =>
    (r.submitted[0] as unknown as { receivingAgency: { name: string } }).receivingAgency.name;

  it('26 a child’s first card: the parent files DC02 for the child, code 1.014062, no fee, commune police', async () => {
    const r = rig();
    const forms = filled('child-id-card', { childDateOfBirth: '2018-04-02' });
    const receipt = await r.dossiers.submit('child-id-card', forms);
    expect(r.submitted[0]).toMatchObject({ procedureCode: '1.014062', fees: [], feeUnknown: false });
    const dc02 = r.submitted[0]!.answers.dc02 as Record<string, unknown>;
    expect(dc02).toMatchObject({ requestKind: 'cap-moi-duoi-14', childDateOfBirth: '2018-04-02' });
    expect(receipt.feeVnd).toBe(0);
    expect(agency(r)).toMatch(/^Công an/);
  });

  it('26 refuses a child who is already 14 (they apply themselves)', async () => {
    const r = rig();
    const forms = filled('child-id-card', { childDateOfBirth: '2018-04-02' });
    forms[0]!.answers.childDateOfBirth = '2010-01-01';
    await expect(r.dossiers.submit('child-id-card', forms)).rejects.toMatchObject({
      code: 'dossier-invalid',
    });
  });

  it('27 marital status: 1.004873 to the commune People’s Committee, fee unknown (set by the province)', async () => {
    const r = rig();
    await r.dossiers.submit('marriage-status-confirmation', filled('marriage-status-confirmation'));
    expect(r.submitted[0]).toMatchObject({ procedureCode: '1.004873', feeUnknown: true });
    expect(agency(r)).toMatch(/^UBND/);
  });

  it('28 residence confirmation: CT01 with the preset request kind, 1.010041, free, commune police', async () => {
    const r = rig();
    const forms = filled('residence-confirmation');
    forms[0]!.answers.requestKind = 'thuong-tru';
    await r.dossiers.submit('residence-confirmation', forms);
    expect(r.submitted[0]).toMatchObject({ procedureCode: '1.010041', feeUnknown: false });
    expect((r.submitted[0]!.answers.ct01 as Record<string, unknown>).requestKind).toBe('xac-nhan-cu-tru');
    expect(r.submitted[0]!.fees.reduce((a, f) => a + f.amountVnd, 0)).toBe(0);
    expect(agency(r)).toMatch(/^Công an/);
  });

  it('29 extract copy: 2.000635, 8,000 đ, commune People’s Committee', async () => {
    const r = rig();
    const receipt = await r.dossiers.submit('civil-status-extract-copy', filled('civil-status-extract-copy'));
    expect(r.submitted[0]).toMatchObject({ procedureCode: '2.000635', fees: [{ amountVnd: 8000 }] });
    expect(receipt.feeVnd).toBe(8000);
    expect(agency(r)).toMatch(/^UBND/);
  });
});
