import type { Locator } from 'playwright-core';
import { HANGZHOU_2024, rubricItems, StationScoreValues } from '@app/domain';
import { fieldOf as field } from './browser';

/** Types a score sheet into a score form, item by item, by the rubric's kinds. */
export async function fillSheet(f: Locator, values: StationScoreValues): Promise<void> {
  for (const item of rubricItems(HANGZHOU_2024)) {
    const v = values.items?.[item.key];
    const row = f.locator(`[data-item="${item.key}"]`);
    if (item.kind === 'fixed') {
      if (typeof v === 'number') {
        await row.locator('input[value="partial"]').check();
        await row.locator('input[type="number"]').fill(String(v));
      } else await row.locator(`input[value="${v === true ? 'true' : 'false'}"]`).check();
    } else if (item.kind === 'levels') {
      const list = (Array.isArray(v) ? v : []) as (string | { level: string })[];
      const inputs = row.locator('input[type="number"]');
      for (const [i, level] of ['national', 'provincial', 'city'].entries()) {
        const n = list.filter((e) => (typeof e === 'string' ? e : e.level) === level).length;
        await inputs.nth(i).fill(n ? String(n) : '');
      }
    } else if (item.kind === 'discretionary') {
      const points = typeof v === 'object' && v !== null ? (v as { points: number }).points : v;
      await row.locator('input[type="number"]').fill(points === undefined || points === null ? '' : String(points));
    } else await row.locator('input').fill(v === undefined || v === null ? '' : String(v));
  }
  for (const [key, v] of Object.entries(values.facts ?? {})) {
    const fact = field(f, `facts.${key}`);
    if (typeof v === 'boolean') await fact.locator(`input[value="${v}"]`).check();
    else await fact.locator('input').fill(String(v));
  }
}
