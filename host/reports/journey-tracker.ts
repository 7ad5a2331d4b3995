/**
 * Follows one citizen's journey only as far as the reports need — which step was reached, which catalogue
 * service, how it ended, error codes — and writes it to the aggregate table when the session ends. It keeps
 * nothing personal: it sees method names, the service id and error codes, never parameters' contents, and the
 * rows it writes carry no session id, time of day or dossier reference.
 */
import { type MethodName, RatingReason, type SessionEndReason } from '../../common/api/contract';
import type { Handlers } from '../api/kiosk-host';
import { type Channel, durationBucket, NO_SERVICE, type ReportStore } from './report-store';

/** The steps a journey can be abandoned at, in order. */
export const STEPS = ['consent', 'identify', 'service', 'form', 'attachments', 'submit', 'payment'] as const;
export type Step = (typeof STEPS)[number];

export const RATING_REASONS = RatingReason.options;
export type { RatingReason };

/** The step a call shows the citizen has reached (calls not listed leave the step unchanged). */
function stepOf(method: MethodName, params: unknown): Step | null {
  if (method === 'session.consent') return (params as { granted?: boolean }).granted ? 'identify' : null;
  if (method.startsWith('identify.')) return 'identify';
  if (method === 'catalogue.home' || method === 'catalogue.search' || method === 'catalogue.services')
    return 'service';
  if (method === 'catalogue.form' || method.startsWith('draft.')) return 'form';
  if (method.startsWith('attachment.')) return 'attachments';
  if (method === 'dossier.submit' || method === 'exam.register') return 'submit';
  if (method.startsWith('payment.')) return 'payment';
  return null;
}

interface Journey {
  startedAt: number;
  step: Step;
  /** Whether consent was given: identify/catalogue calls before it (browsing) do not move the step. */
  consented: boolean;
  serviceId: string | null;
  submitted: { serviceId: string; atMs: number }[];
  errors: string[];
  refused: boolean;
  rated: boolean;
}

export interface FinishedJourney {
  serviceId: string;
  outcome: 'completed' | 'abandoned' | 'refused';
  endedAt: number;
  rated: boolean;
}

export interface JourneyTrackerOptions {
  reports: ReportStore;
  channel: Channel;
  /** Catalogue service ids: anything else counts as `none` (bounded label sets, no free text). */
  serviceIds: () => ReadonlySet<string>;
  /** The reporting day (Vietnam time) of an instant. */
  dayOf: (ms: number) => string;
  now?: () => number;
  /** How long after a session ends its rating is still taken (default 10 minutes). */
  ratingWindowMs?: number;
}

export class JourneyTracker {
  private current: Journey | null = null;
  private last: FinishedJourney | null = null;
  private readonly now: () => number;

  constructor(private readonly opts: JourneyTrackerOptions) {
    this.now = opts.now ?? Date.now;
  }

  private service(id: unknown): string | null {
    return typeof id === 'string' && this.opts.serviceIds().has(id) ? id : null;
  }

  begin(): void {
    this.current = {
      startedAt: this.now(),
      step: 'consent',
      consented: false,
      serviceId: null,
      submitted: [],
      errors: [],
      refused: false,
      rated: false,
    };
  }

  /** A call from the UI (before it ran): consent is noted at once. */
  called(method: MethodName, params: unknown): void {
    const j = this.current;
    if (j && method === 'session.consent' && (params as { granted?: boolean }).granted) j.consented = true;
  }

  /**
   * A call that succeeded moves the journey on: the step it shows (only for a catalogue service when it names
   * one), the service chosen, a dossier submitted.
   */
  succeeded(method: MethodName, params: unknown): void {
    const j = this.current;
    if (!j || !j.consented) return;
    const named = (params as { serviceId?: unknown } | null)?.serviceId;
    const sid = this.service(named);
    if (named !== undefined && !sid) return;
    const step = stepOf(method, params);
    if (step && STEPS.indexOf(step) > STEPS.indexOf(j.step)) j.step = step;
    if (sid) j.serviceId = sid;
    if (method === 'dossier.submit' || method === 'exam.register')
      j.submitted.push({ serviceId: sid ?? NO_SERVICE, atMs: this.now() - j.startedAt });
  }

