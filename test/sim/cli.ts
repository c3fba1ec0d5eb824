/**
 * Standalone simulator with a seeded demo world:
 *   npx tsx test/sim/cli.ts --port 7780 --admin-port 7781 [--no-media]
 * Point the app at ws://127.0.0.1:7780/ws/chat, trust the printed root, then pair through
 *   curl -XPOST 127.0.0.1:7781/phone/scan -d '{"qr":"<qr string>"}'
 */
import { parseArgs } from 'node:util';
import { AdminApi } from './adminApi.js';
import { demoHistory, seedDemoContacts } from './demoWorld.js';
import { Simulator } from './simulator.js';
import { quietLibsignal } from './testing/quietLibsignal.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '7780' },
    'admin-port': { type: 'string', default: '7781' },
    'no-media': { type: 'boolean', default: false },
    'account-pn': { type: 'string', default: '15550001000' },
  },
});

quietLibsignal();
const sim = await Simulator.start({
  port: Number(values.port),
  account: { pn: values['account-pn'], pushName: 'Demo User' },
  bizName: 'Demo User',
  initialHistory: demoHistory(),
  media: !values['no-media'],
});
seedDemoContacts(sim);
const admin = await AdminApi.start(sim, Number(values['admin-port']));

const lines = [
  `WhatsApp simulator listening`,
  `  websocket : ${sim.wsUrl}`,
  `  admin API : ${admin.url}  (GET /state, POST /phone/scan {"qr": …})`,
  `  trust root: ${Buffer.from(sim.trustRoot).toString('base64')}`,
  `  account   : +${sim.account.pn}`,
  ...(sim.media ? [`  media CDN : 127.0.0.1:${sim.media.cdn.port} (route every media host here)`] : []),
  `  contacts  : ${[...sim.contacts.values()].map((c) => c.pushName).join(', ')}`,
];
console.log(lines.join('\n'));

const shutdown = async (): Promise<void> => {
  await admin.close();
  await sim.stop();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
