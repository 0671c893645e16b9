/** Reads a QR code PNG made by the `qrcode` package back into its modules, to compare with what a text encodes. */
import { PNG } from 'pngjs';
import QRCode from 'qrcode';

/** True when the PNG (margin 2, any width) shows exactly the QR code of `text` at error correction M. */
export function pngEncodes(png: Buffer, text: string, margin = 2): boolean {
  const image = PNG.sync.read(png);
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const scale = image.width / (size + margin * 2);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const x = Math.floor((c + margin + 0.5) * scale);
      const y = Math.floor((r + margin + 0.5) * scale);
      const dark = image.data[(y * image.width + x) * 4]! < 128;
      if (dark !== Boolean(qr.modules.get(r, c))) return false;
    }
  }
  return true;
}

export const fromDataUri = (uri: string) => Buffer.from(uri.replace(/^data:image\/png;base64,/, ''), 'base64');
