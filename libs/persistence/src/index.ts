export * from './data-source';
export * from './entities/api-token.entity';
export * from './entities/district.entity';
export * from './entities/round.entity';
export * from './entities/station.entity';
export * from './entities/station-event.entity';
export * from './repositories/round-projection.repository';
export * from './repositories/station-projection.repository';
