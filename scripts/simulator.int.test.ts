import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { SerialPort } from 'serialport';
import { startPrivatePcscd, type PrivatePcscd } from '../tests/support/pcscd';
import { loadProfile } from '../native/simulator/index';

const ROOT = path.resolve(import.meta.dirname, '..');
const TSX = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');

function startCli(
  args: string[],
  env: NodeJS.ProcessEnv,
): { child: ChildProcessWithoutNullStreams; firstLine: Promise<string> } {
  const child = spawn(process.execPath, [TSX, 'scripts/simulator.ts', ...args], { cwd: ROOT, env });
  const lines = createInterface({ input: child.stdout });
  const firstLine = new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`simulator exited ${code}`)));
  });
  firstLine.catch(() => undefined); // tests that expect a failing exit do not await the first line
  return { child, firstLine };
}

function exitCode(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return child.exitCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((r) => child.once('exit', (c) => r(c)));
}

let pcscd: PrivatePcscd;
beforeAll(async () => {
  pcscd = await startPrivatePcscd();
});
afterAll(async () => {
  await pcscd?.stop();
});

describe('npm run simulator -- card / qr', () => {
  it('card: prints one ready line once pcscd sees the card, serves APDUs, exits 0 on SIGTERM', async () => {
    const { child, firstLine } = startCli(
      [
        'card',
        '--profile',
        'fixtures/citizens/young.json',
        '--vpcd-port',
        String(pcscd.basePort),
        '--fault',
        'slow:1',
      ],
      pcscd.env,
    );
    const ready = JSON.parse(await firstLine) as Record<string, unknown>;
    const p = loadProfile('young');
    expect(ready).toEqual({
      event: 'ready',
      reader: 'Virtual PCD 00 00',
      idNumber: p.idNumber,
      fullName: p.fullName,
      bac: p.bac,
    });
    const out = await new Promise<string>((resolve) => {
      const c = execFile(
        'scriptor',
        ['-r', 'Virtual PCD 00 00'],
        { env: pcscd.env, timeout: 10_000 },
        (_e, o, e) => resolve(o + e),
      );
      c.stdin?.end('00 A4 04 0C 07 A0 00 00 02 47 10 01\n');
    });
    expect(out).toMatch(/< 90 00/);
    child.kill('SIGTERM');
    expect(await exitCode(child)).toBe(0);
  });

  it('card: rejects an unknown fault with a typed error', async () => {
    const { child } = startCli(['card', '--profile', 'young', '--fault', 'melted'], pcscd.env);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    expect(await exitCode(child)).toBe(1);
    expect(stderr).toContain('simulator.fault-invalid');
  });

  it('qr: prints the pty path, then writes the payload there', async () => {
    const { child, firstLine } = startCli(
      ['qr', '--profile', 'over-60', '--delay-ms', '500', '--eol', 'crlf'],
      process.env,
    );
    const devicePath = await firstLine;
    const port = new SerialPort({ path: devicePath, baudRate: 9600 });
    // Everything up to the end of line, as the bytes arrive.
    const got = await new Promise<string>((resolve) => {
      let buf = Buffer.alloc(0);
      port.on('data', (d: Buffer) => {
        buf = Buffer.concat([buf, d]);
        if (buf.toString('utf8').endsWith('\r\n')) resolve(buf.toString('utf8'));
      });
    });
    const payload = loadProfile('over-60').qr ?? '';
    expect(got).toBe(`${payload}\r\n`);
    await new Promise<void>((r) => port.close(() => r()));
    child.kill('SIGINT');
    expect(await exitCode(child)).toBe(0);
  });
});
