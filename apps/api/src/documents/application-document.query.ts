import { Injectable } from '@nestjs/common';
import { renderApplicationForm } from '@app/documents';
import type { Principal } from '../auth/principal';
import { ApiError } from '../common/error-codes';
import type { ExportFile } from '../exports/spreadsheet';
import { wordFile } from '../exports/word-file';
import { RoundRepository } from '../rounds/round.repository';
import { StationScopePolicy } from '../stations/station-scope.policy';

/**
 * The station's application form (申请书, annex 2) as a Word document, filled in from the
 * application it submitted; readable by whoever may read the station.
 */
@Injectable()
export class ApplicationDocument {
  constructor(
    private readonly scope: StationScopePolicy,
    private readonly rounds: RoundRepository,
  ) {}

  async execute(stationId: string, p: Principal): Promise<ExportFile> {
    const station = await this.scope.readable(stationId, p);
    const round = await this.rounds.get(station.roundId);
    // a star-rating station registered with the 登记表 (杭总工办〔2023〕30号 附件1): it has no annex-2 form
    if (round.programme !== 'six-haves') throw new ApiError('ROUND.WRONG_PROGRAMME', '星级评定批次的站点没有申请书（附件2），请使用登记表');
    const body = await renderApplicationForm({ stationName: station.name, application: station.application, appliedAt: station.createdAt });
    return wordFile(body, { name: `${station.name}-申请书`, asciiName: `application-${station.id}` });
  }
}
