import http from 'node:http';
import type { IncomingMessage } from 'node:http';

/** What the proxy does with one request: forward it, answer an S3 error, or cut the socket. */
export type Fault = 'pass' | 'cut' | Readonly<{ status: 500 | 503 }>;

export type FaultRule = (req: IncomingMessage, index: number) => Fault;

export type FaultProxy = {
  endpoint: string;
  log: { method: string; path: string; fault: string }[];
  setRule: (rule: FaultRule) => void;
  close: () => Promise<void>;
};

const ERROR_BODY = {
  500: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>InternalError</Code><Message>injected</Message></Error>',
  503: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>injected</Message></Error>',
} as const;

/**
 * A loopback HTTP proxy in front of moto that injects S3 faults: 500/503 answers for chosen
 * requests, or a connection cut after part of a request body arrived (a dropped upload).
 */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  let rule: FaultRule = () => 'pass';
  let index = 0;
  const log: FaultProxy['log'] = [];
  const server = http.createServer((req, res) => {
    const fault = rule(req, index);
    index += 1;
    log.push({
      method: req.method ?? '',
      path: req.url ?? '',
      fault: typeof fault === 'string' ? fault : String(fault.status),
    });
    if (fault === 'cut') {
      // Let some of the upload arrive, then drop the connection like a flaky network would.
      req.once('data', () => req.socket.destroy());
      req.once('end', () => req.socket.destroy());
      return;
    }
    if (fault !== 'pass') {
      req.resume();
      req.once('end', () => {
        res.writeHead(fault.status, { 'content-type': 'application/xml' });
        res.end(ERROR_BODY[fault.status]);
      });
      return;
    }
    const forward = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    forward.once('error', () => req.socket.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('proxy has no port');
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    log,
    setRule: (next) => {
      rule = next;
      index = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
