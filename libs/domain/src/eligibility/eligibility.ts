import { addYears, isDateOnly } from '../calendar/shanghai-time';
import { isPlainObject, validationFailed, ValidationIssue } from '../validation/issues';

/**
 * The application conditions that can be checked from the form (DOMAIN.md rules 4 and 5).
 * Rules 1–3 (who runs it, where, what services) are declarations the district confirms.
 *
 * 渝人社〔2023〕474号 §三 申报条件:
 *   （四）至2023年10月，为企业和劳动者提供构建和谐劳动关系服务一年以上，或累计服务劳动者超过1000人次，
 *         有效推进辖区、行业构建和谐劳动关系工作。
 *   （五）近两年内所在区域、行业未发生劳动关系群体性事件、安全生产责任事故。
 *
 * Rule 4 reading (DOMAIN.md): 服务一年以上 includes one year — in Chinese legal usage 以上 includes
 * the number itself (《民法典》第一千二百五十九条). A year of service is complete on the station's first
 * anniversary (`addYears(establishedOn, 1)`): 《民法典》第二百零一条 does not count the day it starts, and
 * 第二百零二条 ends a year on the corresponding day, or on the month's last day when there is none
 * ("没有对应日的，月末日为期间的最后一日"), so 29 February's anniversary is 28 February. The station
 * qualifies by service record when that anniversary falls on or before the cut-off date: one
 * established on 2022-10-31 has served one year on 2023-10-31 and qualifies with that cut-off; one
 * established on 2022-11-01 is a day short and does not.
 * "超过1000人次" is strict by its wording: 1,000 visits do not qualify, 1,001 do.
 *
 * **Decision**: a station established after the cut-off date did not exist at the cut-off and fails
 * rule 4 whatever visits it reports (they cannot have been served "by October 2023").
 */

export const SERVICE_VISITS_THRESHOLD = 1000;

export type EligibilityInput = {
  /** YYYY-MM-DD (建站时间) */
  establishedOn: string;
  /** Worker-visits served in total by the cut-off (累计服务劳动者人次). */
  workerVisitsServed: number;
  /** Any collective labour incident or work-safety liability accident in its area or industry in the last two years. */
  incidentsInLastTwoYears: boolean;
};

export type EligibilityRule = 'service-record' | 'no-incidents';

export type EligibilityReason = { rule: EligibilityRule; code: string; message: string };

export type EligibilityResult = {
  eligible: boolean;
  /** One entry per failed rule; empty when eligible. */
  reasons: EligibilityReason[];
};

export const ELIGIBILITY_CODES = {
  establishedAfterCutoff: 'ESTABLISHED_AFTER_CUTOFF',
  serviceRecordInsufficient: 'SERVICE_RECORD_INSUFFICIENT',
  incidentInLastTwoYears: 'INCIDENT_IN_LAST_TWO_YEARS',
} as const;

function validate(input: unknown, serviceCutoff: unknown): EligibilityInput {
  const issues: ValidationIssue[] = [];
  if (!isDateOnly(serviceCutoff)) {
    issues.push({ field: 'serviceCutoff', message: `服务截止日期“${String(serviceCutoff)}”无效，应为 YYYY-MM-DD` });
  }
  if (!isPlainObject(input)) {
    issues.push({ field: 'application', message: '申报信息应为对象' });
    throw validationFailed('申报条件信息无效', issues);
  }
  if (!isDateOnly(input.establishedOn)) {
    issues.push({ field: 'establishedOn', message: `建站时间“${String(input.establishedOn)}”无效，应为 YYYY-MM-DD` });
  }
  const visits = input.workerVisitsServed;
  if (typeof visits !== 'number' || !Number.isSafeInteger(visits) || visits < 0) {
    issues.push({ field: 'workerVisitsServed', message: '累计服务劳动者人次应为非负整数' });
  }
  if (typeof input.incidentsInLastTwoYears !== 'boolean') {
    issues.push({ field: 'incidentsInLastTwoYears', message: '近两年是否发生群体性事件或安全生产责任事故应为 true 或 false' });
  }
  if (issues.length > 0) throw validationFailed('申报条件信息无效', issues);
  return input as EligibilityInput;
}

function serviceRecordReason(input: EligibilityInput, serviceCutoff: string): EligibilityReason | null {
  if (input.establishedOn > serviceCutoff) {
    return {
      rule: 'service-record',
      code: ELIGIBILITY_CODES.establishedAfterCutoff,
      message: `建站时间（${input.establishedOn}）晚于服务截止日期（${serviceCutoff}），不符合申报条件第（四）项`,
    };
  }
  const anniversary = addYears(input.establishedOn, 1);
  const servedAYear = anniversary <= serviceCutoff; // YYYY-MM-DD strings compare as dates
  if (servedAYear || input.workerVisitsServed > SERVICE_VISITS_THRESHOLD) return null;
  return {
    rule: 'service-record',
    code: ELIGIBILITY_CODES.serviceRecordInsufficient,
    message:
      `至${serviceCutoff}，站点提供服务未满一年（建站时间 ${input.establishedOn}），` +
      `且累计服务劳动者未超过${SERVICE_VISITS_THRESHOLD}人次（申报 ${input.workerVisitsServed} 人次），不符合申报条件第（四）项`,
  };
}

/**
 * Checks rules 4 and 5 against a round's service cut-off date (YYYY-MM-DD; 2023-10-31 for the
 * 2023 Chongqing round). Throws VALIDATION_FAILED with `{ field, message }` details on bad input.
 */
export function checkEligibility(input: EligibilityInput, serviceCutoff: string): EligibilityResult {
  const valid = validate(input, serviceCutoff);
  const reasons: EligibilityReason[] = [];
  const serviceRecord = serviceRecordReason(valid, serviceCutoff);
  if (serviceRecord) reasons.push(serviceRecord);
  if (valid.incidentsInLastTwoYears) {
    reasons.push({
      rule: 'no-incidents',
      code: ELIGIBILITY_CODES.incidentInLastTwoYears,
      message: '近两年内所在区域、行业发生过劳动关系群体性事件或安全生产责任事故，不符合申报条件第（五）项',
    });
  }
  return { eligible: reasons.length === 0, reasons };
}
