import {
  ACTION_ROLES,
  ACTION_STAGES,
  Programme,
  RETURN_ROLE_OF_STAGE,
  Stage,
  STAR_RATING_ACTION_ROLES,
  STAR_RATING_ACTION_STAGES,
} from '@app/domain';
import type { Principal } from '../auth/principal';
import { ATTACHMENT_TYPES, AttachmentType } from './content-type';

/** What an attachment is for (shared/API.md). */
export const ATTACHMENT_PURPOSES = ['application', 'case', 'self_assessment', 'mid_term', 'evaluation', 'other'] as const;
export type AttachmentPurpose = (typeof ATTACHMENT_PURPOSES)[number];

/** zh-CN names of the purposes (dashboard, messages). */
export const ATTACHMENT_PURPOSE_LABELS: Readonly<Record<AttachmentPurpose, string>> = {
  application: '申请书',
  case: '典型案例',
  self_assessment: '自评材料',
  mid_term: '中期评估材料',
  evaluation: '评估材料',
  other: '其他材料',
};

/** Steps taken for the whole round (the system's or the city's), which make nobody the station's next actor. */
const ROUND_LEVEL_ACTIONS = new Set(['withdraw', 'publish', 'promote']);

/**
 * Who may add files to a station: those who may act on it in its current step, and the city (and
 * admin) at any time. "Act" means a step of the station's programme that the stage accepts and the
 * role may take; a return only by the role that may send back from that stage. Scoping to one
 * district or station is the scope policy's job.
 */
export function mayAddFiles(programme: Programme, stage: Stage, role: Principal['role']): boolean {
  if (role === 'admin' || role === 'city') return true;
  const [stages, roles] =
    programme === 'star-rating' ? [STAR_RATING_ACTION_STAGES, STAR_RATING_ACTION_ROLES] : [ACTION_STAGES, ACTION_ROLES];
  return Object.entries(stages as Readonly<Record<string, readonly Stage[]>>).some(([action, inStages]) => {
    if (ROUND_LEVEL_ACTIONS.has(action) || !inStages.includes(stage)) return false;
    if (action === 'return') return RETURN_ROLE_OF_STAGE[stage] === role;
    return (roles as Readonly<Record<string, readonly string[]>>)[action].includes(role);
  });
}

/** Characters that make a name lie about itself or break a header: controls, bidi overrides, path separators. */
// eslint-disable-next-line no-control-regex -- the point is to remove control characters
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\\/:*?"<>|]/g;
const MAX_NAME = 200;

/**
 * The name an attachment is kept and offered under: the client's file name without any path,
 * control or direction-override characters, trimmed to 200 characters, and ending in the extension
 * of the type its content has (a PDF called `通知.exe` becomes `通知.exe.pdf`), so that whoever
 * downloads it opens it with the right program.
 */
export function attachmentName(original: string | undefined, type: AttachmentType): string {
  const { extension } = ATTACHMENT_TYPES[type];
  const base = (original ?? '').split(/[\\/]/).pop() ?? '';
  let name = base.replace(UNSAFE, '_').replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
  const own = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase();
  const fits = own === extension || (type === 'jpeg' && own === 'jpeg');
  if (!name) name = '附件';
  if (!fits) name = `${name}.${extension}`;
  if (name.length > MAX_NAME) {
    const dot = name.lastIndexOf('.');
    const ext = name.slice(dot);
    name = name.slice(0, MAX_NAME - ext.length) + ext;
  }
  return name;
}
