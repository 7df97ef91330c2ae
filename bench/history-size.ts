import { roundWorkflowId, stationWorkflowId } from '../workflows/messages';
import { runCompactRound } from '../workflows/testing/compact-round';
import { History, historyToJson } from '../workflows/testing/history-json';
import { RoundHarness } from '../workflows/testing/round-harness';
import { MeasureReport, row, target } from './report';

export interface HistorySize {
  /** events in the history of the station taken through every stage to listed and closed */
  stationEvents: number;
  /** that history's size in bytes, as UTF-8 proto3 JSON (see below) */
  stationBytes: number;
  /** events in the round workflow's history (one run: it did not continue as new) */
  roundEvents: number;
  roundBytes: number;
}

/**
 * History length of one station over a full round, and of the round workflow — targets: ≤ 200
 * events per station-year, and the round under 4,096 events before it continues as new.
 *
 * Runs the compact round story (workflows/testing/compact-round.ts) on the Temporal time-skipping
 * test server with the real activities and a real SQLite projection: a year-long calendar, one
 * station from a draft through every stage to listed and closed, another station overdue at two
 * deadlines (both escalated by the round) and cleared once by a deadline change, one not recommended,
 * one withdrawn; publication and promotion. The station measured is the listed one.
 *
 * Bytes are the UTF-8 length of the proto3 JSON of the history (`historyToJSON`, compact, as the
 * Temporal CLI and UI export it; payloads base64) — an upper bound of the protobuf size that the
 * server counts against its history size limits (JSON adds field names and base64).
 */
export async function measureHistorySize(): Promise<HistorySize> {
  const env = await RoundHarness.timeSkipping();
  const h = new RoundHarness(env);
  try {
    await h.open();
    const { roundId, stations } = await runCompactRound(h);
    const measure = async (workflowId: string) => {
      const handle = env.client.workflow.getHandle(workflowId);
      const [history, description] = await Promise.all([handle.fetchHistory(), handle.describe()]);
      if (description.status.name !== 'COMPLETED') throw new Error(`${workflowId} did not complete in one run: ${description.status.name}`);
      return { events: history.events?.length ?? 0, bytes: jsonBytes(history) };
    };
    const station = await measure(stationWorkflowId(stations.listed));
    const round = await measure(roundWorkflowId(roundId));
    return { stationEvents: station.events, stationBytes: station.bytes, roundEvents: round.events, roundBytes: round.bytes };
  } finally {
    await h.close().catch(() => undefined);
    await env.teardown();
  }
}

function jsonBytes(history: History): number {
  return Buffer.byteLength(JSON.stringify(JSON.parse(historyToJson(history))), 'utf8');
}

const STATION_EVENTS_TARGET = 200;
const ROUND_EVENTS_TARGET = 4096;

export function historyReport(h: HistorySize): MeasureReport {
  return {
    id: 'historySize',
    headline: {
      label: 'history events per station-year ÷ target',
      target: target('≤', 1),
      ratio: h.stationEvents / STATION_EVENTS_TARGET,
      value: `${h.stationEvents} events`,
      baseline: `${STATION_EVENTS_TARGET} target`,
      size: 'one station-year',
    },
    rows: [
      row({ measure: 'station history events per station-year', value: h.stationEvents, unit: 'events', target: STATION_EVENTS_TARGET }),
      row({ measure: 'station history bytes (JSON) per station-year', value: h.stationBytes, unit: 'bytes' }),
      row({ measure: 'round history events (full round)', value: h.roundEvents, unit: 'events', target: ROUND_EVENTS_TARGET }),
      row({ measure: 'round history bytes (JSON)', value: h.roundBytes, unit: 'bytes' }),
    ],
    lines: [
      `station-year: ${h.stationEvents} events, ${h.stationBytes.toLocaleString('en')} bytes (JSON); full round: ${h.roundEvents} events (target < ${ROUND_EVENTS_TARGET}), ${h.roundBytes.toLocaleString('en')} bytes — time-skipping test server, compact round story`,
    ],
    details: h,
  };
}
