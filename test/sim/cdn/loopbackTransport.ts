import { Agent as HttpsAgent } from 'node:https';
import { connect, type Socket } from 'node:net';
import { Agent } from 'undici';

/**
 * Transports that send requests for any host (`mmg.whatsapp.net`, `media-*.cdn.whatsapp.net`)
 * to the loopback CDN over plain TCP. No TLS: undici and node:http speak HTTP/1.1 over whatever
 * socket the connector returns, even for `https:` URLs, so no certificates are needed.
 */

/**
 * For Baileys' downloads (global `fetch` with `{ dispatcher }`): history blobs, app-state blobs,
 * `downloadMediaMessage`. Use undici 6, the major bundled with Node 20's fetch.
 */
export function createLoopbackDispatcher(port: number): Agent {
  return new Agent({
    connect: (_opts, callback) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.setNoDelay(true);
      // undici expects the callback exactly once: on connect, or with the connection error.
      const onError = (err: Error): void => callback(err, null);
      socket.once('error', onError);
      socket.once('connect', () => {
        socket.off('error', onError);
        callback(null, socket);
      });
    },
  });
}

/**
 * For Baileys' uploads: under Node (and Electron's main process) `getWAUploadToServer` does not
 * use fetch but `https.request({ agent: config.fetchAgent })`, so a dispatcher never sees them.
 * This agent keeps `protocol: 'https:'` (node checks it against the URL) but hands back a plain
 * TCP socket instead of a TLS one.
 */
export class LoopbackHttpsAgent extends HttpsAgent {
  readonly #port: number;

  constructor(port: number) {
    super({ keepAlive: false });
    this.#port = port;
  }

  override createConnection(): Socket {
    return connect({ host: '127.0.0.1', port: this.#port });
  }
}
