import type { Request } from 'express';
import type { Principal } from '../auth/principal';
import { AuditedStationAction, AUDIT_KEY, AuditSpec, bodyFields } from './audit.decorator';
import { entryOf, unnamedRoute } from './audit.interceptor';

const district: Principal = {
  tokenId: 'tok-1',
  role: 'district',
  label: '渝中区人社局',
  districtCode: '500103',
  stationId: null,
  userId: null,
  kind: 'token',
};
const specOf = (decorator: MethodDecorator): AuditSpec => {
  const target = { handler() {} };
  decorator(target, 'handler', Object.getOwnPropertyDescriptor(target, 'handler')!);
  return Reflect.getMetadata(AUDIT_KEY, target.handler);
};
const request = (params: Record<string, string>, body: unknown = {}) => ({ params, body }) as unknown as Request;
const line = (action: string, role: string, fromStage: string | null, toStage: string) => ({
  action,
  role,
  fromStage,
  toStage,
  actor: 'x',
  at: '',
  seq: 0,
  note: null,
});

describe('the audit line of a request', () => {
  it('takes a station action, its stages and name from the newest history line not written by the system', () => {
    const spec = specOf(AuditedStationAction('file', 'filed', 'level'));
    const result = {
      id: 's-1',
      stage: 'self_assessment',
      history: [
        line('apply', 'district', null, 'recommendation'),
        line('file', 'city', 'filing', 'cultivation'),
        line('self_assessment_opened', 'system', 'cultivation', 'self_assessment'),
      ],
    };
    expect(entryOf(spec, request({ id: 's-1' }, { filed: true, level: 'city', note: 'n' }), district, result)).toEqual({
      tokenId: 'tok-1',
      userId: null,
      actor: '渝中区人社局',
      role: 'district',
      action: 'station.file',
      targetType: 'station',
      targetId: 's-1',
      fromStage: 'filing',
      toStage: 'cultivation',
      details: { filed: true, level: 'city' },
    });
  });

  it('names a station action as the workflow recorded it when one route serves several programmes', () => {
    const spec = specOf(AuditedStationAction('self_assess', 'summary'));
    const result = { history: [line('self_score', 'station', 'self_assessment', 'district_review')] };
    expect(entryOf(spec, request({ id: 's-2' }), district, result)).toMatchObject({
      action: 'station.self_score',
      fromStage: 'self_assessment',
      toStage: 'district_review',
    });
  });

  it('finds a created target in the result, and keeps only the named body fields', () => {
    const spec: AuditSpec = { action: 'token.create', targetType: 'token', target: { result: 'id' }, details: bodyFields('role', 'label') };
    const entry = entryOf(spec, request({}, { role: 'city', label: '市三方办' }), district, { id: 't-9', token: 'st_secret' });
    expect(entry).toMatchObject({ targetId: 't-9', details: { role: 'city', label: '市三方办' }, fromStage: null, toStage: null });
    expect(JSON.stringify(entry)).not.toContain('st_secret');
  });

  it('still logs a mutating route that nobody named, under its method and route', () => {
    const req = {
      method: 'POST',
      route: { path: '/api/reminders/:id/resend' },
      path: '/api/reminders/r-1/resend',
      params: { id: 'r-1' },
      body: {},
    } as unknown as Request;
    expect(entryOf(unnamedRoute(req), req, district, { ok: true })).toMatchObject({
      action: 'POST /api/reminders/:id/resend',
      targetType: 'reminders',
      targetId: 'r-1',
      details: null,
    });
  });
});
