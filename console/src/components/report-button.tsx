import { FileSearchOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { chineseMessage } from '@/lib/api/problem';
import { openDocument } from '@/lib/documents';

/** The inspection report PDF (`GET /v1/inspections/{id}/report`), opened in a tab of its own. */
export function ReportButton(props: { inspectionId: string; size?: 'small' | 'middle' }) {
  const { message } = App.useApp();
  return (
    <Button
      size={props.size ?? 'small'}
      icon={<FileSearchOutlined />}
      onClick={() =>
        openDocument(`/v1/inspections/${encodeURIComponent(props.inspectionId)}/report`).catch((error: unknown) =>
          message.error(chineseMessage(error)),
        )
      }
    >
      检查报告
    </Button>
  );
}
