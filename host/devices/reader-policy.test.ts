import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { PcscEvent, ReaderInfo } from '../../native/pcsc/pcsc-service';
import { ccidNamesByUsbId, readerNamesForUsbIds } from './ccid-names';
import { filterReaders, readerPolicy } from './reader-policy';

const ACS = 'ACS ACR1252 Dual Reader [ACR1252 Dual Reader PICC] 00 00';
const VIRTUAL = 'Virtual PCD 00 00';

function fakePcsc(readers: ReaderInfo[]) {
  const em = new EventEmitter();
  const connected: string[] = [];
  return {
    connected,
    emit: (e: PcscEvent) => em.emit('event', e),
    pcsc: {
      listReaders: () => readers,
      connect: async (name?: string) => {
        connected.push(name ?? '(first)');
        return { transmit: async () => new Uint8Array() } as never;
      },
      on: (_e: 'event', l: (e: PcscEvent) => void) => em.on('event', l),
    },
  };
}

describe('reader policy', () => {
  it('production refuses virtual readers, whatever the allow-list, with a sentence for the technician', () => {
    const p = readerPolicy('production', ['.*']);
    expect(p.refusal(VIRTUAL)).toMatch(/virtual .* refused in production/);
    expect(p.refusal('vpcd 01')).not.toBeNull();
    expect(p.refusal(ACS)).toBeNull();
  });

  it('production reads only allow-listed readers', () => {
    const p = readerPolicy('production', ['^ACS ACR1252']);
    expect(p.refusal(ACS)).toBeNull();
    expect(p.refusal('Identiv uTrust 3700 F CL Reader [uTrust 3700 F CL Reader] 00 00')).toMatch(
      /allowedReaders/,
    );
  });

  it('demo mode allows the simulator reader', () => {
    expect(readerPolicy('demo', []).refusal(VIRTUAL)).toBeNull();
  });
});

describe('filterReaders', () => {
  it('hides refused readers, drops their events, refuses to connect to them, and reports once', async () => {
    const f = fakePcsc([
      { name: VIRTUAL, cardPresent: true, atr: '3B80800101' },
      { name: ACS, cardPresent: false, atr: null },
    ]);
    const refused: string[] = [];
    const view = filterReaders(f.pcsc, readerPolicy('production', ['.*']), (name) => refused.push(name));
    expect(view.listReaders().map((r) => r.name)).toEqual([ACS]);
    const seen: PcscEvent[] = [];
    view.on('event', (e) => seen.push(e));
    f.emit({ type: 'card-inserted', reader: VIRTUAL, atr: '3B80800101' });
    f.emit({ type: 'card-inserted', reader: ACS, atr: '3B8F8001' });
    expect(seen).toEqual([{ type: 'card-inserted', reader: ACS, atr: '3B8F8001' }]);
    await expect(view.connect(VIRTUAL)).rejects.toMatchObject({ code: 'pcsc-reader-refused' });
    // No reader named: the first ALLOWED reader with a card, never the virtual one that has a card.
    await expect(view.connect()).rejects.toMatchObject({ code: 'pcsc-reader-refused' });
    expect(f.connected).toEqual([]);
    await view.connect(ACS);
    expect(f.connected).toEqual([ACS]);
    expect(refused).toEqual([VIRTUAL]);
  });
});

describe('allow-listing by USB id (the CCID driver names the reader)', () => {
  const plist = `<plist><dict>
    <key>ifdVendorID</key><array><string>0x072F</string><string>0x072F</string><string>0x04E6</string></array>
    <key>ifdProductID</key><array><string>0x223B</string><string>0x2200</string><string>0x5790</string></array>
    <key>ifdFriendlyName</key><array><string>ACS ACR1252 Dual Reader</string><string>ACS ACR122U</string><string>Identiv uTrust 3700 F CL Reader</string></array>
  </dict></plist>`;

  it('reads the id → name table as pcscd does', () => {
    const table = ccidNamesByUsbId(plist);
    expect(table.get('072f:223b')).toEqual(['ACS ACR1252 Dual Reader']);
    expect(table.get('04e6:5790')).toEqual(['Identiv uTrust 3700 F CL Reader']);
  });

  it('allows exactly the readers of the listed ids', () => {
    const names = ccidNamesByUsbId(plist).get('072f:223b')!;
    const p = readerPolicy('production', [], names);
    expect(p.refusal(ACS)).toBeNull();
    expect(p.refusal('ACS ACR1252 Dual Reader [ACR1252 Dual Reader SAM] 00 01')).toBeNull();
    expect(p.refusal('ACS ACR122U PICC Interface 00 00')).toMatch(/allowedUsbIds/);
    // A name that merely starts like it is another reader.
    expect(p.refusal('ACS ACR1252 Dual ReaderX 00 00')).not.toBeNull();
    expect(p.refusal(VIRTUAL)).not.toBeNull();
  });

  it("uses this machine's CCID driver table (libccid) when installed", () => {
    expect(readerNamesForUsbIds(['072F:2200'])).toContain('ACS ACR122U PICC Interface');
  });
});
