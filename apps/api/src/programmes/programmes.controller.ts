import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { findRubric, Programme, PROGRAMME_TEMPLATES, PROGRAMMES, programmeTemplates } from '@app/domain';
import { ApiError } from '../common/error-codes';
import { AnyRole } from '../auth/auth.decorators';
import * as S from '../openapi/schemas';

/**
 * The programmes a round can run (libs/domain/src/programmes): their steps, who acts and who is
 * reminded in each, their round dates and how a station is evaluated. What a form or the
 * dashboard needs to know of a programme, read from the data the workflows run on.
 */
@ApiTags('programmes')
@ApiBearerAuth()
@Controller('api/programmes')
export class ProgrammesController {
  // experts too: an expert scores a star-rating station on the rubric's own form
  @Get()
  @AnyRole()
  @ApiOkResponse({ schema: S.listOf(S.Programme) })
  @ApiOperation({ summary: 'Every programme: steps, round dates, evaluation (the star rating names its rubric version)' })
  list() {
    return programmeTemplates();
  }

  @Get(':key')
  @AnyRole()
  @ApiOkResponse({ schema: S.Programme })
  @ApiParam({ name: 'key', enum: PROGRAMMES })
  @ApiOperation({ summary: 'One programme; the star rating with the full rubric (items, caps, stars, prerequisites, decisions)' })
  get(@Param('key') key: string) {
    if (!(PROGRAMMES as readonly string[]).includes(key)) throw new ApiError('NOT_FOUND', `项目 ${key} 不存在`);
    const template = PROGRAMME_TEMPLATES[key as Programme];
    const { evaluation } = template;
    return evaluation.kind === 'star-rating'
      ? { ...template, evaluation: { ...evaluation, rubricDefinition: findRubric(evaluation.rubric) } }
      : template;
  }
}
