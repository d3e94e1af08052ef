import { Form, Input, Radio } from 'antd';
import { ActionModal, reasonRules } from '@/components/action-modal';
import { OfficerOnly } from '@/components/officer-only';
import type { CaseDetail } from '@/lib/api/views';
import { useConfirmCase, useDismissCase, useExtendCycle } from '../api/cases';

/** The officer's decisions on a case: confirm or dismiss a proposal; extend the current cycle of an active case. */
export function CaseActions(props: { supervisionCase: CaseDetail }) {
  const { supervisionCase } = props;
  const confirm = useConfirmCase(supervisionCase.id);
  const dismiss = useDismissCase(supervisionCase.id);
  const extend = useExtendCycle(supervisionCase.id);
  return (
    <OfficerOnly>
      {supervisionCase.status === 'proposed' && (
        <>
          <ActionModal<{ note?: string }>
            label="确认纳入"
            title="确认纳入差别化监管"
            okText="确认纳入并签发告知单"
            primary
            pending={confirm.isPending}
            submit={(values) => confirm.mutateAsync(values.note?.trim() ? { note: values.note.trim() } : {})}
            success="已纳入差别化监管，告知单已签发"
          >
            <p>确认后案件转为“监管中”，系统签发《差别化监管告知单》并编号，参建单位须在 5 个工作日内返回签章回执。</p>
            <Form.Item name="note" label="备注（选填）" rules={[{ max: 2000, message: '最多 2000 字' }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </ActionModal>
          <ActionModal<{ reason: string }>
            label="驳回"
            title="驳回纳入建议"
            okText="驳回"
            danger
            pending={dismiss.isPending}
            submit={(values) => dismiss.mutateAsync({ reason: values.reason.trim() })}
            success="已驳回纳入建议"
          >
            <Form.Item name="reason" label="驳回理由" rules={reasonRules}>
              <Input.TextArea rows={3} />
            </Form.Item>
          </ActionModal>
        </>
      )}
      {supervisionCase.status === 'active' && (
        <ActionModal<{ months: 1 | 2; reason: string }>
          label="延长周期"
          title="延长本监管周期"
          okText="延长"
          pending={extend.isPending}
          initialValues={{ months: 1 }}
          submit={(values) => extend.mutateAsync({ months: values.months, reason: values.reason.trim() })}
          success="本周期已延长"
        >
          <p>一个监管周期连同延长最长 3 个月。</p>
          <Form.Item name="months" label="延长月数" rules={[{ required: true, message: '请选择延长月数' }]}>
            <Radio.Group
              options={[
                { value: 1, label: '1 个月' },
                { value: 2, label: '2 个月' },
              ]}
            />
          </Form.Item>
          <Form.Item name="reason" label="延长理由" rules={reasonRules}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </ActionModal>
      )}
    </OfficerOnly>
  );
}
