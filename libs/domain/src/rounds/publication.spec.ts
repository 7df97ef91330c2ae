import { isDomainError } from '../errors';
import {
  assertPromotable,
  assertSomethingToPublish,
  checkPublication,
  OpenStation,
  publicationsOf,
  STAGES_BEFORE_PUBLICATION,
  STAGES_BLOCKING_PROMOTION,
} from './publication';
import type { PublicationRecord } from './round-state';

const first: PublicationRecord = { documentNo: '渝人社〔2024〕100号', at: '2024-11-20T02:00:00.000Z', by: '市三方办', listed: 12 };

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return e.code;
    throw e;
  }
  return 'accepted';
}

describe('publishing the list more than once (补充名单)', () => {
  it('publishes the first list as before, with or without a document number', () => {
    expect(checkPublication({ status: 'open', publication: null }, undefined)).toEqual({ supplementary: false });
    expect(checkPublication({ status: 'open', publication: null }, '渝人社〔2024〕100号')).toEqual({ supplementary: false });
  });

  it('accepts a supplementary list after the first one, until promotion', () => {
    const published = { status: 'published' as const, publication: first, publications: [first] };
    expect(checkPublication(published, '渝人社〔2024〕101号')).toEqual({ supplementary: true });
    expect(codeOf(() => checkPublication({ ...published, status: 'closed' }, '渝人社〔2024〕102号'))).toBe('ROUND.CLOSED');
  });

  it('requires a supplementary list to carry its own document number', () => {
    const published = { status: 'published' as const, publication: first, publications: [first] };
    expect(codeOf(() => checkPublication(published, undefined))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => checkPublication(published, '   '))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => checkPublication(published, ' 渝人社〔2024〕100号 '))).toBe('VALIDATION_FAILED');
    // a round from before supplementary lists holds only `publication`: its number counts too
    expect(codeOf(() => checkPublication({ status: 'published', publication: first }, '渝人社〔2024〕100号'))).toBe('VALIDATION_FAILED');
  });

  it('lists every publication of a round, older rounds included', () => {
    const supplement = { ...first, documentNo: '渝人社〔2024〕101号', listed: 1, supplementary: true };
    expect(publicationsOf({ publication: first, publications: [first, supplement] })).toEqual([first, supplement]);
    expect(publicationsOf({ publication: first })).toEqual([first]);
    expect(publicationsOf({ publication: null })).toEqual([]);
  });

  it('refuses an empty supplementary list', () => {
    expect(codeOf(() => assertSomethingToPublish(0))).toBe('ROUND.NOTHING_TO_PUBLISH');
    expect(codeOf(() => assertSomethingToPublish(2))).toBe('accepted');
  });
});

describe('promotion while stations are still open', () => {
  const late: OpenStation = { id: 's1', name: '江北区职工之家', districtCode: '500105', stage: 'city_evaluation' };
  const waiting: OpenStation = { id: 's2', name: '渝中区服务站', districtCode: '500103', stage: 'publication' };

  it('counts every stage before publication, drafts included, and stations waiting for a list', () => {
    expect(STAGES_BEFORE_PUBLICATION).toEqual(
      expect.arrayContaining([
        'application',
        'recommendation',
        'filing',
        'cultivation',
        'self_assessment',
        'city_evaluation',
        'registration',
        'self_score',
        'district_review',
        'city_rating',
      ]),
    );
    expect(STAGES_BEFORE_PUBLICATION).not.toContain('publication');
    expect(STAGES_BLOCKING_PROMOTION).toContain('publication');
    expect(STAGES_BLOCKING_PROMOTION).not.toContain('promotion');
    expect(STAGES_BLOCKING_PROMOTION).not.toContain('closed');
  });

  it('is refused with ROUND.STATIONS_OPEN, naming each station and its stage in zh-CN', () => {
    let error: unknown;
    try {
      assertPromotable({ total: 2, stations: [late, waiting] });
    } catch (e) {
      error = e;
    }
    expect(isDomainError(error) && error.code).toBe('ROUND.STATIONS_OPEN');
    const message = (error as Error).message;
    expect(message).toContain('江北区职工之家（培育评估）');
    expect(message).toContain('渝中区服务站（名单发布，待列入补充名单）');
    expect((error as { details: unknown }).details).toEqual({ total: 2, stations: [late, waiting] });
  });

  it('names ten stations at most and counts the rest', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ ...late, id: `s${i}`, name: `站点${i + 1}` }));
    let message = '';
    try {
      assertPromotable({ total: 30, stations: many });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('站点10（');
    expect(message).not.toContain('站点11');
    expect(message).toContain('等 30 个站点');
  });

  it('is allowed once every station is decided', () => {
    expect(codeOf(() => assertPromotable({ total: 0, stations: [] }))).toBe('accepted');
  });
});
