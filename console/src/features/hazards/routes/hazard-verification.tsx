import { Alert, App, Button, Card, Col, Descriptions, Empty, List, Row, Space, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Page } from '@/components/page';
import { QueryState } from '@/components/query-state';
import { chineseMessage } from '@/lib/api/problem';
import type { DocumentRecord } from '@/lib/api/views';
import { currentSession } from '@/lib/auth/session';
import { config } from '@/lib/config';
import {
  DOCUMENT_STATUS_NAMES,
  DOCUMENT_TYPE_NAMES,
  FINDING_KIND_NAMES,
  HAZARD_CATEGORY_NAMES,
  HAZARD_STATUS_NAMES,
  nameOf,
  SEVERITY_NAMES,
} from '@/lib/vocabulary';
import { useHazard } from '../api/hazards';
import { VerifyHazardActions } from '../components/verify-hazard';

/** The bytes of a document as a local object URL (for the viewer beside the form), or its presigned URL. */
async function documentUrl(documentId: string): Promise<{ url: string; contentType: string }> {
  const session = currentSession();
  const response = await fetch(`${config().apiUrl}/v1/documents/${encodeURIComponent(documentId)}/content`, {
    headers: {
      accept: 'application/json, */*;q=0.5',
      ...(session ? { authorization: `Bearer ${session.token}` } : {}),
    },
  });
  if (!response.ok) throw new Error(`材料读取失败（HTTP ${response.status}）`);
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('application/json')) {
    const { url } = (await response.json()) as { url: string };
    return { url, contentType: /\.(png|jpe?g)(\?|$)/i.test(url) ? 'image/*' : 'application/pdf' };
  }
  const blob = await response.blob();
  return { url: URL.createObjectURL(blob), contentType: blob.type };
}

function EvidenceViewer(props: { document: DocumentRecord | undefined }) {
  const { message } = App.useApp();
  const [shown, setShown] = useState<{ id: string; url: string; contentType: string } | undefined>();
  const id = props.document?.documentId ?? props.document?.id;
  if (!props.document || !id) return <Empty description="选择左侧的整改材料，在此查看" />;
  if (shown?.id !== id) {
    return (
      <Space orientation="vertical">
        <div>
          {props.document.fileName}（{nameOf(DOCUMENT_STATUS_NAMES, props.document.status)}）
        </div>
        <Button
          type="primary"
          onClick={() =>
            documentUrl(id)
              .then((opened) => setShown({ id, ...opened }))
              .catch((error: unknown) => message.error(chineseMessage(error)))
          }
        >
          打开材料
        </Button>
      </Space>
    );
  }
  return shown.contentType.startsWith('image/') ? (
    <img className="evidence-image" src={shown.url} alt={`整改材料：${props.document.fileName}`} />
  ) : (
    <iframe className="evidence-frame" src={shown.url} title={`整改材料：${props.document.fileName}`} />
  );
}

/**
 * 隐患验收: the hazard, its history of verifications, and the evidence the unit uploaded opened beside it, so the
 * inspector verifies item by item with the material in view.
 */
export function Component() {
  const { hazardId = '' } = useParams();
  const hazard = useHazard(hazardId);
  const [selected, setSelected] = useState<DocumentRecord | undefined>();
  return (
    <Page title="隐患整改验收" crumbs={[{ title: '工程项目', to: '/projects' }, { title: '隐患整改验收' }]}>
      <QueryState query={hazard} what="隐患详情" route="GET /v1/hazards/{hazardId}">
        {(data) => (
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={10}>
              <Card title={data.description} extra={<VerifyHazardActions hazard={data} size="middle" />}>
                <Descriptions column={1} size="small">
                  <Descriptions.Item label="项目">
                    <Link to={`/projects/${data.projectId}`}>{data.projectName ?? data.projectId}</Link>
                  </Descriptions.Item>
                  <Descriptions.Item label="类型">{nameOf(FINDING_KIND_NAMES, data.kind)}</Descriptions.Item>
                  <Descriptions.Item label="类别">{nameOf(HAZARD_CATEGORY_NAMES, data.category)}</Descriptions.Item>
                  <Descriptions.Item label="等级">{nameOf(SEVERITY_NAMES, data.severity)}</Descriptions.Item>
                  <Descriptions.Item label="发现日期">{data.foundOn}</Descriptions.Item>
                  <Descriptions.Item label="整改期限">{data.deadline}</Descriptions.Item>
                  <Descriptions.Item label="状态">
                    <Tag>{nameOf(HAZARD_STATUS_NAMES, data.status)}</Tag>
                    {data.overdue && <Tag color="red">逾期</Tag>}
                  </Descriptions.Item>
                </Descriptions>
              </Card>
              <Card title="整改材料" size="small">
                <List<DocumentRecord>
                  dataSource={data.documents ?? []}
                  locale={{ emptyText: '责任单位尚未上传整改材料' }}
                  renderItem={(document) => (
                    <List.Item
                      actions={[
                        <Button key="view" size="small" onClick={() => setSelected(document)}>
                          在右侧查看
                        </Button>,
                      ]}
                    >
                      <List.Item.Meta
                        title={document.fileName}
                        description={`${nameOf(DOCUMENT_TYPE_NAMES, document.docType)} · ${nameOf(DOCUMENT_STATUS_NAMES, document.status)}`}
                      />
                    </List.Item>
                  )}
                />
              </Card>
              <Card title="验收记录" size="small">
                {data.verifications?.length ? (
                  <Timeline
                    items={data.verifications.map((verification, index) => ({
                      key: index,
                      color: verification.result === 'accepted' ? 'green' : 'red',
                      content: `${verification.date} ${verification.result === 'accepted' ? '验收合格' : '验收不合格'}${verification.note ? `：${verification.note}` : ''}`,
                    }))}
                  />
                ) : (
                  <Alert type="info" title="尚无验收记录" />
                )}
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card title="材料查看" size="small">
                <EvidenceViewer document={selected ?? data.documents?.[0]} />
              </Card>
            </Col>
          </Row>
        )}
      </QueryState>
    </Page>
  );
}
