import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AgencyError } from './errors';
import { parseAgencyFaults } from './faults';
import { callAgency } from './http-client';
import { AgencyMockServer, notFound, ok } from './mock-server';
import { JsonRecords } from './records';

// A tiny agency with one operation: it stores what it receives and finds it again.
describe('agency foundation: mock server, HTTP client, faults, records', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'agency-'));
  const file = path.join(dir, 'records.json');
  const records = new JsonRecords<{ id: string; name: string }>(file);
  const server = new AgencyMockServer(
    'echo',
    {
      put: (b) => ok(records.add({ id: String(records.list().length + 1), name: String(b.name) })),
      get: (b) => {
        const r = records.find((x) => x.id === b.id);
        return r ? ok(r) : notFound('không có');
      },
    },
    records,
  );
  let baseUrl = '';
  const Rec = z.object({ id: z.string(), name: z.string() });

  beforeAll(async () => {
    baseUrl = `http://127.0.0.1:${await server.listen(0)}`;
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores a record in its JSON file and answers it back', async () => {
    const put = await callAgency({ baseUrl }, 'put', { name: 'Trần Thị Mẫu' }, Rec);
    expect(put).toEqual({ id: '1', name: 'Trần Thị Mẫu' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([put]);
    expect(await callAgency({ baseUrl }, 'get', { id: '1' }, Rec)).toEqual(put);
    const admin = (await (await fetch(`${baseUrl}/admin/records`)).json()) as { records: unknown[] };
    expect(admin.records).toEqual([put]);
  });

  it('maps answers and faults to typed errors', async () => {
    const code = async (p: Promise<unknown>) =>
      p.then(
        () => 'no error',
        (e: AgencyError) => `${e.code}:${e.retryable}`,
      );
    expect(await code(callAgency({ baseUrl }, 'get', { id: '9' }, Rec))).toBe('agency-not-found:false');
    expect(await code(callAgency({ baseUrl }, 'get', { id: '1' }, z.object({ x: z.number() })))).toBe(
      'agency-bad-response:true',
    );
    expect(await code(callAgency({ baseUrl }, 'nope', {}, Rec))).toBe('agency-bad-response:true');
    server.setFaults(parseAgencyFaults({ rejectRate: 1 }));
    expect(await code(callAgency({ baseUrl }, 'get', { id: '1' }, Rec))).toBe('agency-rejected:false');
    server.setFaults(parseAgencyFaults({ errorRate: 1 }));
    expect(await code(callAgency({ baseUrl }, 'get', { id: '1' }, Rec))).toBe('agency-server-error:true');
    server.setFaults(parseAgencyFaults({ down: true }));
    expect(await code(callAgency({ baseUrl }, 'get', { id: '1' }, Rec))).toBe('agency-unreachable:true');
    server.setFaults(parseAgencyFaults({ timeoutRate: 1 }));
    expect(await code(callAgency({ baseUrl, timeoutMs: 300 }, 'get', { id: '1' }, Rec))).toBe(
      'agency-timeout:true',
    );
    // Admin paths answer whatever the faults.
    const f = await (
      await fetch(`${baseUrl}/admin/faults`, { method: 'POST', body: JSON.stringify({}) })
    ).json();
    expect(f).toMatchObject({ down: false, errorRate: 0, rejectRate: 0 });
    expect(await callAgency({ baseUrl }, 'get', { id: '1' }, Rec)).toMatchObject({ id: '1' });
  });

  it('reads faults defensively', () => {
    expect(parseAgencyFaults({ errorRate: 2, latencyMs: -1, down: 'yes' })).toEqual({
      down: false,
      latencyMs: 0,
      errorRate: 0,
      timeoutRate: 0,
      rejectRate: 0,
    });
  });
});
