/** Masks a personal ID number for display and logs: first 4 and last 2 digits, e.g. `0010******45`. */
export function maskIdNumber(idNumber: string): string {
  const digits = idNumber.trim();
  if (digits.length <= 6) return '*'.repeat(digits.length);
  return `${digits.slice(0, 4)}${'*'.repeat(digits.length - 6)}${digits.slice(-2)}`;
}

/** Calendar day `YYYY-MM-DD` in Asia/Ho_Chi_Minh (UTC+7 all year; Vietnam has no daylight saving). */
export function vietnamDay(epochMs: number): string {
  return new Date(epochMs + 7 * 3_600_000).toISOString().slice(0, 10);
}
