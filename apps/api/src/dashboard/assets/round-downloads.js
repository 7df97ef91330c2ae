import { downloadButton } from './downloads.js';
import { mayApply, runsRounds } from './permissions.js';

/**
 * A round's Word documents: annex 1 (汇总表, a district its own) for six-haves rounds, and once
 * the list is published the notice draft that publishes it (名单, the city office's to issue).
 */
export function roundDownloads(round, me) {
  const base = `/api/rounds/${round.id}/exports`;
  return [
    round.programme === 'six-haves' && mayApply(me)
      ? downloadButton('汇总表（Word）', `${base}/summary?format=docx`, 'download-summary')
      : null,
    runsRounds(me) && round.publication ? downloadButton('名单（Word）', `${base}/published?format=docx`, 'download-published') : null,
  ];
}
