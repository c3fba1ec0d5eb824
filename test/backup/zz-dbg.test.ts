import { it } from 'vitest';
import net from 'node:net';
import { testConnection } from '../../electron/core/backup/testConnection.js';
import { accountBucket, FAST_RETRY, makeConfig } from './backupHarness.js';
import { freePort } from './motoServer.js';
it('dbg', async () => {
  const closedPort = await freePort();
  let t = Date.now();
  console.log(JSON.stringify(await testConnection(accountBucket(makeConfig(`http://127.0.0.1:${closedPort}`, 'bucket'), { ...FAST_RETRY, maxAttempts: 1 }))), Date.now() - t);
  const silent = net.createServer(() => {});
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  const port = (silent.address() as net.AddressInfo).port;
  t = Date.now();
  console.log(JSON.stringify(await testConnection(accountBucket(makeConfig(`http://127.0.0.1:${port}`, 'bucket', { requestTimeoutMs: 300 }), { ...FAST_RETRY, maxAttempts: 1 }))), Date.now() - t);
}, 60000);
