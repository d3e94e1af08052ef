import { CheckCircleTwoTone, ExclamationCircleTwoTone } from '@ant-design/icons';
import { List, Tag, Typography } from 'antd';
import type { Condition } from '@/lib/api/views';
import { CONDITION_NAMES } from '@/lib/vocabulary';

/** The six conditions (SPEC §2.1), each met or not, with its explanation and the records that made it so. */
export function ConditionsList(props: { conditions: Condition[] }) {
  return (
    <List<Condition>
      dataSource={props.conditions}
      renderItem={(condition) => (
        <List.Item data-condition={condition.id} data-met={condition.met}>
          <List.Item.Meta
            avatar={
              condition.met ? (
                <ExclamationCircleTwoTone twoToneColor="#cf1322" aria-label="符合" />
              ) : (
                <CheckCircleTwoTone twoToneColor="#389e0d" aria-label="不符合" />
              )
            }
            title={
              <>
                <Tag color={condition.met ? 'red' : 'green'}>{condition.met ? '符合' : '不符合'}</Tag>
                {CONDITION_NAMES[condition.id] ?? condition.id}
              </>
            }
            description={
              <>
                <Typography.Paragraph className="condition-explanation">{condition.explanation}</Typography.Paragraph>
                {condition.evidence.length > 0 && (
                  <Typography.Text type="secondary">
                    依据记录：<span className="hash">{condition.evidence.join('、')}</span>
                  </Typography.Text>
                )}
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}
