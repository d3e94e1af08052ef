import { Card, Col, DatePicker, Result, Row, Statistic, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { LoadMore } from '@/components/load-more';
import { useIsOfficer } from '@/components/officer-only';
import { Page } from '@/components/page';
import { QueryState } from '@/components/query-state';
import { useMonthStatisticsPages } from '@/features/evaluations/api/evaluations';
import type { MonthStatistics } from '@/lib/api/views';
import { shanghaiMonth } from '@/lib/dates';
import { LEVEL_NAMES, LEVEL_SHORT_NAMES } from '@/lib/vocabulary';
import { StatsTabs } from '../components/stats-tabs';

const Chart = lazy(() => import('@/components/chart'));

function Charts(props: { stats: MonthStatistics }) {
  const { stats } = props;
  const levels = [0, 1, 2, 3].map((level) => stats.casesByLevel[String(level)] ?? 0);
  const perCase = stats.agencyInspections.perCase;
  const levelOption = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['40%', '70%'],
          data: levels.map((value, level) => ({ name: LEVEL_NAMES[level], value })),
        },
      ],
    }),
    [levels],
  );
  const inspectionOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 40, right: 16, top: 16, bottom: 64, containLabel: true },
      xAxis: {
        type: 'category',
        data: perCase.map((line) => line.projectName),
        axisLabel: { interval: 0, width: 90, overflow: 'truncate' },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '检查次数', type: 'bar', data: perCase.map((line) => line.inspections) },
        { name: '其中联合执法', type: 'bar', data: perCase.map((line) => line.joint) },
        { name: '应检查次数', type: 'bar', data: perCase.map((line) => line.required) },
      ],
    }),
    [perCase],
  );
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={10}>
        <Card title="各等级监管案件" size="small">
          <Suspense fallback={<div className="chart" />}>
            <Chart
              option={levelOption}
              summary={`各等级案件数：${levels.map((value, level) => `${LEVEL_SHORT_NAMES[level]} ${value} 件`).join('，')}`}
            />
          </Suspense>
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card title="监管机构检查频次（每案每月不少于 4 次，其中联合执法不少于 1 次）" size="small">
          <Suspense fallback={<div className="chart" />}>
            <Chart
              option={inspectionOption}
              summary={`${perCase.length} 个监管中案件，${stats.agencyInspections.casesMeetingTarget} 个达到检查频次要求`}
            />
          </Suspense>
        </Card>
      </Col>
    </Row>
  );
}

/** 统计分析 (officer): the month's statistics (`GET /v1/stats?month=`) as charts and a table per case. */
export function Component() {
  const officer = useIsOfficer();
  const [params, setParams] = useSearchParams();
  const month = /^\d{4}-\d{2}$/.test(params.get('month') ?? '') ? (params.get('month') as string) : shanghaiMonth(-1);
  const stats = useMonthStatisticsPages(month, officer);
  if (!officer) return <Result status="403" title="仅负责人可查看统计分析" />;
  return (
    <Page
      title="统计分析"
      crumbs={[{ title: '统计分析' }]}
      extra={
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(value) => value && setParams({ month: value.format('YYYY-MM') })}
          aria-label="统计月份"
        />
      }
    >
      <StatsTabs />
      <QueryState query={stats} what={`${month} 统计`}>
        {(pages) => {
          const first = pages.pages[0] as MonthStatistics;
          // the month's figures are on every page; the per-case lines are split across pages
          const data: MonthStatistics = {
            ...first,
            agencyInspections: {
              ...first.agencyInspections,
              perCase: pages.pages.flatMap((page) => page.agencyInspections.perCase),
            },
          };
          return (
            <>
              <Row gutter={[16, 16]} className="stat-cards">
                <Col xs={12} md={6}>
                  <Card size="small">
                    <Statistic
                      title="监管中案件"
                      value={data.casesUnderSupervision ?? Object.values(data.casesByLevel).reduce((a, b) => a + b, 0)}
                    />
                  </Card>
                </Col>
                <Col xs={12} md={6}>
                  <Card size="small">
                    <Statistic title="三级（通报批评）" value={data.casesByLevel['3'] ?? 0} />
                  </Card>
                </Col>
                <Col xs={12} md={6}>
                  <Card size="small">
                    <Statistic title="告知单逾期未回执" value={data.noticesOverdue} />
                  </Card>
                </Col>
                <Col xs={12} md={6}>
                  <Card size="small">
                    <Statistic
                      title="检查频次达标案件"
                      value={data.agencyInspections.casesMeetingTarget}
                      suffix={`/ ${data.agencyInspections.perCase.length}`}
                    />
                  </Card>
                </Col>
              </Row>
              <Charts stats={data} />
              <Card title="各案件检查频次" size="small">
                <Table
                  rowKey="caseId"
                  size="small"
                  pagination={{ pageSize: 20, showSizeChanger: false }}
                  dataSource={data.agencyInspections.perCase}
                  scroll={{ x: 720 }}
                  columns={[
                    {
                      title: '工程项目',
                      dataIndex: 'projectName',
                      render: (name: string, line) => <Link to={`/cases/${line.caseId}`}>{name}</Link>,
                    },
                    {
                      title: '等级',
                      dataIndex: 'level',
                      width: 70,
                      render: (level: number) => LEVEL_SHORT_NAMES[level],
                    },
                    { title: '检查', dataIndex: 'inspections', width: 70 },
                    { title: '联合执法', dataIndex: 'joint', width: 90 },
                    {
                      title: '达标',
                      dataIndex: 'meetsTarget',
                      width: 90,
                      render: (meets: boolean) => (
                        <Tag color={meets ? 'green' : 'red'}>{meets ? '达标' : '未达标'}</Tag>
                      ),
                    },
                    { title: '告知单逾期', dataIndex: 'noticesOverdue', width: 100 },
                  ]}
                />
                <LoadMore query={stats} shown={data.agencyInspections.perCase.length} />
              </Card>
            </>
          );
        }}
      </QueryState>
    </Page>
  );
}
