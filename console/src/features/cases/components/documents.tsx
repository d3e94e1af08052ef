import { App, Button, Table, Tag } from 'antd';
import { LoadMore } from '@/components/load-more';
import { QueryState } from '@/components/query-state';
import { chineseMessage } from '@/lib/api/problem';
import type { DocumentRecord } from '@/lib/api/views';
import { formatTimestamp } from '@/lib/dates';
import { openDocument } from '@/lib/documents';
import { DOCUMENT_STATUS_NAMES, DOCUMENT_TYPE_NAMES, nameOf } from '@/lib/vocabulary';
import { useCaseDocuments } from '../api/cases';

const STATUS_COLORS: Record<string, string> = { pending: 'gold', accepted: 'green', rejected: 'red' };

/** 报送材料: every document the units uploaded for the case, with its verification status and the file. */
export function CaseDocuments(props: { caseId: string }) {
  const { message } = App.useApp();
  const documents = useCaseDocuments(props.caseId);
  const rows = documents.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <QueryState query={documents} what="报送材料" route="GET /v1/cases/{caseId}/documents">
      {() => (
        <>
          <Table<DocumentRecord>
            rowKey={(row) => row.documentId ?? row.id ?? row.fileName}
            size="middle"
            pagination={false}
            dataSource={rows}
            scroll={{ x: 760 }}
            locale={{ emptyText: '参建单位尚未上传材料' }}
            columns={[
              {
                title: '材料',
                dataIndex: 'docType',
                width: 150,
                render: (type: string) => nameOf(DOCUMENT_TYPE_NAMES, type),
              },
              { title: '文件名', dataIndex: 'fileName' },
              { title: '报告日期', dataIndex: 'reportDate', width: 110, render: (date?: string | null) => date ?? '—' },
              { title: '上传时间', dataIndex: 'uploadedAt', width: 150, render: formatTimestamp },
              {
                title: '状态',
                dataIndex: 'status',
                width: 120,
                render: (status: string, row) => (
                  <Tag color={STATUS_COLORS[status]} title={row.reason ?? undefined}>
                    {nameOf(DOCUMENT_STATUS_NAMES, status)}
                  </Tag>
                ),
              },
              {
                title: '文件',
                key: 'open',
                width: 90,
                render: (_, row) =>
                  row.status === 'accepted' ? (
                    <Button
                      size="small"
                      onClick={() =>
                        openDocument(
                          `/v1/documents/${encodeURIComponent(row.documentId ?? row.id ?? '')}/content`,
                        ).catch((error: unknown) => message.error(chineseMessage(error)))
                      }
                    >
                      查看
                    </Button>
                  ) : null,
              },
            ]}
          />
          <LoadMore query={documents} shown={rows.length} />
        </>
      )}
    </QueryState>
  );
}
