import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The records an agency mock keeps (what it received), in one JSON file the tests and the e2e read back
 * (`GET /admin/records`, or the file itself). Written whole and atomically (temporary file + rename) after
 * each change: a mock holds a few hundred records at most.
 */
export class JsonRecords<T extends object> {
  private items: T[];

  constructor(private readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.items = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T[]) : [];
  }

  list(): readonly T[] {
    return this.items;
  }

  find(pred: (r: T) => boolean): T | undefined {
    return this.items.find(pred);
  }

  add(record: T): T {
    this.items.push(record);
    this.save();
    return record;
  }

  /** Replaces the records matching `pred` with `change(record)`; returns how many changed. */
  update(pred: (r: T) => boolean, change: (r: T) => T): number {
    let n = 0;
    this.items = this.items.map((r) => (pred(r) ? (n++, change(r)) : r));
    if (n > 0) this.save();
    return n;
  }

  private save(): void {
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.items, null, 1), { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}
