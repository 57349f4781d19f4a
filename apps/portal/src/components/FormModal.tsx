import { useId, type ReactNode } from 'react';
import { Form, Modal, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from './ProblemAlert';

interface FormModalProps<V> {
  open: boolean;
  title: ReactNode;
  form: FormInstance<V>;
  pending: boolean;
  error: unknown;
  onSubmit: (values: V) => void;
  onCancel: () => void;
  /** called once the modal is closed: reset the form and the mutation there */
  afterClose?: () => void;
  initialValues?: Partial<V>;
  okText?: ReactNode;
  width?: number;
  /** the form's name: prefixes its fields' ids, so two dialogs of a page never share an id */
  name?: string;
  children: ReactNode;
}

/** The first field a keyboard user would type into. */
const FIRST_FIELD = 'input:not([type="hidden"]):not([disabled]), textarea:not([disabled]), [role="combobox"]:not([aria-disabled="true"])';

/**
 * A Modal around a vertical antd Form. The OK button is the form's submit button, so Enter
 * in a field submits and the form rules run first; in a text area (where Enter is a new
 * line) Ctrl+Enter submits. On opening, the first field has the focus, so a keyboard user
 * types straight away; Escape cancels and the focus goes back to the button that opened it.
 */
export function FormModal<V extends object>(props: FormModalProps<V>) {
  const { t } = useTranslation();
  const formId = useId();
  return (
    <Modal
      open={props.open}
      title={props.title}
      width={props.width ?? 560}
      forceRender
      okText={props.okText ?? t('common.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: formId, loading: props.pending }}
      onCancel={props.onCancel}
      afterClose={() => {
        props.form.resetFields();
        props.afterClose?.();
      }}
      mask={{ closable: !props.pending }}
      afterOpenChange={(open) => {
        if (!open) return;
        const field = document.getElementById(formId)?.querySelector<HTMLElement>(FIRST_FIELD);
        field?.focus();
      }}
    >
      <ProblemAlert error={props.error} />
      <Form<V>
        id={formId}
        name={props.name}
        form={props.form}
        layout="vertical"
        initialValues={props.initialValues}
        onFinish={props.onSubmit}
        disabled={props.pending}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && (e.target as HTMLElement).tagName === 'TEXTAREA') {
            e.preventDefault();
            props.form.submit();
          }
        }}
      >
        {props.children}
      </Form>
    </Modal>
  );
}
