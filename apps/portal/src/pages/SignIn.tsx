import { useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate, type Location } from 'react-router-dom';
import { ApiError } from '../api/http';
import { authApi } from '../api/organisations';
import type { Me } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { CodeForm } from '../components/security/CodeForm';
import { EnrolFactor, RecoveryCodesList } from '../components/security/EnrolFactor';
import { ProblemAlert } from '../components/ProblemAlert';
import { LanguageSwitch } from '../layout/LanguageSwitch';

interface SignInForm {
  username: string;
  password: string;
}

/** The password was right; the API asks for the second factor (stage code) or its set-up first (stage enrol). */
interface Challenge {
  stage: 'code' | 'enrol';
  token: string;
}

function challengeOf(error: unknown): Challenge | null {
  if (!(error instanceof ApiError) || error.problem.code !== 'SECOND_FACTOR_REQUIRED') return null;
  const p = error.problem as { stage?: 'code' | 'enrol'; secondFactorToken?: string };
  return p.stage && p.secondFactorToken ? { stage: p.stage, token: p.secondFactorToken } : null;
}

interface SignInState {
  from?: Location;
}

export default function SignInPage() {
  const { t } = useTranslation();
  const { signedIn, expired, signIn, adopt } = useAuth();
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as SignInState;
  const target = state.from && state.from.pathname !== '/sign-in' ? state.from : { pathname: '/' };

  const mutation = useMutation({
    mutationFn: (v: SignInForm) => signIn(v.username.trim(), v.password),
    onSuccess: () => navigate(target, { replace: true }),
    onError: (error) => setChallenge(challengeOf(error)),
  });
  const withCode = useMutation({
    mutationFn: (code: string) => authApi.signInWithCode(challenge!.token, code),
    onSuccess: (pair) => {
      adopt({ ...pair, user: pair.user as Me });
      navigate(target, { replace: true });
    },
  });
  const enrolment = useMutation({ mutationFn: () => authApi.beginEnrolmentAtSignIn(challenge!.token) });
  const confirmEnrolment = useMutation({
    mutationFn: (code: string) => authApi.confirmEnrolmentAtSignIn(challenge!.token, code),
    // The session starts once the codes are read (the page would otherwise leave at once).
    onSuccess: (pair) => setRecoveryCodes(pair.recoveryCodes ?? []),
  });
  const restart = () => {
    setChallenge(null);
    mutation.reset();
    withCode.reset();
    enrolment.reset();
    confirmEnrolment.reset();
  };

  const busy = mutation.isPending || mutation.isSuccess || withCode.isPending || withCode.isSuccess || confirmEnrolment.isSuccess;
  if (signedIn && !busy) return <Navigate to="/" replace />;

  const secondStep = challenge ? (
    <Flex vertical gap={12} data-testid={`second-factor-step-${challenge.stage}`}>
      <Typography.Title level={2} style={{ fontSize: 20, margin: 0 }}>
        {challenge.stage === 'code' ? t('security.codeTitle') : t('security.enrolTitle')}
      </Typography.Title>
      {recoveryCodes && confirmEnrolment.data ? (
        <RecoveryCodesList
          codes={recoveryCodes}
          onDone={() => {
            adopt({ ...confirmEnrolment.data, user: confirmEnrolment.data.user as Me });
            navigate(target, { replace: true });
          }}
        />
      ) : challenge.stage === 'code' ? (
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('security.codeHint')}
          </Typography.Paragraph>
          <ProblemAlert error={withCode.error} />
          <CodeForm onSubmit={(code) => withCode.mutate(code)} pending={withCode.isPending} />
        </>
      ) : enrolment.data ? (
        <>
          <ProblemAlert error={confirmEnrolment.error} />
          <EnrolFactor enrolment={enrolment.data} onConfirm={(code) => confirmEnrolment.mutate(code)} pending={confirmEnrolment.isPending} />
        </>
      ) : (
        <>
          <Alert type="info" showIcon title={t('security.enrolRequired')} />
          <ProblemAlert error={enrolment.error} />
          <Button type="primary" onClick={() => enrolment.mutate()} loading={enrolment.isPending} data-testid="second-factor-enrol-start">
            {t('security.enrolStart')}
          </Button>
        </>
      )}
      <Button type="link" onClick={restart} style={{ alignSelf: 'flex-start', padding: 0 }}>
        {t('security.back')}
      </Button>
    </Flex>
  ) : null;

  return (
    <Flex component="main" vertical align="center" justify="center" style={{ minHeight: '100vh', background: '#f0f2f5', padding: 16 }}>
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <LanguageSwitch />
      </div>
      <Card style={{ width: 400, maxWidth: '100%' }}>
        {/* The page's one h1, in the size of the card's title. */}
        <Typography.Title level={1} style={{ marginTop: 0, marginBottom: 4, fontSize: 24 }}>
          {t('app.name')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('signIn.subtitle')}</Typography.Paragraph>
        {expired && !mutation.error ? (
          <Alert type="info" showIcon title={t('signIn.sessionExpired')} style={{ marginBottom: 16 }} />
        ) : null}
        {secondStep}
        {challenge ? null : <ProblemAlert error={mutation.error} />}
        {challenge ? null : (
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
        )}
      </Card>
    </Flex>
  );
}
