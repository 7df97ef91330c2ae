import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfigOrExit, logFatal } from '@app/config';
import { createApi } from './bootstrap';

/** The API process: HTTP API and dashboard on PORT. Needs TEMPORAL_ADDRESS (npm start sets it). */
async function main(): Promise<void> {
  const config = loadConfigOrExit('api');
  if (!config.temporal.address) {
    process.stderr.write('[api] configuration error: TEMPORAL_ADDRESS: required for a standalone API (npm start embeds a dev server)\n');
    process.exit(78);
  }
  const app = await createApi(config, config.temporal.address);
  try {
    await app.listen(config.port);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      process.stderr.write(`[api] configuration error: PORT: ${config.port} cannot be used (${code})\n`);
      process.exit(78);
    }
    throw e;
  }
  new Logger('Api').log(`listening on http://localhost:${config.port} (API docs: /api/docs)`);
}

main().catch((e) => {
  logFatal('api', e);
  process.exit(1);
});
