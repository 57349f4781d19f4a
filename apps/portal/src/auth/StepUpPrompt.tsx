import { useEffect, useRef, useState } from 'react';
import { Modal, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { setStepUpHandler } from '../api/http';
import { securityApi } from '../api/organisations';
import { CodeForm } from '../components/security/CodeForm';
import { ProblemAlert } from '../components/ProblemAlert';

/**
 * Answers the API's 403 STEP_UP_REQUIRED (revealing an identity, creating an API key, resetting a
 * factor): asks for the authenticator code, proves it, and lets the request be sent again.
 */
export function StepUpPrompt() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const waiting = useRef<((proven: boolean) => void) | null>(null);
  const prove = useMutation({
    mutationFn: (code: string) => securityApi.stepUp(code),
    onSuccess: () => finish(true),
  });

  function finish(proven: boolean) {
    setOpen(false);
    waiting.current?.(proven);
    waiting.current = null;
    prove.reset();
  }

  useEffect(() => {
    setStepUpHandler(
      () =>
        new Promise<boolean>((resolve) => {
          waiting.current = resolve;
          setOpen(true);
        }),
    );
    return () => setStepUpHandler(null);
  }, []);

  return (
    <Modal open={open} title={t('security.stepUpTitle')} footer={null} onCancel={() => finish(false)} destroyOnHidden width={380}>
      <Typography.Paragraph type="secondary">{t('security.stepUpHint')}</Typography.Paragraph>
      <ProblemAlert error={prove.error} />
      <CodeForm onSubmit={(code) => prove.mutate(code)} pending={prove.isPending} />
    </Modal>
  );
}
