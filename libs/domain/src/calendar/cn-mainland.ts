import { addDays } from './shanghai-time';
import { WorkCalendar } from './working-days';

/**
 * Mainland China public holidays (放假) and adjusted working days (调休上班), as announced each year
 * by the General Office of the State Council (国务院办公厅关于 N 年部分节假日安排的通知).
 * Years not listed here fall back to plain Monday–Friday (see working-days.ts); add a new year
 * as data through `mergeWorkCalendars` once its notice is out (usually October–December).
 *
 * Each holiday block lists every day off, weekend days included, exactly as the notice's
 * "X月X日至X日放假调休，共N天" reads. Days are filed under the year they fall in, so the
 * 2024 notice's New Year block contributes 2023-12-30/31 to 2023.
 */

/** Every date from `first` to `last`, both included. */
function days(first: string, last: string): string[] {
  const out: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Shared by every workflow and request: nobody may edit it in place (use mergeWorkCalendars). */
function deepFreeze(calendar: WorkCalendar): WorkCalendar {
  for (const year of Object.values(calendar.years)) {
    Object.freeze(year.holidays);
    Object.freeze(year.adjustedWorkdays);
    Object.freeze(year);
  }
  Object.freeze(calendar.years);
  return Object.freeze(calendar);
}

export const CN_MAINLAND_WORK_CALENDAR: WorkCalendar = deepFreeze({
  years: {
    // 国务院办公厅关于2023年部分节假日安排的通知（国办发明电〔2022〕16号，2022年12月8日）
    // (its New Year block starts 2022-12-31, a Saturday, outside the years covered here).
    '2023': {
      holidays: [
        ...days('2023-01-01', '2023-01-02'), // 元旦：2022年12月31日至2023年1月2日
        ...days('2023-01-21', '2023-01-27'), // 春节：1月21日至27日，共7天
        '2023-04-05', // 清明节：4月5日，共1天
        ...days('2023-04-29', '2023-05-03'), // 劳动节：4月29日至5月3日，共5天
        ...days('2023-06-22', '2023-06-24'), // 端午节：6月22日至24日，共3天
        ...days('2023-09-29', '2023-10-06'), // 中秋节、国庆节：9月29日至10月6日，共8天
        // From the 2024 notice below: 元旦 1月1日放假，与周末连休 (Sat 30 and Sun 31 Dec 2023).
        ...days('2023-12-30', '2023-12-31'),
      ],
      adjustedWorkdays: [
        '2023-01-28', // 星期六（春节）
        '2023-01-29', // 星期日（春节）
        '2023-04-23', // 星期日（劳动节）
        '2023-05-06', // 星期六（劳动节）
        '2023-06-25', // 星期日（端午节）
        '2023-10-07', // 星期六（中秋节、国庆节）
        '2023-10-08', // 星期日（中秋节、国庆节）
      ],
    },
    // 国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号，2023年10月25日）
    '2024': {
      holidays: [
        '2024-01-01', // 元旦：1月1日放假，与周末连休
        ...days('2024-02-10', '2024-02-17'), // 春节：2月10日至17日，共8天（除夕2月9日仅为“鼓励”休息，仍是工作日）
        ...days('2024-04-04', '2024-04-06'), // 清明节：4月4日至6日，共3天
        ...days('2024-05-01', '2024-05-05'), // 劳动节：5月1日至5日，共5天
        ...days('2024-06-08', '2024-06-10'), // 端午节：6月10日放假，与周末连休
        ...days('2024-09-15', '2024-09-17'), // 中秋节：9月15日至17日，共3天
        ...days('2024-10-01', '2024-10-07'), // 国庆节：10月1日至7日，共7天
      ],
      adjustedWorkdays: [
        '2024-02-04', // 星期日（春节）
        '2024-02-18', // 星期日（春节）
        '2024-04-07', // 星期日（清明节）
        '2024-04-28', // 星期日（劳动节）
        '2024-05-11', // 星期六（劳动节）
        '2024-09-14', // 星期六（中秋节）
        '2024-09-29', // 星期日（国庆节）
        '2024-10-12', // 星期六（国庆节）
      ],
    },
    // 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024年11月12日），
    // the first year under the 《全国年节及纪念日放假办法》 as revised in November 2024 (two more days off).
    '2025': {
      holidays: [
        '2025-01-01', // 元旦：1月1日（周三）放假1天，不调休
        ...days('2025-01-28', '2025-02-04'), // 春节：1月28日（除夕）至2月4日，共8天
        ...days('2025-04-04', '2025-04-06'), // 清明节：4月4日至6日，共3天
        ...days('2025-05-01', '2025-05-05'), // 劳动节：5月1日至5日，共5天
        ...days('2025-05-31', '2025-06-02'), // 端午节：5月31日至6月2日，共3天
        ...days('2025-10-01', '2025-10-08'), // 国庆节、中秋节：10月1日至8日，共8天
      ],
      adjustedWorkdays: [
        '2025-01-26', // 周日（春节）
        '2025-02-08', // 周六（春节）
        '2025-04-27', // 周日（劳动节）
        '2025-09-28', // 周日（国庆节、中秋节）
        '2025-10-11', // 周六（国庆节、中秋节）
      ],
    },
    // 国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日，新华社受权发布）.
    // The dates were checked against the published text; its document number (国办发明电〔2025〕…号)
    // was not verified and is deliberately not quoted here.
    '2026': {
      holidays: [
        ...days('2026-01-01', '2026-01-03'), // 元旦：1月1日（周四）至3日（周六），共3天
        ...days('2026-02-15', '2026-02-23'), // 春节：2月15日（腊月二十八）至23日（正月初七），共9天
        ...days('2026-04-04', '2026-04-06'), // 清明节：4月4日（周六）至6日（周一），共3天
        ...days('2026-05-01', '2026-05-05'), // 劳动节：5月1日（周五）至5日（周二），共5天
        ...days('2026-06-19', '2026-06-21'), // 端午节：6月19日（周五）至21日（周日），共3天
        ...days('2026-09-25', '2026-09-27'), // 中秋节：9月25日（周五）至27日（周日），共3天
        ...days('2026-10-01', '2026-10-07'), // 国庆节：10月1日（周四）至7日（周三），共7天
      ],
      adjustedWorkdays: [
        '2026-01-04', // 周日（元旦）
        '2026-02-14', // 周六（春节）
        '2026-02-28', // 周六（春节）
        '2026-05-09', // 周六（劳动节）
        '2026-09-20', // 周日（国庆节）
        '2026-10-10', // 周六（国庆节）
      ],
    },
  },
});
