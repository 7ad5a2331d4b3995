/** DG2 (tag 75 → 7F61 → 7F60 → 5F2E): one ISO/IEC 19794-5 facial record with a JPEG image. */
import { concat } from '../bytes';
import { tlv } from '../tlv';
import { PORTRAIT_HEIGHT, PORTRAIT_WIDTH } from './portrait';

function u16(n: number): Uint8Array {
  return new Uint8Array([(n >> 8) & 0xff, n & 0xff]);
}
function u32(n: number): Uint8Array {
  return new Uint8Array([(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
}

/** ISO/IEC 19794-5:2005 record: 'FAC\0' '010\0' length(4) count(2) + facial info(20) + image info(12) + image. */
export function faceRecord(jpeg: Uint8Array, gender: 'M' | 'F' | null): Uint8Array {
  const imageInfo = concat(
    new Uint8Array([0x01, 0x00]), // full frontal, JPEG
    u16(PORTRAIT_WIDTH),
    u16(PORTRAIT_HEIGHT),
    new Uint8Array([0x01, 0x02]), // 24-bit RGB, digital camera
    u16(0),
    u16(0),
  );
  const facialInfoLength = 20 + imageInfo.length + jpeg.length;
  const facialInfo = concat(
    u32(facialInfoLength),
    u16(0), // feature points
    new Uint8Array([gender === 'M' ? 1 : gender === 'F' ? 2 : 0, 0, 0]), // gender, eye colour, hair colour
    new Uint8Array([0, 0, 0]), // feature mask
    u16(1), // expression: neutral
    new Uint8Array([0, 0, 0, 0, 0, 0]), // pose angles and uncertainty
  );
  const header = concat(
    new Uint8Array(Buffer.from('FAC\x00010\x00', 'ascii')),
    u32(14 + facialInfoLength),
    u16(1),
  );
  return concat(header, facialInfo, imageInfo, jpeg);
}

export function buildDg2(jpeg: Uint8Array, gender: 'M' | 'F' | null): Uint8Array {
  const bhdr = tlv(
    0xa1,
    tlv(0x80, new Uint8Array([0x01, 0x01])), // ICAO header version
    tlv(0x81, new Uint8Array([0x02])), // biometric type: facial features
    tlv(0x87, new Uint8Array([0x01, 0x01])), // format owner
    tlv(0x88, new Uint8Array([0x00, 0x08])), // format type
  );
  const bit = tlv(0x7f60, bhdr, tlv(0x5f2e, faceRecord(jpeg, gender)));
  return tlv(0x75, tlv(0x7f61, tlv(0x02, new Uint8Array([0x01])), bit));
}
