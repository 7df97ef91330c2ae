/**
 * The 41 districts of Chongqing that have their own tripartite (协调劳动关系三方) and so take part
 * in a round: 26 districts (区) and 12 counties (县, incl. autonomous counties) with their GB/T 2260
 * administrative division codes as of 2023, plus the 3 zones that act as districts.
 *
 * Zones (两江新区, 西部科学城重庆高新区, 万盛经开区) are functional zones, not administrative
 * divisions, so GB/T 2260 gives them no code. The codes 500190–500192 below are PROJECT-LOCAL
 * codes chosen in the unused 5001xx range; they are not official and must not be sent to any
 * system that expects GB/T 2260 codes.
 */
export type AdministrativeAreaKind = 'district' | 'county' | 'county-level-city' | 'zone';

export interface AdministrativeArea {
  /** 6-digit code: GB/T 2260 for districts and counties; project-local for zones. */
  readonly code: string;
  readonly name: string;
  readonly kind: AdministrativeAreaKind;
}

export const CHONGQING_DISTRICTS: readonly AdministrativeArea[] = [
  // 市辖区 (26)
  { code: '500101', name: '万州区', kind: 'district' },
  { code: '500102', name: '涪陵区', kind: 'district' },
  { code: '500103', name: '渝中区', kind: 'district' },
  { code: '500104', name: '大渡口区', kind: 'district' },
  { code: '500105', name: '江北区', kind: 'district' },
  { code: '500106', name: '沙坪坝区', kind: 'district' },
  { code: '500107', name: '九龙坡区', kind: 'district' },
  { code: '500108', name: '南岸区', kind: 'district' },
  { code: '500109', name: '北碚区', kind: 'district' },
  { code: '500110', name: '綦江区', kind: 'district' },
  { code: '500111', name: '大足区', kind: 'district' },
  { code: '500112', name: '渝北区', kind: 'district' },
  { code: '500113', name: '巴南区', kind: 'district' },
  { code: '500114', name: '黔江区', kind: 'district' },
  { code: '500115', name: '长寿区', kind: 'district' },
  { code: '500116', name: '江津区', kind: 'district' },
  { code: '500117', name: '合川区', kind: 'district' },
  { code: '500118', name: '永川区', kind: 'district' },
  { code: '500119', name: '南川区', kind: 'district' },
  { code: '500120', name: '璧山区', kind: 'district' },
  { code: '500151', name: '铜梁区', kind: 'district' },
  { code: '500152', name: '潼南区', kind: 'district' },
  { code: '500153', name: '荣昌区', kind: 'district' },
  { code: '500154', name: '开州区', kind: 'district' },
  { code: '500155', name: '梁平区', kind: 'district' },
  { code: '500156', name: '武隆区', kind: 'district' },
  // 县 (12)
  { code: '500229', name: '城口县', kind: 'county' },
  { code: '500230', name: '丰都县', kind: 'county' },
  { code: '500231', name: '垫江县', kind: 'county' },
  { code: '500233', name: '忠县', kind: 'county' },
  { code: '500235', name: '云阳县', kind: 'county' },
  { code: '500236', name: '奉节县', kind: 'county' },
  { code: '500237', name: '巫山县', kind: 'county' },
  { code: '500238', name: '巫溪县', kind: 'county' },
  { code: '500240', name: '石柱土家族自治县', kind: 'county' },
  { code: '500241', name: '秀山土家族苗族自治县', kind: 'county' },
  { code: '500242', name: '酉阳土家族苗族自治县', kind: 'county' },
  { code: '500243', name: '彭水苗族土家族自治县', kind: 'county' },
  // Zones acting as districts (渝人社〔2023〕474号 addresses them beside the districts).
  // PROJECT-LOCAL codes, not GB/T 2260.
  { code: '500190', name: '两江新区', kind: 'zone' },
  { code: '500191', name: '西部科学城重庆高新区', kind: 'zone' },
  { code: '500192', name: '万盛经开区', kind: 'zone' },
];
