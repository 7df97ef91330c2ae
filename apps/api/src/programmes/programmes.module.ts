import { Module } from '@nestjs/common';
import { ProgrammesController } from './programmes.controller';

/** The programmes a round can run, read from the domain's data. */
@Module({ controllers: [ProgrammesController] })
export class ProgrammesModule {}
