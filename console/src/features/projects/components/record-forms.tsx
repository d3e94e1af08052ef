import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ActionModal } from '@/components/action-modal';
import { useRecordCriticism, useRecordIncident } from '../api/projects';

/** 记录事故: an incident with its casualties (a fatality meets condition C6). */
export function RecordIncidentButton(props: { projectId: string }) {
  const record = useRecordIncident(props.projectId);
  return (
    <ActionModal<{ date: Dayjs; fatalities: number; injuries: number; description: string }>
      label="记录事故"
      title="记录生产安全事故"
      okText="保存"
      initialValues={{ date: dayjs(), fatalities: 0, injuries: 0 }}
      pending={record.isPending}
      submit={(values) =>
        record.mutateAsync({
          ...values,
          date: values.date.format('YYYY-MM-DD'),
          description: values.description.trim(),
        })
      }
      success="事故已记录，六项条件已重新评估"
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
    </ActionModal>
  );
}

const ISSUERS = [
  { value: 'city_government', label: '市人民政府' },
  { value: 'district_government', label: '区人民政府' },
  { value: 'authority', label: '行业主管部门' },
];

/** 记录通报批评: a criticism the project received (condition C5). */
export function RecordCriticismButton(props: { projectId: string }) {
  const record = useRecordCriticism(props.projectId);
  return (
    <ActionModal<{
      date: Dayjs;
      issuer: 'city_government' | 'district_government' | 'authority';
      documentNo: string;
      summary: string;
    }>
      label="记录通报批评"
      title="记录通报批评"
      okText="保存"
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
      success="通报批评已记录"
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
    </ActionModal>
  );
}
