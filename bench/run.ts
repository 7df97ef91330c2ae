import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { measureHistorySize } from './history-size';

/**
 * `npm run bench`: measurements against real Temporal (the time-skipping test server here), printed
 * as a table and written to bench-results/latest.json. Today: history size of a station-year and a
 * round (targets: ≤ 200 events per station-year; the round continues as new before 4,096 events).
 */
async function main(): Promise<void> {
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`;
  const size = await measureHistorySize();
  const rows = [
    { measure: 'station history events per station-year', value: size.stationEvents, target: 200 },
    { measure: 'station history bytes (JSON) per station-year', value: size.stationBytes, target: null },
    { measure: 'round history events (full round)', value: size.roundEvents, target: 4096 },
    { measure: 'round history bytes (JSON)', value: size.roundBytes, target: null },
  ].map((r) => ({ ...r, ratioToTarget: r.target ? +(r.value / r.target).toFixed(3) : null }));
  console.log(`machine: ${machine}`);
  console.table(rows);
  const out = path.resolve(__dirname, '../../bench-results');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'latest.json'), JSON.stringify({ at: new Date().toISOString(), machine, rows }, null, 2));
  console.log(`written to ${path.join(out, 'latest.json')}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
