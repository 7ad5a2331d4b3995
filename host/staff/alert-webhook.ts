/**
 * Sends a staff call to the centre's Alertmanager-compatible receiver: `POST <url>` with the JSON body of
 * Alertmanager's API v2 (`/api/v2/alerts`: an array of alerts with `labels`, `annotations`, `startsAt`,
 * `endsAt`). Labels carry the kiosk, the host name and the screen — never anything about the citizen.
 * Delivered means a 2xx answer; anything else (an error status, a refused connection, a time-out) is a failure
 * the caller tells the citizen about.
 */
import { readFileSync } from 'node:fs';
import type { StaffCallScreen } from '../../common/api/contract';

export interface AlertWebhookConfig {
  url: string;
  /** Bearer token, if the receiver wants one. */
  token: string | null;
  /** Give up after this long. Default 5 s. */
  timeoutMs?: number;
}

export interface StaffCallAlert {
  kiosk: string;
  instance: string;
  screen: StaffCallScreen;
  id: number;
  at: number;
  /** Set when the call was answered: the alert is sent again, resolved. */
  answeredAt?: number;
}

export type WebhookOutcome =
  { ok: true; status: number } | { ok: false; status: number | null; reason: string };

/** The Alertmanager v2 body for one call. */
export function alertBody(a: StaffCallAlert): unknown[] {
  return [
    {
      labels: {
        alertname: 'KioskStaffCall',
        severity: 'warning',
        kiosk: a.kiosk,
        instance: a.instance,
        screen: a.screen,
        call: String(a.id),
      },
      annotations: {
        summary: `Gọi cán bộ: ki-ốt ${a.kiosk}, màn hình ${a.screen}`,
        description: `Staff call from kiosk ${a.kiosk} (screen: ${a.screen}).`,
      },
      startsAt: new Date(a.at).toISOString(),
      ...(a.answeredAt ? { endsAt: new Date(a.answeredAt).toISOString() } : {}),
    },
  ];
}

export async function postStaffCall(cfg: AlertWebhookConfig, a: StaffCallAlert): Promise<WebhookOutcome> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (cfg.token) headers.authorization = `Bearer ${cfg.token}`;
  try {
    const res = await fetch(cfg.url, {
      method: 'POST',
      headers,
      body: JSON.stringify(alertBody(a)),
      signal: AbortSignal.timeout(cfg.timeoutMs ?? 5000),
      redirect: 'error',
    });
    await res.arrayBuffer().catch(() => undefined);
    return res.status >= 200 && res.status < 300
      ? { ok: true, status: res.status }
      : { ok: false, status: res.status, reason: `HTTP ${res.status}` };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    return { ok: false, status: null, reason: err.cause?.code ?? err.name };
  }
}

/** The bearer token: env KIOSK_STAFF_WEBHOOK_TOKEN, else the configured file, else none. */
export function resolveWebhookToken(tokenFile: string | null, env = process.env): string | null {
  const fromEnv = env.KIOSK_STAFF_WEBHOOK_TOKEN?.trim();
  if (fromEnv) return fromEnv;
  if (!tokenFile) return null;
  return readFileSync(tokenFile, 'utf8').trim() || null;
}
