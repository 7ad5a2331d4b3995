import type { ReactNode } from 'react';

/** One row of a GOV.UK summary list (inside `<dl className="summary-list">`): `k`, then its value `v`. */
export function SummaryRow({ k, v, testId }: { k: string; v: ReactNode; testId?: string }) {
  return (
    <div className="summary-list__row">
      <dt className="summary-list__key">{k}</dt>
      <dd className="summary-list__value" data-testid={testId}>
        {v}
      </dd>
    </div>
  );
}
