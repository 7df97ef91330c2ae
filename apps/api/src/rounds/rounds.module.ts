import { Module } from '@nestjs/common';
import { ContactsToStore } from '../common/contacts';
import { ChangeRoundDeadlines } from './change-round-deadlines';
import { CreateRound } from './create-round';
import { PromoteRound, PublishRound } from './round-lifecycle';
import { DescribeRoundWorkflow, GetRound, ListRounds } from './round-queries';
import { RoundRepository } from './round.repository';
import { RoundViews } from './round-view';
import { RoundsController } from './rounds.controller';
import { StageCounts } from './stage-counts';

/** Cultivation rounds (培育批次): creating one, its dates, publication and promotion. */
@Module({
  controllers: [RoundsController],
  providers: [
    ContactsToStore,
    RoundRepository,
    StageCounts,
    RoundViews,
    CreateRound,
    ListRounds,
    GetRound,
    DescribeRoundWorkflow,
    ChangeRoundDeadlines,
    PublishRound,
    PromoteRound,
  ],
  exports: [RoundRepository],
})
export class RoundsModule {}
