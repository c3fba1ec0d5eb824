import { randomBytes, randomInt } from 'node:crypto';

/**
 * Makes a CDN path shaped like the ones WhatsApp hands out, so code that parses or logs them
 * sees realistic input. The `t62.*` segment is the object class WhatsApp uses per media kind;
 * the query string (ccb/oh/oe/_nc_sid/mms3) is an URL signature the real CDN checks and the
 * simulator ignores: items are looked up by pathname only.
 */
const OBJECT_CLASS: Readonly<Record<string, string>> = {
  image: 't62.7118-24',
  sticker: 't62.15575-24',
  video: 't62.7161-24',
  audio: 't62.7114-24',
  ptt: 't62.7114-24',
  document: 't62.7119-24',
  'md-msg-hist': 't62.36145-24',
  'md-app-state': 't62.36145-24',
};

const digits = (n: number): string => Array.from({ length: n }, () => randomInt(10)).join('');

export function makeDirectPath(mediaType: string): string {
  const objectClass = OBJECT_CLASS[mediaType] ?? 't62.7118-24';
  const file = `${digits(9)}_${digits(16)}_${digits(19)}_n.enc`;
  const oh = `01_${randomBytes(24).toString('base64url')}`;
  const oe = randomBytes(4).toString('hex').toUpperCase();
  return `/v/${objectClass}/${file}?ccb=11-4&oh=${oh}&oe=${oe}&_nc_sid=5e03e0&mms3=true`;
}

/** Shape of paths the upload endpoint returns (WhatsApp's newer `/o1/` form). */
export function makeUploadDirectPath(mediaType: string): string {
  const objectClass = OBJECT_CLASS[mediaType] ?? 't62.7118-24';
  const file = `m${digits(3)}${randomBytes(20).toString('hex')}.enc`;
  const oh = `01_${randomBytes(24).toString('base64url')}`;
  return `/o1/v/${objectClass}/f2/${file}?ccb=9-4&oh=${oh}&oe=${randomBytes(4).toString('hex').toUpperCase()}&_nc_sid=e6ed6c&mms3=true`;
}

/** The CDN keys items by pathname: the signed query string may differ between URLs. */
export function pathKey(directPathOrUrl: string): string {
  return new URL(directPathOrUrl, 'https://mmg.whatsapp.net').pathname;
}
