/**
 * Standalone simulator with a seeded demo world:
 *   npx tsx test/sim/cli.ts --port 7780 --admin-port 7781 [--no-media] [--phones 2]
 * Point the app at ws://127.0.0.1:7780/ws/chat, trust the printed root, then pair through
 *   curl -XPOST 127.0.0.1:7781/phone/scan -d '{"qr":"<qr string>"}'
 * `--phones 2` adds a second account (Dana's work phone) on the same port, as WhatsApp serves every
 * account from the same servers; pair it with
 *   curl -XPOST 127.0.0.1:7781/accounts/15550002000/phone/scan -d '{"qr":"<qr string>"}'
 */
import { parseArgs } from 'node:util';
import { AdminApi } from './adminApi.js';
import { DEMO_PEOPLE, demoHistory, seedDemoContacts, WORK_PEOPLE } from './demoWorld.js';
import { SimHost } from './simHost.js';
import type { Simulator } from './simulator.js';
import { quietLibsignal } from './testing/quietLibsignal.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '7780' },
    'admin-port': { type: 'string', default: '7781' },
    'no-media': { type: 'boolean', default: false },
    'account-pn': { type: 'string', default: '15550001000' },
    phones: { type: 'string', default: '1' },
  },
});

const PHONES = [
  { pn: values['account-pn'], lid: '100000000000001', pushName: 'Demo User', people: DEMO_PEOPLE },
  { pn: '15550002000', lid: '100000000000002', pushName: 'Demo Work', people: WORK_PEOPLE },
] as const;
const phoneCount = Number(values.phones);
if (!Number.isInteger(phoneCount) || phoneCount < 1 || phoneCount > PHONES.length) {
  throw new Error(`--phones must be 1 to ${PHONES.length}`);
}

quietLibsignal();
const host = await SimHost.start({ port: Number(values.port) });
const accounts: Simulator[] = [];
for (const phone of PHONES.slice(0, phoneCount)) {
  const account = await host.addAccount({
    account: { pn: phone.pn, lid: phone.lid, pushName: phone.pushName },
    bizName: phone.pushName,
    initialHistory: demoHistory(undefined, phone.people),
    // One CDN for every account, so the app needs one media port whichever account fetches.
    media: values['no-media'] ? false : (accounts[0]?.media?.cdn ?? true),
  });
  seedDemoContacts(account, phone.people);
  accounts.push(account);
}
const [first, ...others] = accounts as [Simulator, ...Simulator[]];
const admin = await AdminApi.start(host, Number(values['admin-port']));

const lines = [
  `WhatsApp simulator listening`,
  `  websocket : ${host.wsUrl}`,
  `  admin API : ${admin.url}  (GET /state, POST /phone/scan {"qr": …})`,
  `  trust root: ${Buffer.from(host.trustRoot).toString('base64')}`,
  `  account   : +${first.account.pn}`,
  ...others.map((other) => `  account   : +${other.account.pn} (admin API under /accounts/${other.account.pn}/)`),
  ...(first.media ? [`  media CDN : 127.0.0.1:${first.media.cdn.port} (route every media host here)`] : []),
  `  contacts  : ${[...first.contacts.values()].map((c) => c.pushName).join(', ')}`,
];
console.log(lines.join('\n'));

const shutdown = async (): Promise<void> => {
  await admin.close();
  await host.stop();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
