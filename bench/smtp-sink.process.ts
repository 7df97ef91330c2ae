import { SmtpSink } from '../test/support/smtp-sink';

/**
 * The benchmark's SMTP server, in a child process of its own (forked by bench/bench-env.ts), so
 * that receiving and parsing mail (smtp-server, mailparser) is not counted as the sender's CPU.
 *
 * IPC: it sends `{ type: 'ready', port }` once listening; `{ type: 'waitFor', id, total }` is
 * answered with `{ type: 'reached', id, total }` once that many messages have arrived in all.
 */
export type SinkRequest = { type: 'waitFor'; id: number; total: number };
export type SinkMessage = { type: 'ready'; port: number } | { type: 'reached'; id: number; total: number };

async function main(): Promise<void> {
  const sink = new SmtpSink();
  await sink.start();
  let total = 0;
  const waiting: SinkRequest[] = [];
  // Parsed mails are only counted: drop them so that a long run does not grow the sink.
  setInterval(() => {
    total += sink.received.length;
    sink.received.length = 0;
    for (const w of waiting.filter((r) => total >= r.total)) {
      waiting.splice(waiting.indexOf(w), 1);
      process.send!({ type: 'reached', id: w.id, total } satisfies SinkMessage);
    }
  }, 20);
  process.on('message', (m: SinkRequest) => {
    if (m.type === 'waitFor') waiting.push(m);
  });
  process.on('disconnect', () => process.exit(0));
  process.send!({ type: 'ready', port: sink.port } satisfies SinkMessage);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
