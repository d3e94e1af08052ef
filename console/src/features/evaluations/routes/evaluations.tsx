import { Alert, Button, Card, DatePicker, Form, Result } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useIsOfficer } from '@/components/officer-only';
import { Page } from '@/components/page';
import { ProblemAlert } from '@/components/problem-alert';
import { recentRuns, useStartEvaluation } from '../api/evaluations';
import { RunProgress } from '../components/run-progress';

/**
 * 月度评估 (officer): run the monthly evaluation for a month now (the schedule runs it at 02:30 on the 1st) and
 * watch its progress; the same month twice changes nothing (idempotent).
 */
export function Component() {
  const officer = useIsOfficer();
  const start = useStartEvaluation();
  const [runs, setRuns] = useState(recentRuns);
  if (!officer) return <Result status="403" title="仅负责人可使用月度评估" />;
  return (
    <Page title="月度评估" crumbs={[{ title: '月度评估' }]}>
      <Card title="立即评估">
        <Alert
          type="info"
          showIcon
          className="problem-alert"
          title="系统于每月 1 日 02:30 自动评估上月结束的监管周期；此处可立即评估指定月份。重复评估同一月份不会产生新的结果。"
        />
        <ProblemAlert error={start.error} title="评估未能启动" />
        <Form<{ month: Dayjs }>
          layout="inline"
          initialValues={{ month: dayjs().subtract(1, 'month') }}
          onFinish={(values) =>
            start.mutate(values.month.format('YYYY-MM'), { onSuccess: () => setRuns(recentRuns()) })
          }
        >
          <Form.Item name="month" label="评估月份" rules={[{ required: true, message: '请选择月份' }]}>
            <DatePicker picker="month" allowClear={false} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={start.isPending}>
              开始评估
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {runs.map((runId) => (
        <Card key={runId} title={`评估任务 ${runId}`} size="small">
          <RunProgress runId={runId} />
        </Card>
      ))}
    </Page>
  );
}
