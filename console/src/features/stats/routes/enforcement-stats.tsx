import { Card, Col, Descriptions, Result, Row, Select, Statistic } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { lazy, Suspense, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useIsOfficer } from '@/components/officer-only';
import { Page } from '@/components/page';
import { QueryState } from '@/components/query-state';
import { ScrollingTable } from '@/components/scrolling-table';
import type { DistrictEnforcement, EnforcementStatistics, InspectorEnforcement } from '@/lib/api/views';
import { formatTimestamp, percent, shanghaiToday } from '@/lib/dates';
import { periodName, previousQuarter, quarterOf, recentQuarters } from '@/lib/periods';
import { useEnforcementStatistics } from '../api/enforcement';
import { StatsTabs } from '../components/stats-tabs';

// ECharts is its own chunk, loaded with the charts (the dashboard's first screen never carries it)
const Chart = lazy(() => import('@/components/chart'));

const yuan = (value: number) => `¥${value.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}`;
const figure = (value: number | null | undefined) => (value === null || value === undefined ? '—' : String(value));

type Measures = InspectorEnforcement | DistrictEnforcement;

/** The six measures of SPEC §6.7 as columns, grouped as the seed names them (执法量、额度、覆盖面、丰富性、规范性、结合性). */
function measureColumns<Row extends Measures>(withQuota: boolean): ColumnsType<Row> {
  return [
    { title: '执法量', children: [{ title: '检查次数', width: 90, render: (_, row) => row.volume.inspections }] },
    {
      title: '额度',
      children: [
        { title: '责令改正', width: 90, render: (_, row) => row.amount.rectificationOrders },
        { title: '罚款', width: 70, render: (_, row) => row.amount.fines },
        { title: '罚款金额', width: 110, render: (_, row) => yuan(row.amount.fineTotalYuan) },
        { title: '停工整改', width: 90, render: (_, row) => row.amount.stopWorkOrders },
      ],
    },
    {
      title: '覆盖面',
      children: [
        {
          title: '在建项目检查覆盖',
          width: 140,
          render: (_, row) =>
            `${row.coverage.projectsInspected}/${row.coverage.activeProjects}（${percent(row.coverage.share)}）`,
        },
        ...(withQuota
          ? [
              {
                title: '监管项目频次达标',
                width: 140,
                render: (_: unknown, row: Row) =>
                  row.coverage.supervisedProjects === null
                    ? '—'
                    : `${figure(row.coverage.supervisedMeetingQuota)}/${row.coverage.supervisedProjects}（${percent(row.coverage.supervisedQuotaShare)}）`,
              },
            ]
          : []),
      ],
    },
    {
      title: '丰富性',
      children: [
        { title: '每次发现问题', width: 110, render: (_, row) => figure(row.richness.findingsPerInspection) },
        { title: '覆盖隐患类别', width: 110, render: (_, row) => row.richness.categoriesCovered },
      ],
    },
    {
      title: '规范性',
      children: [
        { title: '双人执法', width: 90, render: (_, row) => percent(row.regularity.twoInspectorsShare) },
        { title: '出具检查报告', width: 110, render: (_, row) => percent(row.regularity.reportsIssuedShare) },
        {
          title: '按期复查',
          width: 120,
          render: (_, row) =>
            row.regularity.verificationsDue === 0
              ? '—'
              : `${percent(row.regularity.verificationsOnTimeShare)}（应复查 ${row.regularity.verificationsDue}）`,
        },
      ],
    },
    {
      title: '结合性',
      children: [
        { title: '政府评估', width: 90, render: (_, row) => row.assessmentTie.governmentAssessments },
        ...(withQuota
          ? [
              {
                title: '评估覆盖',
                width: 150,
                render: (_: unknown, row: Row) =>
                  row.assessmentTie.assessedProjects === null
                    ? '—'
                    : `${figure(row.assessmentTie.withGovernmentAssessment)}/${row.assessmentTie.assessedProjects}（${percent(row.assessmentTie.share)}），缺 ${figure(row.assessmentTie.shortfall)}`,
              },
            ]
          : []),
      ],
    },
  ];
}

function Charts(props: { stats: EnforcementStatistics }) {
  const { byInspector, byDistrict } = props.stats;
  const inspectorOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 40, right: 16, top: 16, bottom: 64, containLabel: true },
      xAxis: {
        type: 'category',
        data: byInspector.map((line) => line.inspector),
        axisLabel: { interval: 0, width: 80, overflow: 'truncate' },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '检查次数', type: 'bar', data: byInspector.map((line) => line.volume.inspections) },
        { name: '责令改正', type: 'bar', data: byInspector.map((line) => line.amount.rectificationOrders) },
        { name: '罚款', type: 'bar', data: byInspector.map((line) => line.amount.fines) },
      ],
    }),
    [byInspector],
  );
  const districtOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (value: number) => `${value}%` },
      legend: { bottom: 0 },
      grid: { left: 40, right: 16, top: 16, bottom: 64, containLabel: true },
      xAxis: {
        type: 'category',
        data: byDistrict.map((line) => line.district),
        axisLabel: { interval: 0, width: 80, overflow: 'truncate' },
      },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: '在建项目检查覆盖',
          type: 'bar',
          data: byDistrict.map((line) => Math.round((line.coverage.share ?? 0) * 1000) / 10),
        },
        {
          name: '监管项目频次达标',
          type: 'bar',
          data: byDistrict.map((line) => Math.round((line.coverage.supervisedQuotaShare ?? 0) * 1000) / 10),
        },
      ],
    }),
    [byDistrict],
  );
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card title="各检查人员执法量" size="small">
          <Suspense fallback={<div className="chart" />}>
            <Chart
              option={inspectorOption}
              summary={`各检查人员检查次数：${byInspector.map((line) => `${line.inspector} ${line.volume.inspections} 次`).join('，') || '无'}`}
            />
          </Suspense>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title="各区域检查覆盖面" size="small">
          <Suspense fallback={<div className="chart" />}>
            <Chart
              option={districtOption}
              summary={`各区域在建项目检查覆盖：${byDistrict.map((line) => `${line.district} ${percent(line.coverage.share)}`).join('，') || '无'}`}
            />
          </Suspense>
        </Card>
      </Col>
    </Row>
  );
}

