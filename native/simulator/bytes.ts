/** Small byte helpers (no dependencies). */
export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').toUpperCase();
}

export function fromHex(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  return new Uint8Array(Buffer.from(clean, 'hex'));
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength))));
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export function sw(code: number): Uint8Array {
  return new Uint8Array([(code >> 8) & 0xff, code & 0xff]);
}
