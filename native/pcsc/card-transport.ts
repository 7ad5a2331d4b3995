/**
 * The one seam between the eMRTD stack and a card: real PC/SC, the in-process simulator, or a test double.
 * `transmit` takes a command APDU and resolves with `data‖SW1SW2`; transport failures reject with a
 * `PcscError` (codes in ./errors).
 */
export interface CardTransport {
  transmit(apdu: Uint8Array): Promise<Uint8Array>;
  /** The reader (and driver) pass extended-length APDUs. */
  readonly extendedLength: boolean;
  readonly readerName: string;
}
