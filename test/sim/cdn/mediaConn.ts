import type { BinaryNode } from '@whiskeysockets/baileys';

import type { CdnServer } from './CdnServer.js';

/**
 * The `<media_conn>` child of the server's reply to `<iq xmlns="w:m" type="set"><media_conn/></iq>`.
 * Baileys reads `auth`, `ttl` and each `<host hostname maxContentLengthBytes>`; the first host
 * becomes its media host for upload URLs and for URLs rebuilt after a media retry. Any hostname
 * works because the CDN's dispatcher and https agent ignore it.
 */
export function buildMediaConnNode(
  cdn: Pick<CdnServer, 'uploadAuth' | 'publicHost'>,
  opts: Readonly<{ ttlSeconds?: number; hostnames?: readonly string[] }> = {},
): BinaryNode {
  const hostnames = opts.hostnames ?? [cdn.publicHost];
  return {
    tag: 'media_conn',
    attrs: {
      auth: cdn.uploadAuth,
      ttl: String(opts.ttlSeconds ?? 300),
      auth_ttl: '21600',
      max_buckets: '12',
    },
    content: hostnames.map((hostname) => ({
      tag: 'host',
      attrs: { hostname, maxContentLengthBytes: String(100 * 1024 * 1024) },
    })),
  };
}
