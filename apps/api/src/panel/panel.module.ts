import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ExpertDirectoryRepository } from '@app/persistence';
import { StationsModule } from '../stations/stations.module';
import { AssignPanel } from './assign-panel.use-case';
import { MyReviews } from './my-reviews.query';
import { PanelController } from './panel.controller';
import { PanelRounds } from './panel-rounds';
import { SetRoundPanel } from './set-round-panel.use-case';
import { SetStationExperts } from './set-station-experts.use-case';
import { StationReviews } from './station-reviews.query';
import { SubmitReview } from './submit-review.use-case';

/** The city's expert panel (评估工作组): panels, assignments, reviews (docs/architecture.md "The expert panel"). */
@Module({
  imports: [StationsModule],
  controllers: [PanelController],
  providers: [
    { provide: ExpertDirectoryRepository, useFactory: (ds: DataSource) => new ExpertDirectoryRepository(ds), inject: [DataSource] },
    PanelRounds,
    SetRoundPanel,
    AssignPanel,
    SetStationExperts,
    SubmitReview,
    StationReviews,
    MyReviews,
  ],
})
export class PanelModule {}
