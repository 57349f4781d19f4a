import { dropDatabase, templateName } from './databases';

export default async function globalTeardown(): Promise<void> {
  await dropDatabase(templateName());
}
