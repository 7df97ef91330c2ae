import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import type { OutgoingMail } from '@app/domain';
import { SmtpMailer } from './smtp-mailer';

const mail = (i: number): OutgoingMail => ({
  to: [`district-${i}@example.org`],
  cc: [],
  subject: `提醒 ${i}`,
  text: `第 ${i} 封`,
  html: `<p>第 ${i} 封</p>`,
  messageId: `<reminder-${i}@stations.example>`,
  ics: { filename: 'deadline.ics', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' },
});

/** The pooled transport against a real SMTP server on localhost, counting its connections. */
describe('SmtpMailer (pooled)', () => {
  let server: SMTPServer;
  let url: string;
  let connections = 0;
  let open = 0;
  let mostOpen = 0;
  const received: string[] = [];

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onConnect(_session, done) {
        connections++;
        mostOpen = Math.max(mostOpen, ++open);
        done();
      },
      onClose() {
        open--;
      },
      onData(stream, session, done) {
        stream.on('data', () => undefined);
        stream.on('end', () => {
          received.push(session.envelope.rcptTo.map((r) => r.address).join(','));
          done();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('reuses at most maxConnections connections, each for at most maxMessages messages', async () => {
    const mailer = new SmtpMailer(url, 'noreply@stations.example', { maxConnections: 2, maxMessages: 5 });
    // sequential, as the reminder activity sends: one connection at a time, renewed every 5 messages
    for (let i = 0; i < 10; i++) await mailer.send(mail(i));
    expect(connections).toBe(2);
    // at once: never more than 2 open
    await Promise.all(Array.from({ length: 20 }, (_, i) => mailer.send(mail(100 + i))));
    mailer.close();
    expect(received).toHaveLength(30);
    expect(new Set(received).size).toBe(30);
    expect(mostOpen).toBeLessThanOrEqual(2);
    expect(connections).toBeLessThanOrEqual(2 + 20 / 5 + 2);
  });
});
