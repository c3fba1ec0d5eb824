/** Dev-only SVG "photos" as data: URLs (allowed by the CSP's img-src). */
function svgUrl(svg: string): string {
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}

export function photoDataUrl(hueA: number, hueB: number, width = 320, height = 220): string {
  return svgUrl(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 320 220">
  <defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1">
  <stop offset="0" stop-color="hsl(${hueA},70%,72%)"/><stop offset="1" stop-color="hsl(${hueB},60%,55%)"/></linearGradient></defs>
  <rect width="320" height="220" fill="url(#g)"/>
  <circle cx="250" cy="60" r="26" fill="hsl(50,95%,85%)" opacity="0.9"/>
  <path d="M0 170 L70 110 L120 150 L190 80 L320 180 L320 220 L0 220Z" fill="hsl(${hueB},35%,30%)" opacity="0.85"/>
  <path d="M0 190 L90 150 L170 185 L260 140 L320 170 L320 220 L0 220Z" fill="hsl(${hueB},30%,20%)" opacity="0.9"/>
</svg>`);
}

export function stickerDataUrl(): string {
  return svgUrl(`<svg xmlns="http://www.w3.org/2000/svg" width="160" height="160" viewBox="0 0 160 160">
  <circle cx="80" cy="80" r="70" fill="#ffcc4d" stroke="#fff" stroke-width="8"/>
  <circle cx="56" cy="66" r="9" fill="#664500"/><circle cx="104" cy="66" r="9" fill="#664500"/>
  <path d="M45 95 Q80 130 115 95" stroke="#664500" stroke-width="9" fill="none" stroke-linecap="round"/>
</svg>`);
}
