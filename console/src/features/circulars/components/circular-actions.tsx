import { Form, Input, Select, Space } from 'antd';
import { ActionModal, reasonRules } from '@/components/action-modal';
import { OfficerOnly } from '@/components/officer-only';
import type { Circular } from '@/lib/api/views';
import { usePublishCircular, useRetractCircular, useWithdrawCircular } from '../api/circulars';

const PERIODS = [6, 12, 18, 24, 36].map((months) => ({
  value: months,
  label: months % 12 === 0 ? `${months / 12} 年` : `${months} 个月`,
}));

/** The reason of a withdrawal or a retraction, said in the dialog with what it does. */
function ReasonField(props: { note: string }) {
  return (
    <>
      <p>{props.note}</p>
      <Form.Item name="reason" label="理由" rules={reasonRules}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </>
  );
}

/** The officer's actions on a circular: publish a draft with its period, withdraw a draft, retract a publication. */
export function CircularActions(props: { circular: Circular }) {
  const { circular } = props;
  const publish = usePublishCircular();
  const retract = useRetractCircular();
  const withdraw = useWithdrawCircular();
  const windowOpen = circular.statementWindowEndsAt ? new Date(circular.statementWindowEndsAt) > new Date() : false;
  return (
    <OfficerOnly>
      {circular.status === 'draft' && (
        // two buttons side by side, apart (a fragment inside the card's extra left them touching)
        <Space wrap>
          <ActionModal<{ publicationMonths: number }>
            label="发布"
            primary
            title="发布通报"
            okText="发布"
            pending={publish.isPending}
            initialValues={{ publicationMonths: 12 }}
            submit={(values) => publish.mutateAsync({ id: circular.id, body: values })}
            success="通报已发布"
          >
            <p>
              发布后通报取得文号，在公示页面和信用平台数据源中公开。
              {windowOpen
                ? `陈述申辩期至 ${circular.statementWindowEndsOn}，期内发布将被拒绝（除非各单位均已陈述申辩）。`
                : ''}
            </p>
            <p>已提交陈述申辩：{circular.statements?.length ? `${circular.statements.length} 份` : '无'}</p>
            <Form.Item
              name="publicationMonths"
              label="公示期限（6 个月至 3 年）"
              rules={[{ required: true, message: '请选择公示期限' }]}
            >
              <Select options={PERIODS} />
            </Form.Item>
          </ActionModal>
          <ActionModal<{ reason: string }>
            label="撤销草稿"
            danger
            title="撤销通报草稿"
            okText="撤销"
            pending={withdraw.isPending}
            submit={(values) => withdraw.mutateAsync({ id: circular.id, body: { reason: values.reason.trim() } })}
            success="草稿已撤销"
          >
            <ReasonField note="草稿撤销后不会公开，也不占用文号。" />
          </ActionModal>
        </Space>
      )}
      {circular.status === 'published' && (
        <ActionModal<{ reason: string }>
          label="撤回"
          danger
          title="撤回已发布的通报"
          okText="撤回"
          pending={retract.isPending}
          submit={(values) => retract.mutateAsync({ id: circular.id, body: { reason: values.reason.trim() } })}
          success="通报已撤回"
        >
          <ReasonField note="撤回后公示页面和数据源将显示撤回说明（理由经脱敏后公开），不会静默删除。" />
        </ActionModal>
      )}
    </OfficerOnly>
  );
}
