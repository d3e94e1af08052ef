import { Alert, App, Button, Card, Descriptions, Form, Input, Radio, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { OfficerOnly } from '@/components/officer-only';
import { ProblemAlert } from '@/components/problem-alert';
import { showFieldProblems } from '@/lib/api/form-problems';
import type { Assessment, Falsification } from '@/lib/api/views';
import { formatTimestamp } from '@/lib/dates';
import { FALSIFICATION_COLORS, FALSIFICATION_NAMES, nameOf } from '@/lib/vocabulary';
import { useDecideFalsification } from '../api/assessments';

interface DecisionForm {
  finding: 'confirmed' | 'cleared';
  reason: string;
}

/**
 * The officer's decision on a suspicion (SPEC §6.2): confirmed (3 points to the unit and 3 to the person
 * responsible) or cleared, with the reason. The API refuses it (409) before the statement is due unless the unit
 * has made its statement; the refusal is shown as it comes.
 */
function Decision(props: { assessment: Assessment; falsification: Falsification }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<DecisionForm>();
  const decide = useDecideFalsification(props.assessment.id);
  const [problem, setProblem] = useState<unknown>();
  const waiting = !props.falsification.statement && new Date(props.falsification.statementDueAt).getTime() > Date.now();
  return (
    <Card size="small" type="inner" title="作出认定" className="stacked-card" data-falsification-decision>
      {waiting && (
        <Alert
          type="info"
          showIcon
          className="problem-alert"
          title={`单位陈述期至 ${formatTimestamp(props.falsification.statementDueAt)}，期满或单位提交陈述后方可认定。`}
        />
      )}
      <ProblemAlert error={problem} title="认定未成功" />
      <Form<DecisionForm>
        form={form}
        layout="vertical"
        initialValues={{ finding: 'confirmed' }}
        onFinish={(values) => {
          setProblem(undefined);
          decide
            .mutateAsync({ finding: values.finding, reason: values.reason.trim() })
            .then((decided) => {
              message.success(
                decided.falsification?.status === 'confirmed' ? '已认定弄虚作假并记分' : '已排除弄虚作假',
              );
              form.resetFields();
            })
            .catch((error: unknown) => {
              const rest = showFieldProblems(form, error);
              if (rest.length) setProblem(error);
            });
        }}
      >
        <Form.Item name="finding" label="认定结论" rules={[{ required: true, message: '请选择认定结论' }]}>
          <Radio.Group>
            <Radio value="confirmed">认定弄虚作假（单位与责任人员各记 3 分）</Radio>
            <Radio value="cleared">排除弄虚作假</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="reason"
          label="认定理由"
          rules={[
            { required: true, whitespace: true, message: '请填写认定理由' },
            { max: 2000, message: '最多 2000 字' },
          ]}
        >
          <Input.TextArea rows={3} placeholder="对照政府评估与单位陈述的意见" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={decide.isPending}>
          提交认定
        </Button>
      </Form>
    </Card>
  );
}

/** 弄虚作假: the grounds, the statement window and the unit's statement, the decision (or the officer's form). */
export function FalsificationPanel(props: { assessment: Assessment }) {
  const falsification = props.assessment.falsification;
  if (!falsification) return null;
  return (
    <Card
      title={
        <>
          弄虚作假核查{' '}
          <Tag color={FALSIFICATION_COLORS[falsification.status]} data-falsification-status={falsification.status}>
            {nameOf(FALSIFICATION_NAMES, falsification.status)}
          </Tag>
        </>
      }
    >
      <Descriptions column={1} size="small">
        <Descriptions.Item label="疑点">{falsification.grounds.join('；')}</Descriptions.Item>
        <Descriptions.Item label="对照的政府评估">
          <Link to={`/assessments/${falsification.governmentAssessmentId}`}>查看政府评估</Link>
        </Descriptions.Item>
        <Descriptions.Item label="发现时间">{formatTimestamp(falsification.suspectedAt)}</Descriptions.Item>
        <Descriptions.Item label="陈述期限">{formatTimestamp(falsification.statementDueAt)}</Descriptions.Item>
        <Descriptions.Item label="单位陈述">
          {falsification.statement
            ? `${falsification.statement.text}（${formatTimestamp(falsification.statement.madeAt)}）`
            : '尚未陈述'}
        </Descriptions.Item>
        {falsification.decision && (
          <Descriptions.Item label="认定">
            {falsification.decision.finding === 'confirmed' ? '认定弄虚作假' : '排除弄虚作假'}：
            {falsification.decision.reason}（{formatTimestamp(falsification.decision.decidedAt)}）
          </Descriptions.Item>
        )}
      </Descriptions>
      {falsification.status === 'suspected' && (
        <OfficerOnly>
          <Decision assessment={props.assessment} falsification={falsification} />
        </OfficerOnly>
      )}
    </Card>
  );
}
