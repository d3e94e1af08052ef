import { Table, Tag, Typography } from 'antd';
import type { Cycle, CycleEvaluation } from '@/lib/api/views';
import { formatTimestamp, percent } from '@/lib/dates';
import { LEVEL_SHORT_NAMES, nameOf, VERDICT_NAMES } from '@/lib/vocabulary';

const VERDICT_COLORS: Record<string, string> = { release: 'green', escalate: 'red', continue: 'gold' };

/** The monthly cycles (监管周期) with each evaluation's verdict, level and reasons. */
export function CycleTable(props: { cycles: Cycle[]; evaluations: CycleEvaluation[] }) {
  const evaluationOf = (index: number) => props.evaluations.find((evaluation) => evaluation.index === index);
  return (
    <Table<Cycle>
      rowKey="index"
      size="middle"
      pagination={false}
      dataSource={props.cycles}
      scroll={{ x: 900 }}
      locale={{ emptyText: '尚无监管周期' }}
      columns={[
        { title: '周期', dataIndex: 'index', width: 70, render: (index: number) => `第 ${index} 期` },
        {
          title: '起止',
          key: 'period',
          width: 210,
          render: (_, cycle) =>
            `${cycle.start} 至 ${cycle.end}${cycle.extendedMonths ? `（延长 ${cycle.extendedMonths} 个月）` : ''}`,
        },
        {
          title: '评估结论',
          dataIndex: 'verdict',
          width: 110,
          render: (verdict: string | null) =>
            verdict ? <Tag color={VERDICT_COLORS[verdict]}>{nameOf(VERDICT_NAMES, verdict)}</Tag> : <Tag>进行中</Tag>,
        },
        {
          title: '评估后等级',
          dataIndex: 'levelAfter',
          width: 100,
          render: (level: number | null) => (level === null ? '—' : LEVEL_SHORT_NAMES[level]),
        },
        {
          title: '报送完成率',
          key: 'compliance',
          width: 100,
          render: (_, cycle) => percent(evaluationOf(cycle.index)?.compliance?.overall.ratio),
        },
        {
          title: '理由',
          key: 'reasons',
          render: (_, cycle) => (
            <Typography.Text>{evaluationOf(cycle.index)?.reasons?.join('；') ?? '—'}</Typography.Text>
          ),
        },
        { title: '评估时间', dataIndex: 'evaluatedAt', width: 150, render: formatTimestamp },
      ]}
    />
  );
}
