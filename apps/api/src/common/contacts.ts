import { type Contact, isMaskedUrl, keepStoredWebhooks } from '@app/domain';
import { ApiError } from './error-codes';

/**
 * The contacts to store from a request: name, e-mail and robot only (nothing else the body
 * carried), with a webhook sent back masked resolved to the stored one. A masked URL that matches
 * no stored robot cannot be posted to: refused, so the form asks for the full URL again.
 */
export function contactsToStore(incoming: readonly Contact[], stored: readonly Contact[] = []): Contact[] {
  const contacts = keepStoredWebhooks(
    incoming.map((c) => ({
      name: c.name,
      ...(c.email !== undefined ? { email: c.email } : {}),
      ...(c.webhook
        ? { webhook: { kind: c.webhook.kind, url: c.webhook.url, ...(c.webhook.secret ? { secret: c.webhook.secret } : {}) } }
        : {}),
    })),
    stored,
  );
  const masked = contacts.findIndex((c) => c.webhook && (isMaskedUrl(c.webhook.url) || isMaskedUrl(c.webhook.secret ?? '')));
  if (masked >= 0) {
    throw new ApiError('VALIDATION_FAILED', '群机器人的 Webhook 地址或密钥是打码后的值，请填写完整的地址和密钥', [
      { field: `contacts.${masked}.webhook.url`, message: '请填写完整的 Webhook 地址' },
    ]);
  }
  return contacts;
}
