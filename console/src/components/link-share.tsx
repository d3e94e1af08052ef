import { CopyOutlined, PrinterOutlined, ShareAltOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Space, Typography } from 'antd';
import { QRCodeSVG } from 'qrcode.react';
import type { ReactNode } from 'react';
import { formatTimestamp } from '@/lib/dates';

/**
 * A link for one unit (an upload or assessment link: its token rides in the URL's fragment), shown once, as a QR
 * code to print or scan, with copy and share. `kind` names it on the page (上传链接, 评估链接) and in the attributes
 * tests read (`data-upload-link`, `data-assessment-link`).
 */
export function LinkShare(props: {
  kind: 'upload' | 'assessment';
  url: string;
  expiresAt: string;
  unit: string;
  extra?: ReactNode;
}) {
  const { message } = App.useApp();
  const name = props.kind === 'upload' ? '上传链接' : '评估链接';
  const attribute = { [`data-${props.kind}-link`]: props.url };
  return (
    <Card size="small" title={name} className="upload-link-card">
      <Alert
        type="warning"
        showIcon
        className="no-print"
        title={`链接内含${props.kind === 'upload' ? '上传' : '评估'}凭证，仅发送给该单位；链接只显示这一次，请及时打印或发送。`}
      />
      <Space align="start" wrap size={24} className="upload-link-body">
        <div className="qr-box">
          <QRCodeSVG value={props.url} size={200} level="M" marginSize={2} title={`${name}二维码`} />
        </div>
        <Descriptions column={1} size="small">
          <Descriptions.Item label="参建单位">{props.unit}</Descriptions.Item>
          <Descriptions.Item label="有效期至">{formatTimestamp(props.expiresAt)}</Descriptions.Item>
          <Descriptions.Item label="链接">
            <Typography.Text className="hash" {...attribute}>
              {props.url}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      </Space>
      <Space wrap className="no-print">
        <Button
          icon={<CopyOutlined />}
          onClick={() =>
            navigator.clipboard
              .writeText(props.url)
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
            onClick={() => navigator.share({ title: `差别化监管${name}`, url: props.url }).catch(() => undefined)}
          >
            发送
          </Button>
        )}
        {props.extra}
      </Space>
    </Card>
  );
}
