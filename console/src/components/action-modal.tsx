import { App, Button, Form, Modal } from 'antd';
import { useState } from 'react';
import { showFieldProblems } from '@/lib/api/form-problems';

/** A button that opens a small form, submits it, and shows the API's refusal beside the field or as a message. */
export function ActionModal<Values extends object>(props: {
  label: string;
  title: string;
  okText: string;
  danger?: boolean;
  primary?: boolean;
  pending: boolean;
  initialValues?: Partial<Values>;
  submit: (values: Values) => Promise<unknown>;
  success: string;
  children: React.ReactNode;
}) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  return (
    <>
      <Button type={props.primary ? 'primary' : 'default'} danger={props.danger ?? false} onClick={() => setOpen(true)}>
        {props.label}
      </Button>
      <Modal
        title={props.title}
        open={open}
        okText={props.okText}
        cancelText="取消"
        okButtonProps={{ danger: props.danger ?? false }}
        confirmLoading={props.pending}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form<Values>
          form={form}
          layout="vertical"
          {...(props.initialValues ? { initialValues: props.initialValues } : {})}
          onFinish={(values) =>
            props
              .submit(values)
              .then(() => {
                message.success(props.success);
                setOpen(false);
              })
              .catch((error: unknown) => {
                const rest = showFieldProblems(form, error);
                if (rest.length) message.error(rest.join('；'));
              })
          }
        >
          {props.children}
        </Form>
      </Modal>
    </>
  );
}

/** The rules of a decision's reason (dismiss, extend): required, at most 2000 characters as the API takes it. */
export const reasonRules = [
  { required: true, whitespace: true, message: '请填写理由' },
  { max: 2000, message: '最多 2000 字' },
];
