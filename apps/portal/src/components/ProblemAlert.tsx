import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http';
import { errorMessage } from '../lib/errors';

/** Shows an API error (problem+json detail and field errors) as an antd Alert. */
export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const fieldErrors = error instanceof ApiError ? (error.problem.errors ?? []) : [];
  const detail = errorMessage(error, t);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={title ?? detail}
      description={
        title || fieldErrors.length ? (
          <>
            {title ? <div>{detail}</div> : null}
            {fieldErrors.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {fieldErrors.map((e, i) => (
                  <li key={`${e.field}-${i}`}>
                    <code>{e.field}</code>: {e.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        ) : undefined
      }
    />
  );
}
