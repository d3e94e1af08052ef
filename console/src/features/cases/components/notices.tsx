import { FilePdfOutlined } from '@ant-design/icons';
import { App, Button, Table, Tag } from 'antd';
import { chineseMessage } from '@/lib/api/problem';
import type { IssuedDocument, Notice } from '@/lib/api/views';
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
          // the PDF is rendered just after the notice is issued (a few seconds): until then the button waits
          render: (_, notice) => (
            <Button
              size="small"
              icon={<FilePdfOutlined />}
              loading={notice.documentStatus === 'pending'}
              disabled={notice.documentStatus === 'pending'}
              title={notice.documentStatus === 'pending' ? 'PDF 正在生成' : undefined}
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

/**
 * The ladder's documents of the case (the level-2 orders to the group companies, the level-3 report to the municipal
 * commission), each a PDF; shown only once the case has one.
 */
export function LadderDocumentTable(props: { documents: IssuedDocument[] }) {
  const { message } = App.useApp();
  const documents = props.documents.filter(
    (document) => document.kind !== 'inclusion_notice' && document.kind !== 'release_notice',
  );
  if (documents.length === 0) return null;
  return (
    <Table<IssuedDocument>
      rowKey="id"
      size="middle"
      pagination={false}
      dataSource={documents}
      scroll={{ x: 720 }}
      style={{ marginTop: 16 }}
      title={() => '其他文书'}
      columns={[
        { title: '文书', dataIndex: 'title' },
        { title: '送达', dataIndex: 'recipients', render: (recipients: string[]) => recipients.join('、') },
        { title: '日期', dataIndex: 'issuedOn', width: 110 },
        {
          title: 'PDF',
          key: 'pdf',
          width: 120,
          render: (_, document) => (
            <Button
              size="small"
              icon={<FilePdfOutlined />}
              loading={document.documentStatus === 'pending'}
              disabled={document.documentStatus === 'pending'}
              onClick={() =>
                openDocument(document.href).catch((error: unknown) => message.error(chineseMessage(error)))
              }
              aria-label={`查看 ${document.title}（${document.recipients.join('、')}） PDF`}
            >
              查看 PDF
            </Button>
          ),
        },
      ]}
    />
  );
}
