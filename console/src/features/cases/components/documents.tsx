import { App, Button, Flex, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { LoadMore } from '@/components/load-more';
import { QueryState } from '@/components/query-state';
import { chineseMessage } from '@/lib/api/problem';
import type { DocumentRecord, Unit } from '@/lib/api/views';
import { formatTimestamp } from '@/lib/dates';
import { documentContentPath, openDocument } from '@/lib/documents';
import { DOCUMENT_STATUS_NAMES, DOCUMENT_TYPE_NAMES, DOCUMENT_TYPES, nameOf } from '@/lib/vocabulary';
import { type DocumentFilters, useCaseDocuments } from '../api/cases';

const STATUS_COLORS: Record<string, string> = { pending: 'gold', accepted: 'green', rejected: 'red' };

/**
 * 报送材料: every document the units uploaded for the case, newest first, filtered by unit, type and status, with
 * its verification status (and why it was returned); an accepted file opens through `/content` in a new tab, and
 * rectification evidence links to the hazard it answers.
 */
export function CaseDocuments(props: { caseId: string; units?: Unit[] }) {
  const { message } = App.useApp();
  const [filters, setFilters] = useState<DocumentFilters>({});
  const documents = useCaseDocuments(props.caseId, filters);
  const rows = documents.data?.pages.flatMap((page) => page.items) ?? [];
  const set = <K extends keyof DocumentFilters>(key: K, value: DocumentFilters[K] | undefined) =>
    setFilters(({ [key]: _, ...rest }) => (value ? { ...rest, [key]: value } : rest) as DocumentFilters);
  return (
    <>
      <Flex gap={8} wrap className="table-filters">
        <Select
          allowClear
          placeholder="全部单位"
          aria-label="按单位筛选"
          className="filter-select"
          value={filters.unitCreditCode}
          onChange={(value?: string) => set('unitCreditCode', value)}
          options={(props.units ?? []).map((unit) => ({ value: unit.creditCode, label: unit.name }))}
        />
        <Select
          allowClear
          placeholder="全部材料类型"
          aria-label="按材料类型筛选"
          className="filter-select"
          value={filters.docType}
          onChange={(value?: DocumentRecord['docType']) => set('docType', value)}
          options={DOCUMENT_TYPES.map((type) => ({ value: type, label: nameOf(DOCUMENT_TYPE_NAMES, type) }))}
        />
        <Select
          allowClear
          placeholder="全部状态"
          aria-label="按核验状态筛选"
          className="filter-select"
          value={filters.status}
          onChange={(value?: DocumentRecord['status']) => set('status', value)}
          options={(['pending', 'accepted', 'rejected'] as const).map((status) => ({
            value: status,
            label: DOCUMENT_STATUS_NAMES[status],
          }))}
        />
      </Flex>
      <QueryState query={documents} what="报送材料">
        {() => (
          <>
            <Table<DocumentRecord>
              rowKey="id"
              size="middle"
              pagination={false}
              dataSource={rows}
              scroll={{ x: 900 }}
              locale={{ emptyText: '参建单位尚未上传材料' }}
              columns={[
                {
                  title: '材料',
                  dataIndex: 'docType',
                  width: 160,
                  render: (type: string, row) => (
                    <>
                      {row.docTypeName || nameOf(DOCUMENT_TYPE_NAMES, type)}
                      {row.hazardId && (
                        <div>
                          <Link to={`/hazards/${row.hazardId}`}>对应隐患</Link>
                        </div>
                      )}
                    </>
                  ),
                },
                {
                  title: '报送单位',
                  key: 'unit',
                  width: 180,
                  render: (_, row) => row.unit.name ?? row.unit.creditCode,
                },
                { title: '文件名', dataIndex: 'fileName' },
                {
                  title: '报告日期',
                  dataIndex: 'reportDate',
                  width: 110,
                  render: (date: string | null) => date ?? '—',
                },
                { title: '上传时间', dataIndex: 'uploadedAt', width: 150, render: formatTimestamp },
                {
                  title: '状态',
                  dataIndex: 'status',
                  width: 160,
                  render: (status: string, row) => (
                    <>
                      <Tag color={STATUS_COLORS[status]}>{nameOf(DOCUMENT_STATUS_NAMES, status)}</Tag>
                      {row.reason && <div className="secondary-text">{row.reason}</div>}
                    </>
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
                        aria-label={`查看 ${row.fileName}`}
                        onClick={() =>
                          openDocument(documentContentPath(row.id)).catch((error: unknown) =>
                            message.error(chineseMessage(error)),
                          )
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
    </>
  );
}