  /** An error code a citizen met (a failed call, a card that could not be read). Codes only. */
  failed(code: string): void {
    this.current?.errors.push(code);
  }

  /** The card was refused (forged, unverifiable). */
  refused(): void {
    if (this.current) this.current.refused = true;
  }

  /** The session ended: the journey goes into the aggregate table, one transaction. */
  end(_reason: SessionEndReason): void {
    const j = this.current;
    if (!j) return;
    this.current = null;
    const endedAt = this.now();
    const day = this.opts.dayOf(endedAt);
    const channel = this.opts.channel;
    const rows: Parameters<ReportStore['addAll']>[0][number][] = [];
    const main = j.submitted[0]?.serviceId ?? j.serviceId ?? NO_SERVICE;
    let outcome: FinishedJourney['outcome'];
    if (j.submitted.length > 0) {
      outcome = 'completed';
      for (const s of j.submitted) {
        rows.push({ day, serviceId: s.serviceId, channel, metric: 'started', key: '' });
        rows.push({ day, serviceId: s.serviceId, channel, metric: 'completed', key: '' });
        rows.push({ day, serviceId: s.serviceId, channel, metric: 'duration', key: durationBucket(s.atMs) });
      }
    } else {
      outcome = j.refused ? 'refused' : 'abandoned';
      rows.push({ day, serviceId: main, channel, metric: 'started', key: '' });
      rows.push({
        day,
        serviceId: main,
        channel,
        metric: outcome,
        key: outcome === 'abandoned' ? j.step : '',
      });
    }
    for (const code of j.errors) rows.push({ day, serviceId: main, channel, metric: 'error', key: code });
    this.opts.reports.addAll(rows);
    this.last = { serviceId: main, outcome, endedAt, rated: j.rated };
  }

  /**
   * One rating for the journey (during it, or within the rating window after it ended): a score 1–5 and
   * reason chips, counted for the journey's service and day. A second rating of the same journey is ignored.
   */
  rate(score: number, reasons: readonly RatingReason[]): { recorded: boolean } {
    const now = this.now();
    const j = this.current;
    let serviceId: string;
    if (j && j.consented) {
      if (j.rated) return { recorded: false };
      j.rated = true;
      serviceId = j.submitted[0]?.serviceId ?? j.serviceId ?? NO_SERVICE;
    } else {
      const last = this.last;
      if (!last || last.rated || now - last.endedAt > (this.opts.ratingWindowMs ?? 600_000))
        return { recorded: false };
      last.rated = true;
      serviceId = last.serviceId;
    }
    const day = this.opts.dayOf(now);
    const channel = this.opts.channel;
    this.opts.reports.addAll([
      { day, serviceId, channel, metric: 'rating', key: String(score) },
      ...[...new Set(reasons)].map((r) => ({ day, serviceId, channel, metric: 'reason' as const, key: r })),
    ]);
    return { recorded: true };
  }

  /**
   * The handlers, observed: each call notes its step and service, a success of `dossier.submit` counts it,
   * a failure counts its error code. Results and errors pass through unchanged.
   */
  wrap(handlers: Handlers): Handlers {
    const out: Record<string, unknown> = {};
    for (const [name, handler] of Object.entries(handlers) as [MethodName, unknown][]) {
      if (typeof handler !== 'function') continue;
      const h = handler as (p: unknown) => unknown;
      out[name] = (params: unknown): unknown => {
        this.called(name, params);
        const ok = (r: unknown): unknown => {
          if (name === 'session.start') this.begin();
          this.succeeded(name, params);
          return r;
        };
        const ko = (e: unknown): never => {
          const code = (e as { code?: unknown })?.code;
          this.failed(typeof code === 'string' ? code : 'internal');
          throw e;
        };
        let r: unknown;
        try {
          r = h(params);
        } catch (e) {
          return ko(e);
        }
        return r instanceof Promise ? r.then(ok, ko) : ok(r);
      };
    }
    return out as Handlers;
  }
}
