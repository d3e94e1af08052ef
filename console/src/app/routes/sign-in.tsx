import { LoginOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Radio, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { chineseMessage } from '@/lib/api/problem';
import { type Role, useSession } from '@/lib/auth/session';
import { signInLocally, startSignIn } from '@/lib/auth/sign-in';
import { config } from '@/lib/config';

/** Where to go after signing in: a console path from `?returnTo=`, never another site. */
function safeReturn(value: string | null): string {
  return value?.startsWith('/') && !value.startsWith('//') ? value : '/';
}

/**
 * Sign-in. In AWS: a button to the Cognito hosted UI (authorization code + PKCE). On the local twin: choose a role
 * and a name, and the twin mints a token (`POST /_local/tokens`).
 */
export function Component() {
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const returnTo = safeReturn(params.get('returnTo'));
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  if (session) return <Navigate to={returnTo} replace />;
  const local = config().auth === 'local';

  async function submit(values: { role: Role; name: string }) {
    setBusy(true);
    setError(undefined);
    try {
      await signInLocally(values.role, values.name);
      navigate(returnTo, { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in-page">
      <Card className="sign-in-card">
        <Typography.Title level={1} className="sign-in-title">
          建筑施工安全差别化监管
        </Typography.Title>
        <Typography.Paragraph type="secondary">管理端 · 检查员与负责人登录</Typography.Paragraph>
        {error ? <Alert type="error" showIcon title="登录失败" description={chineseMessage(error)} /> : null}
        {local ? (
          <Form<{ role: Role; name: string }>
            layout="vertical"
            initialValues={{ role: 'inspector', name: '' }}
            onFinish={(values) => void submit(values)}
            requiredMark={false}
          >
            <Alert
              type="info"
              showIcon
              className="sign-in-note"
              title="本地环境：选择角色并填写姓名即可登录（令牌由本地网关签发）。"
            />
            <Form.Item name="role" label="角色">
              <Radio.Group optionType="button" buttonStyle="solid">
                <Radio.Button value="inspector">检查员</Radio.Button>
                <Radio.Button value="officer">负责人</Radio.Button>
              </Radio.Group>
            </Form.Item>
            <Form.Item
              name="name"
              label="姓名"
              rules={[
                { required: true, whitespace: true, message: '请填写姓名' },
                { max: 50, message: '最多 50 个字' },
              ]}
            >
              <Input autoComplete="name" placeholder="例如：李检查员" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} icon={<LoginOutlined />}>
              登录
            </Button>
          </Form>
        ) : (
          <Button
            type="primary"
            block
            size="large"
            icon={<LoginOutlined />}
            loading={busy}
            onClick={() => {
              setBusy(true);
              startSignIn(`/console${returnTo}`).catch((caught) => {
                setBusy(false);
                setError(caught);
              });
            }}
          >
            统一身份认证登录
          </Button>
        )}
      </Card>
    </main>
  );
}
