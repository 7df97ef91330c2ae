import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUuid, RoundCalendar, RoundState, StarRatingSettings } from '@app/domain';
import { RoundEntity, StationEntity } from '@app/persistence';
import { ApiError } from '../common/error-codes';

/** The rounds the stations feature reads: the one an application goes to, the one a station is in. */
@Injectable()
export class StationRounds {
  constructor(private readonly ds: DataSource) {}

  /** The round an application goes to: it exists (404) and still takes applications (409 ROUND.CLOSED). */
  async open(roundId: string): Promise<RoundEntity> {
    const round = isUuid(roundId) ? await this.ds.getRepository(RoundEntity).findOneBy({ id: roundId }) : null;
    if (!round) throw new ApiError('NOT_FOUND', `批次 ${roundId} 不存在`);
    if (round.status !== 'open') throw new ApiError('ROUND.CLOSED', '本批次已结束申报');
    return round;
  }

  /** The round's calendar as its projection holds it now (written by the round workflow before it broadcasts a change). */
  async currentCalendar(roundId: string): Promise<RoundCalendar> {
    return calendarOf(await this.ds.getRepository(RoundEntity).findOneByOrFail({ id: roundId }));
  }

  /** The round of a station (a station row always has one). */
  ofStation(station: StationEntity): Promise<RoundEntity> {
    return this.ds.getRepository(RoundEntity).findOneByOrFail({ id: station.roundId });
  }
}

/** A star-rating round's settings, from its row (set when the round was created). */
export function starSettingsOf(round: RoundEntity): StarRatingSettings {
  const settings = (round.state as Partial<RoundState>).starRating;
  if (!settings) throw new ApiError('INTERNAL', `星级评定批次 ${round.code} 缺少评定设置`);
  return settings;
}

/**
 * A round's calendar from its row: the round workflow's own (state.calendar, with its version),
 * or for a row written before the workflow first projected it, version 0 of the dates it was created with.
 */
export function calendarOf(round: RoundEntity): RoundCalendar {
  const projected = (round.state as Partial<RoundState>).calendar;
  if (projected) return projected;
  return {
    version: 0,
    deadlines: round.deadlines as RoundCalendar['deadlines'],
    ...(round.programme === 'star-rating' ? { programme: 'star-rating' } : {}),
  };
}
