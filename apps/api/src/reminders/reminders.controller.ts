import { Body, Controller, Get, Header, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { WorkCalendarRepository } from '@app/persistence';
import { Audited } from '../audit/audit.decorator';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiIdParam } from '../openapi/params';
import * as S from '../openapi/schemas';
import { GetOutboxMessage, ListOutbox } from './outbox';
import { PutWorkCalendarYear } from './put-work-calendar-year';
import { ReminderPlan } from './reminder-plan';
import { OutboxListQuery, ReminderListQuery, WorkCalendarYearDto } from './reminders.dto';
import { RemindersService } from './reminders.service';

@ApiTags('reminders')
@ApiBearerAuth()
@Controller('api')
export class RemindersController {
  constructor(
    private readonly reminders: RemindersService,
    private readonly reminderPlan: ReminderPlan,
    private readonly listOutbox: ListOutbox,
    private readonly outboxMessage: GetOutboxMessage,
    private readonly calendars: WorkCalendarRepository,
    private readonly putWorkCalendarYear: PutWorkCalendarYear,
  ) {}

  /** When districts and the city office will hear of each deadline (after working-day adjustment). */
  @Get('rounds/:id/reminder-plan')
  @ApiIdParam('round')
  @ApiOkResponse({ schema: S.listOf(S.ReminderCheckpoint) })
  plan(@Param('id') id: string) {
    return this.reminderPlan.execute(id);
  }

  @Get('reminders')
  @ApiOkResponse({ schema: S.ReminderPage })
  list(@Query() q: ReminderListQuery, @CurrentPrincipal() p: Principal) {
    return this.reminders.list(q, p);
  }

  /** The embedded outbox (mail kept on this machine when no SMTP_URL is set). */
  @Get('outbox')
  @ApiOkResponse({ schema: S.OutboxPage })
  @Roles('admin', 'city')
  outbox(@Query() q: OutboxListQuery, @CurrentPrincipal() p: Principal) {
    return this.listOutbox.execute(q, p.role === 'admin');
  }

  @Get('outbox/:id/html')
  @ApiIdParam('outbox message')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: "the mail's HTML, as a document that runs and loads nothing", schema: { type: 'string' } })
  @Roles('admin', 'city')
  @Header('content-type', 'text/html; charset=utf-8')
  // The mail's own HTML, shown as a document: nothing in it may run or load.
  @Header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
  async outboxHtml(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return (await this.outboxMessage.execute(id, p.role === 'admin')).mail.html;
  }

  @Get('work-calendar')
  @ApiOkResponse({ schema: S.WorkCalendar })
  workCalendar() {
    return this.calendars.workCalendar();
  }

  @Put('work-calendar/:year')
  @ApiParam({ name: 'year', description: '2000–2099', schema: { type: 'string', pattern: '^20[0-9]{2}$' } })
  @ApiOkResponse({ description: 'the whole work calendar', schema: S.WorkCalendar })
  @Roles('admin')
  @Audited({
    action: 'work_calendar.change',
    targetType: 'work_calendar',
    target: { param: 'year' },
    details: (req) => ({
      holidays: req.body.holidays?.length,
      adjustedWorkdays: req.body.adjustedWorkdays?.length,
      source: req.body.source,
    }),
  })
  putYear(@Param('year') year: string, @Body() dto: WorkCalendarYearDto, @CurrentPrincipal() p: Principal) {
    return this.putWorkCalendarYear.execute(year, dto, p);
  }
}
