import { CopyOutlined, PrinterOutlined, ShareAltOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, InputNumber, Select, Space, Typography } from 'antd';
import { QRCodeSVG } from 'qrcode.react';
import { useState } from 'react';
import { showFieldProblems } from '@/lib/api/form-problems';
import type { Unit, UploadLink } from '@/lib/api/views';
import { formatTimestamp } from '@/lib/dates';
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
      {created && (
        <Card size="small" title="上传链接" className="upload-link-card">
          <Alert
            type="warning"
            showIcon
            className="no-print"
            title="链接内含上传凭证，仅发送给该单位；链接只显示这一次，请及时打印或发送。"
          />
          <Space align="start" wrap size={24} className="upload-link-body">
            <div className="qr-box">
              <QRCodeSVG value={created.url} size={200} level="M" marginSize={2} title="上传链接二维码" />
            </div>
            <Descriptions column={1} size="small">
              <Descriptions.Item label="参建单位">{created.unit}</Descriptions.Item>
              <Descriptions.Item label="有效期至">{formatTimestamp(created.expiresAt)}</Descriptions.Item>
              <Descriptions.Item label="链接">
                <Typography.Text className="hash" data-upload-link={created.url}>
                  {created.url}
                </Typography.Text>
              </Descriptions.Item>
            </Descriptions>
          </Space>
          <Space wrap className="no-print">
            <Button
              icon={<CopyOutlined />}
              onClick={() =>
                navigator.clipboard
                  .writeText(created.url)
                  .then(() => message.success('链接已复制'))
                  .catch(() => message.error('无法复制，请手动选择链接'))
              }
            >
              复制链接
            </Button>
            <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
              打印二维码
            </Button>
            {'share' in navigator && (
              <Button
                icon={<ShareAltOutlined />}
                onClick={() =>
                  navigator.share({ title: '差别化监管材料上传链接', url: created.url }).catch(() => undefined)
                }
              >
                发送
              </Button>
            )}
          </Space>
        </Card>
      )}
    </Space>
  );
}
