import { MAX_REPORTED_ERRORS, reportOf } from './import-report';

describe('the import report', () => {
  const rejected = (row: number, n: number) => ({
    source: { row, sheet: '表' },
    errors: Array.from({ length: n }, (_, i) => ({ field: `列${i}`, message: `第${i}处有误` })),
  });

  it('lists every row, and row errors up to the cap in file order, counting the rest', () => {
    const checked = [
      { source: { row: 2, sheet: null }, errors: [], stationId: 's-1' },
      ...Array.from({ length: 100 }, (_, i) => rejected(i + 3, 10)),
    ];
    const report = reportOf(checked, false);
    expect([report.rows.length, report.accepted, report.rejected]).toEqual([101, 1, 100]);
    expect(report.rows[0]).toEqual({ row: 2, status: 'accepted', stationId: 's-1' });
    expect(report.rows.flatMap((r) => r.errors ?? [])).toHaveLength(MAX_REPORTED_ERRORS);
    expect(report.omittedErrors).toBe(1000 - MAX_REPORTED_ERRORS);
    const last = report.rows[report.rows.length - 1];
    expect(last).toEqual({ row: 102, sheet: '表', status: 'rejected' }); // still rejected, its errors counted only
  });

  it('counts nothing as omitted when every error is listed', () => {
    expect(reportOf([rejected(2, 3)], true)).toEqual({
      dryRun: true,
      rows: [{ row: 2, sheet: '表', status: 'rejected', errors: rejected(2, 3).errors }],
      accepted: 0,
      rejected: 1,
      omittedErrors: 0,
    });
  });
});
