import { SafetyCertificateOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Spin, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { TimelineEntry } from '@/lib/api/views';
import { formatTimestamp } from '@/lib/dates';
import { type ChainVerdict, verifyChain } from '@/lib/timeline-chain';
import { nameOf, TIMELINE_ACTION_NAMES } from '@/lib/vocabulary';

function actorName(actor: string): string {
  if (actor.startsWith('user:')) return actor.slice(5);
  if (actor.startsWith('link:')) return '参建单位（上传链接）';
  if (actor.startsWith('system:')) return '系统';
  return actor;
}

/**
 * The case's timeline (append-only, hash-chained): every entry with who, when, what and the records it cites, and
 * above it the chain checked here in the browser with WebCrypto — not taken on the server's word.
 */
export function CaseTimeline(props: { entries: TimelineEntry[] }) {
  const [verdict, setVerdict] = useState<ChainVerdict | undefined>();
  useEffect(() => {
    let current = true;
    setVerdict(undefined);
    verifyChain(props.entries).then((result) => {
      if (current) setVerdict(result);
    });
    return () => {
      current = false;
    };
  }, [props.entries]);
  return (
    <>
      {!verdict ? (
        <Spin description="正在校验哈希链…" />
      ) : verdict.intact ? (
        <Alert
          type="success"
          showIcon
          icon={<SafetyCertificateOutlined />}
          data-chain="intact"
          title={`哈希链校验通过：${verdict.entries} 条记录均未被改动（浏览器本地 SHA-256 校验）`}
        />
      ) : (
        <Alert
          type="error"
          showIcon
          icon={<WarningOutlined />}
          data-chain="broken"
          title="哈希链校验未通过：记录可能被改动"
          description={verdict.reason}
        />
      )}
      <Timeline
        className="case-timeline"
        items={[...props.entries].reverse().map((entry) => ({
          key: entry.seq,
          color: entry.action.includes('escalat') || entry.action.includes('overdue') ? 'red' : 'blue',
          content: (
            <div>
              <Typography.Text strong>{nameOf(TIMELINE_ACTION_NAMES, entry.action)}</Typography.Text>
              <Typography.Text type="secondary">
                {' '}
                · {formatTimestamp(entry.at)} · {actorName(entry.actor)}
              </Typography.Text>
              {entry.evidence.length > 0 && (
                <div>
                  <Typography.Text type="secondary">依据：</Typography.Text>
                  <span className="hash">{entry.evidence.join('、')}</span>
                </div>
              )}
              <div className="hash" title="本条记录的 SHA-256">
                #{entry.seq} {entry.hash.slice(0, 16)}…
              </div>
            </div>
          ),
        }))}
      />
    </>
  );
}
