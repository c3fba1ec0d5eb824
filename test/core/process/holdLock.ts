// Another "app instance" for the lock tests: takes the account lock on argv[2] and holds it until
// killed. Prints `locked` once it holds it, or `refused` and exits 3 when someone else does.
import { acquireAccountLock, AccountLockedError } from '../../../electron/core/session/accountLock.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: holdLock.ts <accountDir>');
try {
  acquireAccountLock(dir);
  process.stdout.write('locked\n');
  setInterval(() => {}, 60_000);
} catch (err) {
  if (!(err instanceof AccountLockedError)) throw err;
  process.stdout.write('refused\n');
  process.exit(3);
}
