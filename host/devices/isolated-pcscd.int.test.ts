/**
 * The kiosk's vpcd is reachable from this machine only. A second network namespace joined to this one by a
 * veth pair (a private /30 that exists only inside this machine) plays "another machine on the LAN": from its
 * non-loopback address it tries to attach a virtual card to the vpcd ports; the kiosk's pcscd must never see
 * that card. Controls: the same probe card IS seen when attached through the kiosk's loopback-only bridge, and
 * the probe namespace DOES reach a server bound to 0.0.0.0 here (as stock vpcd binds), so the path works.
 */
import { execFileSync, spawn } from 'node:child_process';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settlesWithin } from '../../tests/support/wait';
import { PcscService } from '../../native/pcsc/pcsc-service';
import { type IsolatedPcscd, startIsolatedPcscd } from './isolated-pcscd';

const ip = (...args: string[]): string => execFileSync('ip', args, { encoding: 'utf8' });
const tag = process.pid % 10_000;
const NS = `kiosk-probe-${process.pid}`;
const HOST_IF = `kpa${tag}`;
const PROBE_IF = `kpb${tag}`;
const octet = (process.pid % 63) * 4; // 10.254.77.<octet>/30: .1 here, .2 in the probe namespace
const HOST_ADDR = `10.254.77.${octet + 1}`;
const PROBE_ADDR = `10.254.77.${octet + 2}`;

/**
 * A minimal vpcd card (the wire protocol of native/simulator/vpcd.ts): answers the ATR request with an ATR and
 * every APDU with 6D00; prints `connected` or `refused:<code>`, and keeps the link for `holdMs`.
 */
const PROBE = `
const net = require('node:net');
const [kind, a, b, holdMs] = process.argv.slice(1);
const s = kind === 'unix' ? net.connect({ path: a }) : net.connect({ host: a, port: Number(b) });
const frame = (bytes) => { const h = Buffer.alloc(2); h.writeUInt16BE(bytes.length); return Buffer.concat([h, Buffer.from(bytes)]); };
let buf = Buffer.alloc(0);
s.on('connect', () => { console.log('connected'); setTimeout(() => { s.destroy(); process.exit(0); }, Number(holdMs)); });
s.on('data', (d) => {
  buf = Buffer.concat([buf, d]);
  while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
    const m = buf.subarray(2, 2 + buf.readUInt16BE(0)); buf = buf.subarray(2 + m.length);
    if (m.length === 1 && m[0] === 4) s.write(frame([0x3b, 0x80, 0x80, 0x01, 0x01]));
    else if (m.length > 1) s.write(frame([0x6d, 0x00]));
  }
});
s.on('error', (e) => { console.log('refused:' + e.code); process.exit(0); });
setTimeout(() => { console.log('refused:timeout'); process.exit(0); }, 5000).unref();
`;

function probe(args: string[], inNamespace: boolean): Promise<string> {
  const cmd = inNamespace ? 'ip' : process.execPath;
  const argv = inNamespace
    ? ['netns', 'exec', NS, process.execPath, '-e', PROBE, ...args]
    : ['-e', PROBE, ...args];
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', () => resolve(out.trim().split('\n')[0] ?? ''));
  });
}

/** Polls the kiosk's pcscd while `during` runs: was a card ever present in its readers? */
async function cardSeenDuring(pcsc: PcscService, during: Promise<unknown>): Promise<boolean> {
  let seen = false;
  do if (pcsc.listReaders().some((r) => r.cardPresent)) seen = true;
  while (!(await settlesWithin(during, 100)));
  return seen;
}

let pcscd: IsolatedPcscd;
let pcsc: PcscService;

beforeAll(async () => {
  pcscd = await startIsolatedPcscd();
  process.env.PCSCLITE_CSOCK_NAME = pcscd.socketPath;
  pcsc = new PcscService();
  ip('netns', 'add', NS);
  ip('link', 'add', HOST_IF, 'type', 'veth', 'peer', 'name', PROBE_IF);
  ip('link', 'set', PROBE_IF, 'netns', NS);
  ip('addr', 'add', `${HOST_ADDR}/30`, 'dev', HOST_IF);
  ip('link', 'set', HOST_IF, 'up');
  ip('netns', 'exec', NS, 'ip', 'addr', 'add', `${PROBE_ADDR}/30`, 'dev', PROBE_IF);
  ip('netns', 'exec', NS, 'ip', 'link', 'set', PROBE_IF, 'up');
  ip('netns', 'exec', NS, 'ip', 'link', 'set', 'lo', 'up');
});

afterAll(async () => {
  try {
    ip('netns', 'del', NS); // takes the veth pair with it
  } catch {
    /* already gone */
  }
  await pcscd?.stop();
});

describe('vpcd is reachable from loopback only', () => {
  it('control: the probe namespace reaches a server bound to 0.0.0.0 here over the veth pair', async () => {
    const server = net.createServer((s) => s.end());
    await new Promise<void>((r) => server.listen(0, '0.0.0.0', r));
    try {
      const port = (server.address() as net.AddressInfo).port;
      expect(await probe(['tcp', HOST_ADDR, String(port), '100'], true)).toBe('connected');
    } finally {
      server.close();
    }
  });

  it('control: the probe card attached through the loopback-only bridge is seen by the kiosk', async () => {
    const attach = probe(['unix', pcscd.vpcdSockets[0], '', '2500'], false);
    expect(await cardSeenDuring(pcsc, attach)).toBe(true);
    expect(await attach).toBe('connected');
  });

  it('a card attached from another address, to any vpcd port, is never seen', async () => {
    // The control card has left (pcscd notices at its next presence poll).
    await expect.poll(() => pcsc.listReaders().some((r) => r.cardPresent), { timeout: 10_000 }).toBe(false);
    for (const port of [pcscd.basePort, pcscd.basePort + 1]) {
      const attach = probe(['tcp', HOST_ADDR, String(port), '2500'], true);
      expect(await cardSeenDuring(pcsc, attach)).toBe(false);
      // Whatever answers there on this machine, it is not the kiosk's pcscd (which has no such address).
      expect(await attach).toMatch(/^(refused:|connected$)/);
    }
    expect(pcsc.listReaders().map((r) => r.name)).toEqual(pcscd.readerNames);
  });
});
