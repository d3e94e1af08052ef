import { App, Button, DatePicker, Form, Input, Modal, Radio, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { showFieldProblems } from '@/lib/api/form-problems';
import { chineseMessage } from '@/lib/api/problem';
import type { Hazard } from '@/lib/api/views';
import { useRefuseHazard, useVerifyHazard } from '../api/hazards';

interface VerificationForm {
  result: 'accepted' | 'rejected';
  date: Dayjs;
  note?: string;
}

/** 验收 and 拒不整改 for one hazard: buttons that open a small form; the API's refusal shows beside the field. */
export function VerifyHazardActions(props: { hazard: Hazard; size?: 'small' | 'middle' }) {
  const { hazard } = props;
  const { message, modal } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<VerificationForm>();
  const verify = useVerifyHazard(hazard.id);
  const refuse = useRefuseHazard(hazard.id);
  if (hazard.status === 'accepted') return null;

  async function submit(values: VerificationForm) {
    try {
      await verify.mutateAsync({
        result: values.result,
        date: values.date.format('YYYY-MM-DD'),
        ...(values.note?.trim() ? { note: values.note.trim() } : {}),
      });
      message.success(values.result === 'accepted' ? '已验收闭合' : '已记录验收未通过');
      setOpen(false);
      form.resetFields();
    } catch (error) {
      const rest = showFieldProblems(form, error);
      if (rest.length) message.error(rest.join('；'));
    }
  }

  return (
    <Space size={4} wrap>
      <Button size={props.size ?? 'small'} type="primary" onClick={() => setOpen(true)}>
        验收
      </Button>
      {hazard.status !== 'refused' && (
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
      )}
      <Modal
        title="隐患整改验收"
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText="提交验收"
        cancelText="取消"
        confirmLoading={verify.isPending}
        destroyOnHidden
      >
        <Form<VerificationForm>
          form={form}
          layout="vertical"
          initialValues={{ result: 'accepted', date: dayjs() }}
          onFinish={(values) => void submit(values)}
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
            <Input.TextArea rows={3} placeholder="现场复查情况" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
