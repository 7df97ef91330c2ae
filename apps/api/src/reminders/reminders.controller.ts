import { Body, Controller, Get, Header, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Audited } from '../audit/audit.decorator';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { OutboxListQuery, ReminderListQuery, WorkCalendarYearDto } from './reminders.dto';
import { RemindersService } from './reminders.service';

@ApiTags('reminders')
@ApiBearerAuth()
@Controller('api')
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  /** When districts and the city office will hear of each deadline (after working-day adjustment). */
  @Get('rounds/:id/reminder-plan')
  plan(@Param('id') id: string) {
    return this.reminders.plan(id);
  }

  @Get('reminders')
  list(@Query() q: ReminderListQuery, @CurrentPrincipal() p: Principal) {
    return this.reminders.list(q, p);
  }

  /** The embedded outbox (mail kept on this machine when no SMTP_URL is set). */
  @Get('outbox')
  @Roles('admin', 'city')
  outbox(@Query() q: OutboxListQuery) {
    return this.reminders.outbox(q);
  }

  @Get('outbox/:id/html')
  @Roles('admin', 'city')
  @Header('content-type', 'text/html; charset=utf-8')
  // The mail's own HTML, shown as a document: nothing in it may run or load.
  @Header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
  async outboxHtml(@Param('id') id: string) {
    return (await this.reminders.outboxMessage(id)).mail.html;
  }

  @Get('work-calendar')
  workCalendar() {
    return this.reminders.workCalendar();
  }

  @Put('work-calendar/:year')
  @Roles('admin')
  @Audited({
    action: 'work_calendar.change',
    targetType: 'work_calendar',
    target: { param: 'year' },
    details: (req) => ({ holidays: req.body.holidays?.length, adjustedWorkdays: req.body.adjustedWorkdays?.length, source: req.body.source }),
  })
  putYear(@Param('year') year: string, @Body() dto: WorkCalendarYearDto, @CurrentPrincipal() p: Principal) {
    return this.reminders.putWorkCalendarYear(year, dto, p);
  }
}
