/**
 * Event histories to and from proto3 JSON — the format of the Temporal CLI (`temporal workflow show
 * --output json`), the Web UI's download and the SDK's `historyToJSON` / `historyFromJSON`.
 *
 * The SDK functions are tried first. In this install they throw "type must be a Type": npm keeps two
 * copies of protobufjs 8 (one under @temporalio/common, one under @temporalio/proto, because the
 * top-level protobufjs is 7 for @grpc/proto-loader), and the ProtoJSON extension of the first
 * rejects the reflected History type of the second (an `instanceof` check). The fallback does the
 * same conversion with the ProtoJSON extension of the protobufjs copy that @temporalio/proto itself
 * uses, so the output is the same canonical proto3 JSON, loadable by either path.
 */
import * as path from 'node:path';
import { History, historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';

export type { History };

interface ProtoJson {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options?: { ignoreUnknownFields?: boolean }): unknown;
}

let sameCopy: { protojson: ProtoJson; historyType: unknown; History: { fromObject(o: unknown): unknown } } | undefined;

function protoJsonOfTemporalProto() {
  if (!sameCopy) {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const proto = require('@temporalio/proto');
    const { patchProtobufRoot } = require('@temporalio/proto/lib/patch-protobuf-root');
    const protoDir = path.dirname(require.resolve('@temporalio/proto/package.json'));
    const protojson: ProtoJson = require(require.resolve('protobufjs/ext/protojson', { paths: [protoDir] }));
    /* eslint-enable @typescript-eslint/no-require-imports */
    sameCopy = {
      protojson,
      historyType: patchProtobufRoot(proto).lookupType('temporal.api.history.v1.History'),
      History: proto.temporal.api.history.v1.History,
    };
  }
  return sameCopy;
}

const isDuplicateProtobufError = (e: unknown) => e instanceof TypeError && e.message === 'type must be a Type';

/** proto3 JSON text of a history (as returned by `handle.fetchHistory()`), indented by 2. */
export function historyToJson(history: History): string {
  try {
    return historyToJSON(history);
  } catch (e) {
    if (!isDuplicateProtobufError(e)) throw e;
    const { protojson, historyType, History } = protoJsonOfTemporalProto();
    return JSON.stringify(protojson.toJson(historyType, History.fromObject(history)), null, 2);
  }
}

/**
 * A history from its parsed proto3 JSON, ready for `Worker.runReplayHistories`. (The fallback reads
 * canonical proto3 JSON, as written by historyToJson; the SDK also accepts older CLI exports.)
 */
export function historyFromJson(json: unknown): History {
  try {
    return historyFromJSON(json);
  } catch (e) {
    if (!isDuplicateProtobufError(e)) throw e;
    const { protojson, historyType } = protoJsonOfTemporalProto();
    return protojson.fromJson(historyType, json, { ignoreUnknownFields: true }) as History;
  }
}
