import { CallHandler, ExecutionContext, Injectable, NestInterceptor, StreamableFile } from '@nestjs/common';
import { map, Observable } from 'rxjs';
import { maskWebhooks } from '@app/domain';

/**
 * Every answer of the API with its robots' webhooks masked (API.md: a webhook URL is a secret,
 * shown masked): districts' and rounds' contacts, a round workflow's state, whatever route a
 * contact appears in now or later. Files (StreamableFile) pass as they are.
 */
@Injectable()
export class WebhookMaskInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(map((body: unknown) => (body instanceof StreamableFile ? body : maskWebhooks(body))));
  }
}
