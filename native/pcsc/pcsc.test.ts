import { describe, expect, it } from 'vitest';
import { PcscError, toPcscError } from './errors';
import { PcscService, type SmartcardBinding } from './pcsc-service';

describe('PC/SC error mapping', () => {
  it.each([
    [{ code: 0x80100069, message: 'x' }, 'pcsc-card-removed'],
    [{ code: 0x80100009, message: 'x' }, 'pcsc-reader-gone'],
    [{ code: 0x8010000b, message: 'x' }, 'pcsc-sharing-violation'],
    [{ code: 0x8010000a, message: 'x' }, 'pcsc-timeout'],
    [{ code: 0x8010001d, message: 'x' }, 'pcsc-no-service'],
    [new Error('PC/SC service not running'), 'pcsc-no-service'],
    [new Error('SCardTransmit failed: 0x80100069'), 'pcsc-card-removed'],
    [new Error('Sharing violation - card is in use'), 'pcsc-sharing-violation'],
    [
      Object.assign(new Error('the card is not in the reader'), { code: 'simulator.card-removed' }),
      'pcsc-card-removed',
    ],
    [new Error('something else'), 'pcsc-failed'],
  ])('%o → %s', (input, code) => {
    const e = toPcscError(input);
    expect(e).toBeInstanceOf(PcscError);
    expect(e.code).toBe(code);
  });
});

function fakeBinding(
  readers: { name: string; state: number }[],
  onConnect: (mode: number) => void,
): SmartcardBinding {
  return {
    SCARD_SHARE_EXCLUSIVE: 1,
    SCARD_SHARE_SHARED: 2,
    SCARD_PROTOCOL_T0: 1,
    SCARD_PROTOCOL_T1: 2,
    SCARD_STATE_PRESENT: 0x20,
    SCARD_LEAVE_CARD: 0,
    Context: class {
      isValid = true;
      listReaders() {
        if (readers.length === 0)
          throw Object.assign(new Error('No readers available'), { code: 0x8010002e });
        return readers.map((r) => ({
          ...r,
          atr: r.state & 0x20 ? Buffer.from('3B8080', 'hex') : null,
          async connect(mode: number) {
            onConnect(mode);
            return {
              protocol: 2,
              connected: true,
              atr: Buffer.from('3B8080', 'hex'),
              async transmit(cmd: Buffer, opts?: { maxRecvLength?: number }) {
                if (cmd[1] === 0xff) throw Object.assign(new Error('removed'), { code: 0x80100069 });
                return Buffer.from([opts?.maxRecvLength === 65538 ? 0x90 : 0x6f, 0x00]);
              },
              async control() {
                return Buffer.alloc(0);
              },
              getStatus() {
                return { state: 0, protocol: 2, atr: Buffer.alloc(0) };
              },
              disconnect() {},
              async reconnect() {
                return 2;
              },
            };
          },
        }));
      }
      async waitForChange() {
        return null;
      }
      cancel() {}
      close() {}
    } as unknown as SmartcardBinding['Context'],
    ReaderMonitor: class {
      isRunning = false;
      start() {}
      stop() {}
    } as unknown as SmartcardBinding['ReaderMonitor'],
  };
}

describe('PcscService', () => {
  it('lists readers with card state; connects exclusively to the reader with a card', async () => {
    const modes: number[] = [];
    const s = new PcscService(
      fakeBinding(
        [
          { name: 'ACS ACR1252 00 00', state: 0x10 },
          { name: 'Virtual PCD 00 01', state: 0x20 },
        ],
        (m) => modes.push(m),
      ),
    );
    expect(s.listReaders()).toEqual([
      { name: 'ACS ACR1252 00 00', cardPresent: false, atr: null },
      { name: 'Virtual PCD 00 01', cardPresent: true, atr: '3B8080' },
    ]);
    const t = await s.connect();
    expect(t.readerName).toBe('Virtual PCD 00 01');
    expect(t.extendedLength).toBe(true);
    expect(modes).toEqual([1]);
    expect(await t.transmit(Uint8Array.of(0, 0xa4, 0, 0))).toEqual(Uint8Array.of(0x90, 0));
    await expect(t.transmit(Uint8Array.of(0, 0xff, 0, 0))).rejects.toMatchObject({
      code: 'pcsc-card-removed',
    });
    const real = await s.connect('ACS ACR1252');
    expect(real.extendedLength).toBe(false);
    await expect(s.connect('Nope')).rejects.toMatchObject({ code: 'pcsc-reader-gone' });
    expect(await s.waitForCard(undefined, 1000)).toBe('Virtual PCD 00 01');
  });
  it('no readers → empty list and typed errors', async () => {
    const s = new PcscService(fakeBinding([], () => {}));
    expect(s.listReaders()).toEqual([]);
    await expect(s.connect()).rejects.toMatchObject({ code: 'pcsc-no-reader' });
    await expect(s.waitForCard(undefined, 10)).rejects.toMatchObject({ code: 'pcsc-timeout' });
  });
});
