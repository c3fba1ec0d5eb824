import QRCode from 'qrcode';
import { useEffect, useRef } from 'react';
import { drop } from '../bridge/drop.js';

const QR_SIZE_PX = 264;

/**
 * Draws the pairing code on a canvas (no data: URL, no inline style). Dark modules on a white
 * quiet zone in both themes: phones scan dark-on-light far more reliably.
 */
export function QrCanvas({ value, label }: { readonly value: string; readonly label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    drop(
      QRCode.toCanvas(canvas, value, {
        width: QR_SIZE_PX,
        margin: 2,
        errorCorrectionLevel: 'L',
        color: { dark: '#111b21', light: '#ffffff' },
      }),
    );
  }, [value]);
  return (
    <canvas
      ref={ref}
      className="qr-canvas"
      width={QR_SIZE_PX}
      height={QR_SIZE_PX}
      role="img"
      aria-label={label}
      data-testid="pairing-qr"
      data-qr-value-length={value.length}
    />
  );
}
