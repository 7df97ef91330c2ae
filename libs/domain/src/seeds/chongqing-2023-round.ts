/**
 * The first Chongqing round, ready to be posted as a round (POST /api/rounds, plus contacts):
 * 渝人社〔2023〕474号《关于培育推树"渝你同行"基层劳动关系公共服务站点的通知》(2023-11-14).
 *
 * Dates are Asia/Shanghai calendar dates; a date-only deadline means 23:59:59 that day.
 */
export interface RoundTemplate {
  readonly code: string;
  readonly name: string;
  readonly programme: 'six-haves' | 'star-rating';
  readonly deadlines: {
    readonly recommendation: string;
    /** Optional: a notice may give no filing deadline. */
    readonly filing?: string;
    readonly selfAssessmentOpens?: string;
    readonly selfAssessment: string;
    readonly cityEvaluation: string;
    readonly publication: string;
    readonly promotion: string;
  };
  /** Eligibility rule 4 is measured up to this date ("至2023年10月"). */
  readonly serviceCutoff?: string;
}

export const CHONGQING_2023_ROUND: RoundTemplate = {
  code: 'cq-2023',
  name: '重庆市2023年基层劳动关系公共服务站点培育',
  programme: 'six-haves',
  deadlines: {
    // §五: "于2023年12月8日前将《推荐站点基本信息汇总表》…报送至市人力社保局劳动关系处"
    recommendation: '2023-12-08',
    // §四(三) "经市协调劳动关系三方办公室备案": the notice gives no filing date, so none is set.
    // §四(三): "并于2024年9月底前完成自评"
    selfAssessment: '2024-09-30',
    // §四(三): "2024年10月底前，市协调劳动关系三方组织工作组完成…培育评估"
    cityEvaluation: '2024-10-31',
    // §四(四): "2024年11月底前…联合发布重庆市第一批市级和区县级基层劳动关系公共服务站点名单"
    publication: '2024-11-30',
    // §四(五): "2024年底前…总结相关经验，向全市推广"
    promotion: '2024-12-31',
  },
  // §三(四): "至2023年10月，为企业和劳动者提供构建和谐劳动关系服务一年以上，或累计服务劳动者超过1000人次"
  serviceCutoff: '2023-10-31',
};
