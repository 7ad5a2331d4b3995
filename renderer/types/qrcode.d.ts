// The part of qrcode's API the renderer uses (the browser half). @types/qrcode also declares the Node half and so
// pulls in Node's types; tsconfig.renderer.json maps `qrcode` to this file so that the renderer is checked without
// them. tsconfig.json still checks the same calls against @types/qrcode, so the two cannot drift apart unnoticed.
export interface QRCodeToDataURLOptions {
  errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H';
  margin?: number;
  width?: number;
}

declare const QRCode: {
  toDataURL(text: string, options?: QRCodeToDataURLOptions): Promise<string>;
};
export default QRCode;
