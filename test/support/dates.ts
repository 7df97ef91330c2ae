import { shanghaiDate } from '@app/domain';

/**
 * Calendar dates as the offices read them: days in Asia/Shanghai, `YYYY-MM-DD`. From 16:00 UTC the
 * Shanghai date is already the next day, so `new Date().toISOString().slice(0, 10)` is a day behind
 * for eight hours of every day. A spec that types a date and later expects it back reads today once
 * and counts from it with `addDays`: a second reading may fall after Shanghai midnight.
 */
export function shanghaiToday(): string {
  return shanghaiDate(new Date());
}

export { addDays } from '@app/domain';
