import QRCode from 'qrcode';

/**
 * The PromptPay payload drawn as a QR code (node-qrcode 1.5.4). Error correction M, as the Thai QR payment
 * standard's samples use; a quiet zone of 4 modules.
 */
const OPTIONS = { errorCorrectionLevel: 'M', margin: 4 } as const;

/** The QR as SVG (scales to any kiosk screen). */
export async function promptPayQrSvg(payload: string): Promise<string> {
  return QRCode.toString(payload, { ...OPTIONS, type: 'svg', width: 320 });
}

/** The QR as PNG, `scale` pixels per module. */
export async function promptPayQrPng(payload: string, scale = 8): Promise<Buffer> {
  return QRCode.toBuffer(payload, { ...OPTIONS, type: 'png', scale });
}
