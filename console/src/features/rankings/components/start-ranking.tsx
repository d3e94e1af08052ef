import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { showFieldProblems } from '@/lib/api/form-problems';
import { ApiProblem } from '@/lib/api/problem';
import { type RankingRun, useStartRanking } from '../api/rankings';

interface StartValues {
  quarter: string;
  reason?: string;
}

/**
 * 计算排名 (officer): `POST /v1/rankings {quarter, reason?}`. A draft is recomputed; a published quarter needs a
 * reason (the run makes the next revision, a correction). The API's field problems (a quarter not ended, a missing
 * reason) are shown beside their fields; a 409 while a run of the quarter is in flight above the form, as it comes.
 */
export function StartRanking(props: {
  /** the quarter, when the form is for one quarter (its screen) */
  quarter?: string;
  initialQuarter?: string;
  /** whether the quarter is published already: the reason is then required */
  published?: (quarter: string) => boolean;
  onStarted: (run: RankingRun) => void;
}) {
  const [form] = Form.useForm<StartValues>();
  const start = useStartRanking();
  const [problems, setProblems] = useState<string[]>([]);
  const quarter = Form.useWatch('quarter', form) ?? props.quarter ?? props.initialQuarter ?? '';
  const needsReason = props.published?.(quarter) ?? false;
  return (
    <>
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          className="problem-alert"
          title="排名计算未能启动"
          description={problems.join('；')}
          role="alert"
        />
      )}
      <Form<StartValues>
        form={form}
        layout="vertical"
        className="ranking-start-form"
        initialValues={{ quarter: props.quarter ?? props.initialQuarter }}
        onFinish={(values) => {
          setProblems([]);
          const reason = values.reason?.trim();
          start.mutate(
            { quarter: props.quarter ?? values.quarter.trim(), ...(reason ? { reason } : {}) },
            {
              onSuccess: (run) => {
                form.setFieldValue('reason', undefined);
                props.onStarted(run);
              },
              onError: (error) => {
                // a run in flight (409) has no field: said plainly above the form
                if (error instanceof ApiProblem && error.status === 409 && !error.body.errors?.length) {
                  setProblems([error.chinese]);
                  return;
                }
                setProblems(showFieldProblems(form, error));
              },
            },
          );
        }}
      >
        {!props.quarter && (
          <Form.Item
            name="quarter"
            label="季度"
            extra="已结束的季度，如 2026Q3"
            rules={[
              { required: true, whitespace: true, message: '请填写季度' },
              { pattern: /^\s*\d{4}Q[1-4]\s*$/, message: '季度应写作“年份Q季度”，如 2026Q3' },
            ]}
          >
            <Input autoComplete="off" inputMode="text" maxLength={6} />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={needsReason ? '更正理由' : '理由（可选）'}
          extra={
            needsReason
              ? '该季度排名已发布：重新计算将形成新的版本（更正），公众页面将显示更正理由'
              : '草稿重新计算时可不填；已发布的季度须说明更正理由'
          }
          rules={[
            { required: needsReason, whitespace: true, message: '已发布的季度重新计算须填写更正理由' },
            { max: 2000, message: '最多 2000 字' },
          ]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={start.isPending}>
            {needsReason ? '计算更正版本' : '开始计算'}
          </Button>
        </Form.Item>
      </Form>
    </>
  );
}
