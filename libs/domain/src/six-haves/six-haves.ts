import { charLength, isPlainObject, rejectUnknownKeys, validationFailed, ValidationIssue } from '../validation/issues';

/**
 * The six haves (六有), the criteria a station is cultivated and evaluated against,
 * from 渝人社〔2023〕474号 §二 培育要求 (condensed; the notice's own words where it is short).
 * Self-assessment (自评) and city evaluation (培育评估) both record a status and evidence per have.
 */
export const HAVE_KEYS = ['platform', 'team', 'rules', 'funding', 'standards', 'results'] as const;
export type HaveKey = (typeof HAVE_KEYS)[number];

export type HaveDefinition = { key: HaveKey; label: string; requirement: string };

export const SIX_HAVES: readonly HaveDefinition[] = Object.freeze(
  [
    {
      key: 'platform',
      label: '有平台',
      requirement:
        '建设较为固定的办公场所、较为齐全的服务设施或持续稳定运营的智能化平台，与服务区域内企业规模和劳动者数量相匹配，与服务对象需求相适应。',
    },
    {
      key: 'team',
      label: '有队伍',
      requirement:
        '配备专业化协调劳动关系工作力量，包括劳动关系协调员、集体协商指导员、劳动争议调解员、工会劳动法律监督员、法律服务志愿者、心理咨询师等，与辖区企业规模和劳动者数量相匹配。',
    },
    {
      key: 'rules',
      label: '有制度',
      requirement: '有站点建设和运作的长期规划、年度计划和具体措施，健全站点管理、指导、服务制度，建立运行顺畅的工作机制。',
    },
    {
      key: 'funding',
      label: '有保障',
      requirement: '有稳定的经费保障和健全的考核评价制度，能够保障站点有效运行。',
    },
    {
      key: 'standards',
      label: '有标准',
      requirement: '有内容丰富的服务清单、明确具体的服务标准、便捷规范的服务流程。',
    },
    {
      key: 'results',
      label: '有成效',
      requirement:
        '提供多样化、专业化、标准化的劳动关系公共服务，形成特色鲜明的服务品牌，受到企业和职工普遍认可，有效防范化解劳动关系领域风险隐患。',
    },
  ].map((have) => Object.freeze(have as HaveDefinition)),
);

export const HAVE_STATUSES = ['met', 'partly', 'not_met'] as const;
export type HaveStatus = (typeof HAVE_STATUSES)[number];

/** zh-CN names of the statuses, as the validation messages word them. */
export const HAVE_STATUS_LABELS: Readonly<Record<HaveStatus, string>> = { met: '达到', partly: '部分达到', not_met: '未达到' };

export type HaveAssessment = { status: HaveStatus; evidence: string; attachments?: string[] };
export type SixHavesAssessment = Record<HaveKey, HaveAssessment>;

export const EVIDENCE_MAX_CHARS = 2000;
export const ATTACHMENTS_MAX = 10;
export const ATTACHMENT_MAX_CHARS = 500;

const HAVE_FIELDS = ['status', 'evidence', 'attachments'] as const;

function labelOf(key: HaveKey): string {
  return SIX_HAVES.find((h) => h.key === key)?.label ?? key;
}

function validateHave(key: HaveKey, value: unknown, issues: ValidationIssue[]): HaveAssessment | null {
  const label = labelOf(key);
  if (value === undefined) {
    issues.push({ field: key, message: `缺少“${label}”的评估` });
    return null;
  }
  if (!isPlainObject(value)) {
    issues.push({ field: key, message: `“${label}”的评估应为对象` });
    return null;
  }
  const before = issues.length;
  rejectUnknownKeys(value, HAVE_FIELDS, `${key}.`, issues);

  const status = value.status;
  if (!HAVE_STATUSES.includes(status as HaveStatus)) {
    issues.push({ field: `${key}.status`, message: `“${label}”的状态应为 met（达到）、partly（部分达到）或 not_met（未达到）` });
  }

  // Evidence is trimmed: whitespace alone is no evidence, and stored text should not carry padding.
  const evidence = typeof value.evidence === 'string' ? value.evidence.trim() : null;
  if (evidence === null || evidence.length === 0) {
    issues.push({ field: `${key}.evidence`, message: `“${label}”须填写佐证说明` });
  } else if (charLength(evidence) > EVIDENCE_MAX_CHARS) {
    issues.push({ field: `${key}.evidence`, message: `“${label}”的佐证说明不能超过 ${EVIDENCE_MAX_CHARS} 字` });
  }

  let attachments: string[] | undefined;
  if (value.attachments !== undefined) {
    if (!Array.isArray(value.attachments)) {
      issues.push({ field: `${key}.attachments`, message: '附件应为字符串数组' });
    } else {
      if (value.attachments.length > ATTACHMENTS_MAX) {
        issues.push({ field: `${key}.attachments`, message: `附件不能超过 ${ATTACHMENTS_MAX} 个` });
      }
      value.attachments.forEach((a, i) => {
        if (typeof a !== 'string' || a.trim().length === 0) {
          issues.push({ field: `${key}.attachments.${i}`, message: '附件应为非空字符串' });
        } else if (charLength(a) > ATTACHMENT_MAX_CHARS) {
          issues.push({ field: `${key}.attachments.${i}`, message: `附件名称或链接不能超过 ${ATTACHMENT_MAX_CHARS} 字` });
        }
      });
      attachments = value.attachments as string[];
    }
  }

  if (issues.length > before) return null;
  const have: HaveAssessment = { status: status as HaveStatus, evidence: evidence as string };
  if (attachments !== undefined) have.attachments = [...attachments];
  return have;
}

/**
 * A self-assessment or evaluation against the six haves: all six keys, no others, a valid status,
 * evidence of 1–2000 characters (trimmed), at most 10 attachments of at most 500 characters each.
 * Throws VALIDATION_FAILED with a `{ field, message }` list naming every bad field.
 */
export function validateSixHavesAssessment(input: unknown): SixHavesAssessment {
  if (!isPlainObject(input)) {
    throw validationFailed('“六有”评估内容无效', [{ field: 'sixHaves', message: '应为以六项要求为键的对象' }]);
  }
  const issues: ValidationIssue[] = [];
  rejectUnknownKeys(input, HAVE_KEYS, '', issues);
  const out: Partial<SixHavesAssessment> = {};
  for (const key of HAVE_KEYS) {
    const have = validateHave(key, input[key], issues);
    if (have) out[key] = have;
  }
  if (issues.length > 0) throw validationFailed('“六有”评估内容无效', issues);
  return out as SixHavesAssessment;
}

export type SixHavesSummary = Record<HaveStatus, number>;

/** How many haves are met, partly met and not met. */
export function summariseSixHaves(assessment: SixHavesAssessment): SixHavesSummary {
  const summary: SixHavesSummary = { met: 0, partly: 0, not_met: 0 };
  for (const key of HAVE_KEYS) summary[assessment[key].status]++;
  return summary;
}
