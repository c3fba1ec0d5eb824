import type { Locator } from '@playwright/test';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';

// jsqr's declaration file is written as an ES module for a CommonJS build, so under NodeNext its
// default import types as the module object. At runtime the import is the function itself.
type JsQr = (typeof jsQRModule)['default'];
const jsQR = jsQRModule as unknown as JsQr;

/** Reads the QR code off a screenshot of the element, as a phone camera would. */
export async function readQrFromScreen(element: Locator): Promise<string> {
  const png = PNG.sync.read(await element.screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!code) throw new Error('no QR code found in the screenshot');
  return code.data;
}
