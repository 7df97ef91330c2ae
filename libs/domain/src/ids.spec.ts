import { isUuid, roundIdOfWorkflow, roundWorkflowId, stationIdOfWorkflow, stationWorkflowId } from './ids';

const ID = '0b7e9a52-3c1d-4f6e-9a8b-1c2d3e4f5a6b';

describe('ids', () => {
  it('names a workflow by its station or round, and back', () => {
    expect(stationWorkflowId(ID)).toBe(`station-${ID}`);
    expect(roundWorkflowId(ID)).toBe(`round-${ID}`);
    expect(stationIdOfWorkflow(stationWorkflowId(ID))).toBe(ID);
    expect(roundIdOfWorkflow(roundWorkflowId(ID))).toBe(ID);
  });

  it('takes only what can be an id issued by the API', () => {
    expect(isUuid(ID)).toBe(true);
    expect(isUuid(ID.toUpperCase())).toBe(true);
    expect(isUuid('not-an-id')).toBe(false);
    expect(isUuid(`${ID}x`)).toBe(false);
    expect(isUuid('')).toBe(false);
  });
});
