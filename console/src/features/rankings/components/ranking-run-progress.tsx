import { Descriptions, Progress, Tag } from 'antd';
import { useEffect } from 'react';
import { formatTimestamp } from '@/lib/dates';
import { periodName } from '@/lib/periods';
import { type RankingRun, rankingRunPercent, useRankingRun } from '../api/rankings';

const STATUS: Record<RankingRun['status'], { label: string; color: string }> = {
  running: { label: '计算中', color: 'blue' },
  succeeded: { label: '已完成', color: 'green' },
  failed: { label: '失败', color: 'red' },
};

/** One ranking run (officer): a progress bar while its batches run, then what it ranked and charged. */
export function RankingRunProgress(props: { runId: string; onFinished?: (run: RankingRun) => void }) {
  const run = useRankingRun(props.runId);
  const { onFinished } = props;
  const finished = run.data && run.data.status !== 'running' ? run.data : undefined;
  // once, when the run ends: the screen reads the quarter again
  useEffect(() => {
    if (finished) onFinished?.(finished);
  }, [finished, onFinished]);
  if (!run.data) return <Progress percent={0} status="active" aria-label="排名计算进度" />;
  const data = run.data;
  const ranked = data.ranked ? Object.values(data.ranked).reduce((sum, count) => sum + count, 0) : null;
  return (
    <div data-run-status={data.status}>
      <Progress
        percent={rankingRunPercent(data)}
        status={data.status === 'failed' ? 'exception' : data.status === 'running' ? 'active' : 'success'}
        aria-label={`${periodName(data.quarter)}排名计算进度`}
      />
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }}>
        <Descriptions.Item label="季度">{data.quarter}</Descriptions.Item>
        <Descriptions.Item label="状态">
          <Tag color={STATUS[data.status].color}>{STATUS[data.status].label}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="版本">
          第 {data.revision} 版{data.recomputesDraft ? '（重新计算草稿）' : ''}
        </Descriptions.Item>
        <Descriptions.Item label="已读取项目">
          {data.progress.projectsDone}
          {data.progress.projects !== null ? ` / ${data.progress.projects}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label="参评项目">{data.projectsAssessed}</Descriptions.Item>
        <Descriptions.Item label="缺评记分">{data.pointsCharged} 条</Descriptions.Item>
        {ranked !== null && <Descriptions.Item label="上榜条目">{ranked}</Descriptions.Item>}
        <Descriptions.Item label="开始时间">{formatTimestamp(data.startedAt)}</Descriptions.Item>
        {data.reason && <Descriptions.Item label="更正理由">{data.reason}</Descriptions.Item>}
        {data.error && <Descriptions.Item label="错误">{data.error}</Descriptions.Item>}
      </Descriptions>
    </div>
  );
}
