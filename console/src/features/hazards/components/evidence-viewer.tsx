import { ExportOutlined, FileImageOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Skeleton, Tag } from 'antd';
import { chineseMessage } from '@/lib/api/problem';
import type { DocumentRecord } from '@/lib/api/views';
import { formatTimestamp } from '@/lib/dates';
import { documentContentPath, imageAsDataUrl, openDocument } from '@/lib/documents';
import { DOCUMENT_STATUS_NAMES, DOCUMENT_TYPE_NAMES, nameOf } from '@/lib/vocabulary';

const STATUS_COLORS: Record<string, string> = { pending: 'gold', accepted: 'green', rejected: 'red' };

/** An accepted image, read through the API's presigned URL and shown as a `data:` URL (the page's CSP). */
function EvidenceImage(props: { document: DocumentRecord }) {
  const image = useQuery({
    queryKey: ['document', props.document.id, 'image'],
    queryFn: () => imageAsDataUrl(props.document.id),
    // the presigned URL lasts minutes; the bytes, once read, are the document's for good
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  if (image.isPending) return <Skeleton.Image active className="evidence-skeleton" />;
  if (image.isError) {
    return <Alert type="error" showIcon title="材料读取失败" description={chineseMessage(image.error)} />;
  }
  return (
    <img
      className="evidence-image"
      src={image.data}
      alt={`整改材料：${props.document.fileName}`}
      data-evidence-image={props.document.id}
    />
  );
}

/**
 * One uploaded document beside the verification form: an image inline, a PDF in a tab of its own (the console's
 * Content-Security-Policy allows no frames), a document not accepted with its status and why.
 */
export function EvidenceViewer(props: { document: DocumentRecord | undefined }) {
  const { message } = App.useApp();
  const { document } = props;
  if (!document) return <Empty description="责任单位尚未上传整改材料" />;
  const open = () =>
    openDocument(documentContentPath(document.id)).catch((error) => message.error(chineseMessage(error)));
  return (
    <div className="evidence" data-evidence={document.id}>
      <div className="evidence-head">
        <div>
          <div className="evidence-name">{document.fileName}</div>
          <div className="secondary-text">
            {nameOf(DOCUMENT_TYPE_NAMES, document.docType)} · {document.unit.name ?? document.unit.creditCode} · 上传于{' '}
            {formatTimestamp(document.uploadedAt)}
          </div>
        </div>
        <Tag color={STATUS_COLORS[document.status]}>{nameOf(DOCUMENT_STATUS_NAMES, document.status)}</Tag>
      </div>
      {document.status !== 'accepted' ? (
        <Alert
          type={document.status === 'rejected' ? 'error' : 'info'}
          showIcon
          title={document.status === 'rejected' ? '材料未通过核验' : '材料正在核验'}
          description={
            document.status === 'rejected'
              ? `退回原因：${document.reason ?? '—'}。责任单位须重新上传。`
              : '核验（文件类型、大小、SHA-256）通过后即可查看。'
          }
        />
      ) : document.contentType === 'application/pdf' ? (
        <div className="evidence-pdf">
          <FilePdfOutlined className="evidence-pdf-icon" aria-hidden />
          <p>PDF 材料在新标签页中打开，可与本页并排查看。</p>
          <Button type="primary" icon={<ExportOutlined />} onClick={() => void open()}>
            打开 PDF
          </Button>
        </div>
      ) : (
        <>
          <EvidenceImage document={document} />
          <Button size="small" icon={<FileImageOutlined />} onClick={() => void open()}>
            原图（新标签页）
          </Button>
        </>
      )}
    </div>
  );
}
