/**
 * Test support: every fictional citizen of fixtures/citizens goes through a real host (KioskApi handlers, the
 * store, a fake portal) — completed, abandoned and failed journeys with their personal data in every call —
 * and rates it. Used by the no-personal-data and metrics tests. The identity is put in the session as the
 * identify pipeline would after a verified chip read (that pipeline has its own tests).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { join } from 'node:path';
import { buildAnswerSchema, getForm, getService, todayInVietnam, visibleFields } from '../../../catalogue';
import type { Field } from '../../../common/catalogue/schema';
import { Identity } from '../../../common/identity';
import { loadConfig } from '../../config/config';
import { createHost, type CreatedHost } from '../../create-host';
import { type Delivery, startDelivery } from '../../outbox';
import { FakePortal } from '../../outbox/testing/fake-portal';
import { scratchDir } from '../../store/testing/test-helpers';
import { answerFor } from '../../../tests/support/filled-forms';

const CITIZENS_DIR = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'citizens');

export type Citizen = Record<string, unknown> & { id: string; idNumber: string; fullName: string };

/**
 * The fictional citizens the kiosk can identify: those whose card gives an `Identity` (the ICAO specimen
 * passport has no 12-digit personal ID, so the kiosk never holds one for it and it files nothing).
 */
export function fictionalCitizens(): Citizen[] {
  return readdirSync(CITIZENS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(CITIZENS_DIR, f), 'utf8')) as Citizen)
    .filter((c) => Identity.safeParse({ ...c, source: 'chip' }).success);
}

/** Every personal string of a citizen worth looking for (names, numbers, addresses, the QR payload). */
export function personalStrings(c: Citizen): string[] {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (v.length >= 6) out.add(v.normalize('NFC'));
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk({
    fullName: c.fullName,
    idNumber: c.idNumber,
    oldIdNumber: c.oldIdNumber,
    dateOfBirth: c.dateOfBirth,
    placeOfOrigin: c.placeOfOrigin,
    placeOfResidence: c.placeOfResidence,
    identifyingMarks: c.identifyingMarks,
    fatherName: c.fatherName,
    motherName: c.motherName,
    spouseName: c.spouseName,
    qr: c.qr,
    bac: c.bac,
    detail: addressDetail(c),
  });
  return [...out];
}

/** The first part of the citizen's residence (street, hamlet): a form's address detail. */
export function addressDetail(c: Citizen): string {
  return String(c.placeOfResidence).split(',')[0]!.trim().slice(0, 100);
}

function answer(f: Pick<Field, 'type' | 'options' | 'columns' | 'validation'>, c: Citizen): unknown {
  const id = /^\d{12}$/.test(c.idNumber) ? c.idNumber : '012345678901';
  return answerFor(f, {
    idNumber: id,
    patternedId: id,
    fullName: c.fullName,
    addressDetail: addressDetail(c),
  });
}

export function filledForms(serviceId: string, c: Citizen) {
  return getService(serviceId)
    .forms.filter((r) => !r.when)
    .map((ref) => {
      const form = getForm(ref.id, ref.version);
      const allowed = Object.fromEntries(Object.entries(ref.allow ?? {}).map(([k, v]) => [k, v[0]]));
      const answers: Record<string, unknown> = { ...allowed, ...ref.preset };
      const ctx = { identity: c, today: todayInVietnam() };
      for (let i = 0; i < 5; i++)
        for (const f of visibleFields(form, answers, ctx))
          if (f.required && answers[f.id] === undefined) answers[f.id] = answer(f, c);
      const chk = buildAnswerSchema(form, ctx).safeParse(answers);
      if (!chk.success)
        throw new Error(`answers for ${ref.id} (${c.id}): ${JSON.stringify(chk.error.issues).slice(0, 600)}`);
      return { formId: ref.id, version: ref.version, answers, corrections: [] };
    });
}

