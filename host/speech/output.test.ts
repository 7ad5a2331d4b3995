import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasAudioDevice, headsetJackOn, isPrivateOutput } from './output';
import { PrivateSpeech } from './private-speech';
import { NEUTRAL_PHRASE } from './privacy-filter';

// Shape of `amixer -c 0 contents` on an HDA codec (alsa-utils), jack controls as the kernel names them.
const amixer = (headphone: 'on' | 'off') => `numid=22,iface=CARD,name='Front Headphone Jack'
  ; type=BOOLEAN,access=r-------,values=1
  : values=${headphone}
numid=21,iface=CARD,name='Line Out Jack'
  ; type=BOOLEAN,access=r-------,values=1
  : values=on
numid=1,iface=MIXER,name='Master Playback Switch'
  ; type=BOOLEAN,access=rw------,values=1
  : values=on
`;

describe('headset detection', () => {
  it('reads the headphone jack control', () => {
    expect(headsetJackOn(amixer('on'))).toBe(true);
    expect(headsetJackOn(amixer('off'))).toBe(false);
    expect(headsetJackOn("numid=3,iface=CARD,name='Headset Mic Jack'\n  : values=on\n")).toBe(true);
    expect(headsetJackOn('')).toBe(false);
  });

  it('auto: private only while a card reports the jack; failures mean the loudspeaker', async () => {
    const cards = () => ['0', '1'];
    expect(await isPrivateOutput({ cards, run: async (_c, a) => amixer(a[1] === '1' ? 'on' : 'off') })).toBe(
      true,
    );
    expect(await isPrivateOutput({ cards, run: async () => amixer('off') })).toBe(false);
    expect(
      await isPrivateOutput({
        cards,
        run: async () => {
          throw new Error('ENOENT');
        },
      }),
    ).toBe(false);
    expect(await isPrivateOutput({ cards: () => [] })).toBe(false);
  });

  it('a configured output wins', async () => {
    const run = async () => amixer('on');
    expect(await isPrivateOutput({ setting: 'headset', cards: () => [] })).toBe(true);
    expect(await isPrivateOutput({ setting: 'loudspeaker', cards: () => ['0'], run })).toBe(false);
  });
});

describe('hasAudioDevice', () => {
  it('finds an ALSA playback device or a sound server socket', () => {
    const root = mkdtempSync(join(tmpdir(), 'snd-'));
    const dev = join(root, 'snd');
    mkdirSync(dev);
    writeFileSync(join(dev, 'controlC0'), '');
    writeFileSync(join(dev, 'pcmC0D0c'), ''); // capture only
    expect(hasAudioDevice({}, dev)).toBe(false);
    expect(hasAudioDevice({ PULSE_SERVER: 'unix:/run/pulse' }, dev)).toBe(true);
    mkdirSync(join(root, 'pulse'));
    writeFileSync(join(root, 'pulse', 'native'), '');
    expect(hasAudioDevice({ XDG_RUNTIME_DIR: root }, dev)).toBe(true);
    writeFileSync(join(dev, 'pcmC0D0p'), '');
    expect(hasAudioDevice({}, dev)).toBe(true);
    expect(hasAudioDevice({}, join(root, 'none'))).toBe(false);
  });
});

describe('PrivateSpeech', () => {
  const session = new Map<string, unknown>([
    ['identity', { fullName: 'Vũ Thị Ngần', idNumber: '031085009876' }],
  ]);
  const parts = [{ text: 'Xin chào Vũ Thị Ngần.' }, { text: 'Mời bạn kiểm tra thông tin.' }];

  it('loudspeaker: the session’s name is replaced even when the screen did not mark it', async () => {
    let asked = 0;
    const gate = new PrivateSpeech({ personal: () => session, isPrivate: async () => (asked++, false) });
    expect(await gate.text(parts, 'vi')).toBe(`Xin chào ${NEUTRAL_PHRASE.vi}. Mời bạn kiểm tra thông tin.`);
    expect(asked).toBe(1);
  });

  it('headset: everything is spoken', async () => {
    const gate = new PrivateSpeech({ personal: () => session, isPrivate: async () => true });
    expect(await gate.text(parts, 'vi')).toBe('Xin chào Vũ Thị Ngần. Mời bạn kiểm tra thông tin.');
  });

  it('does not ask the sound card when nothing personal is in the text', async () => {
    let asked = 0;
    const gate = new PrivateSpeech({ personal: () => undefined, isPrivate: async () => (asked++, true) });
    expect(await gate.text([{ text: 'Số thứ tự A012' }], 'vi')).toBe('Số thứ tự A012');
    expect(asked).toBe(0);
  });
});
