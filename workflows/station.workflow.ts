import { patched, proxyActivities, setHandler } from '@temporalio/workflow';
import type { ReminderActivities } from '../activities';
import { applyAction, checkAction, CURRENT_SIX_HAVES_RULES, returnNoticeOf, StationAction, StationState } from '../libs/domain/src';
import {
  assignExpertsUpdate,
  calendarChangedSignal,
  editApplicationUpdate,
  evaluateUpdate,
  fileUpdate,
  midTermReviewUpdate,
  promoteStationUpdate,
  publishStationUpdate,
  reviewUpdate,
  recommendUpdate,
  returnUpdate,
  selfAssessUpdate,
  stationStateQuery,
  StationWorkflowInput,
  submitUpdate,
  withdrawUpdate,
} from './messages';
import { startProjectionWriter } from './projection-writer';
import { StationRun } from './station-lifecycle';

// Notices are mail: retried with backoff until sent (a permanent failure is recorded, not thrown).
const notices = proxyActivities<ReminderActivities>({
  startToCloseTimeout: '2m',
  retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '10m' },
});

/** A six-haves station (渝人社〔2023〕474号): the rules of stations/transitions.ts, run by StationRun. */
export async function stationWorkflow(input: StationWorkflowInput): Promise<StationState> {
  const singleWriter = patched('projection-single-writer');
  const station = new StationRun<StationAction>(
    input,
    {
      check: checkAction,
      // An evaluation recorded before the city judged each have is applied as it was then.
      apply: (state, action, actor, at, calendar) =>
        applyAction(
          state,
          action,
          actor,
          at,
          calendar,
          action.type === 'evaluate' ? { evaluationPerHave: patched('evaluation-per-have') } : CURRENT_SIX_HAVES_RULES,
        ),
    },
    singleWriter,
  );
  if (singleWriter) startProjectionWriter(station.projection);

  setHandler(stationStateQuery, () => station.state);
  setHandler(calendarChangedSignal, station.calendarChanged);
  // One Update per action, named after it; registered in the order of stations/actions.ts.
  setHandler(submitUpdate, station.act('submit'), { validator: station.check('submit') });
  setHandler(recommendUpdate, station.act('recommend'), { validator: station.check('recommend') });
  setHandler(fileUpdate, station.act('file'), { validator: station.check('file') });
  setHandler(selfAssessUpdate, station.act('self_assess'), { validator: station.check('self_assess') });
  setHandler(evaluateUpdate, station.act('evaluate'), { validator: station.check('evaluate') });
  setHandler(withdrawUpdate, station.act('withdraw'), { validator: station.check('withdraw') });
  setHandler(publishStationUpdate, station.act('publish'), { validator: station.check('publish') });
  setHandler(promoteStationUpdate, station.act('promote'), { validator: station.check('promote') });
  // The paperwork of a real round: each behind the patch that brought it (docs/patches.md).
  const sendBack = station.act('return', () => patched('station-return'));
  setHandler(
    returnUpdate,
    async (req) => {
      const state = await sendBack(req);
      // whoever must act again is told at once (a mail, not a digest checkpoint)
      station.notify(() => notices.noticeReturn(returnNoticeOf(state)));
      return state;
    },
    { validator: station.check('return') },
  );
  setHandler(
    editApplicationUpdate,
    station.act('edit_application', () => patched('application-edit')),
    { validator: station.check('edit_application') },
  );
  setHandler(
    midTermReviewUpdate,
    station.act('mid_term_review', () => patched('mid-term-review')),
    { validator: station.check('mid_term_review') },
  );
  // The city's expert panel (panel/station-panel.ts): new Updates, no new commands for running stations (docs/patches.md).
  setHandler(assignExpertsUpdate, station.panelAct('assign_experts'), { validator: station.panelCheck('assign_experts') });
  setHandler(reviewUpdate, station.panelAct('review'), { validator: station.panelCheck('review') });

  return station.run();
}
