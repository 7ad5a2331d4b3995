/** DER content octets of an OBJECT IDENTIFIER (dotted → bytes), for MSE:Set AT and public key data objects. */
export function encodeOidValue(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map((a) => BigInt(a));
  if (arcs.length < 2) throw new RangeError(`bad OID ${dotted}`);
  const out: number[] = [];
  const push = (n: bigint): void => {
    const bytes = [Number(n & 0x7fn)];
    for (let v = n >> 7n; v > 0n; v >>= 7n) bytes.unshift(Number(v & 0x7fn) | 0x80);
    out.push(...bytes);
  };
  push(arcs[0]! * 40n + arcs[1]!);
  for (const a of arcs.slice(2)) push(a);
  return Uint8Array.from(out);
}
