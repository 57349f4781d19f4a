import type { FormInstance, FormProps } from 'antd';

type ScrollFocusOptions = Exclude<FormProps['scrollToFirstError'], boolean | undefined>;

/**
 * How every form of the portal answers a submit with faults: the first field at fault is scrolled
 * to the middle of the view and takes the focus, so the person sees what is missing and types
 * straight into it. Set once on the ConfigProvider (app.tsx), so every <Form> — new ones too —
 * gets it without saying so.
 */
export const FIRST_ERROR: ScrollFocusOptions = { block: 'center', focus: true };

/**
 * Validates like a submit does, for forms that validate from their own button rather than by
 * submitting (antd scrolls only on a failed onFinish): on faults, the first one is scrolled to and
 * focused and the promise rejects.
 */
export async function validateOrFocus<V>(form: FormInstance<V>): Promise<V> {
  try {
    return await form.validateFields();
  } catch (error) {
    const first = (error as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
    if (first) form.scrollToField(first.name, FIRST_ERROR);
    throw error;
  }
}
