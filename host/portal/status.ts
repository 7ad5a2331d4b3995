/** `TrangThaiHoSo` of the DVCQG/OpenCPS synchronisation API, with labels for the citizen. */
export const DOSSIER_STATUSES = {
  1: { vi: 'Mới đăng ký', en: 'Newly registered' },
  2: { vi: 'Được tiếp nhận', en: 'Accepted' },
  3: { vi: 'Không được tiếp nhận', en: 'Not accepted' },
  4: { vi: 'Đang xử lý', en: 'Being processed' },
  5: { vi: 'Yêu cầu bổ sung giấy tờ', en: 'More documents requested' },
  6: { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Payment of fees requested' },
  7: { vi: 'Công dân yêu cầu rút hồ sơ', en: 'Withdrawn at the citizen’s request' },
  8: { vi: 'Dừng xử lý', en: 'Processing stopped' },
  9: { vi: 'Đã xử lý xong', en: 'Processing completed' },
  10: { vi: 'Đã trả kết quả', en: 'Result handed over' },
} as const;

export type DossierStatus = keyof typeof DOSSIER_STATUSES;

export function isDossierStatus(n: unknown): n is DossierStatus {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 10;
}

export function statusLabel(status: DossierStatus, lang: 'vi' | 'en'): string {
  return DOSSIER_STATUSES[status][lang];
}

/** Final states: the portal will not move the dossier any further. */
export const FINAL_STATUSES: ReadonlySet<DossierStatus> = new Set([3, 7, 8, 10]);
