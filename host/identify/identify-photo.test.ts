/**
 * The photo path of the identify flow: the chip's face image is decoded in the face worker; JPEG 2000 reaches
 * the screen as PNG, a bad image as null ("photo unavailable") while the read still completes.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { readCard, trustStoreFromPem, type CardReadResult } from '../../native/emrtd';
import { FaceDecoder } from '../../native/face';
import { faceFixture, maxDiff, readPnm } from '../../native/face/testing/face-fixtures';
import type { PcscEvent } from '../../native/pcsc/pcsc-service';
import { createInProcessCard, loadProfile, PKI_DIR } from '../../native/simulator';
import { DeviceStatusBoard } from '../devices/device-status';
import { SessionManager } from '../session/session-manager';
import { type IdentifyEvent, IdentifyService } from './identify-service';

const trustStore = trustStoreFromPem(readFileSync(path.join(PKI_DIR, 'csca.cert.pem'), 'utf8'));
const faces = new FaceDecoder();
afterAll(() => faces.close());

/** Reads the simulated card, then swaps the photo bytes (as a chip with another image would give). */
async function photoEvents(photo: Uint8Array | null): Promise<IdentifyEvent[]> {
  const profile = loadProfile('unknown-father');
  const card = createInProcessCard(profile);
  const bus = new EventEmitter();
  const sessions = new SessionManager();
  const events: IdentifyEvent[] = [];
  let end!: () => void;
  const ended = new Promise<void>((r) => (end = r));
  const service = new IdentifyService({
    pcsc: { listReaders: () => [], connect: async () => card, on: (_, l) => bus.on('event', l) },
    sessions,
    status: new DeviceStatusBoard(),
    trustStore,
    faces,
    read: async (t, o): Promise<CardReadResult> => {
      const r = await readCard(t, o);
      return { ...r, photo: photo ? { mime: 'image/jp2', bytes: photo, width: 0, height: 0 } : null };
    },
    emit: (e) => {
      events.push(e);
      if (e.type === 'verified' || e.type === 'failed') end();
    },
  });
  sessions.start('vi');
  service.setConsent(true);
  service.provideQr(profile.qr!);
  bus.emit('event', { type: 'card-inserted', reader: card.readerName, atr: null } satisfies PcscEvent);
  await ended;
  return events;
}

describe('identify: the photo', () => {
  it('a JPEG 2000 face is shown as a PNG with the exact pixels', async () => {
    const events = await photoEvents(faceFixture('portrait-lossless.jp2'));
    const photo = events.find((e) => e.type === 'photo');
    expect(photo).toMatchObject({ dataUrl: expect.stringMatching(/^data:image\/png;base64,/) });
    const png = PNG.sync.read(Buffer.from((photo as { dataUrl: string }).dataUrl.split(',')[1]!, 'base64'));
    expect(maxDiff(new Uint8Array(png.data), readPnm(faceFixture('portrait.ppm')).rgba)).toBe(0);
    expect(events.at(-1)).toMatchObject({ type: 'verified', decision: 'accept' });
  });

  it('a corrupt image gives a null photo ("unavailable"); identity and verdict are unaffected', async () => {
    const bad = faceFixture('portrait-lossless.jp2').subarray(0, 500);
    const events = await photoEvents(bad);
    expect(events.find((e) => e.type === 'photo')).toEqual({ type: 'photo', dataUrl: null });
    expect(events.find((e) => e.type === 'identity')).toMatchObject({
      identity: { fullName: 'Vũ Thị Thanh Tâm', fatherName: null, motherName: 'Vũ Thị Hiền' },
    });
    expect(events.at(-1)).toMatchObject({ type: 'verified', decision: 'accept' });
  });
});
