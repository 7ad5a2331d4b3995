/** What the dossier service puts into the portal fields: agency, identity flag, appointment, documents. */
import { describe, expect, it } from 'vitest';
import { getForm, getService, visibleFields } from '../../catalogue';
import type { Field } from '../../common/catalogue/schema';
import type { ChipVerification } from '../../common/identity';
import { ATTACHMENTS_SESSION_KEY } from '../attachments/attachment-service';
import { vietnamDate } from '../calendar';
import type { Outbox } from '../outbox';
import type { DossierSubmission } from '../portal/types';
import { SessionManager } from '../session/session-manager';
import { chipVerification, fictionalIdentity } from '../session/testing/test-helpers';
import type { FilledForm } from '../../common/api/contract';
import { DossierService } from './dossier-service';

const plain = (f: Pick<Field, 'type' | 'options' | 'columns'>, allowed?: readonly string[]): unknown =>
  ({
    date: '2026-11-01',
    // The first choice this service files (`forms[].allow`, e.g. CT01's request kinds per service).
    choice: (f.options?.find((o) => !allowed || allowed.includes(String(o.value))) ?? f.options?.[0])?.value,
    yesno: false,
    number: 1,
    phone: '0912345678',
    email: 'an@example.vn',
    idNumber: '001190012345',
    // An address in the demo province's second commune: the dossier goes to that commune's police.
    address: { provinceCode: '99', communeCode: '99902', detail: 'Số 1' },
    person: { fullName: 'Nguyễn Văn An' },
  })[f.type as string] ?? 'Nguyễn Văn An';

function filled(serviceId: string): FilledForm[] {
  return getService(serviceId).forms.map((ref) => {
    const form = getForm(ref.id, ref.version);
    const answers: Record<string, unknown> = { ...ref.preset };
    for (let i = 0; i < 5; i++)
      for (const f of visibleFields(form, answers))
        if (f.required && answers[f.id] === undefined) answers[f.id] = plain(f, ref.allow?.[f.id]);
    return { formId: ref.id, version: ref.version, answers, corrections: [] };
  });
}

function rig(verification: Partial<ChipVerification>) {
  const submitted: Omit<DossierSubmission, 'localRef' | 'receivedAt'>[] = [];
  const outbox = {
    submit: (s: { serviceId: string; dossier: Omit<DossierSubmission, 'localRef' | 'receivedAt'> }) => {
      submitted.push(s.dossier);
      return { localRef: `K-${submitted.length}`, dossierCode: null, state: 'queued' };
    },
    waitForDelivery: async () => null,
  } as unknown as Outbox;
  const sessions = new SessionManager();
  const s = sessions.start('vi');
  s.personal.set('identity', fictionalIdentity({ fullName: 'Nguyễn Thị Hồng Nhung' }));
  s.personal.set('decision', 'accept');
  s.personal.set('verification', chipVerification(verification));
  return { submitted, sessions, dossiers: new DossierService({ outbox, sessions, waitForCodeMs: 0 }) };
}

describe('dossier portal fields', () => {
  it('temporary residence: police of the address’s commune, verified chip, working-day estimate, paper to bring', async () => {
    const r = rig({ passive: 'valid', active: 'valid' });
    const forms = filled('temporary-residence');
    forms[0]!.answers.residenceAddress = { provinceCode: '99', communeCode: '99902', detail: 'Số 1' };
    await r.dossiers.submit('temporary-residence', forms);
    const d = r.submitted[0]!;
    expect(d.receivingAgency).toEqual({ code: '000.30.02.H22', name: 'Công an xã Mẫu Hai (mô phỏng)' });
    expect(d.identityVerified).toBe(true);
    expect(d.documents).toEqual([
      { title: expect.stringContaining('CT01'), code: 'ct01', delivery: 'form' },
      { title: expect.stringContaining('chỗ ở hợp pháp'), code: 'lawful-residence', delivery: 'at-counter' },
    ]);
    expect(d.appointmentAt).not.toBeNull();
    expect([1, 2, 3, 4, 5]).toContain(new Date(`${vietnamDate(d.appointmentAt!)}T00:00:00Z`).getUTCDay());
  });

  it('a chip without active authentication is not "identity verified"; attached files go as files', async () => {
    const r = rig({ passive: 'valid', active: 'unsupported' });
    r.sessions.active!.personal.set(ATTACHMENTS_SESSION_KEY, {
      serviceId: 'stay-notification',
      atCounter: new Set(),
      files: new Map([
        [
          'guest-id',
          [
            {
              file: {
                name: 'guest-id-1.pdf',
                mime: 'application/pdf',
                sha256: 'a'.repeat(64),
                base64: 'JVBERi0=',
                pages: 1,
              },
              source: 'scanner',
            },
          ],
        ],
      ]),
    });
    await r.dossiers.submit('stay-notification', filled('stay-notification'));
    const d = r.submitted[0]!;
    expect(d.identityVerified).toBe(false);
    expect(d.receivingAgency.code).toBe('000.30.02.H22');
    expect(d.documents.filter((x) => x.delivery === 'attached').map((x) => [x.code, x.file?.name])).toEqual([
      ['guest-id', 'guest-id-1.pdf'],
    ]);
  });
});
