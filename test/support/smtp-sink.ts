import type { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, SMTPServerSession } from 'smtp-server';

export interface ReceivedMail {
  messageId: string;
  /** envelope recipients (RCPT TO), lower-cased */
  rcpt: string[];
  subject: string;
  text: string;
  html: string;
  parsed: ParsedMail;
}

/** How the sink answers: a hook may refuse a message (with an SMTP code) or slow it down. */
export interface SinkBehaviour {
  /** called on RCPT TO; return a code (e.g. 550) to refuse that recipient */
  refuseRecipient?: (address: string) => number | null;
  /** called once the message is in; return a code (e.g. 451) to refuse it */
  refuseMessage?: (rcpt: string[], attempt: number) => number | null;
  /** ms to hold a message before answering 250 (a crash in that window loses the message) */
  holdMs?: number;
  /** called when a message starts arriving (tests use it to crash the sender mid-checkpoint) */
  onArriving?: (rcpt: string[]) => void;
}

/**
 * A real SMTP server on localhost (smtp-server) that parses what arrives with mailparser. A
 * message counts as received only when the sink answered 250 on a connection that was still open:
 * a sender that dies before reading the answer has not delivered it.
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  /** every DATA transaction seen, accepted or not, per envelope */
  attempts = 0;
  behaviour: SinkBehaviour = {};
  private server!: SMTPServer;
  private readonly closed = new Set<string>();
  port = 0;

  /** Listens on `port` (a restart after `stop()` reuses the previous one). */
  async start(port = this.port): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      // stop() is an outage: connections in flight are cut, not waited for
      closeTimeout: 200,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        const code = this.behaviour.refuseRecipient?.(address.address.toLowerCase()) ?? null;
        if (code === null) return callback();
        const err = Object.assign(new Error(`mailbox ${address.address} refused`), { responseCode: code });
        callback(err);
      },
      onData: (stream, session, callback) => {
        this.onData(stream, session, callback).catch((e: Error) => callback(e));
      },
      onClose: (session) => this.closed.add(session.id),
    });
    // A sender killed mid-conversation resets its connection: that is a test's doing, not a failure.
    this.server.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'ECONNRESET') throw e;
    });
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  private async onData(stream: NodeJS.ReadableStream, session: SMTPServerSession, callback: (err?: Error | null) => void): Promise<void> {
    const rcpt = session.envelope.rcptTo.map((a) => a.address.toLowerCase());
    this.behaviour.onArriving?.(rcpt);
    const attempt = ++this.attempts;
    const parsed = await simpleParser(stream as never);
    if (this.behaviour.holdMs) await new Promise((r) => setTimeout(r, this.behaviour.holdMs));
    const code = this.behaviour.refuseMessage?.(rcpt, attempt) ?? null;
    if (code !== null) return callback(Object.assign(new Error(`message refused (${code})`), { responseCode: code }));
    if (this.closed.has(session.id)) return callback(new Error('sender went away'));
    this.received.push({
      messageId: parsed.messageId ?? '',
      rcpt,
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: typeof parsed.html === 'string' ? parsed.html : '',
      parsed,
    });
    callback();
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.rcpt.includes(address.toLowerCase()));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
