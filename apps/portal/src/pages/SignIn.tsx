import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate, type Location } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { ProblemAlert } from '../components/ProblemAlert';
import { LanguageSwitch } from '../layout/LanguageSwitch';

interface SignInForm {
  username: string;
  password: string;
}

interface SignInState {
  from?: Location;
}

export default function SignInPage() {
  const { t } = useTranslation();
  const { signedIn, expired, signIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as SignInState;
  const target = state.from && state.from.pathname !== '/sign-in' ? state.from : { pathname: '/' };

  const mutation = useMutation({
    mutationFn: (v: SignInForm) => signIn(v.username.trim(), v.password),
    onSuccess: () => navigate(target, { replace: true }),
  });

  if (signedIn && !mutation.isPending && !mutation.isSuccess) return <Navigate to="/" replace />;

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', background: '#f0f2f5', padding: 16 }}>
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <LanguageSwitch />
      </div>
      <Card style={{ width: 400, maxWidth: '100%' }}>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
          {t('app.name')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('signIn.subtitle')}</Typography.Paragraph>
        {expired && !mutation.error ? (
          <Alert type="info" showIcon title={t('signIn.sessionExpired')} style={{ marginBottom: 16 }} />
        ) : null}
        <ProblemAlert error={mutation.error} />
        <Form<SignInForm>
          layout="vertical"
          requiredMark={false}
          onFinish={(v) => mutation.mutate(v)}
          disabled={mutation.isPending}
          aria-label={t('signIn.title')}
        >
          <Form.Item
            label={t('signIn.username')}
            name="username"
            rules={[{ required: true, whitespace: true, message: t('signIn.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="sign-in-username" />
          </Form.Item>
          <Form.Item
            label={t('signIn.password')}
            name="password"
            rules={[{ required: true, message: t('signIn.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="sign-in-password" />
          </Form.Item>
          <Form.Item style={{ marginBottom: 0 }}>
            <Button type="primary" htmlType="submit" block loading={mutation.isPending} data-testid="sign-in-submit">
              {t('signIn.submit')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
    </Flex>
  );
}
