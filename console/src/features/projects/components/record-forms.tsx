import { App, Button, DatePicker, Form, type FormInstance, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
import { showFieldProblems } from '@/lib/api/form-problems';
import { useRecordCriticism, useRecordIncident } from '../api/projects';

/**
 * A button that opens a form in a dialog to record one fact about the project: on 保存 the form is sent
 * (`submit`); the API's refusals are shown beside their fields (the rest in a message), success closes the dialog.
 */
function RecordButton<T>(props: {
  label: string;
  title: string;
  form: FormInstance<T>;
  initialValues: Partial<T>;
  pending: boolean;
  submit: (values: T) => Promise<unknown>;
  done: string;
  children: ReactNode;
}) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>{props.label}</Button>
      <Modal
        title={props.title}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => props.form.submit()}
        okText="保存"
        cancelText="取消"
        confirmLoading={props.pending}
        destroyOnHidden
      >
        <Form
          form={props.form}
          layout="vertical"
          initialValues={props.initialValues}
          onFinish={(values) =>
            props
              .submit(values)
              .then(() => {
                message.success(props.done);
                setOpen(false);
              })
              .catch((error: unknown) => {
                const rest = showFieldProblems(props.form, error);
                if (rest.length) message.error(rest.join('；'));
              })
          }
        >
          {props.children}
        </Form>
      </Modal>
    </>
  );
}

/** 记录事故: an incident with its casualties (a fatality meets condition C6). */
export function RecordIncidentButton(props: { projectId: string }) {
  const [form] = Form.useForm<{ date: Dayjs; fatalities: number; injuries: number; description: string }>();
  const record = useRecordIncident(props.projectId);
  return (
    <RecordButton
      label="记录事故"
      title="记录生产安全事故"
      form={form}
      initialValues={{ date: dayjs(), fatalities: 0, injuries: 0 }}
      pending={record.isPending}
      submit={(values) =>
        record.mutateAsync({
          ...values,
          date: values.date.format('YYYY-MM-DD'),
          description: values.description.trim(),
        })
      }
      done="事故已记录，六项条件已重新评估"
    >
      <Form.Item name="date" label="事故日期" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker className="full-width" />
      </Form.Item>
      <Form.Item name="fatalities" label="死亡人数" rules={[{ required: true, message: '请填写死亡人数' }]}>
        <InputNumber min={0} max={1000} className="full-width" />
      </Form.Item>
      <Form.Item name="injuries" label="受伤人数" rules={[{ required: true, message: '请填写受伤人数' }]}>
        <InputNumber min={0} max={10000} className="full-width" />
      </Form.Item>
      <Form.Item
        name="description"
        label="事故经过"
        rules={[{ required: true, whitespace: true, message: '请填写事故经过' }]}
      >
        <Input.TextArea rows={3} />
      </Form.Item>
    </RecordButton>
  );
}

const ISSUERS = [
  { value: 'city_government', label: '市人民政府' },
  { value: 'district_government', label: '区人民政府' },
  { value: 'authority', label: '行业主管部门' },
];

/** 记录通报批评: a criticism the project received (condition C5). */
export function RecordCriticismButton(props: { projectId: string }) {
  const [form] = Form.useForm<{
    date: Dayjs;
    issuer: 'city_government' | 'district_government' | 'authority';
    documentNo: string;
    summary: string;
  }>();
  const record = useRecordCriticism(props.projectId);
  return (
    <RecordButton
      label="记录通报批评"
      title="记录通报批评"
      form={form}
      initialValues={{ date: dayjs(), issuer: 'district_government' }}
      pending={record.isPending}
      submit={(values) =>
        record.mutateAsync({
          ...values,
          date: values.date.format('YYYY-MM-DD'),
          documentNo: values.documentNo.trim(),
          summary: values.summary.trim(),
        })
      }
      done="通报批评已记录"
    >
      <Form.Item name="date" label="通报日期" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker className="full-width" />
      </Form.Item>
      <Form.Item name="issuer" label="通报机关" rules={[{ required: true, message: '请选择通报机关' }]}>
        <Select options={ISSUERS} />
      </Form.Item>
      <Form.Item name="documentNo" label="文号" rules={[{ required: true, whitespace: true, message: '请填写文号' }]}>
        <Input />
      </Form.Item>
      <Form.Item
        name="summary"
        label="通报内容摘要"
        rules={[{ required: true, whitespace: true, message: '请填写摘要' }]}
      >
        <Input.TextArea rows={3} />
      </Form.Item>
    </RecordButton>
  );
}
