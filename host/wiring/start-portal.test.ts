/** Demo mode's short outbox retry waits (`dossier.retry`), never in production. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config';
import { DEFAULT_BREAKER } from '../outbox';
import { outboxRetry } from './start-portal';

const dataDir = '/nonexistent-kiosk-start-portal-test';
const retry = { backoffBaseMs: 100, backoffCapMs: 500, breakerOpenMs: 300 };

describe('outboxRetry', () => {
  it('gives the outbox the configured waits in demo mode, keeping the failure threshold', () => {
    const config = loadConfig({ dataDir, mode: 'demo', dossier: { retry } } as never, {});
    expect(outboxRetry(config)).toEqual({
      backoff: { baseMs: 100, capMs: 500 },
      breaker: { failureThreshold: DEFAULT_BREAKER.failureThreshold, openMs: 300 },
    });
  });

  it('leaves the defaults without the key, and in production even if the key got through', () => {
    expect(outboxRetry(loadConfig({ dataDir, mode: 'demo' }, {}))).toBeNull();
    const production = loadConfig({ dataDir }, {});
    expect(outboxRetry({ ...production, dossier: { ...production.dossier, retry } })).toBeNull();
  });
});
