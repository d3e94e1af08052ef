import { App, Button, Card, Form, InputNumber, Popconfirm, Select, Space } from 'antd';
import { useState } from 'react';
import { LinkShare } from '@/components/link-share';
import { showFieldProblems } from '@/lib/api/form-problems';
import { chineseMessage } from '@/lib/api/problem';
import type { AssessmentLink, Unit } from '@/lib/api/views';
import { nameOf, TIER_NAMES, UNIT_ROLE_NAMES } from '@/lib/vocabulary';
import { useCreateAssessmentLink, useRevokeAssessmentLink } from '../api/assessments';

/** Units that assess through a link (SPEC §6.2): the general contractor (self, re-assessment), developer, supervisor. */
const ASSESSING_ROLES = ['general_contractor', 'developer', 'supervisor'];

interface LinkForm {
  unitCreditCode: string;
  validDays: number;
}

/**
 * 评估链接: a link for one unit of the project to its self-assessments (项目自评, the general contractor) or
 * re-assessments (企业再评), shown once as a QR code to print or send, and revocable at once.
 */
export function AssessmentLinks(props: { projectId: string; units: Unit[] }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<LinkForm>();
  const create = useCreateAssessmentLink(props.projectId);
  const revoke = useRevokeAssessmentLink(props.projectId);
  const [created, setCreated] = useState<(AssessmentLink & { unit: string }) | undefined>();
  const units = props.units.filter((unit) => ASSESSING_ROLES.includes(unit.role));
  const unitLabel = (code: string) => {
    const unit = props.units.find((candidate) => candidate.creditCode === code);
    return unit ? `${nameOf(UNIT_ROLE_NAMES, unit.role)}：${unit.name}` : code;
  };
  return (
    <Space orientation="vertical" size={16} className="full-width">
      <Card size="small" title="生成评估链接" className="no-print">
        <Form<LinkForm>
          form={form}
          layout="vertical"
          initialValues={{
            validDays: 93,
            unitCreditCode: units.find((unit) => unit.role === 'general_contractor')?.creditCode,
          }}
          onFinish={(values) =>
            create
              .mutateAsync(values)
              .then((link) => {
                setCreated({ ...link, unit: unitLabel(values.unitCreditCode) });
                message.success('评估链接已生成');
              })
              .catch((error: unknown) => {
                const rest = showFieldProblems(form, error);
                if (rest.length) message.error(rest.join('；'));
              })
          }
        >
          <Form.Item
            name="unitCreditCode"
            label="参建单位"
            extra="施工总承包单位：每月项目自评与每季度企业再评；建设、监理单位：每季度企业再评。"
            rules={[{ required: true, message: '请选择参建单位' }]}
          >
            <Select options={units.map((unit) => ({ value: unit.creditCode, label: unitLabel(unit.creditCode) }))} />
          </Form.Item>
          <Form.Item
            name="validDays"
            label="有效天数（最长 93 天：一个季度及其再评期限）"
            rules={[{ required: true, message: '请填写有效天数' }]}
          >
            <InputNumber min={1} max={93} className="full-width" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            生成评估链接
          </Button>
        </Form>
      </Card>
      {created && (
        <LinkShare
          kind="assessment"
          url={created.url}
          expiresAt={created.expiresAt}
          unit={`${created.unit}${created.tiers?.length ? `（${created.tiers.map((tier) => TIER_NAMES[tier] ?? tier).join('、')}）` : ''}`}
          extra={
            created.linkId ? (
              <Popconfirm
                title="撤销后该链接立即失效，确定撤销？"
                okText="撤销"
                cancelText="取消"
                onConfirm={() =>
                  revoke
                    .mutateAsync(created.linkId as string)
                    .then(() => {
                      setCreated(undefined);
                      message.success('评估链接已撤销');
                    })
                    .catch((error: unknown) => message.error(chineseMessage(error)))
                }
              >
                <Button danger loading={revoke.isPending}>
                  撤销链接
                </Button>
              </Popconfirm>
            ) : undefined
          }
        />
      )}
    </Space>
  );
}
