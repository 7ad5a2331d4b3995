import { ChipVerification, Identity } from '../../../common/identity';

/**
 * A fictional card holder for tests, through `Identity.parse` (never a hand-built object): every field the
 * model has, blank unless given; `over` sets the ones the test is about.
 */
export function fictionalIdentity(over: Partial<Identity> = {}): Identity {
  const blank = Object.fromEntries(Object.keys(Identity.shape).map((key) => [key, null]));
  return Identity.parse({
    ...blank,
    idNumber: '001190012345',
    fullName: 'Nguyễn Thị Thử',
    dateOfBirth: '1990-01-01',
    nationality: 'Việt Nam',
    source: 'chip',
    cardType: 'can-cuoc-2024',
    extraFields: {},
    ...over,
  });
}

/** Chip verdicts for tests: nothing checked unless given. */
export function chipVerification(over: Partial<ChipVerification> = {}): ChipVerification {
  return ChipVerification.parse({
    passive: 'not-checked',
    active: 'not-checked',
    chipAuthentication: 'not-checked',
    requires: { activeAuthentication: false, chipAuthentication: false },
    notRead: [],
    ...over,
  });
}
