import type { RobotMessage, WebhookKind } from '@app/domain';

/** What to POST to a robot: the URL (with any signature in its query) and the JSON body. */
export interface RobotRequest {
  url: string;
  body: unknown;
}

/** A robot's answer read as its platform writes it: 0 is delivered, anything else an error code. */
export interface RobotAnswer {
  code: number;
  message: string;
}

/**
 * One platform's webhook protocol: how a message is signed and sent, how the answer is read, and
 * which of its error codes are worth another try (rate limits, "system busy"); every other
 * non-zero code is permanent (an invalid key, a bad signature, a removed robot).
 */
export interface RobotProtocol {
  kind: WebhookKind;
  /** how the platform's name reads in messages to people */
  label: string;
  request(message: RobotMessage, now: Date): RobotRequest;
  answer(body: unknown): RobotAnswer | null;
  transientCodes: readonly number[];
  /** the most bytes of markdown the platform takes in one message */
  maxMarkdownBytes: number;
}

/**
 * Markdown cut to what a platform takes, at a line boundary, with a line saying so: a long digest
 * still reaches the group, which learns to look in the service for the rest.
 */
export function fitMarkdown(markdown: string, maxBytes: number): string {
  if (Buffer.byteLength(markdown, 'utf8') <= maxBytes) return markdown;
  const tail = '\n\n……（内容过长，其余请登录站点培育管理系统查看）';
  const lines = markdown.split('\n');
  while (lines.length > 1 && Buffer.byteLength(lines.join('\n') + tail, 'utf8') > maxBytes) lines.pop();
  return lines.join('\n') + tail;
}

/** A heading with the message's title, then its markdown (for the platforms without a title field of their own). */
export const titled = (m: RobotMessage): string => `### ${m.title}\n\n${m.markdown}`;

export const numberOr = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
