/** Files the store reads back from disk (key files, backups) are untrusted input: anything else is a typed error. */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decryptBackup } from './backup';
import { StoreError } from './errors';
import { MemoryKeyProvider, readKeyFile } from './keys';

const numRuns = Number(process.env.FUZZ_RUNS ?? 10000);

function onlyTyped(fn: () => unknown, codes: string[]): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    expect(codes).toContain((err as StoreError).code);
  }
}

describe('fuzzing', () => {
  const kek = randomBytes(32);

  it('key files: any text or JSON gives a key file or store-key-file-invalid', () => {
    const keyish = fc.oneof(fc.string(), fc.base64String({ minLength: 44, maxLength: 44 }));
    const text = fc.oneof(
      fc.string(),
      fc.json(),
      fc
        .record(
          {
            version: fc.oneof(fc.constant(1), fc.constant(2), fc.integer()),
            current: fc.string(),
            keys: fc.dictionary(fc.string(), keyish),
            lookupSecret: keyish,
            iv: fc.string(),
            tag: fc.string(),
            data: fc.string(),
          },
          { requiredKeys: [] },
        )
        .map((o) => JSON.stringify(o)),
    );
    fc.assert(
      fc.property(text, fc.boolean(), (t, withKek) => {
        onlyTyped(() => readKeyFile(t, 'fuzz', withKek ? kek : null), ['store-key-file-invalid']);
      }),
      { numRuns },
    );
  });

  it('backups: any bytes give store-decrypt-failed or store-key-missing, never a crash or plaintext', () => {
    const keys = new MemoryKeyProvider();
    const id = Buffer.from(keys.current().id, 'utf8');
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
      fc
        .tuple(fc.boolean(), fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 120 }))
        .map(([knownId, n, rest]) =>
          Buffer.concat([
            Buffer.from('KIOSKBK1'),
            knownId ? Buffer.from([id.length]) : Buffer.from([n]),
            knownId ? id : Buffer.alloc(0),
            Buffer.from(rest),
          ]),
        ),
    );
    fc.assert(
      fc.property(bytes, (b) => {
        onlyTyped(() => decryptBackup(b, keys), ['store-decrypt-failed', 'store-key-missing']);
      }),
      { numRuns },
    );
  });
});
