import { ClockCircleOutlined } from '@ant-design/icons';
import { Result } from 'antd';

/** A screen or part of one whose API route is not built yet (absent from the document, or answering 501). */
export function ComingSoon(props: { what: string; route?: string }) {
  return (
    <Result
      icon={<ClockCircleOutlined />}
      status="info"
      title="功能即将上线"
      subTitle={`${props.what}所需的接口${props.route ? `（${props.route}）` : ''}正在建设中，上线后此处将自动可用。`}
    />
  );
}
