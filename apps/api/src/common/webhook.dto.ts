import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { WEBHOOK_KINDS, type WebhookKind } from '@app/domain';
import { SingleLine } from './validation';

/**
 * A contact's group robot (企业微信/钉钉/飞书): its webhook URL and, for DingTalk and Feishu robots
 * that sign, the secret. Where the worker may post is checked when it posts (WEBHOOK_ORIGINS); a
 * URL or secret sent back masked, as answers show them, keeps the stored one.
 */
export class WebhookDto {
  @IsIn([...WEBHOOK_KINDS]) kind: WebhookKind;

  @IsString()
  @MaxLength(500)
  @Matches(/^https?:\/\/[^\s/?#]+[^\s]*$/i, { message: '应为群机器人的 Webhook 地址' })
  url: string;

  @IsOptional() @IsString() @MaxLength(200) @SingleLine() secret?: string;
}
