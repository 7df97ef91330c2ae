import { Inject, Injectable } from '@nestjs/common';
import { PLATFORM_ORIGINS } from '@app/channels';
import type { AppConfig } from '@app/config';
import { type Contact, isMaskedUrl, keepStoredWebhooks } from '@app/domain';
import { ApiError } from './error-codes';
import { CONFIG } from './tokens';

/**
 * The contacts to store from a request (a district's, a round's city contacts): name, e-mail and
 * robot only (nothing else the body carried), with a webhook sent back masked resolved to the
 * stored one. Refused (400, nothing changed): a masked URL that matches no stored robot (it cannot
 * be posted to), and a URL outside WEBHOOK_ORIGINS (the worker would refuse to post to it).
 */
@Injectable()
export class ContactsToStore {
  private readonly origins: Set<string>;

  constructor(@Inject(CONFIG) config: AppConfig) {
    this.origins = new Set((config.webhookOrigins ?? PLATFORM_ORIGINS).map((o) => o.toLowerCase()));
  }

  of(incoming: readonly Contact[], stored: readonly Contact[] = [], field: (i: number) => string = (i) => `contacts.${i}`): Contact[] {
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
    contacts.forEach((c, i) => {
      if (!c.webhook) return;
      if (isMaskedUrl(c.webhook.url) || isMaskedUrl(c.webhook.secret ?? '')) {
        throw new ApiError('VALIDATION_FAILED', '群机器人的 Webhook 地址或密钥是打码后的值，请填写完整的地址和密钥', [
          `${field(i)}.webhook.url: 请填写完整的 Webhook 地址`,
        ]);
      }
      const origin = /^(https?:\/\/[^/?#]+)/i.exec(c.webhook.url)?.[1]?.toLowerCase() ?? '';
      if (!this.origins.has(origin)) {
        throw new ApiError('VALIDATION_FAILED', 'Webhook 地址不是企业微信、钉钉或飞书机器人的地址', [
          `${field(i)}.webhook.url: 须为 ${[...this.origins].join('、')} 下的地址`,
        ]);
      }
    });
    return contacts;
  }
}
