import { Alert, Card, Table, Tag } from 'antd';
import { useCallback, useState } from 'react';
import '../rankings.css';
import { Link } from 'react-router';
import { OfficerOnly } from '@/components/officer-only';
import { Page } from '@/components/page';
import { QueryState } from '@/components/query-state';
import { shanghaiToday } from '@/lib/dates';
import { periodName, previousQuarter, quarterOf } from '@/lib/periods';
import { type RankingQuarter, useRankingQuarters } from '../api/rankings';
import { RankingRunProgress } from '../components/ranking-run-progress';
import { RANKING_STATUS_COLORS, RANKING_STATUS_NAMES } from '../components/ranking-vocabulary';
import { StartRanking } from '../components/start-ranking';

/**
 * 排名 (SPEC §6.4): the quarters ranked (`GET /v1/rankings`) with their status and revision; an officer runs a
 * quarter's ranking now (the schedule runs it on the ranking day) and watches its progress.
 */
export function Component() {
  const quarters = useRankingQuarters();
  const [runs, setRuns] = useState<string[]>([]);
  const items = quarters.data?.items ?? [];
  const published = (quarter: string) => items.some((item) => item.quarter === quarter && item.publishedRevision);
  // runs in flight that this browser did not start (the schedule's, another officer's) are shown too
  const shown = [...runs, ...items.flatMap((item) => (item.runInFlight ? [item.runInFlight] : []))].filter(
    (runId, index, all) => all.indexOf(runId) === index,
  );
  const refetch = quarters.refetch;
  const onFinished = useCallback(() => void refetch(), [refetch]);
  return (
    <Page title="排名" crumbs={[{ title: '排名' }]} subTitle="季度排名：项目、企业、注册人员与各区（SPEC §6.4）">
      <OfficerOnly>
        <Card title="计算排名" size="small">
          <Alert
            type="info"
            showIcon
            className="problem-alert"
            title="系统于企业再评估截止后次日 03:30 自动计算上一季度排名；此处可立即计算。计算前先对缺少评估的项目记分；草稿可反复重新计算，发布后再计算形成更正版本，须说明理由。"
          />
          <StartRanking
            initialQuarter={previousQuarter(quarterOf(shanghaiToday()))}
            published={published}
            onStarted={(run) => setRuns((current) => [run.runId, ...current.filter((id) => id !== run.runId)])}
          />
        </Card>
        {shown.map((runId) => (
          <Card key={runId} title={`排名计算 ${runId}`} size="small" className="ranking-run">
            <RankingRunProgress runId={runId} onFinished={onFinished} />
          </Card>
        ))}
      </OfficerOnly>
      <Card title="各季度排名" size="small">
        <QueryState query={quarters} what="排名季度列表">
          {(data) =>
            data.items.length === 0 ? (
              <p className="secondary-text">尚无排名。</p>
            ) : (
              <Table<RankingQuarter>
                rowKey="quarter"
                size="small"
                pagination={false}
                dataSource={data.items}
                scroll={{ x: 560 }}
                columns={[
                  {
                    title: '季度',
                    dataIndex: 'quarter',
                    render: (quarter: string) => (
                      <Link to={`/rankings/${quarter}`} title={`查看${periodName(quarter)}排名`}>
                        {quarter}
                      </Link>
                    ),
                  },
                  {
                    title: '状态',
                    dataIndex: 'status',
                    width: 90,
                    render: (status: RankingQuarter['status']) => (
                      <Tag color={RANKING_STATUS_COLORS[status]}>{RANKING_STATUS_NAMES[status]}</Tag>
                    ),
                  },
                  {
                    title: '版本',
                    dataIndex: 'revision',
                    width: 150,
                    render: (revision: number, item) =>
                      item.publishedRevision && item.publishedRevision !== revision
                        ? `第 ${revision} 版（已发布第 ${item.publishedRevision} 版）`
                        : `第 ${revision} 版`,
                  },
                  {
                    title: '发布日期',
                    dataIndex: 'publishedOn',
                    width: 120,
                    render: (day: string | null) => day ?? '—',
                  },
                  {
                    title: '计算',
                    dataIndex: 'runInFlight',
                    width: 90,
                    render: (runId: string | null) => (runId ? <Tag color="blue">计算中</Tag> : '—'),
                  },
                ]}
              />
            )
          }
        </QueryState>
      </Card>
    </Page>
  );
}
