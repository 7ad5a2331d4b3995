/** Dossiers from finished forms: host re-validation, presets, one dossier per component of a linked service. */
import { describe, expect, it } from 'vitest';
import { buildAnswerSchema, getForm, getService, visibleFields } from '../../catalogue';
import { communes } from '../../catalogue/admin-units';
import type { Field } from '../../catalogue/schema';
import type { Identity } from '../../common/identity';
import type { Outbox } from '../outbox';
import { SessionManager } from '../session/session-manager';
import type { ReceiptRecord } from '../store/store';
import { DossierService, type FilledFormInput } from './dossier-service';

const identity = { idNumber: '001190012345', fullName: 'Nguyễn Thị Hồng Nhung' } as Identity;

/** Valid answers for any catalogue form: each visible required question answered plainly. */
function answer(f: Pick<Field, 'type' | 'options' | 'columns'>): unknown {
  switch (f.type) {
    case 'date':
      return '2026-11-01';
    case 'choice':
      return f.options![0]!.value;
    case 'yesno':
      return false;
    case 'number':
      return 1;
    case 'phone':
      return '0912345678';
    case 'email':
      return 'an@example.vn';
    case 'idNumber':
      return '001190012345';
    case 'address':
      return { provinceCode: '01', communeCode: communes('01')[0]!.code, detail: 'Số 1' };
    case 'person':
      return { fullName: 'Nguyễn Văn An' };
    case 'table':
      return [Object.fromEntries((f.columns ?? []).filter((c) => c.required).map((c) => [c.id, answer(c)]))];
    default:
      return 'Nguyễn Văn An';
  }
}

function filled(serviceId: string): FilledFormInput[] {
  return getService(serviceId).forms.map((ref) => {
    const form = getForm(ref.id, ref.version);
    const answers: Record<string, unknown> = { ...ref.preset };
    for (let i = 0; i < 5; i++)
      for (const f of visibleFields(form, answers))
        if (f.required && answers[f.id] === undefined) answers[f.id] = answer(f);
    expect(buildAnswerSchema(form).safeParse(answers).success).toBe(true);
    return { formId: ref.id, version: ref.version, answers, corrections: [] };
  });
}

function rig() {
  const submitted: { procedureCode: string; answers: Record<string, unknown>; fees: unknown[] }[] = [];
  const outbox = {
    submit: (s: {
      serviceId: string;
      dossier: {
        procedureCode: string;
        procedureName: string;
        answers: Record<string, unknown>;
        fees: { amountVnd: number }[];
      };
    }) => {
      submitted.push(s.dossier);
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
        feeVnd: s.dossier.fees.reduce((a, f) => a + f.amountVnd, 0),
        feePaid: false,
        portalStatus: null,
        applicant: null,
      } satisfies ReceiptRecord;
    },
    waitForDelivery: async () => null,
  } as unknown as Outbox;
  const sessions = new SessionManager();
  const s = sessions.start('vi');
  s.personal.set('identity', identity);
  s.personal.set('decision', 'accept');
  return { submitted, sessions, dossiers: new DossierService({ outbox, sessions, waitForCodeMs: 0 }) };
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
});
