import { FileSearchOutlined } from '@ant-design/icons';
import { App, Button, Typography } from 'antd';
import { hasRoute } from '@/lib/api/client';
import { chineseMessage } from '@/lib/api/problem';
import { openDocument } from '@/lib/documents';

/** The inspection report PDF (`GET /v1/inspections/{id}/report`), once that route exists. */
export function ReportButton(props: { inspectionId: string; size?: 'small' | 'middle' }) {
  const { message } = App.useApp();
  if (!hasRoute('GET /v1/inspections/{inspectionId}/report')) {
    return <Typography.Text type="secondary">检查报告功能即将上线</Typography.Text>;
  }
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
