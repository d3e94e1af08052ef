import { Card, Col, Row } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import type { DistrictRankEntry } from '../api/rankings';

// ECharts is its own chunk, loaded with this screen's charts only (the dashboard's first screen never carries it)
const Chart = lazy(() => import('@/components/chart'));

/**
 * The districts at a glance: their mean scores as bars, and how many of each district's ranked projects were graded
 * 优良 against the rest (exact at any scale: the district list carries its projects and its 优良 share).
 */
export function DistrictCharts(props: { districts: DistrictRankEntry[]; partial?: boolean }) {
  const { districts } = props;
  // a national ranking lists thousands of districts: the charts then show the first page (the best ranked)
  const scope = props.partial ? `（前 ${districts.length} 个区）` : '';
  const names = districts.map((entry) => entry.district);
  const excellent = districts.map((entry) => Math.round(entry.projects * entry.excellentShare));
  const scoreOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 40 : 0 } },
      yAxis: { type: 'value', min: (value: { min: number }) => Math.max(0, Math.floor(value.min / 10) * 10 - 10) },
      series: [
        {
          name: '平均分',
          type: 'bar',
          data: districts.map((entry) => entry.score),
          label: { show: districts.length <= 16, position: 'top' },
        },
      ],
    }),
    [districts, names],
  );
  const gradeOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 40 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '优良', type: 'bar', stack: 'projects', data: excellent, itemStyle: { color: '#389e0d' } },
        {
          name: '合格及以下',
          type: 'bar',
          stack: 'projects',
          data: districts.map((entry, index) => entry.projects - (excellent[index] ?? 0)),
          itemStyle: { color: '#d48806' },
        },
      ],
    }),
    [districts, names, excellent],
  );
  if (districts.length === 0) return null;
  return (
    <Row gutter={[16, 16]} className="ranking-charts">
      <Col xs={24} lg={12}>
        <Card title={`各区平均分${scope}`} size="small">
          <Suspense fallback={<div className="chart" />}>
            <Chart
              option={scoreOption}
              summary={`各区平均分：${districts.map((entry) => `${entry.district} ${entry.score} 分`).join('，')}`}
            />
          </Suspense>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={`各区参评项目等级${scope}`} size="small">
          <Suspense fallback={<div className="chart" />}>
            <Chart
              option={gradeOption}
              summary={`各区参评项目中优良项目：${districts
                .map((entry, index) => `${entry.district} ${excellent[index]} / ${entry.projects} 个`)
                .join('，')}`}
            />
          </Suspense>
        </Card>
      </Col>
    </Row>
  );
}
