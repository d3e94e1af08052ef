import { Alert, Card, Col, Descriptions, Row, Segmented, Space, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Page } from '@/components/page';
import { QueryState } from '@/components/query-state';
import type { HazardDetail } from '@/lib/api/views';
import { formatTimestamp } from '@/lib/dates';
import {
  FINDING_KIND_NAMES,
  HAZARD_CATEGORY_NAMES,
  HAZARD_STATUS_NAMES,
  INSPECTION_KIND_NAMES,
  nameOf,
  SEVERITY_NAMES,
  UNIT_ROLE_NAMES,
} from '@/lib/vocabulary';
import { useHazard } from '../api/hazards';
import { EvidenceViewer } from '../components/evidence-viewer';
import { RefuseHazardButton, VerificationForm } from '../components/verify-hazard';

function Facts(props: { hazard: HazardDetail }) {
  const { hazard } = props;
  return (
    <Descriptions column={1} size="small">
      <Descriptions.Item label="项目">
        <Link to={`/projects/${hazard.projectId}`}>{hazard.projectName}</Link>
      </Descriptions.Item>
      <Descriptions.Item label="责任单位">
        {hazard.unit.name ?? hazard.unit.creditCode}
        {hazard.unit.role ? `（${nameOf(UNIT_ROLE_NAMES, hazard.unit.role)}）` : ''}
      </Descriptions.Item>
      <Descriptions.Item label="类型">{nameOf(FINDING_KIND_NAMES, hazard.kind)}</Descriptions.Item>
      <Descriptions.Item label="类别 · 等级">
        {nameOf(HAZARD_CATEGORY_NAMES, hazard.category)} ·{' '}
        <Tag color={hazard.severity === 'major' ? 'red' : 'orange'}>{nameOf(SEVERITY_NAMES, hazard.severity)}</Tag>
      </Descriptions.Item>
      <Descriptions.Item label="发现">
        {hazard.foundOn}
        {hazard.inspection ? `（${nameOf(INSPECTION_KIND_NAMES, hazard.inspection.kind)}）` : ''}
      </Descriptions.Item>
      <Descriptions.Item label="整改期限">{hazard.deadline}</Descriptions.Item>
      <Descriptions.Item label="状态">
        <span data-hazard-status={hazard.status}>
          <Tag>{nameOf(HAZARD_STATUS_NAMES, hazard.status)}</Tag>
        </span>
        {hazard.overdue && <Tag color="red">逾期</Tag>}
      </Descriptions.Item>
    </Descriptions>
  );
}

function History(props: { hazard: HazardDetail }) {
  const { verifications, history } = props.hazard;
  if (verifications.length === 0 && history.length === 0) return <Alert type="info" title="尚无验收记录" />;
  return (
    <Timeline
      items={[
        ...verifications.map((verification) => ({
          key: `v-${verification.at}`,
          color: verification.result === 'accepted' ? 'green' : 'red',
          content: (
            <>
              <div>
                {verification.date} {verification.result === 'accepted' ? '验收合格' : '验收不合格'}（{verification.by}
                ）
              </div>
              {verification.note && <div className="secondary-text">{verification.note}</div>}
            </>
          ),
        })),
        ...history
          .filter((entry) => entry.status === 'refused')
          .map((entry) => ({
            key: `h-${entry.at}`,
            color: 'red',
            content: `${entry.on} 标记为拒不整改（${entry.by}）${entry.note ? `：${entry.note}` : ''}`,
          })),
      ]}
    />
  );
}

/**
 * 隐患整改验收: the hazard and its verifications on one side, the evidence the unit uploaded on the other (images
 * inline, PDFs in a tab beside), so the inspector verifies with the material in view. On a phone they stack:
 * evidence first, then the form.
 */
export function Component() {
  const { hazardId = '' } = useParams();
  const hazard = useHazard(hazardId);
  const [selected, setSelected] = useState<string | undefined>();
  return (
    <QueryState query={hazard} what="隐患详情">
      {(data) => {
        const documents = data.documents;
        const shown = documents.find((document) => document.id === selected) ?? documents[0];
        return (
          <Page
            title="隐患整改验收"
            subTitle={data.description}
            crumbs={[
              { title: '工程项目', to: '/projects' },
              { title: data.projectName, to: `/projects/${data.projectId}` },
              { title: '隐患整改验收' },
            ]}
          >
            <Row gutter={[16, 16]}>
              <Col xs={{ span: 24, order: 2 }} lg={{ span: 10, order: 1 }}>
                <Card title="隐患" size="small" extra={<RefuseHazardButton hazard={data} />}>
                  <Facts hazard={data} />
                </Card>
                <Card title="验收" size="small" className="stacked-card">
                  {data.status === 'accepted' ? (
                    <Alert type="success" showIcon title="该隐患已验收闭合" />
                  ) : (
                    <VerificationForm hazard={data} />
                  )}
                </Card>
                <Card title="验收记录" size="small" className="stacked-card">
                  <History hazard={data} />
                </Card>
              </Col>
              <Col xs={{ span: 24, order: 1 }} lg={{ span: 14, order: 2 }}>
                <Card
                  title={`整改材料（${documents.length}）`}
                  size="small"
                  className="evidence-card"
                  extra={
                    documents.length > 1 ? (
                      <Segmented
                        size="small"
                        aria-label="选择整改材料"
                        value={shown?.id}
                        onChange={(value) => setSelected(String(value))}
                        options={documents.map((document, index) => ({
                          value: document.id,
                          label: `材料 ${index + 1}`,
                          title: `${document.fileName}（${formatTimestamp(document.uploadedAt)}）`,
                        }))}
                      />
                    ) : undefined
                  }
                >
                  <Space orientation="vertical" className="full-width">
                    <EvidenceViewer document={shown} />
                  </Space>
                </Card>
              </Col>
            </Row>
          </Page>
        );
      }}
    </QueryState>
  );
}