export interface JourneyRig {
  dir: string;
  dbPath: string;
  created: CreatedHost;
  delivery: Delivery;
  call: (method: string, params?: object) => Promise<{ ok: boolean; result?: unknown; error?: unknown }>;
  cleanup: () => Promise<void>;
}

export function journeyRig(): JourneyRig {
  const s = scratchDir('journeys-');
  const config = loadConfig({ dataDir: s.dir, portal: { waitForCodeMs: 0 } } as never, {});
  const dbPath = join(s.dir, 'kiosk.db');
  const delivery = startDelivery({ dbPath, keys: join(s.dir, 'keys', 'data.key'), portal: new FakePortal() });
  const created = createHost(config, { delivery });
  let id = 0;
  const call = async (method: string, params: object = {}) =>
    (await created.host.handleMessage({ v: 1, id: ++id, method, params })) as {
      ok: boolean;
      result?: unknown;
      error?: unknown;
    };
  return {
    dir: s.dir,
    dbPath,
    created,
    delivery,
    call,
    cleanup: async () => {
      await created.dispose();
      await delivery.stop();
      s.cleanup();
    },
  };
}

export const SERVICE = 'temporary-residence';

/** What the citizens' journeys add up to (the test's expectation, from the script itself). */
export interface Expected {
  started: number;
  completed: number;
  abandonedAt: Record<string, number>;
  ratings: Record<string, number>;
  errors: number;
}

/**
 * Citizen i: consents, is identified, opens the services, saves a draft with their data; then every third
 * submits the dossier, every third sends a form the host refuses (its answers carry the person's name in
 * the wrong place) and gives up, every third walks away from the form. Each rates the journey 1–5.
 */
export async function runCitizenJourneys(rig: JourneyRig, citizens = fictionalCitizens()): Promise<Expected> {
  const exp: Expected = { started: 0, completed: 0, abandonedAt: {}, ratings: {}, errors: 0 };
  const { call, created } = rig;
  for (const [i, c] of citizens.entries()) {
    expect((await call('session.start', { language: 'vi' })).ok).toBe(true);
    await call('session.consent', { granted: true });
    const session = created.services.sessions.active!;
    session.personal.set('identity', Identity.parse({ ...c, source: 'chip' }));
    session.personal.set('decision', 'accept');
    await call('catalogue.home');
    const forms = filledForms(SERVICE, c);
    const values = forms[0]!.answers;
    const saved = await call('draft.save', {
      serviceId: SERVICE,
      data: { formIndex: 0, forms: [{ formId: forms[0]!.formId, version: forms[0]!.version, values }] },
    });
    expect(saved.ok).toBe(true);
    // A service id that is someone's name must never become a report row.
    const odd = await call('attachment.list', { serviceId: c.fullName.slice(0, 64) });
    if (!odd.ok) exp.errors++;
    exp.started++;
    if (i % 3 === 0) {
      const r = await call('dossier.submit', { serviceId: SERVICE, forms });
      expect(r, JSON.stringify(r.error)).toMatchObject({ ok: true });
      exp.completed++;
      await call('session.end', { reason: 'done' });
    } else if (i % 3 === 1) {
      const bad = forms.map((f) => ({ ...f, answers: { ...f.answers, [`${c.fullName}`]: c.idNumber } }));
      const r = await call('dossier.submit', { serviceId: SERVICE, forms: bad });
      if (!r.ok) exp.errors++;
      // A refused submission leaves the journey at the form (its error is counted).
      exp.abandonedAt.form = (exp.abandonedAt.form ?? 0) + 1;
      await call('session.end', { reason: 'cancel' });
    } else {
      exp.abandonedAt.form = (exp.abandonedAt.form ?? 0) + 1;
      await call('session.end', { reason: 'timeout' });
    }
    const score = (i % 5) + 1;
    expect(
      await call('rating.submit', { score, reasons: i % 2 ? ['hard-to-understand'] : [] }),
    ).toMatchObject({
      ok: true,
      result: { recorded: true },
    });
    exp.ratings[String(score)] = (exp.ratings[String(score)] ?? 0) + 1;
  }
  return exp;
}
