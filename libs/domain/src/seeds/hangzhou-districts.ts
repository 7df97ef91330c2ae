/**
 * Hangzhou's 13 districts, counties and county-level city with their GB/T 2260 codes, after the
 * 2021 adjustment (上城/江干 merged into 上城区, 下城 into 拱墅区, 临平区 and 钱塘区 created).
 */
import type { AdministrativeArea } from './chongqing-districts';

export const HANGZHOU_DISTRICTS: readonly AdministrativeArea[] = [
  { code: '330102', name: '上城区', kind: 'district' },
  { code: '330105', name: '拱墅区', kind: 'district' },
  { code: '330106', name: '西湖区', kind: 'district' },
  { code: '330108', name: '滨江区', kind: 'district' },
  { code: '330109', name: '萧山区', kind: 'district' },
  { code: '330110', name: '余杭区', kind: 'district' },
  { code: '330111', name: '富阳区', kind: 'district' },
  { code: '330112', name: '临安区', kind: 'district' },
  { code: '330113', name: '临平区', kind: 'district' },
  { code: '330114', name: '钱塘区', kind: 'district' },
  { code: '330122', name: '桐庐县', kind: 'county' },
  { code: '330127', name: '淳安县', kind: 'county' },
  { code: '330182', name: '建德市', kind: 'county-level-city' },
];
