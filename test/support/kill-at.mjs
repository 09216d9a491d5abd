// Preloaded into a CLI run (node --import) to crash it at a chosen file-system write, as a
// SIGKILL or a power cut would: KILL_AT=N kills the process at the Nth write operation of
// node:fs/promises (writeFile, rename, mkdir, rm), before the operation, or with KILL_HALF=1 and a
// writeFile, once half its bytes are on disk. Without KILL_AT, each operation's name is appended
// to KILL_LOG, so the test knows how many points a run has.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const at = Number(process.env.KILL_AT ?? 0);
const half = process.env.KILL_HALF === '1';
const log = process.env.KILL_LOG;
let count = 0;
for (const name of ['writeFile', 'rename', 'mkdir', 'rm']) {
  const original = fs.promises[name];
  fs.promises[name] = function (...args) {
    count++;
    if (log) fs.appendFileSync(log, `${name} ${args[0]}\n`);
    if (count === at) {
      if (half && name === 'writeFile') {
        const data = String(args[1]);
        fs.writeFileSync(args[0], data.slice(0, data.length >> 1), { flag: args[2]?.flag ?? 'w' });
      }
      process.kill(process.pid, 'SIGKILL');
    }
    return original.apply(this, args);
  };
}
// The CLI imports these by name from node:fs/promises; this makes the names see the wrappers.
syncBuiltinESMExports();
