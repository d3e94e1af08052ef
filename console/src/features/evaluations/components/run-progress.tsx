import { Descriptions, Progress, Tag } from 'antd';
import type { EvaluationRun } from '@/lib/api/views';
import { formatTimestamp } from '@/lib/dates';
import { runPercent, useEvaluationRun } from '../api/evaluations';

const STATUS: Record<EvaluationRun['status'], { label: string; color: string }> = {
  running: { label: '运行中', color: 'blue' },
  succeeded: { label: '已完成', color: 'green' },
  failed: { label: '失败', color: 'red' },
};

/** One evaluation run: a progress bar while it runs, then its counts. */
export function RunProgress(props: { runId: string }) {
  const run = useEvaluationRun(props.runId);
  if (!run.data) return <Progress percent={0} status="active" aria-label="评估进度" />;
  const data = run.data;
  return (
    <div data-run-status={data.status}>
      <Progress
        percent={runPercent(data)}
        status={data.status === 'failed' ? 'exception' : data.status === 'running' ? 'active' : 'success'}
        aria-label={`${data.month} 月度评估进度`}
      />
      <Descriptions size="small" column={{ xs: 2, md: 4 }}>
        <Descriptions.Item label="评估月份">{data.month}</Descriptions.Item>
        <Descriptions.Item label="状态">
          <Tag color={STATUS[data.status].color}>{STATUS[data.status].label}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="已评估案件">{data.evaluated}</Descriptions.Item>
        <Descriptions.Item label="升级">{data.escalated}</Descriptions.Item>
        <Descriptions.Item label="解除">{data.released}</Descriptions.Item>
        <Descriptions.Item label="继续监管">{data.continued}</Descriptions.Item>
        <Descriptions.Item label="新提出纳入建议">{data.proposed}</Descriptions.Item>
        <Descriptions.Item label="开始时间">{formatTimestamp(data.startedAt)}</Descriptions.Item>
      </Descriptions>
    </div>
  );
}
