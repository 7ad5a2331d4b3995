import { raiseAlert } from './alerts';
import { appendAudit, rekeyLegacyAudit, verifyAudit } from './audit';
import { tx, type StoreContext } from './context';
import { guard } from './errors';
import { deadLetter } from './outbox';
import type { OutboxRow } from './records';
import { hasKey, keyIdsInUse } from './sealed';
import { upsertSetting } from './settings';

/**
 * The checks at open: re-keys an older unkeyed audit chain once (when the audit key is new), sets aside queued
 * dossiers under a data key the provider does not have (`store-key-missing` alert — a lost key file is never
 * silently papered over), and verifies the audit chain (`audit-chain-broken` alert).
 */
export function startupChecks(c: StoreContext, skipAuditVerify: boolean, auditKeyCreated: boolean): void {
  const at = c.now();
  tx(c, 'check keys', () => {
    const marker = c.db.prepare(`SELECT value FROM settings WHERE key = 'audit.mac'`).get() as
      { value: string } | undefined;
    if (!marker) {
      const rows = (c.db.prepare('SELECT COUNT(*) AS n FROM audit').get() as { n: number }).n;
      if (rows > 0 && auditKeyCreated && !rekeyLegacyAudit(c.db, c.auditKey).legacyOk)
        raiseAlert(c.db, 'audit-chain-broken', 'critical', at);
      c.db
        .prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('audit.mac', 'hmac-sha256', ?)`)
        .run(at);
    }
    const missing = keyIdsInUse(c.db).filter((id) => !hasKey(c.keys, id));
    // Raised once per set of missing keys (recorded by id, nothing personal): a cleared alert is not reopened by
    // every restart while the set-aside rows wait for their key or their retention.
    const known = c.db.prepare(`SELECT value FROM settings WHERE key = 'store.missing-keys'`).get() as
      { value: string } | undefined;
    const signature = [...missing].sort().join(',');
    if (signature !== (known?.value ?? '')) upsertSetting(c.db, 'store.missing-keys', signature, at);
    if (missing.length === 0) return;
    const lost = c.db
      .prepare(
        `SELECT * FROM outbox WHERE state = 'queued' AND key_id IN (${missing.map(() => '?').join(',')})`,
      )
      .all(...missing) as OutboxRow[];
    for (const r of lost) deadLetter(c, r, 'store-key-missing', at);
    if (signature === known?.value && lost.length === 0) return;
    raiseAlert(c.db, 'store-key-missing', 'critical', at);
    appendAudit(c.db, c.auditKey, {
      at,
      actor: 'system',
      action: 'store.key-missing',
      detail: { keys: missing.length, dossiers: lost.length },
    });
  });
  if (skipAuditVerify) return;
  const verdict = guard('verify audit', () => verifyAudit(c.db, c.auditKey));
  if (!verdict.ok) {
    const now = c.now();
    tx(c, 'raise alert', () => raiseAlert(c.db, 'audit-chain-broken', 'critical', now));
  }
}
