import { FilePdfOutlined } from '@ant-design/icons';
import { App, Button, Table, Tag } from 'antd';
import { chineseMessage } from '@/lib/api/problem';
import type { Notice } from '@/lib/api/views';
import { formatTimestamp } from '@/lib/dates';
import { openDocument } from '@/lib/documents';
import { NOTICE_TYPE_NAMES, nameOf } from '@/lib/vocabulary';

/** The case's notices (告知单, 解除告知单): number, dates, receipt, and the PDF. */
export function NoticeTable(props: { notices: Notice[] }) {
  const { message } = App.useApp();
  return (
    <Table<Notice>
      rowKey="id"
      size="middle"
      pagination={false}
      dataSource={props.notices}
      scroll={{ x: 820 }}
      locale={{ emptyText: '尚未签发告知单' }}
      columns={[
        { title: '文号', dataIndex: 'number', width: 200 },
        { title: '类型', dataIndex: 'type', render: (type: string) => nameOf(NOTICE_TYPE_NAMES, type) },
        { title: '签发日期', dataIndex: 'issuedOn', width: 110 },
        { title: '回执期限', dataIndex: 'receiptDueOn', width: 110 },
        {
          title: '回执',
          dataIndex: 'acknowledgedAt',
          width: 170,
          render: (at: string | null, notice) =>
            at ? (
              <Tag color="green">已回执 {formatTimestamp(at)}</Tag>
            ) : new Date(notice.receiptDueAt) < new Date() ? (
              <Tag color="red">逾期未回执</Tag>
            ) : (
              <Tag color="gold">待回执</Tag>
            ),
        },
        {
          title: '文书',
          key: 'pdf',
          width: 120,
          render: (_, notice) => (
            <Button
              size="small"
              icon={<FilePdfOutlined />}
              onClick={() =>
                openDocument(`/v1/notices/${encodeURIComponent(notice.id)}/document`).catch((error: unknown) =>
                  message.error(chineseMessage(error)),
                )
              }
              aria-label={`查看 ${notice.number} PDF`}
            >
              查看 PDF
            </Button>
          ),
        },
      ]}
    />
  );
}
