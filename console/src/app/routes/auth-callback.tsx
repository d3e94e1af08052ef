import { Alert, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { chineseMessage } from '@/lib/api/problem';

/** `/console/auth/callback`: where the Cognito hosted UI returns with the authorization code. */
export function Component() {
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    import('@/lib/auth/cognito')
      .then(({ completeCognitoSignIn }) => completeCognitoSignIn())
      .then((returnTo) => navigate(returnTo.replace(/^\/console/, '') || '/', { replace: true }))
      .catch(setError);
  }, [navigate]);
  return (
    <main className="sign-in-page">
      {error ? (
        <Alert type="error" showIcon title="登录失败" description={chineseMessage(error)} />
      ) : (
        <Spin description="正在登录…" />
      )}
    </main>
  );
}
