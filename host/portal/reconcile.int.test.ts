import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../catalogue';
import { scratchDir } from '../store/testing/test-helpers';
import { loadAgencyTable } from './agencies/receiving-agency';
import { HttpPortalAdapter } from './http-adapter';
import { MOCK_CREDENTIALS } from './mock/server';
import { startMockPortal, type StartedMockPortal } from './mock/start';
import { reconcileCatalogue, withPortalFees } from './reconcile';

let mock: StartedMockPortal;
const dir = scratchDir('reconcile-');
beforeAll(async () => {
  mock = await startMockPortal({ port: 0, dbPath: join(dir.dir, 'portal.db') });
});
afterAll(async () => {
  await mock?.stop();
  dir.cleanup();
});

describe('start-up reconciliation against the provincial system', () => {
  it('finds the fee lines where the catalogue and the system disagree, and nothing where they agree', async () => {
    const portal = new HttpPortalAdapter({ baseUrl: mock.url, ...MOCK_CREDENTIALS, timeoutMs: 3000 });
    const r = await reconcileCatalogue({
      portal,
      table: loadAgencyTable(),
      services: loadCatalogue().services,
      today: '2026-11-30',
    });
    expect(r.agencies).toBe(9);
    expect(r.findings.filter((f) => f.kind === 'agency-unreachable')).toEqual([]);
    // Temporary residence: the catalogue's in-person fee (10,000) against TT 75/2022's 15,000 in the system.
    const tr = r.findings.find((f) => f.kind === 'fee-differs' && f.procedureCode === '1.004194');
    expect(tr).toMatchObject({
      serviceId: 'temporary-residence',
      agencyCode: '000.30.01.H22',
      portal: 'in-person 15000, online 7000',
    });
    expect(tr!.catalogue).not.toBe(tr!.portal);
    // The stay notice (2.001159) is copied from the catalogue: no finding.
    expect(r.findings.some((f) => f.procedureCode === '2.001159')).toBe(false);
    // feesFrom "portal": the citizen is shown the system's fee lines for the procedure filed by default.
    const shown = withPortalFees(loadCatalogue().services, r).find((s) => s.id === 'temporary-residence')!;
    expect(Array.isArray(shown.fees) && shown.fees.map((f) => [f.channel, f.amountVnd]).sort()).toEqual([
      ['in-person', 15000],
      ['online', 7000],
    ]);
  });

  it('an agency the system does not answer for is reported, not guessed', async () => {
    const portal = new HttpPortalAdapter({ baseUrl: mock.url, ...MOCK_CREDENTIALS, timeoutMs: 3000 });
    const table = loadAgencyTable();
    const r = await reconcileCatalogue({
      portal,
      table: {
        ...table,
        agencies: [...table.agencies, { code: '000.99.99.H22', name: 'Không có', kind: 'tax', communes: [] }],
      },
      services: loadCatalogue().services,
      today: '2026-11-30',
    });
    expect(r.findings).toContainEqual(
      expect.objectContaining({
        kind: 'agency-unreachable',
        agencyCode: '000.99.99.H22',
        portal: 'portal-rejected',
      }),
    );
  });
});