/**
 * 执法工作统计 (officer, SPEC §6.7): the quarter's enforcement work per inspector and per district — volume, amount,
 * coverage, richness, regularity, tie to the assessment — as charts for a glance and tables for reading.
 */
export function Component() {
  const officer = useIsOfficer();
  const [params, setParams] = useSearchParams();
  const current = quarterOf(shanghaiToday());
  const given = params.get('quarter') ?? '';
  // the last whole quarter unless one is asked for (as the month's statistics open on the last whole month)
  const quarter = /^\d{4}Q[1-4]$/.test(given) ? given : previousQuarter(current);
  const quarters = [...new Set([...recentQuarters(current, 8), quarter])].sort().reverse();
  const stats = useEnforcementStatistics(quarter, officer);
  if (!officer) return <Result status="403" title="仅负责人可查看执法工作统计" />;
  return (
    <Page
      title="执法工作统计"
      crumbs={[{ title: '统计分析', to: '/stats' }, { title: '执法工作统计' }]}
      extra={
        <Select
          value={quarter}
          aria-label="统计季度"
          className="filter-select"
          onChange={(value: string) => setParams({ quarter: value })}
          options={quarters.map((value) => ({ value, label: periodName(value) }))}
        />
      }
    >
      <StatsTabs />
      <QueryState query={stats} what={`${periodName(quarter)}执法工作统计`}>
        {(data) => (
          <>
            <Row gutter={[16, 16]} className="stat-cards">
              <Col xs={12} md={6}>
                <Card size="small">
                  <Statistic title="执法检查" value={data.basis.inspections} suffix="次" />
                </Card>
              </Col>
              <Col xs={12} md={6}>
                <Card size="small">
                  <Statistic title="在建项目" value={data.basis.activeProjects} suffix="个" />
                </Card>
              </Col>
              <Col xs={12} md={6}>
                <Card size="small">
                  <Statistic title="差别化监管项目" value={data.basis.supervisedProjects} suffix="个" />
                </Card>
              </Col>
              <Col xs={12} md={6}>
                <Card size="small">
                  <Statistic
                    title="罚款合计"
                    value={data.byDistrict.reduce((sum, line) => sum + line.amount.fineTotalYuan, 0)}
                    prefix="¥"
                  />
                </Card>
              </Col>
            </Row>
            <Charts stats={data} />
            <Card title="各检查人员" size="small">
              <ScrollingTable<InspectorEnforcement>
                label="各检查人员执法工作统计表"
                rowKey="inspector"
                size="small"
                bordered
                pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
                dataSource={data.byInspector}
                scroll={{ x: 1500 }}
                locale={{ emptyText: '本季度没有执法检查' }}
                onRow={(row) => ({ 'data-inspector': row.inspector }) as React.HTMLAttributes<HTMLElement>}
                columns={[
                  { title: '检查人员', dataIndex: 'inspector', fixed: 'left', width: 100 },
                  ...measureColumns<InspectorEnforcement>(false),
                ]}
              />
            </Card>
            <Card title="各区域" size="small">
              <ScrollingTable<DistrictEnforcement>
                label="各区域执法工作统计表"
                rowKey="district"
                size="small"
                bordered
                pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
                dataSource={data.byDistrict}
                scroll={{ x: 1800 }}
                locale={{ emptyText: '本季度没有执法检查' }}
                onRow={(row) => ({ 'data-district': row.district }) as React.HTMLAttributes<HTMLElement>}
                columns={[
                  { title: '区域', dataIndex: 'district', fixed: 'left', width: 100 },
                  ...measureColumns<DistrictEnforcement>(true),
                ]}
              />
            </Card>
            <Descriptions size="small" column={1} className="stacked-card">
              <Descriptions.Item label="说明">
                覆盖面按检查人员所检查区域的在建项目计；差别化监管项目每月应接受监管机构检查不少于{' '}
                {data.targets.agencyInspectionsPerSupervisedProjectPerMonth} 次；政府评估每季度不少于{' '}
                {data.targets.governmentAssessmentsPerQuarter} 次。复查按 {data.asOf} 判断是否按期。规则版本{' '}
                {data.ruleSetVersion}，计算于 {formatTimestamp(data.computedAt)}。
              </Descriptions.Item>
            </Descriptions>
          </>
        )}
      </QueryState>
    </Page>
  );
}
