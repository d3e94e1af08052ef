import { Alert } from 'antd';
import { chineseMessage } from '@/lib/api/problem';

/** A failed action's message in Chinese, above the form or beside the button that caused it. */
export function ProblemAlert(props: { error: unknown; title?: string }) {
  if (!props.error) return null;
  return (
    <Alert
      type="error"
      showIcon
      className="problem-alert"
      title={props.title ?? '操作未成功'}
      description={chineseMessage(props.error)}
    />
  );
}
