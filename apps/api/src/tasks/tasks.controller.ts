import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import * as S from '../openapi/schemas';
import { MyTasks } from './tasks.query';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('api/me/tasks')
export class TasksController {
  constructor(private readonly tasks: MyTasks) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: '我的待办',
    description:
      'What waits on the caller across running rounds: `{ items: [{ stationId, stationName, roundId, roundName, programme, districtCode, stage, action, deadline, overdue, returned? }] }`, ' +
      'overdue first, then by deadline. A district: its stations waiting on the district or their station; a station: itself; city and admin: what waits on the city. ' +
      '`action`: submit | revise | recommend | file | self_assess | evaluate | publish | promote | self_score | district_review | city_rate. At most 500.',
  })
  @ApiOkResponse({ schema: S.TaskList })
  list(@CurrentPrincipal() p: Principal) {
    return this.tasks.execute(p);
  }
}
