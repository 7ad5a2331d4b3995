import type { Migration } from './types';

/**
 * A receipt's fee can be unknown (no source gives it: "Phí, lệ phí: cán bộ sẽ thông báo"), which is not
 * the same as free. `fee_known = 0` marks it; `fee_vnd` is then 0 and means nothing. Existing rows keep
 * their amount as known.
 */
export const migration005: Migration = {
  version: 5,
  name: 'fee-unknown',
  up(db) {
    db.exec(`ALTER TABLE receipts ADD COLUMN fee_known INTEGER NOT NULL DEFAULT 1;`);
  },
};
