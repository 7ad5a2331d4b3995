import { Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Identity } from '../../common/identity';
import longAddress from '../../fixtures/citizens/long-address.json';
import { createLogger, errorFields, levelFromEnv, swallowed } from './logger';
import { REDACTED_KEYS, scrub, scrubText } from './redact';

function capture(level: 'trace' | 'info' = 'trace') {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, log: createLogger({ level, destination }) };
}

// A fictional citizen (fixtures/citizens: nobody real).
const citizen = Identity.parse({ ...longAddress, source: 'chip' });
// Every personal value (source and cardType describe the document, not the person, and stay).
const { source: _source, cardType: _cardType, ...person } = citizen;
const personalValues = Object.values(person).filter(
  (v): v is string => typeof v === 'string' && v.length > 4,
);
const secrets = {
  can: '123456',
  pin: '8421',
  mrz: 'IDVNM1950088887079195008888<<8',
  accessToken: 'eyJhbGciOi.x.y',
};

describe('logger', () => {
  it('keeps every Identity field out of the output, however the identity is logged', () => {
    const { lines, log } = capture();
    log.info({ identity: citizen }, 'identity read');
    log.warn(citizen, 'the whole identity at the top level');
    log.error({ session: { citizen: { ...citizen }, step: 'form' }, ...secrets }, 'nested');
    log.debug({ list: [citizen, { person: citizen }] }, 'in an array');
    log.info(`message quoting ${citizen.idNumber}`);
    log.child({ fullName: citizen.fullName, idNumber: citizen.idNumber }).info('child bindings');
    const err = Object.assign(new Error(`no dossier for ${citizen.idNumber}`), { code: 'dossier-unknown' });
    log.error({ err }, 'an error whose message carries an ID number');
    log.trace(
      { mrzText: 'IDVNM1950088887079195008888<<8\n9506184F3506180VNM<<<<<<<<<<<2' },
      'mrz under an innocent key',
    );

    const out = lines.join('\n');
    expect(lines).toHaveLength(8);
    for (const v of [...personalValues, ...Object.values(secrets)]) expect(out).not.toContain(v);
    // The structure survives: levels, messages, the error's code.
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.map((p) => p.level)).toEqual([
      'info',
      'warn',
      'error',
      'debug',
      'info',
      'info',
      'error',
      'trace',
    ]);
    expect(parsed[0]!.identity).toBe('[redacted]');
    expect(parsed[2]!.session).toEqual({
      citizen: expect.objectContaining({ source: 'chip' }),
      step: 'form',
    });
    expect(parsed[4]!.msg).toBe('message quoting [id-number]');
    expect(parsed[6]!.err).toMatchObject({
      type: 'Error',
      code: 'dossier-unknown',
      message: 'no dossier for [id-number]',
    });
  });

  it('derives the redacted keys from the Identity schema', () => {
    const personal = Object.keys(Identity.shape).filter((k) => k !== 'source' && k !== 'cardType');
    expect(personal).toHaveLength(17);
    for (const k of personal) expect(REDACTED_KEYS.has(k.toLowerCase())).toBe(true);
  });

  it('reads the level from KIOSK_LOG_LEVEL, info by default', () => {
    expect(levelFromEnv({ KIOSK_LOG_LEVEL: 'debug' })).toBe('debug');
    expect(levelFromEnv({ KIOSK_LOG_LEVEL: 'WARN ' })).toBe('warn');
    expect(levelFromEnv({ KIOSK_LOG_LEVEL: 'loud' })).toBe('info');
    expect(levelFromEnv({})).toBe('info');
    const { lines, log } = capture('info');
    log.debug('hidden');
    log.info('shown');
    expect(lines).toHaveLength(1);
  });

  it('reduces an error to its code and type', () => {
    expect(errorFields(Object.assign(new TypeError('Nguyễn Văn A'), { code: 'x.y' }))).toEqual({
      code: 'x.y',
      errorType: 'TypeError',
    });
    expect(errorFields('boom')).toEqual({ errorType: 'string' });
  });

  it('logs a swallowed failure with its code and type, not its message, and answers the fallback', async () => {
    const { lines, log } = capture();
    const failing = Promise.reject(
      Object.assign(new Error(`Hồ sơ của ${citizen.fullName}`), { code: 'portal.down' }),
    );
    await expect(failing.catch(swallowed(log, 'warn', 'status not read', null))).resolves.toBeNull();
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 'warn',
      code: 'portal.down',
      errorType: 'Error',
      msg: 'status not read',
    });
    expect(lines[0]).not.toContain(citizen.fullName);
  });

  it('never lets a 12-digit number through, whatever surrounds it (fuzz)', () => {
    fc.assert(
      fc.property(fc.string(), fc.stringMatching(/^\d{12}$/), fc.string(), (a, id, b) => {
        const s = `${a.replace(/\d/g, 'x')} ${id} ${b.replace(/\d/g, 'x')}`;
        expect(scrubText(s)).not.toContain(id);
        expect(JSON.stringify(scrub({ nested: { deep: [s] } }))).not.toContain(id);
      }),
      { numRuns: 10_000 },
    );
  });

  it('survives cycles and odd values', () => {
    const a: Record<string, unknown> = { n: 1, bytes: new Uint8Array(3) };
    a.self = a;
    expect(scrub(a)).toEqual({ n: 1, bytes: '[3 bytes]', self: '[…]' });
  });
});
