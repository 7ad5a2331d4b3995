/** LDS1 elementary files: names, file IDs, short file IDs and outer tags (ICAO 9303-10). */
export const LDS_FILES = {
  COM: { fid: 0x011e, sfi: 0x1e, tag: 0x60 },
  SOD: { fid: 0x011d, sfi: 0x1d, tag: 0x77 },
  DG1: { fid: 0x0101, sfi: 0x01, tag: 0x61 },
  DG2: { fid: 0x0102, sfi: 0x02, tag: 0x75 },
  DG11: { fid: 0x010b, sfi: 0x0b, tag: 0x6b },
  DG12: { fid: 0x010c, sfi: 0x0c, tag: 0x6c },
  DG13: { fid: 0x010d, sfi: 0x0d, tag: 0x6d },
  DG14: { fid: 0x010e, sfi: 0x0e, tag: 0x6e },
  DG15: { fid: 0x010f, sfi: 0x0f, tag: 0x6f },
} as const;

/** Files this reader may read. DG3 (fingerprints, EAC-protected) is deliberately absent: never request it. */
export type LdsFileName = keyof typeof LDS_FILES;

export const LDS_FILE_NAMES = Object.keys(LDS_FILES) as LdsFileName[];

export function isLdsFileName(name: string): name is LdsFileName {
  return Object.hasOwn(LDS_FILES, name);
}

/** Data group number of a DG file name (DG13 → 13); null for COM/SOD. */
export function dataGroupNumber(name: LdsFileName): number | null {
  return name.startsWith('DG') ? Number(name.slice(2)) : null;
}

/** EF.COM tag list entry → file name (0x61 → DG1 …); null for tags this reader does not read (e.g. DG3 0x63). */
export function fileNameForTag(tag: number): LdsFileName | null {
  for (const name of LDS_FILE_NAMES) if (LDS_FILES[name].tag === tag) return name;
  return null;
}
