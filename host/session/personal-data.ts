/**
 * The personal data of one citizen session, typed: what each key holds is declared once here, so no caller
 * casts. In memory only, never persisted in clear, never logged; `clear()` wipes it when the session ends.
 */
import type { OtherCardRole, VerificationDecision } from '../../common/api/contract';
import type { ChipVerification, Identity } from '../../common/identity';
import type { SubmissionFile } from '../portal/types';

/** Files the citizen added for the dossier being made (host/attachments), per component code. */
export interface HeldAttachments {
  serviceId: string;
  /** Components the citizen will bring to the counter. */
  atCounter: Set<string>;
  files: Map<string, { file: SubmissionFile; source: 'camera' | 'scanner' }[]>;
}

/** Another person's card read for a form (`identify.other`): their identity and the kiosk's verdict. */
export interface OtherCardHolder {
  identity: Identity;
  decision: VerificationDecision;
}

/** Every key of a session's personal data and what it holds. */
export type PersonalShape = {
  /** The card holder as the chip (or QR) gave them. */
  identity: Identity;
  /** What the QR alone said, before the chip was read. */
  qrIdentity: Identity;
  verification: ChipVerification;
  /** The citizen's answer to the verdict: only `accept` lets them file anything. */
  decision: VerificationDecision;
  /** The chip photo as a data URL. */
  photo: string;
  /** Local references of the dossiers filed in this session (receipts, payment, printing). */
  receipts: string[];
  attachments: HeldAttachments;
} & { [R in OtherCardRole as `other:${R}`]: OtherCardHolder };

export type PersonalKey = keyof PersonalShape;

export class PersonalData {
  /**
   * A plain object, deliberately an own enumerable property: the speech privacy filter walks it
   * (host/speech `personalValues`) to find names and numbers it must not say aloud.
   */
  private readonly values: Partial<PersonalShape> = {};

  get<K extends PersonalKey>(key: K): PersonalShape[K] | undefined {
    return this.values[key];
  }

  set<K extends PersonalKey>(key: K, value: PersonalShape[K]): void {
    this.values[key] = value;
  }

  delete(key: PersonalKey): boolean {
    const had = key in this.values;
    delete this.values[key];
    return had;
  }

  /** Wipes everything (the session ends). */
  clear(): void {
    for (const key of Object.keys(this.values) as PersonalKey[]) delete this.values[key];
  }

  /** Nothing held. */
  get empty(): boolean {
    return Object.keys(this.values).length === 0;
  }
}
