import { App, Button, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { OfficerOnly } from '@/components/officer-only';
import { showFieldProblems } from '@/lib/api/form-problems';
import type { Circular } from '@/lib/api/views';
import { usePublishCircular, useRetractCircular, useWithdrawCircular } from '../api/circulars';

const PERIODS = [6, 12, 18, 24, 36].map((months) => ({
  value: months,
  label: months % 12 === 0 ? `${months / 12} 年` : `${months} 个月`,
}));

function ReasonModal(props: {
  open: boolean;
  title: string;
  okText: string;
  pending: boolean;
  onClose: () => void;
  submit: (reason: string) => Promise<unknown>;
  success: string;
  note: string;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      title={props.title}
      open={props.open}
      okText={props.okText}
      cancelText="取消"
      okButtonProps={{ danger: true }}
      confirmLoading={props.pending}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <p>{props.note}</p>
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) =>
          props
            .submit(values.reason.trim())
            .then(() => {
              message.success(props.success);
              props.onClose();
            })
            .catch((error: unknown) => {
              const rest = showFieldProblems(form, error);
              if (rest.length) message.error(rest.join('；'));
            })
        }
      >
        <Form.Item
          name="reason"
          label="理由"
          rules={[
            { required: true, whitespace: true, message: '请填写理由' },
            { max: 2000, message: '最多 2000 字' },
          ]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The officer's actions on a circular: publish a draft with its period, withdraw a draft, retract a publication. */
export function CircularActions(props: { circular: Circular }) {
  const { circular } = props;
  const { message } = App.useApp();
  const publish = usePublishCircular();
  const retract = useRetractCircular();
  const withdraw = useWithdrawCircular();
  const [dialog, setDialog] = useState<'publish' | 'retract' | 'withdraw' | undefined>();
  const [publishForm] = Form.useForm<{ publicationMonths: number }>();
  const windowOpen = circular.statementWindowEndsAt ? new Date(circular.statementWindowEndsAt) > new Date() : false;
  return (
    <OfficerOnly>
      {circular.status === 'draft' && (
        <>
          <Button type="primary" onClick={() => setDialog('publish')}>
            发布
          </Button>
          <Button danger onClick={() => setDialog('withdraw')}>
            撤销草稿
          </Button>
        </>
      )}
      {circular.status === 'published' && (
        <Button danger onClick={() => setDialog('retract')}>
          撤回
        </Button>
      )}
      <Modal
        title="发布通报"
        open={dialog === 'publish'}
        okText="发布"
        cancelText="取消"
        confirmLoading={publish.isPending}
        onCancel={() => setDialog(undefined)}
        onOk={() => publishForm.submit()}
        destroyOnHidden
      >
        <p>
          发布后通报取得文号，在公示页面和信用平台数据源中公开。
          {windowOpen
            ? `陈述申辩期至 ${circular.statementWindowEndsOn}，期内发布将被拒绝（除非各单位均已陈述申辩）。`
            : ''}
        </p>
        <p>已提交陈述申辩：{circular.statements?.length ? `${circular.statements.length} 份` : '无'}</p>
        <Form
          form={publishForm}
          layout="vertical"
          initialValues={{ publicationMonths: 12 }}
          onFinish={(values) =>
            publish
              .mutateAsync({ id: circular.id, body: values })
              .then(() => {
                message.success('通报已发布');
                setDialog(undefined);
              })
              .catch((error: unknown) => {
                const rest = showFieldProblems(publishForm, error);
                if (rest.length) message.error(rest.join('；'));
              })
          }
        >
          <Form.Item
            name="publicationMonths"
            label="公示期限（6 个月至 3 年）"
            rules={[{ required: true, message: '请选择公示期限' }]}
          >
            <Select options={PERIODS} />
          </Form.Item>
        </Form>
      </Modal>
      <ReasonModal
        open={dialog === 'retract'}
        title="撤回已发布的通报"
        okText="撤回"
        note="撤回后公示页面和数据源将显示撤回说明（理由经脱敏后公开），不会静默删除。"
        pending={retract.isPending}
        onClose={() => setDialog(undefined)}
        submit={(reason) => retract.mutateAsync({ id: circular.id, body: { reason } })}
        success="通报已撤回"
      />
      <ReasonModal
        open={dialog === 'withdraw'}
        title="撤销通报草稿"
        okText="撤销"
        note="草稿撤销后不会公开，也不占用文号。"
        pending={withdraw.isPending}
        onClose={() => setDialog(undefined)}
        submit={(reason) => withdraw.mutateAsync({ id: circular.id, body: { reason } })}
        success="草稿已撤销"
      />
    </OfficerOnly>
  );
}
