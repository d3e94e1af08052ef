import { App, Button, Card, Form, InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { LinkShare } from '@/components/link-share';
import { showFieldProblems } from '@/lib/api/form-problems';
import type { Unit, UploadLink } from '@/lib/api/views';
import { DOCUMENT_TYPE_NAMES, DOCUMENT_TYPES, nameOf, UNIT_ROLE_NAMES } from '@/lib/vocabulary';
import { useCreateUploadLink } from '../api/cases';

interface LinkForm {
  unitCreditCode: string;
  docTypes?: string[];
  validDays: number;
}

/**
 * 上传链接: a link for one unit of the case (its token rides in the URL's fragment), shown as a QR code to print
 * or send to the unit's phone, with copy and share.
 */
export function UploadLinks(props: { caseId: string; units: Unit[] }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<LinkForm>();
  const create = useCreateUploadLink(props.caseId);
  const [created, setCreated] = useState<(UploadLink & { unit: string }) | undefined>();
  const unitLabel = (code: string) => {
    const unit = props.units.find((candidate) => candidate.creditCode === code);
    return unit ? `${nameOf(UNIT_ROLE_NAMES, unit.role)}：${unit.name}` : code;
  };
  return (
    <Space orientation="vertical" size={16} className="full-width">
      <Card size="small" title="生成上传链接" className="no-print">
        <Form<LinkForm>
          form={form}
          layout="vertical"
          initialValues={{
            validDays: 7,
            unitCreditCode: props.units.find((unit) => unit.role === 'general_contractor')?.creditCode,
          }}
          onFinish={(values) =>
            create
              .mutateAsync({
                unitCreditCode: values.unitCreditCode,
                validDays: values.validDays,
                ...(values.docTypes?.length ? { docTypes: values.docTypes } : {}),
              })
              .then((link) => {
                setCreated({ ...link, unit: unitLabel(values.unitCreditCode) });
                message.success('上传链接已生成');
              })
              .catch((error: unknown) => {
                const rest = showFieldProblems(form, error);
                if (rest.length) message.error(rest.join('；'));
              })
          }
        >
          <Form.Item name="unitCreditCode" label="参建单位" rules={[{ required: true, message: '请选择参建单位' }]}>
            <Select
              options={props.units.map((unit) => ({ value: unit.creditCode, label: unitLabel(unit.creditCode) }))}
            />
          </Form.Item>
          <Form.Item name="docTypes" label="允许上传的材料（不选为全部）">
            <Select
              mode="multiple"
              allowClear
              options={DOCUMENT_TYPES.map((type) => ({ value: type, label: nameOf(DOCUMENT_TYPE_NAMES, type) }))}
            />
          </Form.Item>
          <Form.Item
            name="validDays"
            label="有效天数（最长 31 天）"
            rules={[{ required: true, message: '请填写有效天数' }]}
          >
            <InputNumber min={1} max={31} className="full-width" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            生成上传链接
          </Button>
        </Form>
      </Card>
      {created && <LinkShare kind="upload" url={created.url} expiresAt={created.expiresAt} unit={created.unit} />}
    </Space>
  );
}
