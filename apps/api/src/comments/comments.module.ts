import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { StationCommentRepository } from '@app/persistence';
import { StationsModule } from '../stations/stations.module';
import { CommentsController } from './comments.controller';
import { StationComments } from './station-comments';

/** A comment thread per station. */
@Module({
  imports: [StationsModule],
  controllers: [CommentsController],
  providers: [
    { provide: StationCommentRepository, useFactory: (ds: DataSource) => new StationCommentRepository(ds), inject: [DataSource] },
    StationComments,
  ],
})
export class CommentsModule {}
