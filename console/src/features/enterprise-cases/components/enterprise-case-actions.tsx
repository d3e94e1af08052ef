import { Form, Input } from 'antd';
import { ActionModal, reasonRules } from '@/components/action-modal';
import { OfficerOnly } from '@/components/officer-only';
import type { EnterpriseCaseDetail } from '@/lib/api/views';
import { useConfirmEnterpriseCase, useDismissEnterpriseCase } from '../api/enterprise-cases';

/**
 * The officer's decision on a proposed enterprise case: confirm (its measures start) or dismiss with a reason. Not
 * shown to inspectors; the API refuses them anyway (403).
 */
export function EnterpriseCaseActions(props: { enterpriseCase: EnterpriseCaseDetail }) {
  const { enterpriseCase } = props;
  const confirm = useConfirmEnterpriseCase(enterpriseCase.id);
  const dismiss = useDismissEnterpriseCase(enterpriseCase.id);
  if (enterpriseCase.status !== 'proposed') return null;
  return (
    <OfficerOnly>
      <ActionModal<{ note?: string }>
        label="确认纳入"
        title="确认纳入企业级差别化监管"
        okText="确认纳入"
        primary
        pending={confirm.isPending}
        submit={(values) => confirm.mutateAsync(values.note?.trim() ? { note: values.note.trim() } : {})}
        success="已纳入企业级差别化监管"
      >
        <p>
          确认后，该企业的每个在建项目每月接受监管机构不少于 2
          次执法检查（网格执法），企业每季度对其每个在建项目至少检查 2
          次，并可约谈企业负责人；在此后的季度排名发布时，如三项条件均不再成立即解除。
        </p>
        <Form.Item name="note" label="备注（选填）" rules={[{ max: 2000, message: '最多 2000 字' }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </ActionModal>
      <ActionModal<{ reason: string }>
        label="不予纳入"
        title="不予纳入企业级差别化监管"
        okText="不予纳入"
        danger
        pending={dismiss.isPending}
        submit={(values) => dismiss.mutateAsync({ reason: values.reason.trim() })}
        success="已决定不予纳入"
      >
        <Form.Item name="reason" label="不予纳入理由" rules={reasonRules}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </ActionModal>
    </OfficerOnly>
  );
}
