import { App, Button, DatePicker, Form, Input, Modal, Radio, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { showFieldProblems } from '@/lib/api/form-problems';
import { chineseMessage } from '@/lib/api/problem';
import type { Hazard } from '@/lib/api/views';
import { useRefuseHazard, useVerifyHazard } from '../api/hazards';

interface VerificationValues {
  result: 'accepted' | 'rejected';
  date: Dayjs;
  note?: string;
}

/**
 * 验收 of one hazard's rectification: the conclusion, the day, the inspector's note. Used inline on the hazard
 * page (beside the evidence) and in a dialog on the lists; the API's refusal shows beside the field it concerns.
 */
export function VerificationForm(props: { hazard: Hazard; onDone?: () => void; submitText?: string }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<VerificationValues>();
  const verify = useVerifyHazard(props.hazard.id);

  async function submit(values: VerificationValues) {
    try {
      await verify.mutateAsync({
        result: values.result,
        date: values.date.format('YYYY-MM-DD'),
        ...(values.note?.trim() ? { note: values.note.trim() } : {}),
      });
      message.success(values.result === 'accepted' ? '已验收闭合' : '已记录验收未通过');
      form.resetFields();
      props.onDone?.();
    } catch (error) {
      const rest = showFieldProblems(form, error);
      if (rest.length) message.error(rest.join('；'));
    }
  }

  return (
    <Form<VerificationValues>
      form={form}
      layout="vertical"
      initialValues={{ result: 'accepted', date: dayjs() }}
      onFinish={(values) => void submit(values)}
      data-verification-form={props.hazard.id}
    >
      <Form.Item name="result" label="验收结论" rules={[{ required: true, message: '请选择验收结论' }]}>
        <Radio.Group>
          <Radio value="accepted">验收合格（闭合）</Radio>
          <Radio value="rejected">验收不合格（重新整改）</Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="date" label="验收日期" rules={[{ required: true, message: '请选择验收日期' }]}>
        <DatePicker className="full-width" />
      </Form.Item>
      <Form.Item name="note" label="验收意见" rules={[{ max: 2000, message: '最多 2000 字' }]}>
        <Input.TextArea rows={3} placeholder="现场复查情况、对照整改材料的意见" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={verify.isPending}>
        {props.submitText ?? '提交验收'}
      </Button>
    </Form>
  );
}

/** 拒不整改: the unit refuses to rectify (condition C4), after a confirmation. */
export function RefuseHazardButton(props: { hazard: Hazard; size?: 'small' | 'middle' }) {
  const { message, modal } = App.useApp();
  const refuse = useRefuseHazard(props.hazard.id);
  if (props.hazard.status === 'accepted' || props.hazard.status === 'refused') return null;
  return (
    <Button
      size={props.size ?? 'small'}
      danger
      loading={refuse.isPending}
      onClick={() =>
        modal.confirm({
          title: '标记为拒不整改？',
          content: '拒不整改的隐患将计入条件（四）。',
          okText: '确认标记',
          cancelText: '取消',
          onOk: () =>
            refuse
              .mutateAsync({ date: dayjs().format('YYYY-MM-DD') })
              .then(() => message.success('已标记拒不整改'))
              .catch((error: unknown) => message.error(chineseMessage(error))),
        })
      }
    >
      拒不整改
    </Button>
  );
}

/** 验收 and 拒不整改 for one hazard of a list: buttons; 验收 opens the form in a dialog. */
export function VerifyHazardActions(props: { hazard: Hazard; size?: 'small' | 'middle' }) {
  const { hazard } = props;
  const [open, setOpen] = useState(false);
  if (hazard.status === 'accepted') return null;
  return (
    <Space size={4} wrap>
      <Button size={props.size ?? 'small'} type="primary" onClick={() => setOpen(true)}>
        验收
      </Button>
      <RefuseHazardButton hazard={hazard} {...(props.size ? { size: props.size } : {})} />
      <Modal title="隐患整改验收" open={open} onCancel={() => setOpen(false)} footer={null} destroyOnHidden>
        <VerificationForm hazard={hazard} onDone={() => setOpen(false)} />
      </Modal>
    </Space>
  );
}
