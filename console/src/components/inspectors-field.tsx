import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Space } from 'antd';

/**
 * The names of the officers who inspect (or assess) together: two at least, each once (双人执法: an inspection, and a
 * government assessment made on one, is valid only with two law-enforcement officers present). Used inside a Form;
 * `noun` names them on this screen (检查人员, 评估人员), `activity` what they do (执法检查, 政府评估).
 */
export function InspectorsField(props: { name: string; noun: string; activity: string }) {
  const { name, noun, activity } = props;
  return (
    <Form.List
      name={name}
      rules={[
        {
          validator: async (_, names: string[] = []) => {
            const filled = names.filter((entry) => entry?.trim());
            if (filled.length < 2) throw new Error(`${activity}须由两名以上检查人员进行（双人执法）`);
            if (new Set(filled.map((entry) => entry.trim())).size !== filled.length) {
              throw new Error('同一检查人员不能重复填写');
            }
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((field, index) => (
            <Form.Item key={field.key} label={`${noun} ${index + 1}`} required={index < 2}>
              <Space.Compact className="full-width">
                <Form.Item
                  name={field.name}
                  noStyle
                  rules={[{ required: index < 2, whitespace: true, message: `请填写${noun}姓名` }]}
                >
                  <Input placeholder="姓名" aria-label={`${noun} ${index + 1}`} />
                </Form.Item>
                {fields.length > 2 && (
                  <Button
                    icon={<DeleteOutlined />}
                    aria-label={`删除${noun} ${index + 1}`}
                    onClick={() => remove(field.name)}
                  />
                )}
              </Space.Compact>
            </Form.Item>
          ))}
          <Form.ErrorList errors={errors} />
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add('')}>
            添加{noun}
          </Button>
        </>
      )}
    </Form.List>
  );
}
